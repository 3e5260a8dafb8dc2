"""`make bench`: speed against the framework's floor, on this machine.

1. Recreates a throwaway PostgreSQL database (its name must contain
   "bench"), migrates it, loads the demo data and the large data set
   (bench/large_data.py) and vacuums and analyses it, as autovacuum would.
2. Starts `make serve` (gunicorn, 3 workers, DJANGO_DEBUG=0, Redis) twice:
   with the page cache off, so that every page is built for its request,
   then on. Each time wrk puts /healthz and every public page kind in each
   language (bench/pages.py) under 50 connections on loopback.
3. On the second server: registration forms sent by 50 companies at once,
   then the seat guarantee (bench/seats.py) under 200 simultaneous
   confirmations; then the peak memory of every worker.
   On the second server too: feeds and sitemaps sent back their ETag must
   be answered 304.
4. In this process: the admin lists of registrations and companies, and a
   10,000-row company import through the admin, preview and confirmation.
5. Each in a process of its own: the time every public page kind takes to
   build in-process (bench/page_costs.py), the pages built again after a
   staff save (bench/warm_after_save.py, with its own server and worker),
   the meeting scheduler (bench/meetings_scheduler.py) and double bookings
   under fire (bench/meetings_booking.py).

Prints one table (also written to bench/out/report.md, with the details in
report.json) and exits 1 when a target is missed or a guarantee broken.
The targets are in bench/checks.py. Run by hand; not part of the tests.

    .venv/bin/python bench/run.py [--seconds 3] [--only home,companies]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import checks, wrk  # noqa: E402
from bench.load import get  # noqa: E402
from bench.server import (  # noqa: E402
    OUT,
    drop_database,
    gunicorn_workers,
    manage,
    peak_rss_mb,
    serve,
    server_environment,
    throwaway_database,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/amur_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/8"
MAX_REGISTRATIONS = 2000
MAX_CONCURRENCY = 500


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="throwaway database, dropped and created again (default %(default)s)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        help="the servers' cache (default %(default)s)",
    )
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="measure the database a previous run kept (--keep-db)",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the database")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="of the large data set"
    )
    parser.add_argument("--seconds", type=float, default=3, help="wrk run per page")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--languages", default="ru,ja,en")
    parser.add_argument("--only", help="comma-separated page kinds (bench/pages.py)")
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--post-seconds", type=float, default=10)
    # The seat guarantee.
    parser.add_argument("--registrations", type=int, default=200)
    parser.add_argument("--capacities", default="0,1,20,200")
    parser.add_argument("--delegates", type=int, default=1, help="per registration")
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--time-limit", type=float, default=120)
    args = parser.parse_args(argv)
    args.capacities = [int(value) for value in args.capacities.split(",")]
    args.languages = args.languages.split(",")
    args.only = set(args.only.split(",")) if args.only else None
    if not 1 <= args.registrations <= MAX_REGISTRATIONS:
        parser.error(f"--registrations must be 1..{MAX_REGISTRATIONS}")
    if not 1 <= args.concurrency <= MAX_CONCURRENCY:
        parser.error(f"--concurrency must be 1..{MAX_CONCURRENCY}")
    if args.delegates < 1 or min(args.capacities) < 0:
        parser.error("--delegates must be 1 or more and capacities 0 or more")
    return args


def environment(args) -> dict:
    return server_environment(
        args.database_url,
        REDIS_URL=args.redis_url,
        # Tasks run at once here, so pages built again after a change would
        # be built inside the request that made it (a registration, an
        # import, each row the meetings bench creates); production builds
        # them in the worker, which bench/warm_after_save.py measures.
        PAGE_CACHE_WARM="0",
        # Registrations and inquiries come from one address here.
        MISSIONS_REGISTRATION_RATE="1000000/h",
        INQUIRY_RATE="1000000/h",
        STAFF_TWO_FACTOR="0",
    )


def prepare_database(args, env: dict, report) -> None:
    print(f"Database {throwaway_database(args.database_url)[1]}: recreating")
    drop_database(args.database_url, create_again=True)
    manage("migrate", "--no-input", "--verbosity=0", env=env)
    manage("load_demo", env=env)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "large_data.py"),
            f"--scale={args.scale}",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    seconds = time.perf_counter() - started
    report.add("large data set generated (bulk_create)", f"{seconds:.0f} s")
    analyze(args.database_url)


def analyze(database_url: str) -> None:
    """Statistics for the planner and the visibility map, as autovacuum
    gathers and writes them in time after rows are inserted (this machine's
    PostgreSQL runs with autovacuum off): without the map an index-only scan
    (the admin's count of every row, the missions' counts by status) reads
    the table's rows as well."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def chosen_pages(args) -> list[tuple[str, str, str]]:
    from bench.pages import page_paths

    return [
        (kind, language, path)
        for language in args.languages
        for kind, path in page_paths(language).items()
        if not args.only or kind in args.only
    ]


