"""The outbox: every email the site sends, kept as a row until it has gone.

A caller (an application step, an inquiry) keeps its email with `mail.keep`
in its own transaction; the `send_email` task (`tasks`) sends it after the
commit, and `delivery` retries with growing pauses what a failing mail
server refused, as does the `send_pending_emails` command: no mail is lost
and nobody waits for a mail server. Every public form spends one hourly
budget of emails per address (`mail.check_budget`). Staff read the kept
mail in the admin with its secret links masked (`secret_links`), and send
an email again to its recipient by a right of its own.

The outbox names no app: an email points at its owner by a generic key, the
owner declares `kept_mail()` so that its mail goes with it, and may name
its kinds of email (`email_kind_label`).
"""
