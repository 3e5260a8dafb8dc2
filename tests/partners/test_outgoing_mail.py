"""The site's one outgoing mail: each email points at its owner (a
registration, a participation, an inquiry), goes when its owner goes, and is
shown to staff only when they may view its owner."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from amur_invest.outbox import mail
from amur_invest.outbox.models import OutgoingEmail
from tests.exhibitions.factories import ApplicationFactory
from tests.missions.factories import RegistrationFactory
from tests.showcase.content_factories import InquiryFactory

pytestmark = pytest.mark.django_db


def keep(owner, kind="status_accepted", recipient="someone@example.ru"):
    return mail.keep(
        owner=owner,
        kind=kind,
        recipient=recipient,
        language="ru",
        subject="Тема",
        body="Текст",
    )


@pytest.mark.parametrize(
    "new_owner", [RegistrationFactory, ApplicationFactory, InquiryFactory]
)
def test_deleting_an_owner_deletes_its_mail_and_no_other(new_owner):
    owner, other = new_owner(), new_owner()
    keep(owner)
    kept = keep(other)

    owner.delete()

    assert list(OutgoingEmail.objects.all()) == [kept]


def test_an_email_knows_its_owner_and_the_owner_its_mail():
    registration = RegistrationFactory()
    email = keep(registration)

    assert OutgoingEmail.objects.get(registration=registration) == email
    assert email.owner == registration
    assert list(registration.outgoing_emails.all()) == [email]


def test_a_subject_keeps_to_one_line():
    email = mail.keep(
        owner=None,
        kind="confirm",
        recipient="a@example.ru",
        language="ru",
        subject="Первая\nвторая",
        body="Текст",
    )
    assert email.subject == "Первая вторая"


@pytest.mark.parametrize(
    ("owner", "kind", "label"),
    [
        (RegistrationFactory, "status_waitlisted", "status: on the waiting list"),
        (ApplicationFactory, "status_accepted", "status: accepted"),
        (ApplicationFactory, "confirm", "confirmation link"),
        (InquiryFactory, "inquiry_received", "acknowledgement to the inquirer"),
    ],
)
def test_staff_read_the_kind_of_an_email_in_words(owner, kind, label):
    email = keep(owner(), kind=kind)
    with translation.override("en"):
        assert str(email.get_kind_display()) == label


@pytest.fixture
def coordinator_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        "coordinator", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Exhibition coordinator"))
    client.force_login(user)
    return client


def test_a_reviewer_of_exhibitions_reads_their_mail_and_no_registrants(
    coordinator_client,
):
    participation_mail = keep(ApplicationFactory(), recipient="exhibitor@example.ru")
    keep(RegistrationFactory(), recipient="delegate@example.ru")
    keep(InquiryFactory(), kind="inquiry_received", recipient="investor@example.jp")

    response = coordinator_client.get(reverse("admin:outbox_outgoingemail_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [participation_mail]
    assert "delegate@example.ru" not in response.text
    assert "investor@example.jp" not in response.text


def test_the_mail_of_a_registration_is_not_found_by_its_address_either(
    coordinator_client,
):
    email = keep(RegistrationFactory())
    url = reverse("admin:outbox_outgoingemail_change", args=[email.pk])

    response = coordinator_client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE="en")

    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert f"with ID “{email.pk}” doesn’t exist" in response.text
    assert email.recipient not in response.text


def test_managers_read_all_mail_with_its_kind_in_words(admin_client):
    keep(RegistrationFactory(), kind="status_declined")
    keep(InquiryFactory(), kind="inquiry_assigned")

    response = admin_client.get(
        reverse("admin:outbox_outgoingemail_changelist"),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert len(response.context["cl"].result_list) == 2
    # What staff read: the text, not the links of the filters.
    text = re.sub(r"<[^>]*>", " ", response.text)
    assert "status_declined" not in text
    assert "inquiry_assigned" not in text
    assert "status: declined" in text
