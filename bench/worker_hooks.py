"""Gunicorn hooks that account for each request inside a worker (used by
bench/worker_time.py: `gunicorn -c python:bench.worker_hooks`).

For every request: wall time, and how the worker spent it, read from the
kernel's scheduler statistics of the worker's thread
(/proc/thread-self/schedstat): on a CPU, waiting for a CPU (run queue: the
machine is busier than its cores), and the rest, blocked (on PostgreSQL,
Redis, the socket). Every WORKER_TIME_PROFILE_EVERY-th request is run under
cProfile to count Python calls. Each worker writes its sums to
WORKER_TIME_DIR/<pid>.json when it exits.
"""

import cProfile
import json
import os
import pstats
import time
from pathlib import Path

PROFILE_EVERY = int(os.environ.get("WORKER_TIME_PROFILE_EVERY", "25"))
OUT_DIR = Path(os.environ.get("WORKER_TIME_DIR", "/tmp"))

# Per path: requests seen; of those timed (not the first of a worker, which
# reads templates and catalogues, nor the profiled ones) the seconds of
# wall, CPU and run queue; of the profiled ones, the Python calls.
_sums: dict[str, dict[str, float]] = {}


def _schedstat() -> tuple[float, float]:
    """Seconds this thread has run, and waited to run, since it started."""
    on_cpu, waiting, _slices = Path("/proc/thread-self/schedstat").read_text().split()
    return int(on_cpu) / 1e9, int(waiting) / 1e9


def pre_request(worker, req):
    req.accounting = (time.perf_counter(), *_schedstat(), None)
    sums = _sums.get(req.path)
    if PROFILE_EVERY and sums and sums["requests"] % PROFILE_EVERY == 0:
        profiler = cProfile.Profile()
        req.accounting = (*req.accounting[:3], profiler)
        profiler.enable()


def post_request(worker, req, environ, resp):
    started, cpu, waited, profiler = req.accounting
    wall = time.perf_counter() - started
    now_cpu, now_waited = _schedstat()
    sums = _sums.setdefault(
        req.path,
        dict.fromkeys(
            ("requests", "timed", "wall", "cpu", "runqueue", "profiled", "calls"),
            0.0,
        ),
    )
    sums["requests"] += 1
    if profiler is not None:
        profiler.disable()
        sums["profiled"] += 1
        sums["calls"] += pstats.Stats(profiler).total_calls
    elif sums["requests"] > 1:
        sums["timed"] += 1
        sums["wall"] += wall
        sums["cpu"] += now_cpu - cpu
        sums["runqueue"] += now_waited - waited


def worker_exit(server, worker):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / f"{os.getpid()}.json").write_text(json.dumps(_sums))
