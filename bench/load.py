"""Concurrent GETs against the local server, and their numbers.

Standard library only: threads and urllib. Every URL is on 127.0.0.1, built
by run.py from the port of the gunicorn it started.
"""

import math
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field

REQUEST_TIMEOUT = 60


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A confirmation answers with a redirect to the registrant's page: the
    # redirect is the answer we measure, not the page behind it.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


@dataclass
class Burst:
    """What a burst of requests returned."""

    statuses: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unfinished: int = 0
    seconds: float = 0.0

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        """Nearest-rank percentile of the latencies, in milliseconds."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        # Rounded first, so that 0.95 × 100 is never taken as a hair above 95.
        rank = max(math.ceil(round(share * len(ordered), 9)), 1)
        return ordered[min(rank, len(ordered)) - 1] * 1000

    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    def summary(self) -> str:
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(self.statuses.items()))
        return (
            f"{len(self.latencies)} requests in {self.seconds:.2f} s, "
            f"{self.requests_per_second:.0f} req/s, "
            f"p50 {self.percentile(0.50):.0f} ms, p95 {self.percentile(0.95):.0f} ms; "
            f"status {statuses or 'none'}"
            + (f"; {len(self.errors)} transport errors" if self.errors else "")
            + (f"; {self.unfinished} unfinished" if self.unfinished else "")
        )


def get(url: str) -> tuple[int, float]:
    """(status, seconds) of one GET; HTTP errors are answers, not failures."""
    started = time.perf_counter()
    try:
        with _opener.open(url, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    return status, time.perf_counter() - started


def fire(urls: list[str], *, concurrency: int, time_limit: float) -> Burst:
    """GET every URL, `concurrency` at a time, all released at the same moment."""
    burst = Burst()
    lock = threading.Lock()
    start = threading.Event()

    def one(url):
        start.wait()
        try:
            status, seconds = get(url)
        except OSError as error:
            with lock:
                burst.errors.append(f"{type(error).__name__}: {error}")
            return
        with lock:
            burst.statuses[status] += 1
            burst.latencies.append(seconds)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(one, url) for url in urls]
        began = time.perf_counter()
        start.set()
        _done, pending = wait(futures, timeout=time_limit)
        burst.seconds = time.perf_counter() - began
        burst.unfinished = len(pending)
        for future in pending:
            future.cancel()
    return burst
