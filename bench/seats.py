"""The seat guarantee through HTTP: for each capacity, a first_come mission
and N unconfirmed registrations whose confirmation links are all opened at
once, then opened again. The database must then hold exactly
min(capacity, demand) accepted delegates, the rest waitlisted in order of
confirmation, every registration once, one confirmation each, and no
response may be a server error. Needs django.setup() with the server's
settings: the links are signed with its secret key.
"""

import time

from bench.load import fire


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
