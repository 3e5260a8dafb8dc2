"""Whether the registration form's answer tells who has registered: the time
of a post for a new company and for a company that has already registered
from the same address, in this process, without HTTP.

    .venv/bin/python bench/form_answers.py [--companies 40]

Recreates the throwaway database amur_bench_forms (its name must contain
"bench"), migrates it, opens one mission and, for each company, posts the
registration form through Django's test client (debug off, the database
task backend as in production): for a new company, again for it before
confirming, and for a company registered and confirmed before. Prints the median time and the statements of each
kind of post. The three should not differ beyond the noise. Run by hand;
not part of the tests.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import drop_database, manage, server_environment  # noqa: E402

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/amur_bench_forms"
KINDS = ("new", "again, unconfirmed", "again, confirmed")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=40)
    parser.add_argument("--database-url", default=DATABASE_URL)
    return parser.parse_args(argv)


def setup(database_url: str) -> None:
    drop_database(database_url, create_again=True)
    env = server_environment(
        database_url,
        TASKS_IMMEDIATE="0",
        PAGE_CACHE_SECONDS="0",
        MISSIONS_REGISTRATION_RATE="100000/h",
        APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR="100000",
    )
    manage("migrate", "--no-input", "--verbosity", "0", env=env)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "amur_invest.settings"
    import django

    django.setup()


def open_mission():
    import datetime

    from django.utils import timezone

    from missions.models import Mission

    starts = timezone.localdate() + datetime.timedelta(days=60)
    return Mission.objects.create(
        slug="bench-forms",
        title_ru="Бизнес-миссия",
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=5),
        registration_open=True,
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
        delegate_seats=10_000,
        max_delegates_per_company=3,
    )


def form(mission, number: int) -> dict:
    from bench.registrations import form_fields
    from bench.seed import company_inn

    return {
        **form_fields(mission),
        "inn": company_inn(9_000_000 + number),
        "email": f"company{number}@example.ru",
    }


def timed_post(client, path: str, data: dict) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(path, data)
    seconds = time.perf_counter() - started
    if response.status_code != 302:
        raise SystemExit(f"{path} answered {response.status_code}")
    return seconds, len(queries)


def confirm(mission, numbers) -> None:
    from missions.models import Registration
    from missions.services import confirm_registration
    from partners.applications.confirmation import confirmation_signature

    emails = [f"company{number}@example.ru" for number in numbers]
    for registration in Registration.objects.filter(mission=mission, email__in=emails):
        confirm_registration(signed=confirmation_signature(registration))


def measure(companies: int) -> dict:
    """The three kinds of post in turn, so that whatever else the machine
    does weighs on each alike."""
    from django.test import Client

    mission = open_mission()
    client = Client(HTTP_HOST="127.0.0.1")
    path = f"/ru/missions/{mission.slug}/register/"
    registered = range(companies)
    for number in registered:
        client.post(path, form(mission, number))
    confirm(mission, registered)
    results = {kind: [] for kind in KINDS}
    for number in registered:
        new = form(mission, companies + number)
        results["new"].append(timed_post(client, path, new))
        results["again, confirmed"].append(
            timed_post(client, path, form(mission, number))
        )
        results["again, unconfirmed"].append(timed_post(client, path, new))
    return results


def report(results: dict) -> None:
    print(f"{'post':<22}{'median ms':>10}{'statements':>12}")
    for kind, posts in results.items():
        median = statistics.median(seconds for seconds, _ in posts) * 1000
        statements = sorted({count for _, count in posts})
        print(f"{kind:<22}{median:>10.1f}{','.join(map(str, statements)):>12}")


def main(argv=None) -> None:
    args = parse_args(argv)
    setup(args.database_url)
    try:
        report(measure(args.companies))
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(args.database_url)


if __name__ == "__main__":
    main()
