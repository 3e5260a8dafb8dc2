"""The kept email, and the relation by which its owner holds it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def kept_mail() -> GenericRelation:
    """The OutgoingEmail rows a record owns (their `owner`): declared on the
    owner, so that its mail, whose bodies carry personal data, is deleted
    with it, and mail can be filtered by its owner's fields under the
    owner's model name (`registration__mission`, `inquiry__status`)."""
    return GenericRelation(
        "outbox.OutgoingEmail",
        content_type_field="owner_type",
        object_id_field="owner_id",
        related_query_name="%(class)s",
    )


class OutgoingEmail(models.Model):
    """One email to one person, kept until it is sent.

    The owner (a registration, a participation, an inquiry) is saved first and
    the email row in the same transaction; a task sends it after the commit.
    When the mail server fails, the row stays unsent with the error, and a
    later attempt (the task's own retry, or the `send_pending_emails`
    command) sends it: no mail is lost and nobody waits for a mail server.
    The body carries personal data: the email goes with its owner."""

    owner_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of record"),
        related_name="+",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    owner_id = models.PositiveBigIntegerField(_("record number"), null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    kind = models.CharField(_("kind"), max_length=40)
    recipient = models.EmailField(_("recipient"))
    reply_to = models.EmailField(
        _("replies go to"),
        blank=True,
        help_text=_("Empty: replies go to the sender's address."),
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        # Reading a kept email does not let one send it again: its links
        # reach the applicant's page.
        permissions = [("resend_outgoingemail", _("Can send outgoing emails again"))]
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(sent_at__isnull=True),
                name="outbox_email_unsent_idx",
            ),
            models.Index(
                fields=["owner_type", "owner_id"], name="outbox_email_owner_idx"
            ),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"

    def get_kind_display(self) -> str:
        """The kind in words, as the owner's model names it."""
        owner_model = None
        if self.owner_type_id is not None:
            owner_model = ContentType.objects.get_for_id(
                self.owner_type_id
            ).model_class()
        return kind_label(self.kind, owner_model)


def kind_label(kind: str, owner_model) -> str:
    """What an email of this kind is, in words: the owner's model names its
    own kinds (`email_kind_label`); an unnamed kind shows as stored."""
    describe = getattr(owner_model, "email_kind_label", None)
    return (describe(kind) if describe else None) or kind
