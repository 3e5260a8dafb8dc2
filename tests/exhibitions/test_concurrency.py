"""Competing applications of one company under concurrent staff decisions and
confirmations: the exhibition's row lock serialises them, so exactly one is
accepted and the others are refused with a message, never a database error.
Meaningful on PostgreSQL only."""

import pytest
from django.db import connection

from exhibitions import services
from exhibitions.models import Participation
from partners.applications.confirmation import confirmation_signature
from partners.applications.errors import ApplicationError
from tests.exhibitions.factories import (
    ApplicationFactory,
    OpenExhibitionFactory,
    application,
)
from tests.missions.test_concurrency import run_together
from tests.partners.factories import CompanyFactory, inn_with_check_digit

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are only meaningful on PostgreSQL (CI runs it)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Status = Participation.Status


def test_concurrent_acceptances_of_one_company_accept_exactly_one():
    exhibition = OpenExhibitionFactory()
    company = CompanyFactory()
    competing = [
        ApplicationFactory(exhibition=exhibition, company=company) for _ in range(10)
    ]
    refusals = []

    def accept(participation):
        try:
            services.accept_participation(participation=participation, by=None)
        except ApplicationError as refusal:
            refusals.append(refusal)

    errors = run_together(accept, competing, workers=10)

    assert errors == []
    assert len(refusals) == 9
    statuses = list(exhibition.participations.values_list("status", flat=True))
    assert statuses.count(Status.ACCEPTED) == 1
    assert statuses.count(Status.SUBMITTED) == 9


def test_concurrent_confirmations_create_one_company():
    exhibition = OpenExhibitionFactory()
    inn = inn_with_check_digit(31_337)
    pending = [
        services.submit_participation(
            **application(exhibition, inn=inn, email=f"sender{index}@example.ru")
        )
        for index in range(10)
    ]

    errors = run_together(
        lambda participation: services.confirm_participation(
            signed=confirmation_signature(participation)
        ),
        pending,
        workers=10,
    )

    assert errors == []
    confirmed = exhibition.participations.all()
    assert {participation.status for participation in confirmed} == {Status.SUBMITTED}
    assert len({participation.company_id for participation in confirmed}) == 1
