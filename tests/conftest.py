"""Shared test set-up: the system Chromium for Playwright, LibreOffice Calc,
the local Redis, and loud skips when any is missing."""

import functools
import io
import os
import shutil
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; live_server
# database calls from that thread are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if os.path.exists(candidate):
        return candidate
    return shutil.which("chromium")


REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
START_REDIS = (
    'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" '
    "--appendonly no"
)
REDIS_MISSING = f"Redis does not answer at {REDIS_HOST}:{REDIS_PORT}"
# Fixtures that point the cache at that Redis: a test using one needs it as
# if it carried the `redis` mark.
REDIS_FIXTURES = {"redis_cache"}


@functools.cache
def redis_answers() -> bool:
    import redis

    try:
        return redis.Redis(
            host=REDIS_HOST, port=REDIS_PORT, socket_connect_timeout=1, socket_timeout=1
        ).ping()
    except redis.RedisError:
        return False


def pytest_configure(config):
    empty_tables_by_deleting_their_rows()
    # Before collection, once: under xdist a worker's refusal is unreadable.
    if os.environ.get("REQUIRE_REDIS") == "1" and not redis_answers():
        raise pytest.UsageError(
            f"REQUIRE_REDIS=1 but {REDIS_MISSING}; start it: {START_REDIS}"
        )


def empty_tables_by_deleting_their_rows():
    """After each transactional test (browser, concurrency, migrations) Django
    empties every table with one TRUNCATE, which on PostgreSQL makes new files
    for each of the ~80 tables and their indexes and syncs them to disk: about
    two seconds a test, most of the time of a short browser test. The tables
    hold a few rows by then, and deleting the rows leaves the same empty
    tables in a tenth of the time. Every foreign key Django makes is
    DEFERRABLE INITIALLY DEFERRED, so the order of the deletions does not
    matter: the keys are checked when the flush commits. A flush that resets
    sequences or cascades (no test asks for either) still truncates."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return truncate(
                self,
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        return [
            "SET CONSTRAINTS ALL DEFERRED;",
            *(f"DELETE FROM {self.quote_name(table)};" for table in tables),
        ]

    DatabaseOperations.sql_flush = sql_flush


def pytest_report_header(config):
    path = chromium_path()
    if path:
        browser = f"browser tests: Chromium at {path}"
    else:
        browser = "browser tests: NO CHROMIUM FOUND, browser tests will be SKIPPED"
    if redis_answers():
        redis = f"redis tests: Redis at {REDIS_HOST}:{REDIS_PORT}"
    else:
        redis = f"redis tests: {REDIS_MISSING.upper()}, redis tests will be SKIPPED"
    return [browser, redis]


def pytest_collection_modifyitems(config, items):
    skip_or_require_browser_tests(items)
    skip_or_require_libreoffice_tests(items)
    mark_and_skip_redis_tests(items)


def skip_or_require_browser_tests(items):
    if chromium_path():
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            "REQUIRE_BROWSER=1 but Chromium was not found: install Debian's chromium "
            "or set CHROMIUM=/path/to/chromium."
        )
    skip = pytest.mark.skip(reason="Chromium not found (set CHROMIUM or install it)")
    for item in browser_items:
        item.add_marker(skip)


def libreoffice_required() -> bool:
    """CI (.ci/run) requires LibreOffice Calc as it requires Chromium."""
    return "1" in (
        os.environ.get("REQUIRE_LIBREOFFICE"),
        os.environ.get("REQUIRE_BROWSER"),
    )


def skip_or_require_libreoffice_tests(items):
    office_items = [item for item in items if "libreoffice" in item.keywords]
    if not office_items or shutil.which("soffice"):
        return
    if libreoffice_required():
        raise pytest.UsageError(
            "REQUIRE_LIBREOFFICE=1 (or REQUIRE_BROWSER=1) but soffice was not "
            "found: install Debian's libreoffice-calc-nogui."
        )
    skip = pytest.mark.skip(reason="LibreOffice (soffice) not found")
    for item in office_items:
        item.add_marker(skip)


def mark_and_skip_redis_tests(items):
    """Mark the tests that use the local Redis; skip them when it does not
    answer (REQUIRE_REDIS=1 stopped the run before collection)."""
    redis_items = []
    for item in items:
        if REDIS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.redis)
        if item.get_closest_marker("redis"):
            redis_items.append(item)
    if not redis_items or redis_answers():
        return
    skip = pytest.mark.skip(reason=f"{REDIS_MISSING} (start it: {START_REDIS})")
    for item in redis_items:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not chromium_path():
        terminalreporter.write_sep(
            "!", "BROWSER TESTS WERE SKIPPED: Chromium not found", red=True
        )
    if not shutil.which("soffice"):
        terminalreporter.write_sep(
            "!", "LIBREOFFICE ROUND TRIPS WERE SKIPPED: soffice not found", red=True
        )
    skipped = terminalreporter.stats.get("skipped", [])
    if any(REDIS_MISSING in str(report.longrepr) for report in skipped):
        terminalreporter.write_sep(
            "!", f"REDIS TESTS WERE SKIPPED: {REDIS_MISSING}", red=True
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def reload_data_migrations() -> None:
    """Run the data migrations again (they are idempotent) with the live models."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    editor = SimpleNamespace(connection=connection)
    # With live models the bare translated column is the active language's:
    # migrations run in the default language. One transaction: after a
    # transactional test the connection commits each row on its own, a
    # hundred commits where one does.
    with translation.override("ru"), transaction.atomic():
        for _key, migration in sorted(loader.disk_migrations.items()):
            if migration.app_label not in {
                "partners",
                "missions",
                "exhibitions",
                "showcase",
                "meetings",
                "staff",
            }:
                continue
            for operation in migration.operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, editor)


