"""How long the admin's lists take with the large data set: the median of a
few requests through the whole stack, in this process (no HTTP), by a
superuser. Needs django.setup() on the bench database.

Each list has its own target: the lists staff open all day (missions with
their seat counts, participations, inquiries) and a search of registrations
answer well under a second at 100 missions x 1,000 registrations, 20,000
participations and 10,000 inquiries."""

import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import checks
from bench.checks import ADMIN_SEARCH_MS


@dataclass(frozen=True)
class AdminList:
    url_name: str
    model: str  # app_label.ModelName, counted for the report
    target_ms: int
    query: str = ""


ADMIN_LISTS = {
    "missions": AdminList("admin:missions_mission_changelist", "missions.Mission", 150),
    "registrations": AdminList(
        "admin:missions_registration_changelist", "missions.Registration", 300
    ),
    # Searches of 100,000 registrations: words in most of them ("амурская"
    # in all, "петров" in all with "17", which has no trigram, in 8,697;
    # "пчеловодство", a sector's keyword, in 14,576), and one email.
    "registrations search «амурская»": AdminList(
        "admin:missions_registration_changelist",
        "missions.Registration",
        ADMIN_SEARCH_MS,
        query="q=амурская",
    ),
    "registrations search «петров 17»": AdminList(
        "admin:missions_registration_changelist",
        "missions.Registration",
        ADMIN_SEARCH_MS,
        query="q=петров+17",
    ),
    "registrations search «пчеловодство»": AdminList(
        "admin:missions_registration_changelist",
        "missions.Registration",
        ADMIN_SEARCH_MS,
        query="q=пчеловодство",
    ),
    "registrations search of an email": AdminList(
        "admin:missions_registration_changelist",
        "missions.Registration",
        ADMIN_SEARCH_MS,
        query="q=delegate7-17%40example.ru",
    ),
    "participations": AdminList(
        "admin:exhibitions_participation_changelist", "exhibitions.Participation", 150
    ),
    "inquiries": AdminList(
        "admin:showcase_inquiry_changelist", "showcase.Inquiry", 150
    ),
    "companies": AdminList(
        "admin:partners_company_changelist", "partners.Company", 300
    ),
}


def rows_of(admin_list: AdminList) -> int:
    from django.apps import apps

    return apps.get_model(admin_list.model).objects.count()


def time_admin_list(admin_list: AdminList, *, repeat: int = 5) -> float:
    """Milliseconds, median of `repeat` requests after one to warm up."""
    from django.urls import reverse

    from bench.imports import staff_client

    client = staff_client()
    path = reverse(admin_list.url_name)
    if admin_list.query:
        path = f"{path}?{admin_list.query}"
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    """Only the admin lists, on a database `make bench --keep-db` left
    (static files collected, as `make serve` does):
    DATABASE_URL=... .venv/bin/python bench/admin_lists.py"""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur_invest.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("STAFF_TWO_FACTOR", "0")
    import django

    django.setup()
    missed = 0
    for name, admin_list in ADMIN_LISTS.items():
        milliseconds = time_admin_list(admin_list)
        problem = checks.at_most(round(milliseconds), admin_list.target_ms, "ms")
        missed += bool(problem)
        print(
            f"{name:<40} {rows_of(admin_list):>9,} rows {milliseconds:7.0f} ms"
            f"  (target {admin_list.target_ms} ms) {'MISSED' if problem else 'met'}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