def measure(base_url: str, path: str, args) -> wrk.Load:
    # Built once before the clock starts: thumbnails, the page cache.
    for _ in range(2):
        get(base_url + path)
    return wrk.measure(
        base_url + path, connections=args.connections, seconds=args.seconds
    )


def warm_up(base_url: str, pages, args) -> None:
    """Every worker reads its templates and each language's catalogue on its
    first request for them: under wrk, before the clock, not inside the
    first pages measured."""
    urls = [base_url + path for _kind, _language, path in pages] * (args.workers * 2)
    with ThreadPoolExecutor(max_workers=args.workers * 2) as pool:
        list(pool.map(get, urls))


def load_pages(base_url: str, pages, results: dict, mode: str, floors: list, args):
    warm_up(base_url, pages, args)
    floors.append(measure(base_url, "/healthz", args))
    for kind, language, path in pages:
        load = measure(base_url, path, args)
        setattr(results[kind, language], mode, load)
        print(
            f"  {mode:<6} {kind:<20} {language} {load.requests_per_second:7.0f} req/s"
            f"  p95 {load.p95_ms:6.0f} ms"
        )
    floors.append(measure(base_url, "/healthz", args))


# Pages the same for every visitor, which pollers ask for again and again.
POLLED_KINDS = ("events feed", "news feed", "sitemap.xml")


def answers_not_modified(url: str) -> bool:
    """Whether the page, asked again with the ETag it gave, answers 304."""
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        etag = response.headers.get("ETag")
    if not etag:
        return False
    again = urllib.request.Request(url, headers={"If-None-Match": etag})
    try:
        with urllib.request.urlopen(again, timeout=30) as response:
            return response.status == 304
    except urllib.error.HTTPError as error:
        return error.code == 304


def conditional_requests(base_url: str, pages, report) -> None:
    polled = [path for kind, _language, path in pages if kind in POLLED_KINDS]
    if not polled:
        return
    answered = sum(answers_not_modified(base_url + path) for path in polled)
    report.add(
        "feeds and sitemaps asked again with their ETag (page cache on)",
        f"{answered} of {len(polled)} answered 304",
        "all 304",
        "" if answered == len(polled) else f"{len(polled) - answered} not 304",
    )


def worker_memory(server) -> float:
    return max((peak_rss_mb(pid) for pid in gunicorn_workers(server.pid)), default=0)


def median_floor(floors: list) -> wrk.Load:
    """/healthz as measured before and after each server's pages: the
    median, so that a burst of other work on the machine moves it less."""
    rates = [floor.requests_per_second for floor in floors]
    middle = statistics.median_low(rates)
    return floors[rates.index(middle)]


def registrations(base_url: str, args, report) -> None:
    from bench.pages import busiest
    from bench.registrations import send_registrations
    from missions.models import Mission

    mission = busiest(Mission.objects.open_for_registration(), "registrations")
    sent = send_registrations(
        base_url, mission, clients=args.connections, seconds=args.post_seconds
    )
    problem = f"answers {sent.statuses}" if sent.failures() else ""
    report.add(
        f"registration POSTs, {args.connections} companies at once",
        f"{sent.per_second:.0f} sent/s; p50 / p95 / p99 {sent.percentile(0.5):.0f}"
        f" / {sent.percentile(0.95):.0f} / {sent.percentile(0.99):.0f} ms",
        problem=problem,
    )


