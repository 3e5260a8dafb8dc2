"""PostgreSQL stops under load, then starts again: what visitors saw, how long
the site took to recover, and whether anything committed before was lost.

Run by hand, as root, on a machine where stopping the local PostgreSQL
cluster harms nobody (it stops every database of the cluster):

    .venv/bin/python bench/outage.py --down-seconds 10

1. Recreates the throwaway database amur_bench_outage, migrates it and loads
   the demo data; starts gunicorn (DJANGO_DEBUG=0) with several workers.
2. Keeps a steady load on public pages and /readyz from a few threads.
3. Writes rows (organisations) and commits them, then stops PostgreSQL
   (pg_ctlcluster ... stop -m fast), waits, and starts it again.
4. Reports every status seen before, during and after the outage, the time
   from PostgreSQL's restart to the first good answer of each page, and
   whether every committed row is still there.

Fails (exit 1) on a 500 at any time, on a page not recovered within
--recovery-limit seconds, or on a lost row. A 503 during the outage is the
expected answer.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import get  # noqa: E402
from bench.server import (  # noqa: E402
    drop_database,
    gunicorn,
    manage,
    server_environment,
)

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/amur_bench_outage"
PAGES = ["/ja/", "/ru/companies/", "/en/missions/", "/readyz", "/healthz"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--down-seconds", type=float, default=10)
    parser.add_argument("--recovery-limit", type=float, default=30)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--rows", type=int, default=200, help="rows committed before")
    return parser.parse_args(argv)


def cluster() -> tuple[str, str]:
    """(version, name) of the local cluster, as pg_lsclusters lists it."""
    line = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout.split("\n")[0]
    version, name = line.split()[:2]
    return version, name


def pg_ctl(action: str) -> None:
    version, name = cluster()
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action]
    if action == "stop":
        command += ["-m", "fast"]
    subprocess.run(command, check=True)


class Load:
    """Threads requesting the pages in turn, recording (time, page, status)."""

    def __init__(self, base_url: str, threads: int):
        self.base_url = base_url
        self.threads = threads
        self.seen: list[tuple[float, str, int]] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def run(self, offset: int) -> None:
        index = offset
        while not self.stop.is_set():
            page = PAGES[index % len(PAGES)]
            index += 1
            try:
                status, _seconds = get(self.base_url + page)
            except OSError:
                status = 0  # no answer at all
            with self.lock:
                self.seen.append((time.monotonic(), page, status))

    def __enter__(self):
        self.workers = [
            threading.Thread(target=self.run, args=(n,), daemon=True)
            for n in range(self.threads)
        ]
        for worker in self.workers:
            worker.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for worker in self.workers:
            worker.join(timeout=70)


def commit_rows(count: int) -> set[int]:
    from partners.models import Organization

    rows = Organization.objects.bulk_create(
        Organization(
            name=f"Outage test {n}", name_ru=f"Проверка сбоя {n}", kind="other"
        )
        for n in range(count)
    )
    return {row.pk for row in rows}


def rows_present(ids: set[int]) -> int:
    from django.db import connections

    from partners.models import Organization

    connections.close_all()
    return Organization.objects.filter(pk__in=ids).count()


def phase_counts(seen, start: float, end: float) -> dict[str, Counter]:
    phases = defaultdict(Counter)
    for moment, _page, status in seen:
        phase = "before" if moment < start else "during" if moment < end else "after"
        phases[phase][status] += 1
    return phases


def recovery_times(seen, restarted: float) -> dict[str, float | None]:
    first_good = {}
    for moment, page, status in seen:
        if moment >= restarted and status == 200 and page not in first_good:
            first_good[page] = moment - restarted
    return {page: first_good.get(page) for page in PAGES}


def main(argv=None) -> int:
    args = parse_args(argv)
    env = server_environment(DATABASE_URL)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur_invest.settings")
    drop_database(DATABASE_URL, create_again=True)
    manage("migrate", "--no-input", "--verbosity=0", env=env)
    manage("load_demo", env=env)
    manage("collectstatic", "--no-input", "--verbosity=0", env=env)

    import django

    django.setup()
    problems = []
    with (
        gunicorn(env, workers=args.workers) as base_url,
        Load(base_url, args.threads) as load,
    ):
        time.sleep(3)
        committed = commit_rows(args.rows)
        from django.db import connections

        connections.close_all()
        outage_start = time.monotonic()
        pg_ctl("stop")
        time.sleep(args.down_seconds)
        pg_ctl("start")
        restarted = time.monotonic()
        time.sleep(args.recovery_limit)
    phases = phase_counts(load.seen, outage_start, restarted)
    recovered = recovery_times(load.seen, restarted)
    present = rows_present(committed)

    print(
        f"\nPostgreSQL down for {args.down_seconds:.0f} s under {args.threads} threads"
    )
    for phase in ("before", "during", "after"):
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(phases[phase].items()))
        print(f"  {phase:<7} {statuses}")
    print("  recovery after the restart:")
    for page, seconds in recovered.items():
        shown = "never" if seconds is None else f"{seconds:.2f} s"
        print(f"    {page:<16} {shown}")
        if seconds is None:
            problems.append(f"{page} did not recover in {args.recovery_limit:.0f} s")
    server_errors = sum(
        count
        for counts in phases.values()
        for status, count in counts.items()
        if status == 500
    )
    if server_errors:
        problems.append(
            f"{server_errors} answers were 500 (expected 503 during the outage)"
        )
    print(
        f"  rows committed before the outage: {len(committed)}, present after: {present}"
    )
    if present != len(committed):
        problems.append(f"{len(committed) - present} committed rows lost")
    drop_database(DATABASE_URL)
    print(
        "\n" + ("FAILED: " + "; ".join(problems) if problems else "the site survived")
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
