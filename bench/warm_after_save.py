"""The page after a change: within 10 s of a staff save, the pages most asked
for answer from the page cache (issue 18).

    DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/warm_after_save.py [--rounds 3]

Starts gunicorn (page cache on, X-Page-Cache told) and, beside it, the worker
of `make worker` that takes the "pages" queue, both with tasks in the
database as in production. Then, each round, saves a published company as
staff do (the same save and signals as the admin's), which starts a new
cache generation and queues the building of the pages
(amur_invest/page_warming.py: PAGE_CACHE_WARM_URLS and the company's page,
in every language). It waits for that task to finish, then asks for every
one of those pages with HEAD, which a stored page answers and a missing one
does not store, and counts those answered from the cache. A first round,
not counted, lets the worker read its templates. Exits 1 when a counted
round took over 10 s or left a page unbuilt.
"""

import argparse
import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import OUT, gunicorn, server_environment  # noqa: E402

TARGET_SECONDS = 10
TASK_PATH = "amur_invest.page_warming.warm_pages"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5")
    )
    parser.add_argument("--rounds", type=int, default=3, help="counted rounds")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a round")
    args = parser.parse_args(argv)
    if not (args.database_url or "").startswith(("postgres://", "postgresql://")):
        parser.error("a PostgreSQL DATABASE_URL is needed")
    return args


@contextlib.contextmanager
def task_worker(env: dict):
    """`make worker`'s second worker: PDFs, thumbnails and pages."""
    OUT.mkdir(exist_ok=True)
    log = (OUT / "warm-worker.log").open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "db_worker",
            "--queue-name=pdf,thumbnails,pages",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()


def from_cache(url: str) -> bool:
    """Whether the page answers from the cache: HEAD, which is served a
    stored page but never stores one."""
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.headers.get("X-Page-Cache") == "hit"
    except OSError:
        return False


def one_round(base_url: str, company, timeout: float) -> dict:
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from amur_invest.page_warming import pages_to_warm

    saved_at = timezone.now()
    started = time.monotonic()
    # Outside a transaction: the generation starts and the task is queued
    # at once, as after the commit of the admin's save.
    company.save()
    task = None
    while time.monotonic() - started < timeout:
        task = (
            DBTaskResult.objects.filter(task_path=TASK_PATH, enqueued_at__gte=saved_at)
            .order_by("-enqueued_at")
            .first()
        )
        if task is not None and task.finished_at is not None:
            break
        time.sleep(0.1)
    seconds = time.monotonic() - started
    paths = pages_to_warm([company])
    cached = sum(from_cache(base_url + path) for path in paths)
    return {
        "seconds": seconds,
        "status": task.status if task else "never queued",
        "pages": len(paths),
        "cached": cached,
    }


def problems_of(result: dict) -> list[str]:
    found = []
    if result["seconds"] > TARGET_SECONDS:
        found.append(f"{result['seconds']:.1f} s > {TARGET_SECONDS} s")
    if result["cached"] < result["pages"]:
        found.append(
            f"{result['pages'] - result['cached']} of {result['pages']} pages "
            f"not from the cache (task {result['status']})"
        )
    return found


def main(argv=None) -> int:
    args = parse_args(argv)
    env = server_environment(
        args.database_url,
        REDIS_URL=args.redis_url,
        TASKS_IMMEDIATE="0",
        PAGE_CACHE_SECONDS="600",
        PAGE_CACHE_WARM="1",
        PAGE_CACHE_HEADER="1",
    )
    with gunicorn(env, workers=args.workers) as base_url:
        env["SITE_URL"] = base_url
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur_invest.settings")
        import django

        django.setup()
        from partners.models import Company

        company = Company.objects.published().order_by("pk").first()
        if company is None:
            raise SystemExit("no published company to save: load the demo data")
        with task_worker(env):
            one_round(base_url, company, args.timeout)  # the worker warms up
            results = [
                one_round(base_url, company, args.timeout) for _ in range(args.rounds)
            ]
    problems = []
    for number, result in enumerate(results, 1):
        print(
            f"round {number}: pages built {result['seconds']:.1f} s after the save, "
            f"{result['cached']} of {result['pages']} from the cache"
        )
        problems += problems_of(result)
    slowest = max(result["seconds"] for result in results)
    print(
        f"after a staff save: slowest round {slowest:.1f} s "
        f"(target < {TARGET_SECONDS} s, every page from the cache)"
    )
    print("verdict:", "FAIL: " + "; ".join(problems) if problems else "PASS")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
