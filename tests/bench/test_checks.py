"""The bench itself runs by hand; these check that its verdicts can fail."""

import datetime
import math

import pytest

from bench.checks import PageResult, Report, at_most, page_problems
from bench.load import Burst
from bench.run import median_floor, page_build_times
from bench.seats import http_violations
from bench.seed import Outcome, company_inn, violations
from bench.server import throwaway_database
from bench.wrk import Load, parse
from partners.validators import validate_inn

EARLY = datetime.datetime(2020, 11, 2, 9, 0, tzinfo=datetime.UTC)
LATE = EARLY + datetime.timedelta(seconds=1)


def outcome(**changes) -> Outcome:
    held = {
        "total": 5,
        "companies": 5,
        "by_status": {"accepted": 2, "waitlisted": 3},
        "delegates_accepted": 2,
        "history_from_unconfirmed": 5,
        "last_accepted_at": EARLY,
        "first_waitlisted_at": LATE,
    }
    return Outcome(**{**held, **changes})


def test_a_kept_guarantee_has_no_violations():
    assert violations(outcome(), registrations=5, capacity=2, delegates=1) == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"by_status": {"accepted": 3, "waitlisted": 2}}, "3 accepted"),
        ({"delegates_accepted": 3}, "3 delegates on 2 seats"),
        ({"total": 4, "companies": 4}, "4 registrations"),
        ({"history_from_unconfirmed": 6}, "6 confirmations"),
        ({"last_accepted_at": LATE, "first_waitlisted_at": EARLY}, "later"),
    ],
)
def test_each_broken_guarantee_is_reported(changes, words):
    problems = violations(outcome(**changes), registrations=5, capacity=2, delegates=1)

    assert any(words in problem for problem in problems)


def test_capacity_counts_delegates_not_registrations():
    result = outcome(by_status={"accepted": 1, "waitlisted": 4}, delegates_accepted=3)

    assert violations(result, registrations=5, capacity=5, delegates=3) == []


def test_server_errors_and_unexpected_statuses_are_violations():
    burst = Burst()
    burst.statuses.update({302: 8, 500: 1, 404: 1})

    problems = http_violations(burst, expected_statuses={302})

    assert "1 server errors" in problems
    assert any("404" in problem for problem in problems)


def test_percentiles_use_the_nearest_rank():
    burst = Burst(latencies=[n / 1000 for n in range(1, 101)], seconds=2)

    assert (burst.percentile(0.5), burst.percentile(0.95)) == (50, 95)
    assert burst.requests_per_second == 50


@pytest.mark.parametrize(
    "url",
    [
        "postgres://postgres@127.0.0.1:5432/amur_invest",
        "postgres://postgres@db.example.com:5432/amur_bench",
        "sqlite:///amur_bench.sqlite3",
    ],
)
def test_refuses_to_drop_a_database_that_is_not_a_local_bench(url):
    with pytest.raises(SystemExit):
        throwaway_database(url)


def test_generated_inns_pass_the_check_digit():
    for number in (1, 42, 9_999_999):
        validate_inn(company_inn(number))


@pytest.mark.django_db
def test_the_import_bench_file_is_valid_and_a_slow_step_is_a_violation(
    settings, monkeypatch
):
    """Whether a step is fast enough is the bench's verdict, never a test's:
    here no time is too long, and then every time is."""
    from bench import imports

    settings.IMPORT_MAX_ROWS = 3
    monkeypatch.setattr(imports, "TARGET_SECONDS", math.inf)
    report = imports.import_scenario()
    assert report["problems"] == []
    assert (report["preview"]["written"], report["confirm"]["written"]) == (0, 3)

    monkeypatch.setattr(imports, "TARGET_SECONDS", -1)
    slow = imports.import_scenario()
    assert any("over the -1 s target" in problem for problem in slow["problems"])


# --- Speed against /healthz ---------------------------------------------------------


def load(requests_per_second=1000.0, p95_ms=50.0, **changes) -> Load:
    held = {
        "requests": int(requests_per_second * 10),
        "seconds": 10.0,
        "p50_ms": p95_ms / 2,
        "p95_ms": p95_ms,
        "p99_ms": p95_ms * 2,
    }
    return Load(**{**held, **changes})


FLOOR = load(4000)


def page(built=None, cached=None) -> PageResult:
    return PageResult("home", "ja", "/ja/", built=built, cached=cached)


