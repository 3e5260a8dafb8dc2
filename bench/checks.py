"""The targets of `make bench`, the verdict on each measurement, and the one
table it prints.

Page targets are ratios to /healthz measured on the same server in the same
run, so that a busy or a fast machine moves both sides alike: a page served
whole from the page cache should reach 0.70 of /healthz's requests a second
and answer 95 % of requests within 200 ms at 50 connections; a page built
for the request (page cache off) 0.15, 95 % within 400 ms (issue 18), and
build in at most 8 ms median in-process (bench/page_costs.py).
"""

from dataclasses import dataclass, field

from bench.wrk import Load

CACHED_RATIO = 0.70
BUILT_RATIO = 0.15
P95_MS = 200
BUILT_P95_MS = 400
BUILT_IN_PROCESS_MS = 8
WARM_AFTER_SAVE_SECONDS = 10
IMPORT_SECONDS = 30
WORKER_RSS_MB = 150
# A search of the registrations' admin list, the whole request (issue 18).
ADMIN_SEARCH_MS = 100


@dataclass
class PageResult:
    """One page kind in one language, built and from the page cache."""

    kind: str
    language: str
    path: str
    built: Load | None = None
    cached: Load | None = None


def load_problems(
    load: Load, floor: Load, *, ratio: float, label: str, p95_ms: float = P95_MS
) -> list[str]:
    problems = []
    if load.bad_statuses or load.socket_errors:
        problems.append(
            f"{label}: {load.bad_statuses} error answers, "
            f"{load.socket_errors} failed connections"
        )
    achieved = load.ratio_to(floor)
    if achieved < ratio:
        problems.append(f"{label} {achieved:.2f} of /healthz < {ratio:.2f}")
    if load.p95_ms >= p95_ms:
        problems.append(f"{label} p95 {load.p95_ms:.0f} ms ≥ {p95_ms:g} ms")
    return problems


def page_problems(page: PageResult, floor: Load) -> list[str]:
    problems = []
    if page.cached is not None:
        problems += load_problems(
            page.cached, floor, ratio=CACHED_RATIO, label="cached"
        )
    if page.built is not None:
        problems += load_problems(
            page.built, floor, ratio=BUILT_RATIO, label="built", p95_ms=BUILT_P95_MS
        )
    return problems


def at_most(value: float, target: float, unit: str) -> str:
    """'' when value is within target, else what is wrong."""
    if value <= target:
        return ""
    return f"{value:g} {unit} > {target:g} {unit}"


@dataclass
class Report:
    """Every row of the table and every target missed."""

    floor: Load | None
    pages: list[PageResult] = field(default_factory=list)
    # (what, result, target, problem or "")
    others: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, what: str, result: str, target: str = "", problem: str = "") -> None:
        self.others.append((what, result, target, problem))

    def problems(self) -> list[str]:
        found = []
        for page in self.pages:
            found += [
                f"{page.kind} ({page.language}): {problem}"
                for problem in page_problems(page, self.floor)
            ]
        found += [
            f"{what}: {problem}" for what, _r, _t, problem in self.others if problem
        ]
        return found

    def table(self) -> str:
        header = (
            "| measured | lang | cached req/s | × /healthz | p50 / p95 / p99 ms "
            "| built req/s | × /healthz | p50 / p95 / p99 ms | verdict |"
        )
        lines = [header, "|" + " --- |" * 9]
        floor = self.floor
        lines.append(
            f"| /healthz | | {floor.requests_per_second:.0f} | 1.00 | {latency(floor)} "
            "| | | | the floor |"
        )
        for page in self.pages:
            problems = page_problems(page, floor)
            lines.append(
                f"| {page.kind} | {page.language} | {load_cells(page.cached, floor)} "
                f"| {load_cells(page.built, floor)} "
                f"| {'; '.join(problems) if problems else 'met'} |"
            )
        for what, result, target, problem in self.others:
            verdict = f"MISSED: {problem}" if problem else "met" if target else ""
            target_note = f" (target {target})" if target else ""
            lines.append(f"| {what} | | | | | {result} | | | {verdict}{target_note} |")
        return "\n".join(lines)


def latency(load: Load) -> str:
    return f"{load.p50_ms:.0f} / {load.p95_ms:.0f} / {load.p99_ms:.0f}"


def load_cells(load: Load | None, floor: Load) -> str:
    if load is None:
        return " | | "
    return (
        f"{load.requests_per_second:.0f} | {load.ratio_to(floor):.2f} | {latency(load)}"
    )