@pytest.fixture(autouse=True)
def reference_data(request):
    """A transactional test (concurrency, browser) ends by emptying every
    table, including the prefectures, districts, sectors and staff groups the
    migrations create; put them back before the next test that uses the
    database, so no test depends on the order it runs in."""
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue("_django_db_helper")
    put_reference_data_back()


def put_reference_data_back() -> None:
    from django.contrib.auth.models import Group

    from partners.models import Prefecture

    if not (Prefecture.objects.exists() and Group.objects.exists()):
        reload_data_migrations()


@pytest.fixture(scope="class")
def demo_loaded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo, loaded once for the tests of a class that only read
    it, instead of once a test (a load costs two seconds of CPU). The load
    stays in a transaction of the class's own: each test runs in a savepoint
    inside it and its changes roll back as usual, and after the class the
    demo rolls back too, so no other test sees it. The photographs' sizes
    (tasks after the commit) are not made. Gives what load_demo printed."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    output = io.StringIO()
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo")):
        with django_db_blocker.unblock():
            loaded = transaction.atomic()
            loaded.__enter__()
            try:
                put_reference_data_back()
                with translation.override("en"):
                    call_command("load_demo", stdout=output)
            except BaseException:
                transaction.set_rollback(True)
                loaded.__exit__(None, None, None)
                raise
        try:
            yield output.getvalue()
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                loaded.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def english_unless_chosen():
    """Each test starts in English, the language its assertions on messages
    are written in, unless it picks another (a request to /ru/ or /ja/,
    translation.override). Without this a test saw whichever language an
    earlier test's request had left active in the thread, and passed or
    failed by the order the tests ran in."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (local memory in tests): a row or
    page cached by an earlier test would otherwise save this one a query, and
    query budgets would pass or fail by the order the tests ran in."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def fragment_cache(settings):
    """Values computed from public records remembered as in production (the
    tests run without), in a generation of this test's own."""
    from amur_invest import page_cache

    settings.FRAGMENT_CACHE_SECONDS = 600
    page_cache.start_new_generation()
