"""Demo data for the missions app: the two business missions to Japan of 2019,
the December 2020 mission (see the shared FACTS.md), and one upcoming mission
open for registration, with sample registrations in several states.

The data is in `demo_data.json`; this module only computes what must be
computed. The historical missions keep their real dates and show as past.
The upcoming mission's dates count from the day the demo is loaded (about
two months ahead, registration open for some weeks), so that a newcomer can
try registration whatever day they run `make run`; no past mission is ever
left open.

Missions are matched by slug, programme items by (mission, start) with the
items no longer in the data removed, registrations by (mission, INN, email):
loading twice leaves the same rows.
"""

import datetime
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone, translation

from missions.forms import CONSENT_VERSION, consent_text
from missions.models import Mission, ProgrammeItem, Registration, StatusChange
from partners.models import Company, Consent, Organization, Prefecture, Sector

DATA = Path(__file__).with_name("demo_data.json")
TOKYO = ZoneInfo("Asia/Tokyo")
LANGUAGES = ("ru", "ja", "en")
Status = Registration.Status


def _translated(field: str, texts: dict) -> dict:
    return {f"{field}_{language}": texts[language] for language in LANGUAGES}


def _at(day: datetime.date, time: str) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time.fromisoformat(time), tzinfo=TOKYO
    )


def _dates(spec: dict, today: datetime.date) -> dict:
    """Real dates for a historical mission; days from today for an upcoming one."""
    if "starts_on" in spec:
        return {
            "starts_on": datetime.date.fromisoformat(spec["starts_on"]),
            "ends_on": datetime.date.fromisoformat(spec["ends_on"]),
            "registration_deadline": None,
        }
    deadline = today + datetime.timedelta(days=spec["registration_deadline_in_days"])
    return {
        "starts_on": today + datetime.timedelta(days=spec["starts_in_days"]),
        "ends_on": today + datetime.timedelta(days=spec["ends_in_days"]),
        "registration_deadline": _at(deadline, "18:00").astimezone(
            timezone.get_current_timezone()
        ),
    }


def _load_mission(spec: dict, today: datetime.date) -> Mission:
    fields = {
        **_dates(spec, today),
        "admission_mode": spec["admission_mode"],
        "delegate_seats": spec["delegate_seats"],
        "max_delegates_per_company": spec.get("max_delegates_per_company", 3),
        "registration_open": spec.get("registration_open", False),
        "cancelled": False,
    }
    for name in ("title", "cities", "description", "results"):
        fields.update(_translated(name, spec[name]))
    mission, _created = Mission.objects.update_or_create(
        slug=spec["slug"], defaults=fields
    )
    mission.prefectures.set(Prefecture.objects.filter(code__in=spec["prefectures"]))
    mission.sectors.set(Sector.objects.filter(slug__in=spec["sectors"]))
    _load_programme(mission, spec["programme"])
    return mission


def _load_programme(mission: Mission, items: list[dict]) -> None:
    starts = []
    for item in items:
        day = mission.starts_on + datetime.timedelta(days=item["day"])
        starts_at = _at(day, item["time"])
        starts.append(starts_at)
        counterpart = item.get("counterpart")
        ProgrammeItem.objects.update_or_create(
            mission=mission,
            starts_at=starts_at,
            defaults={
                "kind": item["kind"],
                "counterpart": Organization.objects.filter(name_en=counterpart).first()
                if counterpart
                else None,
                **_translated("title", item["title"]),
                **_translated("place", item["place"]),
            },
        )
    # The upcoming mission moves with the day of loading: drop yesterday's items.
    mission.programme.exclude(starts_at__in=starts).delete()


def _sample_company(slug: str, spec: dict) -> Company:
    """The company as the partners demo loads it, or created here when that
    demo has not run."""
    company, created = Company.objects.get_or_create(
        inn=spec["inn"],
        defaults={"slug": slug, "is_sample": True, **_translated("name", spec["name"])},
    )
    if created:
        company.sectors.set(Sector.objects.filter(slug__in=spec["sectors"]))
    return company


def _confirmed_at(mission: Mission, row: dict):
    days = row.get("confirmed_days_before_start")
    if days is None:
        return None
    return _at(mission.starts_on - datetime.timedelta(days=days), "09:00")


def _history(registration: Registration) -> None:
    """A plausible history for a sample registration, written once."""
    if registration.status_changes.exists():
        return
    steps = [("", Status.UNCONFIRMED)]
    if registration.status != Status.UNCONFIRMED:
        steps.append((Status.UNCONFIRMED, Status.SUBMITTED))
    if registration.status not in (Status.UNCONFIRMED, Status.SUBMITTED):
        steps.append((Status.SUBMITTED, registration.status))
    changed_at = registration.confirmed_at or registration.created_at
    StatusChange.objects.bulk_create(
        StatusChange(
            registration=registration,
            from_status=before,
            to_status=after,
            changed_at=changed_at,
            reason="Демонстрационная запись",
        )
        for before, after in steps
    )


def _load_registration(missions: dict, data: dict, row: dict) -> None:
    mission = missions[row["mission"]]
    spec = data["companies"][row["company"]]
    company = _sample_company(row["company"], spec)
    details = data["details"]["ru" if row["language"] == "ru" else "other"]
    confirmed = row["status"] != Status.UNCONFIRMED
    registration, _created = Registration.objects.update_or_create(
        mission=mission,
        inn=spec["inn"],
        email=f"{row['company']}@mail.example",
        defaults={
            # An unconfirmed registration has no company yet, as on the site.
            "company": company if confirmed else None,
            "company_name": spec["name"]["ru"],
            "company_name_other": spec["name"]["en"],
            "contact_name": row["contact"],
            "contact_position": details["position"],
            "phone": row["phone"],
            "delegates": row["delegates"],
            "language": row["language"],
            "status": row["status"],
            "confirmed_at": _confirmed_at(mission, row),
            "products": details["products"],
            "goals": details["goals"],
            "wanted_partner_kinds": ["company", "chamber"],
            "staff_notes": "Демонстрационная запись (sample data).",
        },
    )
    registration.company_sectors.set(Sector.objects.filter(slug__in=spec["sectors"]))
    registration.wanted_prefectures.set(mission.prefectures.all())
    _history(registration)
    _consent(registration)


def _consent(registration: Registration) -> None:
    """Sample registrations carry a consent as real ones do: the form's text in
    the registrant's language, from a documentation address (RFC 5737)."""
    if registration.consent_id:
        return
    with translation.override(registration.language):
        text = consent_text(registration.mission)
    registration.consent = Consent.objects.create(
        purpose=Consent.Purpose.MISSION_REGISTRATION,
        text=text,
        text_version=CONSENT_VERSION,
        language=registration.language,
        email=registration.email,
        given_at=registration.created_at,
        ip_address="192.0.2.10",
        user_agent="Sample data",
    )
    registration.save(update_fields=["consent"])


def load(today: datetime.date | None = None) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    today = today or timezone.localdate()
    with transaction.atomic():
        missions = {
            spec["slug"]: _load_mission(spec, today) for spec in data["missions"]
        }
        for row in data["registrations"]:
            _load_registration(missions, data, row)
