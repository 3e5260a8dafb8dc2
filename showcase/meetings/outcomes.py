"""What came of the meetings, counted for staff and the activity report:
acceptance, kept-meeting and no-show rates per mission or exhibition,
meetings held and agreements per year, and the agreements themselves. A few
grouped queries, whatever the number of missions, exhibitions or meetings.

A meeting counts as reported once either side has said whether it took
place, and as held when either side says it did (the one who came knows;
the one who did not may never answer)."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from showcase.meetings.models import Meeting, MeetingRequest, host_field

REPORTED = Q(held_japanese__isnull=False) | Q(held_amur__isnull=False)
HELD = Q(held_japanese=True) | Q(held_amur=True)
AGREEMENT = HELD & Q(outcome=Meeting.Outcome.AGREEMENT)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Rates:
    """One mission's (or exhibition's) meetings in numbers; a share is None until something
    is counted, which is not the same as zero."""

    requests: int = 0
    answered: int = 0
    accepted: int = 0
    reported: int = 0
    held: int = 0
    agreements: int = 0

    @property
    def acceptance(self) -> float | None:
        return _share(self.accepted, self.answered)

    @property
    def kept(self) -> float | None:
        return _share(self.held, self.reported)

    @property
    def no_show(self) -> float | None:
        return _share(self.reported - self.held, self.reported)

    @property
    def no_shows(self) -> int:
        return self.reported - self.held


def rates_by_mission(missions) -> dict[int, Rates]:
    """{mission id: Rates} for the given missions, in two queries."""
    return _rates("mission", missions)


def rates_by_host(hosts) -> dict[object, Rates]:
    """{mission or exhibition: Rates}, in two queries per kind of host."""
    found = {}
    for field in ("mission", "exhibition"):
        theirs = [host for host in hosts if host_field(host) == field]
        if theirs:
            by_pk = _rates(field, theirs)
            found.update({host: by_pk[host.pk] for host in theirs})
    return found


def _rates(field: str, hosts) -> dict[int, Rates]:
    ids = [host.pk for host in hosts]
    rates = {pk: Rates() for pk in ids}
    answered = [MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.DECLINED]
    for row in (
        MeetingRequest.objects.filter(**{f"{field}__in": ids})
        .values(field)
        .order_by()
        .annotate(
            requests=Count("id"),
            answered=Count("id", filter=Q(status__in=answered)),
            accepted=Count("id", filter=Q(status=MeetingRequest.Status.ACCEPTED)),
        )
    ):
        entry = rates[row[field]]
        entry.requests = row["requests"]
        entry.answered = row["answered"]
        entry.accepted = row["accepted"]
    for row in (
        Meeting.objects.live()
        .filter(**{f"session__{field}__in": ids})
        .values(f"session__{field}")
        .order_by()
        .annotate(
            reported=Count("id", filter=REPORTED),
            held=Count("id", filter=HELD),
            agreements=Count("id", filter=AGREEMENT),
        )
    ):
        entry = rates[row[f"session__{field}"]]
        entry.reported = row["reported"]
        entry.held = row["held"]
        entry.agreements = row["agreements"]
    return rates


def held_by_year() -> dict[int, tuple[int, int]]:
    """{year: (meetings held, agreements)} over the missions and exhibitions
    not cancelled, by the day of the meeting. Years where nobody reported are
    left out."""
    rows = (
        Meeting.objects.live()
        .filter(
            Q(session__mission__cancelled=False)
            | Q(session__exhibition__is_cancelled=False)
        )
        .filter(REPORTED)
        .annotate(year=ExtractYear("session__day"))
        .values("year")
        .order_by()
        .annotate(
            held=Count("id", filter=HELD), agreements=Count("id", filter=AGREEMENT)
        )
    )
    return {row["year"]: (row["held"], row["agreements"]) for row in rows}


def agreements():
    """Meetings that ended in an agreement, newest first, for staff."""
    return (
        Meeting.objects.live()
        .filter(AGREEMENT)
        .select_related(
            "session__mission",
            "session__exhibition",
            "participant",
            "registration__company",
            "participation__company",
        )
        .order_by("-session__day", "-starts_at")
    )
