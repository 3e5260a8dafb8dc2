"""The site's URLs and one public page with an inline script, an inline
style and a form, for the page cache's nonce and CSRF tests: no public page
carries an inline script today, and the cache must stay correct when one
does."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from amur_invest.urls import urlpatterns as site_urlpatterns

PAGE = engines["django"].from_string(
    "<script {% csp_nonce_attr %}>document.title = 'inline';</script>"
    "<style {% csp_nonce_attr %}>p { color: red; }</style>"
    '<form method="post">{% csrf_token %}<button>Send</button></form>'
)


def inline_script_page(request):
    if request.method == "POST":
        # Reached only past the CSRF check.
        return HttpResponse("posted", status=201)
    return HttpResponse(PAGE.render({}, request))


urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(path("inline-script/", inline_script_page)),
]
