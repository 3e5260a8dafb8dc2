"""`make bench`: the seat guarantee through HTTP, and public page latency.

1. Recreates a throwaway PostgreSQL database (its name must contain "bench",
   on this machine) and migrates it.
2. Starts gunicorn with several worker processes, as production runs.
3. For each capacity: a first_come mission and N unconfirmed registrations;
   all N confirmation links are opened at once, then opened again. The
   database must then hold exactly min(capacity, demand) accepted delegates,
   the rest waitlisted in order of confirmation, every registration once,
   one confirmation each, and no response may be a server error.
4. Times the public mission pages under concurrent load.
5. Times a staff import of companies at its row limit, preview and confirm
   (bench/imports.py).

Prints a report, writes bench/out/report.json, exits 1 when a guarantee is
broken. Run by hand; it is not part of the test suite.

    .venv/bin/python bench/run.py --registrations 200 --capacities 0,1,20,200
"""

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from bench.load import fire, get  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/amur_bench"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
MAX_REGISTRATIONS = 2000
MAX_CONCURRENCY = 500


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="throwaway database, dropped and created again (default %(default)s)",
    )
    parser.add_argument("--registrations", type=int, default=200)
    parser.add_argument(
        "--capacities",
        default="0,1,20,200",
        help="delegate seats of the missions, comma-separated (default %(default)s)",
    )
    parser.add_argument("--delegates", type=int, default=1, help="per registration")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--concurrency", type=int, default=200, help="requests in flight at once"
    )
    parser.add_argument("--page-requests", type=int, default=200)
    parser.add_argument("--page-concurrency", type=int, default=16)
    parser.add_argument(
        "--time-limit", type=float, default=120, help="seconds allowed per burst"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the database")
    args = parser.parse_args(argv)
    args.capacities = [int(value) for value in args.capacities.split(",")]
    if not 1 <= args.registrations <= MAX_REGISTRATIONS:
        parser.error(f"--registrations must be 1..{MAX_REGISTRATIONS}")
    if not 1 <= args.concurrency <= MAX_CONCURRENCY:
        parser.error(f"--concurrency must be 1..{MAX_CONCURRENCY}")
    if args.delegates < 1 or min(args.capacities) < 0:
        parser.error("--delegates must be 1 or more and capacities 0 or more")
    return args


def throwaway_database(url: str) -> tuple[dict, str]:
    """The connection parts and the name of a database we may drop."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql"}:
        raise SystemExit(
            "The bench needs PostgreSQL: the guarantee rests on its locks."
        )
    if parts.hostname not in LOCAL_HOSTS or "bench" not in name:
        raise SystemExit(
            f"Refusing to drop {name!r} on {parts.hostname}: the bench database "
            "must be on this machine and have 'bench' in its name."
        )
    connection = {
        "host": parts.hostname,
        "port": parts.port or 5432,
        "user": urllib.parse.unquote(parts.username or "postgres"),
        "password": urllib.parse.unquote(parts.password or ""),
    }
    return connection, name


def drop_database(url: str, *, create_again: bool = False) -> None:
    connection, name = throwaway_database(url)
    database = sql.Identifier(name)
    with psycopg.connect(dbname="postgres", autocommit=True, **connection) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        if create_again:
            db.execute(sql.SQL("CREATE DATABASE {}").format(database))


def server_environment(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "TASKS_IMMEDIATE": "1",
        "EMAIL_URL": "locmem:",
        "LOG_LEVEL": "WARNING",
    }


def manage(*command: str, env: dict) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command],
        cwd=ROOT,
        env=env,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, *, workers: int):
    """A gunicorn on a free local port; yields its base URL, stops it after."""
    port = free_port()
    OUT.mkdir(exist_ok=True)
    log = (OUT / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "amur_invest.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--timeout=60",
            "--backlog=2048",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url, server)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def wait_until_up(base_url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {OUT / 'gunicorn.log'}")
        with contextlib.suppress(OSError):
            if get(f"{base_url}/healthz")[0] == 200:
                return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer in 30 s; see {OUT / 'gunicorn.log'}")


def http_violations(burst, *, expected_statuses: set[int]) -> list[str]:
    problems = []
    if burst.server_errors():
        problems.append(f"{burst.server_errors()} server errors")
    unexpected = {s: n for s, n in burst.statuses.items() if s not in expected_statuses}
    if unexpected:
        problems.append(f"unexpected statuses {unexpected}")
    if burst.errors:
        problems.append(f"{len(burst.errors)} transport errors: {burst.errors[0]}")
    if burst.unfinished:
        problems.append(f"{burst.unfinished} requests unfinished in the time limit")
    return problems


def confirmation_scenario(base_url: str, args, capacity: int) -> dict:
    from bench import seed  # needs django.setup()

    mission = seed.first_come_mission(
        capacity=capacity,
        delegates=args.delegates,
        label=f"{capacity}-{time.time_ns()}",
    )
    registrations = seed.unconfirmed_registrations(
        mission=mission, count=args.registrations, delegates=args.delegates
    )
    urls = seed.confirmation_urls(base_url, registrations)
    report = {"capacity": capacity, "registrations": len(urls), "problems": []}
    # A confirmation redirects to the registrant's page.
    for round_name in ("first", "again"):
        burst = fire(urls, concurrency=args.concurrency, time_limit=args.time_limit)
        report[round_name] = burst_report(burst)
        report["problems"] += [
            f"{round_name}: {problem}"
            for problem in http_violations(burst, expected_statuses={302})
        ]
        result = seed.outcome(mission)
        report["problems"] += [
            f"{round_name}: {problem}"
            for problem in seed.violations(
                result,
                registrations=args.registrations,
                capacity=capacity,
                delegates=args.delegates,
            )
        ]
    report["by_status"] = result.by_status
    report["delegates_accepted"] = result.delegates_accepted
    report["mission"] = mission
    return report


def pages_scenario(base_url: str, args, mission) -> dict:
    from bench import seed  # needs django.setup()

    reports = {}
    for name, url in seed.public_urls(base_url, mission).items():
        burst = fire(
            [url] * args.page_requests,
            concurrency=args.page_concurrency,
            time_limit=args.time_limit,
        )
        reports[name] = burst_report(burst)
        reports[name]["problems"] = http_violations(burst, expected_statuses={200})
    return reports


def burst_report(burst) -> dict:
    return {
        "summary": burst.summary(),
        "requests_per_second": round(burst.requests_per_second, 1),
        "p50_ms": round(burst.percentile(0.50), 1),
        "p95_ms": round(burst.percentile(0.95), 1),
        "statuses": dict(burst.statuses),
    }


def print_confirmations(report: dict) -> None:
    print(
        f"\ncapacity {report['capacity']:>4}: {report['registrations']} confirmations; "
        f"{report['delegates_accepted']} delegates accepted; {report['by_status']}"
    )
    print(f"  first: {report['first']['summary']}")
    print(f"  again: {report['again']['summary']}")
    for problem in report["problems"]:
        print(f"  VIOLATED: {problem}")


def main(argv=None) -> int:
    args = parse_args(argv)
    env = server_environment(args.database_url)
    # This process signs the links: it needs the server's settings and key.
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur_invest.settings")
    print(f"Database {throwaway_database(args.database_url)[1]}: recreating, migrating")
    drop_database(args.database_url, create_again=True)
    manage("migrate", "--no-input", "--verbosity=0", env=env)
    manage("collectstatic", "--no-input", "--verbosity=0", env=env)

    import django

    django.setup()

    problems = []
    results = {"confirmations": [], "pages": {}}
    print(f"gunicorn with {args.workers} workers")
    with gunicorn(env, workers=args.workers) as base_url:
        for capacity in args.capacities:
            report = confirmation_scenario(base_url, args, capacity)
            print_confirmations(report)
            problems += report["problems"]
            mission = report.pop("mission")
            results["confirmations"].append(report)
        print(f"\npublic pages, {args.page_concurrency} at a time:")
        results["pages"] = pages_scenario(base_url, args, mission)
        for name, page in results["pages"].items():
            print(f"  {name:<16} {page['summary']}")
            problems += [f"{name}: {problem}" for problem in page["problems"]]
            for problem in page["problems"]:
                print(f"  VIOLATED: {problem}")

    from bench.imports import TARGET_SECONDS, import_scenario

    results["import"] = report = import_scenario()
    print(
        f"\ncompany import of {report['rows']} rows (target {TARGET_SECONDS} s a step):"
    )
    for step in ("preview", "confirm"):
        measured = report[step]
        print(
            f"  {step:<8} {measured['seconds']} s, {measured['ms_per_row']} ms a row, "
            f"process peak {measured['process_peak_mb']} MB"
        )
    problems += report["problems"]
    for problem in report["problems"]:
        print(f"  VIOLATED: {problem}")

    from django.db import connections

    connections.close_all()
    if not args.keep_db:
        drop_database(args.database_url)
    OUT.mkdir(exist_ok=True)
    results["problems"] = problems
    (OUT / "report.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False, default=str)
    )
    verdict = "FAILED: " + "; ".join(problems) if problems else "all guarantees held"
    print(f"\n{verdict}\nreport: {OUT / 'report.json'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
