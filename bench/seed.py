"""The bench's data and its checks, through the Django ORM.

Import only after django.setup(), with the same settings as the server: the
confirmation links are signed with its secret key.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from stdnum.ru.inn import calc_company_check_digit

from missions.models import Mission, Registration, StatusChange
from partners.applications.confirmation import confirmation_signature
from partners.models import Company

Status = Registration.Status


def company_inn(number: int) -> str:
    """A valid 10-digit organisation INN of the Amur Region (code 28)."""
    body = f"28{number:07d}"
    return body + calc_company_check_digit(body)


def first_come_mission(*, capacity: int, delegates: int, label: str) -> Mission:
    today = timezone.localdate()
    return Mission.objects.create(
        slug=f"bench-{label}",
        title_ru=f"Нагрузочный тест: {capacity} мест",
        title_ja=f"負荷試験：定員{capacity}名",
        title_en=f"Load test: {capacity} seats",
        description_ru="Служебная миссия для замера нагрузки.",
        description_ja="負荷測定用のテスト用ミッションです。",
        description_en="A throwaway mission for the load test.",
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=64),
        delegate_seats=capacity,
        max_delegates_per_company=max(delegates, 1),
        admission_mode=Mission.AdmissionMode.FIRST_COME,
        registration_open=True,
    )


def unconfirmed_registrations(
    *, mission: Mission, count: int, delegates: int
) -> list[Registration]:
    # After the companies of earlier runs on the same database.
    first = Company.objects.filter(slug__startswith="bench-company-").count() + 1
    numbers = range(first, first + count)
    companies = Company.objects.bulk_create(
        Company(
            inn=company_inn(number),
            slug=f"bench-company-{number}",
            name_ru=f"ООО «Тестовая компания {number}»",
            name_ja=f"テスト企業{number}",
            name_en=f"Test Company {number} LLC",
            is_sample=True,
        )
        for number in numbers
    )
    return Registration.objects.bulk_create(
        Registration(
            mission=mission,
            company=company,
            contact_name=f"Тест {number}",
            email=f"bench{number}@example.ru",
            delegates=delegates,
            language="ru",
            status=Status.UNCONFIRMED,
        )
        for company, number in zip(companies, numbers, strict=True)
    )


def confirmation_urls(base_url: str, registrations: list[Registration]) -> list[str]:
    with translation.override("ru"):
        return [
            base_url
            + reverse(
                "missions:registration_confirm",
                kwargs={"signed": confirmation_signature(registration)},
            )
            for registration in registrations
        ]


@dataclass(frozen=True)
class Outcome:
    """Where a mission's registrations ended up."""

    total: int
    companies: int
    by_status: dict
    delegates_accepted: int
    history_from_unconfirmed: int
    last_accepted_at: datetime.datetime | None
    first_waitlisted_at: datetime.datetime | None


def outcome(mission: Mission) -> Outcome:
    registrations = Registration.objects.filter(mission=mission)
    totals = registrations.aggregate(
        total=Count("pk"),
        companies=Count("company", distinct=True),
        delegates_accepted=Sum("delegates", filter=Q(status=Status.ACCEPTED)),
        last_accepted_at=Max("confirmed_at", filter=Q(status=Status.ACCEPTED)),
        first_waitlisted_at=Min("confirmed_at", filter=Q(status=Status.WAITLISTED)),
    )
    by_status = dict(
        registrations.order_by().values_list("status").annotate(n=Count("pk"))
    )
    confirmations = StatusChange.objects.filter(
        registration__mission=mission, from_status=Status.UNCONFIRMED
    ).count()
    return Outcome(
        total=totals["total"],
        companies=totals["companies"],
        by_status=by_status,
        delegates_accepted=totals["delegates_accepted"] or 0,
        history_from_unconfirmed=confirmations,
        last_accepted_at=totals["last_accepted_at"],
        first_waitlisted_at=totals["first_waitlisted_at"],
    )


def violations(
    result: Outcome, *, registrations: int, capacity: int, delegates: int
) -> list[str]:
    """The guarantees of issue 3, checked against the database."""
    accepted_expected = min(registrations, capacity // delegates)
    accepted = result.by_status.get(Status.ACCEPTED, 0)
    waitlisted = result.by_status.get(Status.WAITLISTED, 0)
    problems = []
    if result.total != registrations or result.companies != registrations:
        problems.append(
            f"{result.total} registrations of {result.companies} companies, "
            f"expected {registrations} of {registrations}"
        )
    if accepted != accepted_expected:
        problems.append(f"{accepted} accepted, expected {accepted_expected}")
    if result.delegates_accepted > capacity:
        problems.append(f"{result.delegates_accepted} delegates on {capacity} seats")
    if waitlisted != registrations - accepted_expected:
        problems.append(
            f"{waitlisted} waitlisted, expected {registrations - accepted_expected}"
        )
    if result.history_from_unconfirmed != registrations:
        problems.append(
            f"{result.history_from_unconfirmed} confirmations recorded, "
            f"expected exactly one per registration ({registrations})"
        )
    if (
        result.last_accepted_at
        and result.first_waitlisted_at
        and result.last_accepted_at > result.first_waitlisted_at
    ):
        problems.append("a later confirmation got a seat before an earlier one")
    return problems