def seat_guarantee(base_url: str, args, report) -> list[dict]:
    from bench.seats import confirmation_scenario

    results, problems = [], []
    for capacity in args.capacities:
        result = confirmation_scenario(base_url, args, capacity)
        result.pop("mission")
        results.append(result)
        problems += [f"capacity {capacity}: {p}" for p in result["problems"]]
    report.add(
        f"seat guarantee: {args.registrations} simultaneous confirmations, "
        f"capacities {','.join(map(str, args.capacities))}",
        "broken" if problems else "held",
        "held",
        "; ".join(problems),
    )
    return results


def admin_lists(report) -> None:
    from bench.admin_lists import ADMIN_LISTS, rows_of, time_admin_list

    for name, admin_list in ADMIN_LISTS.items():
        milliseconds = time_admin_list(admin_list)
        report.add(
            f"admin list: {name} ({rows_of(admin_list):,} rows)",
            f"{milliseconds:.0f} ms",
            f"< {admin_list.target_ms} ms",
            checks.at_most(round(milliseconds), admin_list.target_ms, "ms"),
        )


def company_import(args, report) -> dict:
    from bench.imports import import_scenario

    result = import_scenario(args.import_rows)
    for step in ("preview", "confirm"):
        measured = result.get(step)
        if measured is None:
            continue
        report.add(
            f"company import, {args.import_rows:,} rows: {step}",
            f"{measured['seconds']} s (process peak {measured['process_peak_mb']} MB)",
            f"< {checks.IMPORT_SECONDS} s",
            "; ".join(p for p in result["problems"] if p.startswith(step)),
        )
    return result


def run_script(arguments: list[str], env: dict) -> tuple[int, str]:
    """A bench of its own, in a process of its own: exit code and output,
    echoed as it ends."""
    completed = subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    output = completed.stdout + completed.stderr
    print(output.rstrip())
    return completed.returncode, output


def line_starting(output: str, start: str) -> str:
    found = [line for line in output.splitlines() if line.startswith(start)]
    return found[-1].removeprefix(start).strip() if found else ""


# A row of bench/page_costs.py: kind (may hold spaces), language, status,
# median ms, then CPU ms, queries, kB and maybe calls, which are not read here.
PAGE_COST_ROW = re.compile(
    r"^(?P<kind>\S.*?)\s+(?P<language>[a-z]{2})\s+\d{3}\s+(?P<ms>\d+\.\d+)\s"
)


def page_build_times(output: str) -> list[tuple[float, str, str]]:
    """(median ms, kind, language) of each row bench/page_costs.py printed."""
    rows = []
    for line in output.splitlines():
        if found := PAGE_COST_ROW.match(line):
            rows.append((float(found["ms"]), found["kind"], found["language"]))
    return rows


def page_costs(env: dict, args, report) -> None:
    print("every public page kind built in-process (bench/page_costs.py)")
    arguments = [
        str(ROOT / "bench" / "page_costs.py"),
        "--repeat=5",
        f"--languages={','.join(args.languages)}",
    ]
    if args.only:
        arguments.append(f"--only={','.join(sorted(args.only))}")
    code, output = run_script(arguments, {**env, "PAGE_CACHE_SECONDS": "0"})
    rows = page_build_times(output)
    if code or not rows:
        report.add("pages built in-process", "failed", problem=f"exit {code}")
        return
    target = checks.BUILT_IN_PROCESS_MS
    slowest = max(rows)
    over = [row for row in rows if row[0] > target]
    report.add(
        "pages built in-process, median of 5 (bench/page_costs.py)",
        f"slowest {slowest[0]:.1f} ms ({slowest[1]}, {slowest[2]});"
        f" {len(over)} of {len(rows)} over {target} ms",
        f"≤ {target} ms each",
        f"{len(over)} pages over {target} ms" if over else "",
    )


