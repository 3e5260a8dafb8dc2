"""The application workflow missions and exhibitions share (partners.applications):
one implementation, exercised here through both of its uses, a mission
registration and an application for the exhibition pavilion."""

import datetime
import functools
from dataclasses import dataclass

import pytest
from django.core import mail, signing
from django.utils import timezone, translation

from amur_invest.outbox.models import OutgoingEmail
from exhibitions import services as exhibition_services
from exhibitions.models import Participation
from missions import services as mission_services
from missions.models import Registration
from partners.applications import (
    changes,
    confirmation,
    decisions,
    privacy,
    submission,
)
from partners.applications.confirmation import confirmation_signature, written_in
from partners.applications.errors import (
    ChangesClosed,
    ExpiredLink,
    InvalidLink,
    TooManyEmails,
)
from partners.models import Company, Consent
from tests.exhibitions.factories import OpenExhibitionFactory, application
from tests.missions.factories import MissionFactory
from tests.missions.factories import submission as registration
from tests.partners.factories import CompanyFactory, inn_with_check_digit

pytestmark = pytest.mark.django_db


@dataclass
class Kind:
    """One use of the shared workflow: how to open a parent and fill its form."""

    workflow: object
    new_parent: object
    form: object

    @property
    def model(self):
        return self.workflow.model

    def submit(self, parent, **extra):
        kwargs = self.form(parent, **extra)
        return submission.submit(
            workflow=self.workflow,
            parent=kwargs.pop(self.model.parent_field),
            company=kwargs["company"],
            application=kwargs.get("registration") or kwargs["participation"],
            consent=kwargs["consent"],
        )

    def confirm(self, application):
        return confirmation.confirm(
            workflow=self.workflow, signed=confirmation_signature(application)
        )


REGISTRATIONS = Kind(
    mission_services.workflow.REGISTRATIONS, MissionFactory, registration
)
PARTICIPATIONS = Kind(
    exhibition_services.workflow.PARTICIPATIONS, OpenExhibitionFactory, application
)


