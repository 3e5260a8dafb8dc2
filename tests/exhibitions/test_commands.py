"""The daily jobs of the exhibition applications: unconfirmed ones go after a
week, personal data after the exhibition."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from exhibitions.models import Participation
from tests.exhibitions.factories import ApplicationFactory, ExhibitionFactory

pytestmark = pytest.mark.django_db

Status = Participation.Status


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def ended(days_ago: int):
    ends_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    return ExhibitionFactory(
        starts_on=ends_on - datetime.timedelta(days=3), ends_on=ends_on
    )


def test_anonymise_participations_erases_exhibitions_ended_more_than_n_days_ago():
    old = ApplicationFactory(exhibition=ended(100), status=Status.ACCEPTED)
    recent = ApplicationFactory(exhibition=ended(10))

    output = run("anonymise_participations", "--days", "30")

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.is_anonymised
    assert old.contact_name == ""
    assert old.status == Status.ACCEPTED
    assert not recent.is_anonymised
    assert "Anonymised 1 participation(s)." in output


def test_anonymise_participations_defaults_to_the_setting(settings):
    settings.EXHIBITIONS_ANONYMISE_AFTER_DAYS = 50
    old = ApplicationFactory(exhibition=ended(60))
    kept = ApplicationFactory(exhibition=ended(40))

    run("anonymise_participations")

    old.refresh_from_db()
    kept.refresh_from_db()
    assert old.is_anonymised
    assert not kept.is_anonymised


def test_delete_unconfirmed_participations_removes_only_week_old_unconfirmed_ones():
    stale = ApplicationFactory(status=Status.UNCONFIRMED, company=None)
    fresh = ApplicationFactory(status=Status.UNCONFIRMED, company=None)
    old_but_confirmed = ApplicationFactory()
    Participation.objects.filter(pk__in=[stale.pk, old_but_confirmed.pk]).update(
        created_at=timezone.now() - datetime.timedelta(days=7, hours=1)
    )

    output = run("delete_unconfirmed_participations")

    assert set(Participation.objects.all()) == {fresh, old_but_confirmed}
    assert "Deleted 1 unconfirmed application(s)." in output
