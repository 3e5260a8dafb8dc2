"""The settings the test suite runs with: the site's own settings, and what
the tests need stated here rather than guessed from the environment or from
whether pytest happens to be imported."""

import os

# The site refuses to start outside debug without a key; tests may run with
# DJANGO_DEBUG=0 to try production behaviour.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-key-never-use-in-production")

from amur_invest.settings import *  # noqa: F403
from amur_invest.settings import DATABASES, STORAGES, TASKS

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The tests commit thousands of times (the migrations that build each
    # worker's database, every transactional test, its flush and the reference
    # data put back after it), and each commit waited for the disk: seconds a
    # browser or concurrency test on a busy machine. A test database has
    # nothing to lose if the server crashes, so commits return at once.
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"

# A real password hash costs a fifth of a second; the tests log in often.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No page or value survives from one test into the next: a test that wants
# the page cache turns it on itself.
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_WARM = False
FRAGMENT_CACHE_SECONDS = 0

# Static files straight from the app folders, as in debug: no collectstatic.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS = True

# Tasks (mail, thumbnails, PDF slides) run at once, inside the test.
TASKS = {
    "default": {
        **TASKS["default"],
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
    }
}
