"""Settings for Amur Invest, read from the environment.

Without any variable set the site runs in debug on a local SQLite file, so that
`make run` needs nothing. Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and EMAIL_URL.
"""

import datetime
import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from amur_invest.env import (
    envbool,
    envint,
    envlist,
    mailer_from_url,
    next_redis_database,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DJANGO_DEBUG", default=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Outside debug the site needs a secret "
            "key: export DJANGO_SECRET_KEY to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = envlist(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# In debug without SITE_URL, links in emails follow the address being served
# (amur_invest/site_url.py); in production SITE_URL is the only truth.
SITE_URL_FOLLOWS_REQUEST = DEBUG and not os.environ.get("SITE_URL")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    # Django's admin, with the site of amur_invest.staff.site.
    "amur_invest.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "import_export",
    "sorl.thumbnail",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "amur_invest.apps.SiteOperationsConfig",
    "amur_invest.apps.LoginSecurityConfig",
    "amur_invest.apps.BackgroundTasksConfig",
    "amur_invest.staff",
    "amur_invest.outbox",
    "amur_invest.agency",
    "partners",
    "missions",
    "showcase.meetings",
    "exhibitions",
    "showcase",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "amur_invest.site_url.ServedAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "amur_invest.staff.language.StaffLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Both need the user (authentication, OTP) and messages to say why.
    "amur_invest.staff.sessions.StaffSessionLimitsMiddleware",
    "amur_invest.staff.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Inside the CSRF, CSP, session and message middleware, which treat a
    # stored page as any other (fresh nonce, the visitor's CSRF cookie);
    # outside the rest, which a stored page skips.
    "amur_invest.page_cache.PageCacheMiddleware",
    # Reads posted forms: after everything its error pages need (language,
    # staff language, CSP), and, like every __call__, before any
    # process_view (where CSRF reads the form) and before axes.
    "amur_invest.errors.FormBodyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
ROOT_URLCONF = "amur_invest.urls"
WSGI_APPLICATION = "amur_invest.wsgi.application"

# The public site and its emails render through Jinja2 (templates/jinja2/,
# looked up first; see amur_invest/jinja_engine.py); the admin and what it
# shows keep Django's templates (the rest of templates/ and the apps').
TEMPLATES = [
    {
        "NAME": "jinja2",
        "BACKEND": "amur_invest.jinja_engine.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "amur_invest.jinja_engine.environment",
            "libraries": ["partners.jinja_library", "showcase.jinja_library"],
            "context_processors": [
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amur_invest.agency.context_processors.agency",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amur_invest.agency.context_processors.agency",
            ],
        },
    },
]

# Form fields and widgets through Jinja2 where Django ships the templates for
# it (several times faster, same output); the rest through Django's engine.
FORM_RENDERER = "amur_invest.form_renderer.FormRenderer"

# Database: PostgreSQL from DATABASE_URL; a SQLite file only as the embedded
# default for trying the site out.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query it estimates as costly with LLVM first:
    # 0.6 s spent compiling a search of the registrations' list that then
    # runs in 0.2 s. Web requests run short queries once; off, as for
    # most web applications.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every web process, which rate
# limits need), local memory otherwise. The site keeps serving when Redis is
# down: caches miss and rate limits let requests through (fail open) until
# it is back. Whole public pages, which any visitor can multiply, are kept
# apart in "pages" (on Redis the next database, or PAGE_CACHE_REDIS_URL),
# never more than PAGE_CACHE_MAX_ENTRIES of them: however many a crawler or
# a flood makes, the rate-limit counters in "default" stay, and so does the
# pages' generation, kept beside them without expiry (never counted).
PAGE_CACHE_MAX_ENTRIES = envint("PAGE_CACHE_MAX_ENTRIES", 10_000)
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "amur_invest.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "amur_invest.cache.ResilientRedisCache",
            "LOCATION": os.environ.get("PAGE_CACHE_REDIS_URL")
            or next_redis_database(REDIS_URL),
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_MAX_ENTRIES},
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_MAX_ENTRIES},
        },
    }
# Whole public pages for visitors without a session (amur_invest/page_cache.py):
# kept this long at most; a committed change to what public pages show makes them
# stale at once. 0 turns the page cache off.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600)
# X-Page-Cache (hit or miss) on public pages: in debug, or for the bench; never
# told to the public otherwise.
PAGE_CACHE_HEADER = envbool("PAGE_CACHE_HEADER", default=False)
# After a change, a worker (queue "pages") builds these pages and the pages of
# what changed, in every language, so that visitors find them in the cache
# (amur_invest/page_warming.py). Off in debug, where nothing is cached long.
PAGE_CACHE_WARM = envbool("PAGE_CACHE_WARM", default=not DEBUG)
PAGE_CACHE_WARM_URLS = [
    "showcase:home",
    "showcase:invest",
    "partners:company_list",
    "missions:mission_list",
    "exhibitions:exhibition_list",
    "showcase:event_list",
    "showcase:project_list",
    "showcase:site_list",
    "showcase:news_list",
]
# Values several public pages compute from many rows (counts by sector), kept
# as long at most and made stale by the same changes.
FRAGMENT_CACHE_SECONDS = envint("FRAGMENT_CACHE_SECONDS", 3600)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Russian is the default; every public URL carries its language.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Blagoveshchensk and Tokyo share UTC+9.
TIME_ZONE = "Asia/Yakutsk"

MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
MODELTRANSLATION_LANGUAGES = ("ru", "ja", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("ru",),
    "ja": ("en", "ru"),
    "en": ("ru",),
}
# The tabbed admin must work offline and under the CSP: serve jQuery UI ourselves.
# modeltranslation reads the un-prefixed JQUERY_UI_URL setting (not
# MODELTRANSLATION_JQUERY_UI_URL); a relative path goes through staticfiles.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Leaflet's script, styles and marker images come with django-leaflet; only
# its static files are used (its app needs GDAL), served as /static/leaflet/.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    Path(importlib.util.find_spec("leaflet").origin).parent / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In debug whitenoise reads the app folders directly; production serves the
# collected, compressed and hashed files from STATIC_ROOT.
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Photographs are served in the sizes a screen needs (sorl-thumbnail), made
# by a background task after each upload and remembered in the cache and the
# database (amur_invest/images.py). An upload past IMAGE_MAX_PIXELS is refused:
# scaling down costs memory by the pixel, not by the size of the file.
IMAGE_MAX_PIXELS = envint("IMAGE_MAX_PIXELS", 40_000_000)
THUMBNAIL_WIDTHS = (480, 960, 1600)
THUMBNAIL_QUALITY = 82
THUMBNAIL_PRESERVE_FORMAT = True

# Content Security Policy: no inline script without the per-response nonce,
# nothing loaded from other origins.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    # Map tiles of /invest/sites/ (OpenStreetMap); the page stands without them.
    "img-src": [CSP.SELF, "data:", "https://tile.openstreetmap.org"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Mail: EMAIL_URL (smtp://user:password@host:587?tls=1); the console in debug.
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Amur Invest <noreply@amurinvest.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS = {
    "default": mailer_from_url(
        os.environ.get("EMAIL_URL", "console:" if DEBUG else "smtp://localhost:25")
    )
}

# Background work: mail is sent from a task so that a slow or failing mail
# server never blocks or loses a registration. Work that takes long has
# queues of its own, so that mail never waits behind it: "pdf" (presentation
# PDFs become slides) and "thumbnails" (the smaller versions of photographs).
# Production runs a worker for each kind (`make worker`); debug runs tasks at
# once.
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if envbool("TASKS_IMMEDIATE", default=DEBUG)
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default", "pdf", "thumbnails", "pages"],
    }
}

# Staff data exchange: import and export each need their own permission.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploaded spreadsheets: refused above this size, and an XLSX (a zip) is
# refused when its members would unpack past the second limit (zip bombs).
IMPORT_MAX_UPLOAD_BYTES = envint("IMPORT_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
IMPORT_XLSX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# An import checks and saves row by row, twice (preview, then confirm): a file
# is capped in rows so that each step ends well within a web worker's timeout
# (`make bench` measures the time per row).
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 2000)

# Security behind HTTPS in production.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # HSTS: browsers refuse plain HTTP for a year, subdomains included, and
    # the site may be put on the browsers' preload list. Turn the last two off
    # (0) when a subdomain still serves plain HTTP: they are hard to undo.
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("DJANGO_HSTS_PRELOAD", True)
# Load balancers probe over plain HTTP inside the network: no redirect there.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler prints in debug what the root handler
        # prints already: every line twice. No ADMINS are mailed either.
        "django": {"handlers": [], "level": "INFO"},
        # django-axes logs every login at INFO; its access log keeps them
        # anyway, and failures and lockouts come at WARNING.
        "axes": {"level": "WARNING"},
    },
}

# Demo admin account created by `make run` (never in production).
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "amur-demo-2020"

# The client's address, for rate limits, login lockouts and consent records.
# Behind a reverse proxy set CLIENT_IP_META_KEY to the request header holding
# it, e.g. HTTP_X_REAL_IP, or every client shares the proxy's address.
CLIENT_IP_META_KEY = os.environ.get("CLIENT_IP_META_KEY") or None
RATELIMIT_IP_META_KEY = "amur_invest.security.rate_limit_address"
RATELIMIT_FAIL_OPEN = True

