"""What a visitor sees when the database is unreachable.

Any request can meet a dead database, in a view or in a middleware (sessions,
logins), so the answer is given where every uncaught error ends: Django's
500 handler. A lost connection is not a bug of the page but an outage: the
visitor gets 503 with Retry-After in the language of the address, and a load
balancer can tell the two apart. Persistent connections are health-checked
at the start of each request (CONN_HEALTH_CHECKS), so the site recovers by
itself once PostgreSQL is back, without restarting the workers.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error

RETRY_AFTER_SECONDS = 30


def database_unreachable(error: BaseException | None) -> bool:
    return isinstance(error, OperationalError | InterfaceError)


@requires_csrf_token
def handler500(request):
    if not database_unreachable(sys.exc_info()[1]):
        return server_error(request)
    language = translation.get_language_from_path(request.path_info)
    with translation.override(language or settings.LANGUAGE_CODE):
        # No request context: its processors may need the database.
        body = loader.get_template("503.html").render()
    response = HttpResponseServerError(body)
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response
