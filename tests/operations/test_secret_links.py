"""Secret links (the confirmation link, the applicant's own page) are
credentials. No staff screen shows one whole, "view on site" never leads to
one, a signed-in staff member does not act on an applicant's page, and staff
re-send an email instead of copying its link.

Each test names, in its docstring, the guard it holds."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from amur_invest.outbox.models import OutgoingEmail
from amur_invest.staff.models import AuditEntry
from partners.applications import emails
from partners.applications.confirmation import confirmation_signature
from tests.exhibitions.factories import ApplicationFactory
from tests.missions.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action

# Who opens the admin: a staff account with no right at all, and each
# coordinator.
NO_RIGHTS = "no rights"
ROLES = [NO_RIGHTS, "Mission coordinator", "Exhibition coordinator"]
# Which coordinator reviews which kind of application.
REVIEWER = {
    "registration": "Mission coordinator",
    "participation": "Exhibition coordinator",
}
APPLICATIONS = {
    "registration": RegistrationFactory,
    "participation": ApplicationFactory,
}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def staff_member(django_user_model, role, username="staff"):
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    if role != NO_RIGHTS:
        user.groups.add(Group.objects.get(name=role))
    return user


def signed_in(client, user):
    client.force_login(user)
    return client


def with_kept_mail(application):
    """The application with the emails the site keeps for it: the
    confirmation link and a status email with the applicant's page."""
    signed = confirmation_signature(application)
    emails.queue_confirmation(application=application, signed=signed)
    emails.queue_status_email(application=application, previous_status="unconfirmed")
    return signed


def secrets_of(application, signed) -> list[str]:
    """What must never reach a staff screen: the token, and the signed value
    of the confirmation link (which carries the token)."""
    return [application.token, signed, signed.split(":")[-1]]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", APPLICATIONS)
def test_view_on_site_never_leads_to_an_applicants_page(
    client, django_user_model, role, kind
):
    """Guard: Registration and Participation have no get_absolute_url, so
    Django's shortcut (/admin/r/<content type>/<id>/) has nowhere to send
    anyone (missions/models.py, exhibitions/models.py)."""
    application = APPLICATIONS[kind](status="accepted")
    signed_in(client, staff_member(django_user_model, role))
    content_type = ContentType.objects.get_for_model(application)

    response = client.get(f"/admin/r/{content_type.pk}/{application.pk}/")

    assert response.status_code == 404
    assert application.token not in response.get("Location", "")


@pytest.mark.parametrize("kind", APPLICATIONS)
def test_the_admin_offers_no_view_on_site_for_an_application(
    client, django_user_model, kind
):
    """Guard: the application admins' `view_on_site` is off, so no button
    leads out of the staff view of the record."""
    application = APPLICATIONS[kind]()
    signed_in(client, staff_member(django_user_model, REVIEWER[kind]))
    opts = application._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[application.pk]
    )

    response = client.get(url)

    assert response.status_code == 200
    assert "/admin/r/" not in response.text
    assert 'class="viewsitelink"' not in response.text


@pytest.mark.parametrize("kind", APPLICATIONS)
def test_no_admin_page_a_coordinator_opens_shows_a_secret_link(
    client, django_user_model, kind
):
    """Guard: the outgoing mail admin shows bodies through the mask
    (amur_invest/outbox/secret_links.py) and the application admins have
    no "applicant's own page" field."""
    application = APPLICATIONS[kind]()
    signed = with_kept_mail(application)
    signed_in(client, staff_member(django_user_model, REVIEWER[kind]))
    opts = application._meta
    kept = list(OutgoingEmail.objects.filter(owner_id=application.pk))
    assert len(kept) == 2
    assert all(application.token in email.body for email in kept)
    pages = [
        reverse("admin:outbox_outgoingemail_changelist"),
        reverse("admin:outbox_outgoingemail_changelist") + "?q=" + application.email,
        *(reverse("admin:outbox_outgoingemail_change", args=[e.pk]) for e in kept),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[application.pk]
        ),
        reverse(
            f"admin:{opts.app_label}_{opts.model_name}_history", args=[application.pk]
        ),
    ]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        for secret in secrets_of(application, signed):
            assert secret not in response.text, url


def test_a_kept_email_shows_its_links_masked_but_recognisable(client, admin_user):
    """Guard: the mask keeps the page the link leads to and the last four
    characters of the secret, as a bank shows a card number."""
    registration = RegistrationFactory(language="en")
    with_kept_mail(registration)
    email = OutgoingEmail.objects.get(kind="status_submitted")
    signed_in(client, admin_user)

    response = client.get(reverse("admin:outbox_outgoingemail_change", args=[email.pk]))

    assert f"/en/registrations/••••••••{registration.token[-4:]}/" in response.text
    assert registration.token not in response.text