def warm_after_save(env: dict, args, report) -> None:
    print("the pages after a staff save (bench/warm_after_save.py)")
    code, output = run_script(
        [
            str(ROOT / "bench" / "warm_after_save.py"),
            f"--workers={args.workers}",
            f"--redis-url={args.redis_url}",
        ],
        env,
    )
    verdict = line_starting(output, "verdict:")
    report.add(
        "pages built again after a staff save, from the cache",
        line_starting(output, "after a staff save:") or f"exit {code}",
        f"< {checks.WARM_AFTER_SAVE_SECONDS} s",
        "" if code == 0 and verdict == "PASS" else verdict or f"exit {code}",
    )


def meetings(env: dict, report) -> None:
    print("meetings: the scheduler, double bookings under fire")
    code, output = run_script(["-m", "bench.meetings_scheduler"], env)
    report.add(
        "meeting scheduler: 40 x 40 companies, 8 slots, 6 tables",
        "; ".join(line_starting(output, start) for start in ("placed:", "time:")),
        ">= 95 % placed, < 5 s",
        "" if code == 0 else line_starting(output, "verdict:") or f"exit {code}",
    )
    code, output = run_script(["-m", "bench.meetings_booking"], env)
    report.add(
        "meetings: 200 simultaneous bookings of the same slot, 4 rounds",
        f"double bookings: {line_starting(output, 'double bookings in the database:')}",
        "exactly one booked a round, none doubled",
        "" if code == 0 else line_starting(output, "verdict:") or f"exit {code}",
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    if not wrk.available():
        raise SystemExit("wrk is needed: apt-get install wrk")
    env = environment(args)
    # This process signs links, reads the database and times the admin.
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur_invest.settings")
    started = time.perf_counter()
    report = checks.Report(floor=None)
    if not args.reuse_database:
        prepare_database(args, env, report)

    import django

    django.setup()
    from amur_invest import page_cache

    pages = chosen_pages(args)
    results = {
        (kind, language): checks.PageResult(kind, language, path)
        for kind, language, path in pages
    }
    floors, details, memory = [], {}, 0.0
    for mode, seconds in (("built", "0"), ("cached", "600")):
        print(f"make serve, {args.workers} workers, page cache {mode}")
        server_env = {**env, "PAGE_CACHE_SECONDS": seconds}
        with serve(server_env, workers=args.workers, log_name=f"serve-{mode}") as (
            base_url,
            server,
        ):
            page_cache.start_new_generation()
            load_pages(base_url, pages, results, mode, floors, args)
            if mode == "cached":
                conditional_requests(base_url, pages, report)
                registrations(base_url, args, report)
                details["seats"] = seat_guarantee(base_url, args, report)
            memory = max(memory, worker_memory(server))
    report.floor = median_floor(floors)
    report.pages = list(results.values())
    report.add(
        "peak memory (RSS) of a worker after the load",
        f"{memory:.0f} MB",
        f"< {checks.WORKER_RSS_MB} MB",
        checks.at_most(round(memory), checks.WORKER_RSS_MB, "MB"),
    )
    admin_lists(report)
    details["import"] = company_import(args, report)
    page_costs(env, args, report)
    warm_after_save(env, args, report)
    meetings(env, report)
    report.add("the whole bench", f"{(time.perf_counter() - started) / 60:.0f} min")

    from django.db import connections

    connections.close_all()
    if not args.keep_db:
        drop_database(args.database_url)
    return finish(report, details, floors)


def finish(report, details: dict, floors: list) -> int:
    table = report.table()
    problems = report.problems()
    OUT.mkdir(exist_ok=True)
    (OUT / "report.md").write_text(table + "\n")
    details["healthz"] = [floor.__dict__ for floor in floors]
    details["pages"] = {
        f"{page.kind} ({page.language})": {
            mode: getattr(page, mode).__dict__
            for mode in ("built", "cached")
            if getattr(page, mode)
        }
        for page in report.pages
    }
    details["problems"] = problems
    (OUT / "report.json").write_text(
        json.dumps(details, indent=2, ensure_ascii=False, default=str)
    )
    print()
    print(table)
    print()
    verdict = "every target met" if not problems else f"{len(problems)} missed:"
    print(verdict)
    for problem in problems:
        print(f"  - {problem}")
    print(f"report: {OUT / 'report.md'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
