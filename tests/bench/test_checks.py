"""The bench itself runs by hand; these check that its verdicts can fail."""

import datetime

import pytest

from bench.load import Burst
from bench.run import http_violations, throwaway_database
from bench.seed import Outcome, company_inn, violations
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
    from bench import imports

    settings.IMPORT_MAX_ROWS = 3
    report = imports.import_scenario()
    assert report["problems"] == []
    assert (report["preview"]["written"], report["confirm"]["written"]) == (0, 3)

    monkeypatch.setattr(imports, "TARGET_SECONDS", -1)
    slow = imports.import_scenario()
    assert any("over the -1 s target" in problem for problem in slow["problems"])
