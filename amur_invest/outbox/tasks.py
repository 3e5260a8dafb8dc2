"""The one background task that sends the site's email (Django tasks)."""

from django.tasks import task

from amur_invest.outbox import delivery


@task
def send_email(email_id: int) -> bool:
    """Send one OutgoingEmail; on failure, try again later."""
    email = delivery.deliver(email_id)
    if email is None:
        return False
    if email.sent_at is None:
        _retry_later(email)
    return email.sent_at is not None


def _retry_later(email) -> None:
    # The database backend can run a task at a set time; the immediate backend
    # cannot, and there the `send_pending_emails` command does the retrying.
    if email.attempts >= delivery.MAX_ATTEMPTS:
        return
    if not send_email.get_backend().supports_defer:
        return
    send_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
