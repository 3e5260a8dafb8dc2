"""A person's meeting schedule as iCalendar, written by the site's one
iCalendar writer (amur_invest.icalendar_feed): each meeting keeps its UID
for life, a move raises its SEQUENCE, and a called-off meeting stays with
STATUS:CANCELLED so that calendar apps remove it themselves."""

from django.utils.translation import gettext as _

from amur_invest import icalendar_feed


def counterpart_name(meeting, *, japanese: bool) -> str:
    if japanese:
        return str(meeting.amur_side.company_label)
    participant = meeting.participant
    return participant.organization_name_latin or participant.organization_name


def meeting_event(meeting, *, japanese: bool):
    title = _("Meeting: %(name)s") % {
        "name": counterpart_name(meeting, japanese=japanese)
    }
    where = [_("Table %(name)s") % {"name": meeting.table.name}]
    if meeting.session.place:
        where.insert(0, meeting.session.place)
    description = []
    if meeting.interpreter_id:
        description.append(
            _("Interpreter: %(name)s") % {"name": meeting.interpreter.name}
        )
    local = meeting.starts_at.astimezone(meeting.session.zone)
    description.append(
        _("Local time: %(time)s (%(zone)s)")
        % {"time": local.strftime("%Y-%m-%d %H:%M"), "zone": meeting.session.time_zone}
    )
    return icalendar_feed.event(
        key=f"meeting-{meeting.pk}",
        title=title,
        first_day=meeting.session.day,
        last_day=meeting.session.day,
        start=meeting.starts_at,
        end=meeting.ends_at,
        sequence=meeting.sequence,
        modified_at=meeting.updated_at,
        created_at=meeting.created_at,
        cancelled=meeting.cancelled,
        location=", ".join(where),
        description="\n".join(description),
    )


def schedule_calendar(side, meetings):
    return icalendar_feed.calendar(
        (meeting_event(meeting, japanese=side.japanese) for meeting in meetings),
        uid=icalendar_feed.uid(f"meetings-{side.uid_tag}-{side.me.pk}"),
        name=_("Meetings: %(mission)s") % {"mission": side.host.title},
    )
