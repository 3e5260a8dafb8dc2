"""What came of the missions' meetings shows in the activity report: the
public page counts the meetings held and agreements per year, the staff
report adds each mission's acceptance, kept-meeting and no-show rates and
the agreements themselves."""

import pytest
from django.urls import reverse
from django.utils import translation

from showcase.meetings import services
from tests.meetings.factories import MeetingFactory
from tests.missions.factories import days_from_today
from tests.partners.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def past_meeting(mission=None, **fields):
    if mission is not None:
        fields["request__participant__mission"] = mission
    else:
        fields.update(
            request__participant__mission__starts_on=days_from_today(-3),
            request__participant__mission__ends_on=days_from_today(-1),
        )
    return MeetingFactory(
        request__participant__organization=OrganizationFactory(), **fields
    )


def report(meeting, *, held, outcome="none", notes=""):
    services.report_outcome(
        meeting=meeting, japanese=True, held=held, outcome=outcome, notes=notes
    )


def missions_meetings():
    """A mission with an agreement, a follow-up, a no-show, an unreported
    meeting and a cancelled one."""
    agreed = past_meeting()
    mission = agreed.session.mission

    def another(**fields):
        return past_meeting(
            mission, session=agreed.session, table__mission=mission, **fields
        )

    report(agreed, held=True, outcome="agreement", notes="Договор поставки мёда")
    report(another(), held=True, outcome="follow_up")
    report(another(), held=False)
    another()  # nobody reported yet
    cancelled = another()
    report(cancelled, held=True, outcome="agreement")
    services.cancel_meeting(meeting=cancelled)
    return agreed


def test_the_public_page_counts_held_meetings_and_agreements_by_year(client):
    agreed = missions_meetings()
    response = client.get("/en/events/activity/")
    by_year = {year.year: year for year in response.context["table"].years}
    year = by_year[agreed.session.day.year]
    assert year.meetings_held == 2
    assert year.agreements_signed == 1
    assert "Meetings held" in response.text
    # No names on the public page.
    assert agreed.participant.organization_name not in response.text


def test_the_staff_report_gives_each_missions_rates_and_the_agreements(
    admin_client, settings
):
    settings.LANGUAGE_CODE = "en"
    agreed = missions_meetings()
    with translation.override("en"):
        response = admin_client.get(reverse("admin:showcase_event_activity"))
    (row,) = response.context["missions"]
    assert row.mission == agreed.session.mission
    rates = row.rates
    assert (rates.requests, rates.accepted, rates.reported, rates.held) == (5, 5, 3, 2)
    assert rates.kept == pytest.approx(2 / 3)
    assert rates.no_shows == 1
    assert rates.agreements == 1
    html = response.content.decode()
    assert "Agreements reached at meetings" in html
    assert agreed.participant.organization_name in html
    assert "Договор поставки мёда" in html
    assert reverse("admin:meetings_meeting_change", args=[agreed.pk]) in html


def test_the_staff_report_asks_as_many_queries_for_many_missions(
    admin_client, django_assert_max_num_queries
):
    missions_meetings()
    with django_assert_max_num_queries(40) as one:
        admin_client.get(reverse("admin:showcase_event_activity"))
    for _ in range(3):
        missions_meetings()
    with django_assert_max_num_queries(len(one.captured_queries)):
        admin_client.get(reverse("admin:showcase_event_activity"))
