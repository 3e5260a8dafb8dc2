"""One page under load from wrk (the Debian package): requests a second and
latency percentiles, read from the line bench/wrk_report.lua prints."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPORT_SCRIPT = Path(__file__).with_name("wrk_report.lua")
MARKER = "WRK-JSON "


@dataclass(frozen=True)
class Load:
    """What wrk measured on one address."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    # Non-2xx/3xx answers, and connections that failed or timed out.
    bad_statuses: int = 0
    socket_errors: int = 0

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def ratio_to(self, floor: "Load") -> float:
        if not floor.requests_per_second:
            return 0.0
        return self.requests_per_second / floor.requests_per_second


def parse(output: str) -> Load:
    """The Load of wrk's output; ValueError when the report line is missing."""
    for line in output.splitlines():
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER) :])
            return Load(
                requests=data["requests"],
                seconds=data["duration_us"] / 1e6,
                p50_ms=data["p50_us"] / 1000,
                p95_ms=data["p95_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                bad_statuses=data["status_errors"],
                socket_errors=sum(
                    data[name]
                    for name in (
                        "connect_errors",
                        "read_errors",
                        "write_errors",
                        "timeouts",
                    )
                ),
            )
    raise ValueError(f"wrk printed no report:\n{output[-2000:]}")


def available() -> bool:
    return shutil.which("wrk") is not None


def measure(url: str, *, connections: int, seconds: float, threads: int = 2) -> Load:
    completed = subprocess.run(
        [
            "wrk",
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={seconds:g}s",
            "--timeout=10s",
            f"--script={REPORT_SCRIPT}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse(completed.stdout)
