"""Exhibitions follow their dates; a company has at most one accepted
participation per exhibition, guarded by the database (confirmed applications
may compete until staff decide); revisions move only with real changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from exhibitions.models import Exhibition, Participation, product_photo_path
from tests.exhibitions.factories import ExhibitionFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

Status = Participation.Status


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (datetime.date(2020, 3, 9), Exhibition.Status.UPCOMING),
        (datetime.date(2020, 3, 10), Exhibition.Status.ONGOING),
        (datetime.date(2020, 3, 13), Exhibition.Status.ONGOING),
        (datetime.date(2020, 3, 14), Exhibition.Status.PAST),
    ],
)
def test_status_follows_the_dates(today, status):
    exhibition = ExhibitionFactory(
        starts_on=datetime.date(2020, 3, 10), ends_on=datetime.date(2020, 3, 13)
    )
    assert exhibition.status_on(today) == status


def test_a_cancelled_exhibition_is_cancelled_whatever_its_dates():
    exhibition = ExhibitionFactory(is_cancelled=True)
    assert (
        exhibition.status_on(datetime.date(2020, 3, 1)) == Exhibition.Status.CANCELLED
    )


def test_an_exhibition_cannot_end_before_it_starts():
    exhibition = ExhibitionFactory.build(
        starts_on=datetime.date(2020, 3, 10), ends_on=datetime.date(2020, 3, 9)
    )
    with (
        pytest.raises(ValidationError, match="cannot end before it starts"),
        translation.override("en"),
    ):
        exhibition.full_clean()


def test_a_second_accepted_participation_of_a_company_is_refused_by_the_database():
    first = ParticipationFactory(status=Status.ACCEPTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(
            exhibition=first.exhibition, company=first.company, status=Status.ACCEPTED
        )


def test_two_confirmed_applications_naming_one_company_may_compete():
    # Anyone may type a company's INN: staff decide which one is the company's.
    first = ParticipationFactory(status=Status.ACCEPTED)
    second = Participation.objects.create(
        exhibition=first.exhibition, company=first.company, status=Status.SUBMITTED
    )
    assert Participation.objects.competitors_of(second).get() == first


def test_a_confirmed_participation_always_names_its_company():
    exhibition = ExhibitionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(exhibition=exhibition, status=Status.SUBMITTED)


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "already takes part"), ("ru", "уже участвует"), ("ja", "すでに")],
)
def test_the_constraint_reads_as_a_sentence_in_validation(language, message):
    first = ParticipationFactory(status=Status.ACCEPTED)
    second = Participation(
        exhibition=first.exhibition, company=first.company, status=Status.ACCEPTED
    )
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            second.full_clean()
        assert message in " ".join(error.value.messages)


@pytest.mark.parametrize(
    "ended", [Status.DECLINED, Status.WITHDRAWN, Status.UNCONFIRMED]
)
def test_an_ended_or_unconfirmed_participation_blocks_nothing(ended):
    earlier = ParticipationFactory(status=ended)
    again = Participation.objects.create(
        exhibition=earlier.exhibition, company=earlier.company, status=Status.SUBMITTED
    )
    assert again.pk != earlier.pk


def test_unconfirmed_applications_for_one_company_may_coexist():
    # A stranger who types a company's public INN must not lock the company out.
    first = ParticipationFactory(status=Status.UNCONFIRMED)
    ParticipationFactory(
        exhibition=first.exhibition, company=first.company, status=Status.UNCONFIRMED
    )
    assert first.exhibition.participations.count() == 2


def test_every_participation_has_its_own_secret_token():
    first, second = ParticipationFactory(), ParticipationFactory()
    assert len(first.token) >= 40
    assert first.token != second.token


def test_saving_an_unchanged_exhibition_keeps_its_revision():
    exhibition = ExhibitionFactory()
    stamp = exhibition.modified_at
    Exhibition.objects.get(pk=exhibition.pk).save()
    exhibition.refresh_from_db()
    assert (exhibition.sequence, exhibition.modified_at) == (0, stamp)


def test_a_change_a_subscriber_sees_is_a_new_revision():
    exhibition = ExhibitionFactory()
    stamp = exhibition.modified_at
    loaded = Exhibition.objects.get(pk=exhibition.pk)
    loaded.venue_ja = "東京ビッグサイト"
    loaded.save()
    loaded = Exhibition.objects.get(pk=exhibition.pk)
    loaded.is_cancelled = True
    loaded.save(update_fields=["is_cancelled"])
    exhibition.refresh_from_db()
    assert exhibition.sequence == 2
    assert exhibition.modified_at > stamp


def test_a_photo_is_stored_under_a_generated_name():
    path = product_photo_path(None, "Мёд от Ольги (копия).JPG")
    assert path.startswith("exhibitions/products/")
    assert path.endswith(".jpg")
    assert "Ольги" not in path
