"""Where the time of each public page goes, in this process, without HTTP.

    DATABASE_URL=postgres://... .venv/bin/python bench/page_costs.py [--repeat 20]
    .venv/bin/python bench/page_costs.py --only companies --cprofile 25

For every page kind of bench/pages.py in each language: the median time of a
request through the whole middleware stack (Django's test client, debug
off) and the median CPU time of this process for it, the number of SQL
queries and the size of the page; with --calls the Python function calls of
one request too. The page cache is
off unless --cached is given, so that the figures are the cost of building
the page. With --cprofile N the N costliest functions of the slowest page
are printed as well. Reads the database named by DATABASE_URL; writes
nothing.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--languages", default="ru,ja,en")
    parser.add_argument("--only", help="comma-separated page kinds")
    parser.add_argument("--cached", action="store_true", help="page cache on")
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    parser.add_argument(
        "--sql", action="store_true", help="print the slowest query of each page"
    )
    parser.add_argument(
        "--calls",
        action="store_true",
        help="count the Python calls of one request of each page (cProfile)",
    )
    return parser.parse_args(argv)


def setup(*, cached: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur_invest.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "profile")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    if not cached:
        os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def python_calls(client, path: str) -> int:
    """Function calls of one request: a count that other processes on the
    machine do not disturb, unlike the time."""
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(path)
    profiler.disable()
    return pstats.Stats(profiler).total_calls


def measure(client, path: str, repeat: int) -> dict:
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - started, sql))

    # Warm first (thumbnails, caches of the agency and the home page), then
    # count: Django empties its own query log when a request starts.
    client.get(path)
    with connection.execute_wrapper(count):
        response = client.get(path)
    times, cpu_times = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(path)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    return {
        "status": response.status_code,
        "ms": statistics.median(times) * 1000,
        # This process's CPU time: what waiting for PostgreSQL or for other
        # processes on a busy machine leaves out.
        "cpu_ms": statistics.median(cpu_times) * 1000,
        "queries": len(queries),
        "slowest_sql": max(queries, default=(0.0, ""), key=lambda pair: pair[0]),
        "kb": len(response.content) / 1024,
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    setup(cached=args.cached)
    from django.test import Client

    from bench.pages import page_paths

    client = Client(HTTP_HOST="127.0.0.1")
    only = set(args.only.split(",")) if args.only else None
    slowest = (0.0, "")
    header = (
        f"{'page':<20} {'lang':<4} {'status':>6} {'ms':>8} {'cpu ms':>7} "
        f"{'queries':>7} {'kB':>6}"
    )
    print(header + (f" {'calls':>8}" if args.calls else ""))
    for language in args.languages.split(","):
        for kind, path in page_paths(language).items():
            if only and kind not in only:
                continue
            row = measure(client, path, args.repeat)
            slowest = max(slowest, (row["ms"], path))
            calls = f" {python_calls(client, path):>8}" if args.calls else ""
            print(
                f"{kind:<20} {language:<4} {row['status']:>6} {row['ms']:>8.1f} "
                f"{row['cpu_ms']:>7.1f} {row['queries']:>7} {row['kb']:>6.0f}{calls}"
            )
            if args.sql and row["queries"]:
                seconds, sql = row["slowest_sql"]
                print(f"    slowest query {seconds * 1000:.1f} ms: {sql[:600]}")
    if args.cprofile and slowest[1]:
        print(f"\ncProfile of {slowest[1]}:")
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(slowest[1])
        profiler.disable()
        pstats.Stats(profiler).sort_stats(
            os.environ.get("PROFILE_SORT", "cumulative")
        ).print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
