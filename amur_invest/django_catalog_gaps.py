"""Strings the admin shows that the Russian and Japanese catalogues of Django
6.1, django-tasks-db and django-axes do not translate yet.

Nothing imports this module: the markers only make `makemessages` keep these
strings in our catalogues, which Django reads before its own (LOCALE_PATHS
come first). Drop a line once the library's catalogue carries it.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

gettext_noop("Filter by %(field_name)s")  # the date hierarchy above a list
gettext_noop("- Select an option -")  # the empty choice, e.g. of the actions menu
gettext_noop(", ")  # joins the objects a deletion would take with it
ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", 1)
gettext_noop("Logout")  # the breadcrumb after logging out

# django-tasks-db names its model in English only.
gettext_noop("Task Result")
gettext_noop("Task Results")

# django-axes has a Russian catalogue but no Japanese one; ours serves both.
gettext_noop("access attempt")
gettext_noop("access attempts")
gettext_noop("access attempt expiration")
gettext_noop("access attempt expirations")
gettext_noop("access failure")
gettext_noop("access failures")
gettext_noop("access log")
gettext_noop("access logs")
gettext_noop("Access Attempt")
gettext_noop("Attempt Time")
gettext_noop("Logout Time")
gettext_noop("Failed Logins")
gettext_noop("IP Address")
gettext_noop("User Agent")
gettext_noop("Username")
gettext_noop("Path")
gettext_noop("HTTP Accept")
gettext_noop("GET Data")
gettext_noop("POST Data")
gettext_noop("Form Data")
gettext_noop("Meta Data")