def test_pages_within_their_ratios_and_latency_meet_the_targets():
    met = page(built=load(1000), cached=load(2800))

    assert page_problems(met, FLOOR) == []


@pytest.mark.parametrize(
    ("result", "words"),
    [
        (page(cached=load(2700)), "cached 0.68 of /healthz < 0.70"),
        (page(built=load(500)), "built 0.12 of /healthz < 0.15"),
        (page(built=load(1000, p95_ms=400)), "built p95 400 ms ≥ 400 ms"),
        (page(cached=load(3000, p95_ms=200)), "cached p95 200 ms ≥ 200 ms"),
        (page(built=load(1000, bad_statuses=3)), "built: 3 error answers"),
        (page(cached=load(3000, socket_errors=1)), "1 failed connections"),
    ],
)
def test_each_missed_page_target_is_named(result, words):
    assert any(words in problem for problem in page_problems(result, FLOOR))


def test_the_table_holds_every_page_and_measure_with_its_verdict():
    report = Report(floor=FLOOR, pages=[page(built=load(500), cached=load(3600))])
    report.add("admin list: companies", "120 ms", "< 300 ms")
    report.add("company import: preview", "41 s", "< 30 s", at_most(41, 30, "s"))

    table = report.table()

    assert table.count("\n") == 5  # heading, rule, /healthz, page, two measures
    assert "| /healthz | | 4000 | 1.00 |" in table
    assert "| home | ja | 3600 | 0.90 |" in table
    assert "built 0.12 of /healthz < 0.15" in table
    assert "| admin list: companies |" in table
    assert "MISSED: 41 s > 30 s" in table
    assert report.problems() == [
        "home (ja): built 0.12 of /healthz < 0.15",
        "company import: preview: 41 s > 30 s",
    ]


def test_a_measure_within_its_target_has_no_problem():
    assert at_most(120, 300, "ms") == ""
    assert at_most(301, 300, "ms") == "301 ms > 300 ms"


def test_wrk_output_is_read_from_the_report_line():
    output = (
        "Running 3s test @ http://127.0.0.1:8000/ja/\n"
        'WRK-JSON {"requests": 3000, "duration_us": 3000000, "p50_us": 12000, '
        '"p95_us": 40000, "p99_us": 90000, "connect_errors": 0, "read_errors": 1, '
        '"write_errors": 0, "status_errors": 2, "timeouts": 1}\n'
    )

    measured = parse(output)

    assert measured.requests_per_second == 1000
    assert (measured.p50_ms, measured.p95_ms, measured.p99_ms) == (12, 40, 90)
    assert (measured.bad_statuses, measured.socket_errors) == (2, 2)


def test_wrk_output_without_a_report_is_an_error():
    with pytest.raises(ValueError, match="no report"):
        parse("unable to connect to 127.0.0.1:8000 Connection refused")


def test_the_floor_is_the_median_healthz_measurement():
    floors = [load(3000), load(4500), load(4000)]

    assert median_floor(floors).requests_per_second == 4000


def test_the_import_problems_name_each_broken_promise(monkeypatch):
    from bench import imports

    report = {
        "rows": 10,
        "preview": {"seconds": 1.0, "written": 4},
        "confirm": {"seconds": 31.0, "written": 9},
    }

    problems = imports.import_problems(report)

    assert "preview: 4 rows written" in problems
    assert "confirm: 9 of 10 rows written" in problems
    assert "confirm: 31.0 s, over the 30 s target" in problems


def test_a_registration_failure_is_counted_by_its_answer():
    from bench.registrations import Sent

    sent = Sent(accepted=8, statuses={302: 8, 403: 2}, seconds=2.0)

    assert (sent.per_second, sent.failures()) == (4.0, 2)


def test_page_build_times_reads_every_row_page_costs_prints():
    output = "\n".join(
        [
            "page                 lang status       ms  cpu ms queries     kB",
            "home                 ru      200     41.2    30.5       6     24",
            "events feed          ja      200      2.0     1.9       0    497",
            "registration form    en      200     26.4    22.0       8     24    61234",
            "    slowest query 3.1 ms: SELECT 1",
        ]
    )
    assert page_build_times(output) == [
        (41.2, "home", "ru"),
        (2.0, "events feed", "ja"),
        (26.4, "registration form", "en"),
    ]
