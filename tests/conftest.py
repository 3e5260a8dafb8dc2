"""Shared test set-up: the system Chromium for Playwright, and loud skips."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; live_server
# database calls from that thread are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if os.path.exists(candidate):
        return candidate
    return shutil.which("chromium")


def pytest_report_header(config):
    path = chromium_path()
    if path:
        return f"browser tests: Chromium at {path}"
    return "browser tests: NO CHROMIUM FOUND, browser tests will be SKIPPED"


def pytest_collection_modifyitems(config, items):
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


def pytest_terminal_summary(terminalreporter):
    if not chromium_path():
        terminalreporter.write_sep(
            "!", "BROWSER TESTS WERE SKIPPED: Chromium not found", red=True
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
