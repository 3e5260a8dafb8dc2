"""What goes on paper: each person's schedule sheet, and the staff's plan of
each table and each interpreter's day. Times are read on the clock of the
place where the meetings are held (the session's time zone), whatever the
reader's or the site's zone, and the zone is printed beside them."""

import datetime
from dataclasses import dataclass, field

from showcase.meetings.models import Meeting, host_field


def zone_label(session, moment: datetime.datetime) -> str:
    """ "Asia/Tokyo, UTC+09:00": the zone's name and its offset that day."""
    offset = moment.astimezone(session.zone).strftime("%z")
    return f"{session.time_zone}, UTC{offset[:3]}:{offset[3:]}"


@dataclass
class Day:
    """One day's meetings, as one printed block."""

    day: datetime.date
    zone: str
    places: list[str] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def add(self, meeting: Meeting) -> None:
        place = meeting.session.place
        if place and place not in self.places:
            self.places.append(place)
        self.meetings.append(meeting)


def by_day(meetings) -> list[Day]:
    """Live meetings, in time order, grouped by the day they are held on."""
    days: dict[datetime.date, Day] = {}
    for meeting in sorted(meetings, key=lambda m: m.starts_at):
        if meeting.cancelled:
            continue
        session = meeting.session
        if session.day not in days:
            days[session.day] = Day(session.day, zone_label(session, meeting.starts_at))
        days[session.day].add(meeting)
    return list(days.values())


@dataclass
class Plan:
    """One mission's or exhibition's day for staff: each table's and
    interpreter's meetings."""

    host: object
    day: Day
    tables: list[tuple[str, list[Meeting]]]
    interpreters: list[tuple[object, list[Meeting]]]


def plans(meetings) -> list[Plan]:
    """The staff's plans, a mission's or exhibition's day at a time."""
    per_host: dict = {}
    for meeting in meetings:
        per_host.setdefault(meeting.session.host, []).append(meeting)
    found = []
    for host, theirs in per_host.items():
        for day in by_day(theirs):
            tables, interpreters = {}, {}
            for meeting in day.meetings:
                tables.setdefault(meeting.table.name, []).append(meeting)
                if meeting.interpreter_id:
                    interpreters.setdefault(meeting.interpreter, []).append(meeting)
            found.append(
                Plan(
                    host=host,
                    day=day,
                    tables=sorted(tables.items()),
                    interpreters=sorted(
                        interpreters.items(), key=lambda item: item[0].name
                    ),
                )
            )
    return sorted(
        found,
        key=lambda plan: (plan.day.day, host_field(plan.host), plan.host.pk),
    )