@pytest.fixture(params=["registration", "participation"])
def kind(request):
    return {"registration": REGISTRATIONS, "participation": PARTICIPATIONS}[
        request.param
    ]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` sends, at its end, the mail the steps keep."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# Submission and confirmation -------------------------------------------------------


def test_a_form_post_creates_no_company_and_keeps_what_the_form_said(kind):
    inn = inn_with_check_digit(4_100_001)
    pending = kind.submit(kind.new_parent(), inn=f"{inn[:4]} {inn[4:]}")

    assert pending.status == "unconfirmed"
    assert pending.company is None
    assert pending.inn == inn
    assert not Company.objects.filter(inn=inn).exists()
    assert pending.consent.purpose == kind.workflow.consent_purpose
    assert pending.status_changes.get().to_status == "unconfirmed"


def test_confirmation_creates_the_company_named_by_the_script_of_its_names(kind):
    inn = inn_with_check_digit(4_100_002)
    pending = kind.submit(kind.new_parent(), inn=inn, name_other="アムール蜂蜜")

    confirmed = kind.confirm(pending)

    company = Company.objects.get(inn=inn)
    assert confirmed.company == company
    assert confirmed.status == "submitted"
    assert confirmed.confirmed_at is not None
    assert company.name_ja == "アムール蜂蜜"
    assert company.is_published is False


def test_confirmation_matches_an_existing_company_by_inn_and_leaves_it_alone(kind):
    company = CompanyFactory(name_ru="ООО «Зея»", is_published=True)
    pending = kind.submit(kind.new_parent(), inn=company.inn)

    confirmed = kind.confirm(pending)

    company.refresh_from_db()
    assert confirmed.company == company
    assert company.name_ru == "ООО «Зея»"
    assert Company.objects.filter(inn=company.inn).count() == 1


def answers(application) -> dict:
    """What the sender said, as stored."""
    application.refresh_from_db()
    return {
        "contact_name": application.contact_name,
        "phone": application.phone,
        "language": application.language,
        "company_name": application.company_name,
        "company_name_other": application.company_name_other,
        "consent": (application.consent_id, application.consent.language),
        "sectors": list(application.company_sectors.values_list("pk", flat=True)),
        "email": application.email,
    }


def test_a_form_sent_again_before_confirming_changes_nothing_sent_first(
    kind, committed
):
    """Anyone who knows the company's INN and its contact's address can send
    the form in their name: what the first sender sent stays as it was."""
    parent = kind.new_parent()
    inn = inn_with_check_digit(4_100_003)
    with committed():
        first = kind.submit(parent, inn=inn, email="olga@example.ru", language="en")
    before = answers(first)

    with committed():
        again = kind.submit(
            parent,
            inn=inn,
            email=" OLGA@Example.ru ",
            language="ja",
            contact_name="Someone Else",
            phone="+7 999 000-00-00",
            name_other="Evil Trading",
        )

    assert again.pk == first.pk
    assert answers(first) == before
    assert kind.model.objects.count() == 1
    assert Consent.objects.count() == 1
    # The history says that the form came again, and nothing else happened.
    steps = list(first.status_changes.values_list("from_status", "to_status"))
    assert steps == [("", "unconfirmed"), ("unconfirmed", "unconfirmed")]
    # Both links to the one address on file, in the first sender's language;
    # the second says why it came.
    assert [message.to for message in mail.outbox] == [["olga@example.ru"]] * 2
    assert [email.language for email in first.outgoing_emails.all()] == ["en"] * 2
    said = "The form was sent again for the same company from this address"
    assert said not in mail.outbox[0].body
    assert said in " ".join(mail.outbox[1].body.split())
    assert "Someone Else" not in mail.outbox[1].body
    # The owner of the address confirms what was sent first.
    confirmed = kind.confirm(first)
    assert (confirmed.pk, confirmed.contact_name) == (first.pk, before["contact_name"])
    assert confirmed.status != "unconfirmed"


def test_another_address_gets_an_application_and_a_link_of_its_own(kind, committed):
    """The first application's link never goes to the other sender's address,
    nor does theirs confirm it: the two compete once both are confirmed."""
    parent = kind.new_parent()
    inn = inn_with_check_digit(4_100_006)
    with committed():
        first = kind.submit(parent, inn=inn, email="olga@example.ru")
    before = answers(first)

    with committed():
        stranger = kind.submit(parent, inn=inn, email="stranger@example.com")

    assert stranger.pk != first.pk
    assert answers(first) == before
    assert set(first.outgoing_emails.values_list("recipient", flat=True)) == {
        "olga@example.ru"
    }
    [to_stranger] = [m for m in mail.outbox if m.to == ["stranger@example.com"]]
    assert confirmation_signature(first).split(":")[0] not in to_stranger.body
    assert first.token not in to_stranger.body

    kind.confirm(stranger)

    first.refresh_from_db()
    assert first.status == "unconfirmed"
    confirmed = kind.confirm(first)
    assert confirmed.pk == first.pk
    assert kind.model.objects.competitors_of(confirmed).get().pk == stranger.pk


def test_after_the_link_expired_the_form_sent_again_brings_a_link_that_works(
    kind, monkeypatch
):
    """The expired link's page says to fill in the form again: doing so
    mails a fresh link to the application first sent, which confirms it."""
    parent = kind.new_parent()
    inn = inn_with_check_digit(4_100_008)
    first = kind.submit(parent, inn=inn, email="olga@example.ru")
    expired = confirmation_signature(first)
    later = timezone.now() + datetime.timedelta(hours=73)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    with pytest.raises(ExpiredLink):
        confirmation.confirm(workflow=kind.workflow, signed=expired)

    again = kind.submit(parent, inn=inn, email="olga@example.ru", contact_name="X")
    confirmed = confirmation.confirm(
        workflow=kind.workflow, signed=confirmation_signature(again)
    )

    assert confirmed.pk == first.pk
    assert confirmed.status != "unconfirmed"
    assert confirmed.contact_name == first.contact_name


def test_an_application_sent_again_still_expires_a_week_after_it_was_first_sent(
    kind,
):
    parent = kind.new_parent()
    inn = inn_with_check_digit(4_100_007)
    first = kind.submit(parent, inn=inn, email="olga@example.ru")
    a_week_ago = timezone.now() - datetime.timedelta(days=8)
    kind.model.objects.filter(pk=first.pk).update(created_at=a_week_ago)
    kind.submit(parent, inn=inn, email="olga@example.ru", contact_name="Later")

    assert privacy.delete_stale_unconfirmed(model=kind.model) == 1

    assert not kind.model.objects.exists()
    assert not Consent.objects.exists()
    # Once it is gone, the form makes a new application of what it says.
    fresh = kind.submit(parent, inn=inn, email="olga@example.ru", contact_name="Now")
    assert fresh.contact_name == "Now"


def test_a_confirmed_senders_new_link_leads_to_the_application_confirmed_before(
    kind, committed
):
    parent = kind.new_parent()
    inn = inn_with_check_digit(4_100_004)
    confirmed = kind.confirm(kind.submit(parent, inn=inn, email="olga@example.ru"))
    mail.outbox.clear()

    with committed():
        again = kind.submit(parent, inn=inn, email="Olga@example.ru")
    assert [link.kind for link in again.outgoing_emails.all()] == ["confirm"]

    with committed():
        opened = kind.confirm(again)

    assert opened.pk == confirmed.pk
    assert opened.status == confirmed.status
    assert list(kind.model.objects.values_list("pk", flat=True)) == [confirmed.pk]
    assert Consent.objects.count() == 1
    assert not OutgoingEmail.objects.filter(owner_id=again.pk).exists()
    # The link, and nothing from opening it: no status changed.
    assert len(mail.outbox) == 1


def test_a_withdrawn_senders_new_link_confirms_a_new_application(kind):
    parent = kind.new_parent()
    inn = inn_with_check_digit(4_100_005)
    withdrawn = kind.confirm(kind.submit(parent, inn=inn, email="olga@example.ru"))
    kind.model.objects.filter(pk=withdrawn.pk).update(status="withdrawn")

    opened = kind.confirm(kind.submit(parent, inn=inn, email="olga@example.ru"))

    assert opened.pk != withdrawn.pk
    assert opened.status != "unconfirmed"


def test_the_email_cap_counts_every_form_that_writes_to_one_address(settings):
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 2
    address = "busy@example.ru"
    REGISTRATIONS.submit(MissionFactory(), email=address)
    PARTICIPATIONS.submit(OpenExhibitionFactory(), email=address)

    with pytest.raises(TooManyEmails):
        PARTICIPATIONS.submit(OpenExhibitionFactory(), email=address)


def test_a_confirmation_link_of_one_kind_never_confirms_the_other():
    participation = PARTICIPATIONS.submit(OpenExhibitionFactory())
    # The token signed as if it were a registration's.
    forged = signing.TimestampSigner(salt="missions.registration.confirm").sign(
        participation.token
    )

    with pytest.raises(InvalidLink):
        confirmation.confirm(workflow=PARTICIPATIONS.workflow, signed=forged)
    participation.refresh_from_db()
    assert participation.status == "unconfirmed"


def test_an_expired_link_says_so_in_the_kinds_own_words(kind, monkeypatch):
    pending = kind.submit(kind.new_parent())
    signed = confirmation_signature(pending)
    later = timezone.now() + datetime.timedelta(hours=73)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())

    with pytest.raises(ExpiredLink) as refusal:
        confirmation.confirm(workflow=kind.workflow, signed=signed)
    assert str(refusal.value) == str(kind.workflow.expired_link_message)


def test_the_forms_are_refused_once_applications_close(kind):
    parent = kind.new_parent()
    type(parent).objects.filter(pk=parent.pk).update(
        **{
            Registration: {"registration_open": False},
            Participation: {"applications_open": False},
        }[kind.model]
    )
    parent.refresh_from_db()

    with pytest.raises(kind.workflow.closed_error):
        kind.submit(parent)
    assert not kind.model.objects.exists()


# Decisions, corrections, erasure ---------------------------------------------------


def confirmed(kind, **extra):
    return kind.confirm(kind.submit(kind.new_parent(), **extra))


def test_withdrawal_is_recorded_and_told_in_the_applicants_language(kind, committed):
    mine = confirmed(kind, language="ja")
    mail.outbox.clear()

    with committed():
        decisions.withdraw(workflow=kind.workflow, application=mine, by=None)

    mine.refresh_from_db()
    assert mine.status == "withdrawn"
    step = mine.status_changes.last()
    assert (step.from_status, step.to_status, step.changed_by) == (
        "submitted",
        "withdrawn",
        None,
    )
    [message] = mail.outbox
    assert message.to == [mine.email]
    # Written in Japanese: the agency's details close it whatever the language.
    assert any("\u3040" <= ch <= "\u30ff" for ch in message.body)


def test_an_ended_application_cannot_be_withdrawn_again(kind):
    mine = confirmed(kind)
    decisions.withdraw(workflow=kind.workflow, application=mine, by=None)

    with pytest.raises(decisions.ApplicationError):
        decisions.withdraw(workflow=kind.workflow, application=mine, by=None)


@pytest.mark.parametrize("by_staff", [False, True])
def test_nothing_is_withdrawn_once_the_mission_or_exhibition_has_ended(
    kind, by_staff, admin_user
):
    mine = confirmed(kind)
    parent = getattr(mine, kind.model.parent_field)
    parent.starts_on = timezone.localdate() - datetime.timedelta(days=10)
    parent.ends_on = timezone.localdate() - datetime.timedelta(days=5)
    parent.save(update_fields=["starts_on", "ends_on"])
    assert parent.is_finished

    with pytest.raises(decisions.ApplicationError):
        decisions.withdraw(
            workflow=kind.workflow,
            application=mine,
            by=admin_user if by_staff else None,
        )

    mine.refresh_from_db()
    assert mine.status == "submitted"


def test_two_confirmed_applications_naming_one_company_compete(kind):
    company = CompanyFactory()
    parent = kind.new_parent()
    first = kind.confirm(kind.submit(parent, inn=company.inn, email="a@example.ru"))
    second = kind.confirm(kind.submit(parent, inn=company.inn, email="b@example.ru"))

    listed = {row.pk: row.competitors for row in kind.model.objects.with_competitors()}
    assert listed == {first.pk: 1, second.pk: 1}
    assert decisions.is_competing(first)


def test_corrections_change_the_details_record_no_personal_data_and_tell_both_addresses(
    kind, committed
):
    mine = confirmed(kind, email="old@example.ru")
    mail.outbox.clear()

    with committed():
        changed = changes.change(
            workflow=kind.workflow,
            application=mine,
            changes={"email": "new@example.ru", "contact_name": "Анна Белова"},
        )

    assert set(changed) == {"email", "contact_name"}
    step = mine.status_changes.last()
    assert step.kind == "details"
    assert "Анна" not in step.reason
    assert "new@example.ru" not in step.reason
    assert sorted(m.to[0] for m in mail.outbox) == ["new@example.ru", "old@example.ru"]


def test_corrections_are_refused_once_applications_close(kind):
    mine = confirmed(kind)
    parent_model = type(mine.parent)
    deadline = timezone.now() - datetime.timedelta(minutes=1)
    field = {
        Registration: "registration_deadline",
        Participation: "application_deadline",
    }[kind.model]
    parent_model.objects.filter(pk=mine.parent_id).update(**{field: deadline})

    with pytest.raises(ChangesClosed) as refusal:
        changes.change(
            workflow=kind.workflow, application=mine, changes={"phone": "+74162111111"}
        )
    assert str(refusal.value) == str(kind.workflow.changes_closed_message)


def test_erasure_leaves_no_personal_data_and_no_mail(kind):
    mine = confirmed(kind)
    assert mine.outgoing_emails.exists()

    privacy.anonymise(workflow=kind.workflow, application=mine)

    mine.refresh_from_db()
    assert mine.contact_name == ""
    assert mine.phone == ""
    assert mine.email.endswith("@invalid")
    assert not OutgoingEmail.objects.filter(recipient__contains="@example.ru").exists()
    assert mine.consent.withdrawn_at is not None
    assert mine.consent.email == ""
    assert mine.status_changes.last().kind == "erasure"


def test_stale_unconfirmed_applications_go_with_consents_history_and_mail(kind):
    stale = kind.submit(kind.new_parent())
    kept = kind.submit(kind.new_parent())
    kind.model.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )

    deleted = privacy.delete_stale_unconfirmed(model=kind.model, days=7)

    assert deleted == 1
    assert list(kind.model.objects.all()) == [kept]
    assert not Consent.objects.filter(pk=stale.consent_id).exists()
    assert not OutgoingEmail.objects.filter(recipient=stale.email).exists()
    assert OutgoingEmail.objects.filter(recipient=kept.email).exists()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Липовый мёд", "ru"),
        ("シナノキの蜂蜜", "ja"),
        ("蜂蜜", "ja"),
        ("Linden honey", "en"),
        ("HACCP, ISO 22000", "en"),
    ],
)
def test_a_text_is_written_in_the_language_of_its_script(text, language):
    assert written_in(text) == language
