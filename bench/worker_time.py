"""Where a request's time goes inside gunicorn, under wrk.

    DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/worker_time.py [--paths /healthz,/ja/] [--cached]

Starts gunicorn as `make serve` does (sync workers, access log on stdout,
DJANGO_DEBUG=0, the page cache off unless --cached) on the database named by
DATABASE_URL, which it only reads, and puts each path under wrk. Then, per
path:

- inside the workers (bench/worker_hooks.py), the mean request split into
  CPU, waiting for a CPU (the run queue: more runnable processes than
  cores) and blocked (PostgreSQL, Redis, the socket), and the Python calls
  of a request;
- the CPU each kind of process spent per request: the workers, the
  database's PostgreSQL backends, Redis, wrk; and what the rest of the
  machine took meanwhile (other work on a shared machine);
- the PostgreSQL sessions opened and the Redis connections accepted during
  the run (the Redis count is the server's, whoever connected).

Counts and the split hold on a busy machine; requests a second do not.
"""

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import wrk  # noqa: E402
from bench.load import get  # noqa: E402
from bench.server import gunicorn, server_environment  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5")
    )
    parser.add_argument("--paths", default="/healthz,/ja/")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--cached", action="store_true", help="page cache on")
    args = parser.parse_args(argv)
    if not (args.database_url or "").startswith(("postgres://", "postgresql://")):
        parser.error("a PostgreSQL DATABASE_URL is needed")
    return args


def cpu_seconds() -> dict[int, tuple[str, float]]:
    """{pid: (command line, CPU seconds so far)} of every process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        found[int(entry.name)] = (command, (int(fields[11]) + int(fields[12])) / TICK)
    return found


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (not idle, not waiting)."""
    values = [int(value) for value in Path("/proc/stat").read_text().split()[1:11]]
    return (sum(values) - values[3] - values[4]) / TICK


def kind_of(command: str, port: int, database: str) -> str | None:
    if "gunicorn" in command and f":{port}" in command:
        return "gunicorn"
    if command.startswith("postgres:") and f" {database} " in command:
        return "postgres"
    if "redis-server" in command:
        return "redis"
    return None


def counters(database_url: str, redis_url: str) -> tuple[int, int]:
    """PostgreSQL sessions ever opened on the database, Redis connections
    ever accepted by the server."""
    import psycopg
    import redis

    with psycopg.connect(database_url, autocommit=True) as connection:
        name = urllib.parse.urlsplit(database_url).path.lstrip("/")
        sessions = connection.execute(
            "SELECT sessions FROM pg_stat_database WHERE datname = %s", [name]
        ).fetchone()[0]
    client = redis.Redis.from_url(redis_url)
    accepted = client.info("stats")["total_connections_received"]
    client.close()
    return sessions, accepted


def load(base_url: str, path: str, args, port: int) -> dict:
    database = urllib.parse.urlsplit(args.database_url).path.lstrip("/")
    for _ in range(args.workers * 3):
        get(base_url + path)
    sessions, accepted = counters(args.database_url, args.redis_url)
    before, busy = cpu_seconds(), machine_busy()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    measured = wrk.measure(
        base_url + path, connections=args.connections, seconds=args.seconds
    )
    elapsed = time.perf_counter() - started
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    after, busy = cpu_seconds(), machine_busy() - busy
    sessions_after, accepted_after = counters(args.database_url, args.redis_url)
    spent = {"gunicorn": 0.0, "postgres": 0.0, "redis": 0.0}
    for pid, (command, seconds) in after.items():
        kind = kind_of(command, port, database)
        if kind:
            spent[kind] += seconds - before.get(pid, (command, 0.0))[1]
    spent["wrk"] = (done.ru_utime - children.ru_utime) + (
        done.ru_stime - children.ru_stime
    )
    return {
        "load": measured,
        "elapsed": elapsed,
        "spent": spent,
        "others": busy - sum(spent.values()),
        # Less the one counters() itself opened after the run.
        "pg_sessions": sessions_after - sessions - 1,
        "redis_connections": accepted_after - accepted - 1,
    }


def inside_workers(directory: Path) -> dict[str, dict[str, float]]:
    """The workers' sums, added up per path."""
    total: dict[str, dict[str, float]] = {}
    for file in directory.glob("*.json"):
        for path, sums in json.loads(file.read_text()).items():
            into = total.setdefault(path, dict.fromkeys(sums, 0.0))
            for name, value in sums.items():
                into[name] += value
    return total


def report(path: str, outside: dict, inside: dict | None, floor) -> None:
    measured = outside["load"]
    requests = max(measured.requests, 1)
    ratio = f" ({measured.ratio_to(floor):.2f} of /healthz)" if floor else ""
    print(
        f"\n{path}: {measured.requests_per_second:.0f} req/s{ratio},"
        f" p50 {measured.p50_ms:.0f} ms, p95 {measured.p95_ms:.0f} ms,"
        f" {measured.socket_errors} socket errors"
    )
    if inside and inside["timed"]:
        timed = inside["timed"]
        wall, cpu, queue = (
            inside[name] / timed * 1000 for name in ("wall", "cpu", "runqueue")
        )
        calls = inside["calls"] / inside["profiled"] if inside["profiled"] else 0
        print(
            f"  in a worker, per request: wall {wall:.1f} ms = CPU {cpu:.1f}"
            f" + waiting for a CPU {queue:.1f} + blocked {wall - cpu - queue:.1f};"
            f" {calls:,.0f} Python calls"
        )
    spent = ", ".join(
        f"{kind} {seconds / requests * 1000:.2f}"
        for kind, seconds in outside["spent"].items()
    )
    print(f"  CPU ms per request: {spent}")
    print(
        f"  the rest of the machine: {outside['others']:.1f} CPU s of"
        f" {outside['elapsed'] * os.cpu_count():.1f} in {outside['elapsed']:.1f} s"
    )
    print(
        f"  opened during the run: {outside['pg_sessions']} PostgreSQL sessions,"
        f" {outside['redis_connections']} Redis connections (whole server)"
        f" for {measured.requests} requests"
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    if not wrk.available():
        raise SystemExit("wrk is needed: apt-get install wrk")
    directory = Path(tempfile.mkdtemp(prefix="worker-time-"))
    env = server_environment(
        args.database_url,
        REDIS_URL=args.redis_url,
        PAGE_CACHE_SECONDS="600" if args.cached else "0",
        WORKER_TIME_DIR=str(directory),
        PYTHONPATH=str(ROOT),
    )
    paths = list(dict.fromkeys(args.paths.split(",")))
    results = {}
    hooks = ("--config=python:bench.worker_hooks", "--access-logfile=-")
    with gunicorn(env, workers=args.workers, arguments=hooks) as base_url:
        port = urllib.parse.urlsplit(base_url).port
        for path in paths:
            results[path] = load(base_url, path, args, port)
    inside = inside_workers(directory)
    floor = results.get("/healthz", {}).get("load")
    for path in paths:
        report(path, results[path], inside.get(path), floor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