# Staff: a second factor (an authenticator app) after the password, required
# outside debug; sessions end after 30 idle minutes and 12 hours in all.
STAFF_TWO_FACTOR = envbool("STAFF_TWO_FACTOR", default=not DEBUG)
OTP_TOTP_ISSUER = "Amur Invest"
# An app is set up only through a set-up link (emailed to the account's
# address, or handed over by a superuser), valid this long and once.
STAFF_ENROLMENT_LINK_HOURS = envint("STAFF_ENROLMENT_LINK_HOURS", 72)
# Wrong codes pause tries per staff member and address with a capped backoff
# (amur_invest/staff/code_attempts.py), not django-otp's per device, which
# paused the account everywhere, for ever longer.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
STAFF_SESSION_IDLE_MINUTES = envint("STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_MAX_HOURS = envint("STAFF_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_HOURS * 3600

# The audit trail of personal data (views, changes, exports, imports) is kept
# this long, then removed by `manage.py purge_audit_trail`.
AUDIT_RETENTION_DAYS = envint("AUDIT_RETENTION_DAYS", 3 * 365)

# Staff logins: after AXES_FAILURE_LIMIT failures in a row for one username
# from one address, that pair may not log in for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "amur_invest.security.client_address"
AXES_LOCKOUT_CALLABLE = "amur_invest.security.login_locked_out"
AXES_VERBOSE = False

# Applications from the public forms (mission registrations, exhibition
# applications) share one workflow. Emails the public forms (these two and
# the investor inquiry) may send to one recipient address in an hour,
# whichever form: they cannot be used to flood a stranger's mailbox.
# (MISSIONS_EMAILS_PER_ADDRESS_PER_HOUR is its older name.) Confirmation
# links expire after 72 hours.
APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = envint(
    "APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR",
    envint("MISSIONS_EMAILS_PER_ADDRESS_PER_HOUR", 5),
)
APPLICATIONS_CONFIRMATION_MAX_AGE = 72 * 3600

# Meetings with Japanese partners (showcase.meetings): a request nobody
# answers lapses after this many hours; each side may have this many of its
# own requests pending or accepted at once.
MEETINGS_REQUEST_LAPSE_HOURS = envint("MEETINGS_REQUEST_LAPSE_HOURS", 120)
MEETINGS_REQUESTS_PER_SENDER = envint("MEETINGS_REQUESTS_PER_SENDER", 12)

# Each public form is rate limited per client address: forms sent, each of
# which emails someone (django-ratelimit counts in the default cache, which
# must be shared between web processes in production: set REDIS_URL).
MISSIONS_REGISTRATION_RATE = os.environ.get("MISSIONS_REGISTRATION_RATE", "10/h")
EXHIBITIONS_APPLICATION_RATE = os.environ.get("EXHIBITIONS_APPLICATION_RATE", "10/h")
# Applicants' personal data is anonymised this many days after their mission
# or exhibition ends (152-FZ: keep personal data no longer than the purpose
# needs).
MISSIONS_ANONYMISE_AFTER_DAYS = envint("MISSIONS_ANONYMISE_AFTER_DAYS", 365)
EXHIBITIONS_ANONYMISE_AFTER_DAYS = envint("EXHIBITIONS_ANONYMISE_AFTER_DAYS", 365)

# Presentations: a PDF staff upload (one per language) becomes one slide per
# page in a background task (queue "pdf"). Files past the size are refused at
# upload; the task refuses more pages than the limit and renders each page
# into a box of PRESENTATION_SLIDE_MAX_PIXELS on its longer side, whatever
# size it claims. A page that takes longer to draw than
# PRESENTATION_PDF_PAGE_SECONDS, or a file longer than
# PRESENTATION_PDF_FILE_SECONDS, fails the conversion with the reason shown.
PRESENTATION_PDF_MAX_BYTES = envint("PRESENTATION_PDF_MAX_BYTES", 30 * 1024 * 1024)
PRESENTATION_PDF_MAX_PAGES = envint("PRESENTATION_PDF_MAX_PAGES", 100)
PRESENTATION_SLIDE_MAX_PIXELS = envint("PRESENTATION_SLIDE_MAX_PIXELS", 1600)
PRESENTATION_PDF_PAGE_SECONDS = envint("PRESENTATION_PDF_PAGE_SECONDS", 20)
PRESENTATION_PDF_FILE_SECONDS = envint("PRESENTATION_PDF_FILE_SECONDS", 300)

# Investor inquiries: the reply the agency promises, in working days
# (Monday to Friday), stated in the acknowledgement email; and how many
# inquiries one client address may send (accepted ones count, not typing
# mistakes), in django-ratelimit's notation.
INQUIRY_REPLY_WORKING_DAYS = envint("INQUIRY_REPLY_WORKING_DAYS", 10)
INQUIRY_RATE = os.environ.get("INQUIRY_RATE", "5/h")

# The federal investment map, searched by a site's cadastral number when the
# site has no page of its own there: `{query}` stands for the number; an
# address without it is linked as it is (the portal's front page). The
# default was not verified against the live portal: check it, or set the
# variable, before going live (README, settings table).
INVESTMENT_MAP_SEARCH_URL = os.environ.get(
    "INVESTMENT_MAP_SEARCH_URL", "https://investprojects.info/search?query={query}"
)