# Staff on an applicant's page ----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_a_signed_in_staff_member_does_not_read_an_applicants_page(
    client, django_user_model, role
):
    """Guard: the applicant's pages refuse a signed-in staff member
    (partners/applications/views.py, SecretLinkPage): staff read and change
    applications in the admin, with its permissions and its audit trail."""
    registration = RegistrationFactory(contact_name="Ольга Смирнова")
    signed_in(client, staff_member(django_user_model, role))
    page = reverse("missions:registration_detail", kwargs={"token": registration.token})

    response = client.get(page)

    assert response.status_code == 403
    assert "Ольга Смирнова" not in response.text
    assert reverse("admin:index") in response.text


@pytest.mark.parametrize(
    ("url_name", "kind"),
    [
        ("missions:registration_withdraw", "registration"),
        ("missions:registration_erase", "registration"),
        ("exhibitions:application_withdraw", "participation"),
        ("exhibitions:application_erase", "participation"),
    ],
)
def test_a_signed_in_staff_member_cannot_act_for_an_applicant(
    client, django_user_model, url_name, kind
):
    """Guard: as above, the refusal comes before any action of the page."""
    application = APPLICATIONS[kind]()
    signed_in(client, staff_member(django_user_model, NO_RIGHTS))

    response = client.post(reverse(url_name, kwargs={"token": application.token}))

    application.refresh_from_db()
    assert response.status_code == 403
    assert application.status == "submitted"
    assert not application.is_anonymised
    assert not application.status_changes.exists()


def test_a_signed_in_staff_member_does_not_confirm_for_an_applicant(
    client, django_user_model
):
    """Guard: the confirmation link is a secret-link page too."""
    registration = RegistrationFactory(
        status="unconfirmed", company=None, confirmed_at=None
    )
    signed_in(client, staff_member(django_user_model, NO_RIGHTS))
    signed = confirmation_signature(registration)

    response = client.get(
        reverse("missions:registration_confirm", kwargs={"signed": signed})
    )

    registration.refresh_from_db()
    assert response.status_code == 403
    assert registration.status == "unconfirmed"


# Re-sending a kept email -----------------------------------------------------------


def resend(client, kept, **extra):
    return client.post(
        reverse("admin:outbox_outgoingemail_changelist"),
        {"action": "resend", "_selected_action": [email.pk for email in kept]},
        REMOTE_ADDR="10.4.5.6",
        **extra,
    )


def test_re_sending_needs_its_own_permission(client, django_user_model, mailoutbox):
    """Guard: the re-send action asks for outbox.resend_outgoingemail, not
    only the right to read the mail."""
    registration = RegistrationFactory()
    with_kept_mail(registration)
    reader = staff_member(django_user_model, NO_RIGHTS, username="reader")
    reader.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_registration", "view_outgoingemail"]
        )
    )
    signed_in(client, reader)
    mailoutbox.clear()
    before = OutgoingEmail.objects.count()

    page = client.get(reverse("admin:outbox_outgoingemail_changelist"))
    resend(client, OutgoingEmail.objects.all())

    assert page.status_code == 200
    assert 'value="resend"' not in page.text
    assert OutgoingEmail.objects.count() == before
    assert mailoutbox == []
    assert not AuditEntry.objects.filter(action=Action.RESENT).exists()


def test_a_coordinator_re_sends_an_email_as_it_was_kept_and_it_is_on_record(
    client, django_user_model, mailoutbox, django_capture_on_commit_callbacks
):
    """Guard: the re-send action keeps a copy of the email for the same
    recipient, sends it, and writes an audit entry."""
    registration = RegistrationFactory()
    with_kept_mail(registration)
    coordinator = staff_member(django_user_model, "Mission coordinator")
    signed_in(client, coordinator)
    original = OutgoingEmail.objects.get(kind="confirm")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = resend(client, [original])

    assert response.status_code == 302
    copy = OutgoingEmail.objects.exclude(pk=original.pk).get(kind="confirm")
    assert (copy.recipient, copy.subject, copy.body) == (
        original.recipient,
        original.subject,
        original.body,
    )
    assert copy.owner == registration
    assert [message.to for message in mailoutbox] == [[registration.email]]
    entry = AuditEntry.objects.get(action=Action.RESENT)
    assert (entry.user, entry.ip_address) == (coordinator, "10.4.5.6")
    assert (entry.object_count, entry.object_ids) == (1, str(original.pk))
    assert entry.content_type.model == "outgoingemail"
