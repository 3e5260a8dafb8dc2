"""Revision numbers for rows that calendar feeds publish.

A calendar that subscribes to a feed keeps its own copy of every item and
replaces it only when the item's SEQUENCE grows (RFC 5545, 3.8.7.4); its
LAST-MODIFIED tells when. Both must therefore move when, and only when,
something a subscriber sees has changed: saving an unchanged form in the
admin, or loading the demo again, leaves them alone.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Bookkeeping columns: a change in them alone is not a new revision.
BOOKKEEPING = frozenset({"id", "sequence", "modified_at", "created_at"})


class CalendarRevisionModel(models.Model):
    """Counts the saved changes of a row in `sequence` and stamps them in
    `modified_at`. The state loaded from the database is remembered, so that a
    save compares against it without another query."""

    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Grows with each saved change; calendar apps read it."),
    )
    modified_at = models.DateTimeField(
        _("last changed"), default=timezone.now, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and self.has_revision_changes():
            self.sequence = self.stored_sequence() + 1
            self.modified_at = timezone.now()
            if (fields := kwargs.get("update_fields")) is not None:
                kwargs["update_fields"] = {*fields, "sequence", "modified_at"}
        super().save(*args, **kwargs)
        self._loaded_state = self.revision_state()

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_state = instance.revision_state()
        return instance

    def revision_state(self) -> dict:
        """The loaded values of the columns a subscriber may see. Deferred
        columns are left out rather than fetched."""
        return {
            field.attname: self.__dict__[field.attname]
            for field in self._meta.concrete_fields
            if field.attname not in BOOKKEEPING and field.attname in self.__dict__
        }

    def has_revision_changes(self) -> bool:
        loaded = getattr(self, "_loaded_state", None)
        if loaded is None:
            # Built in memory with the primary key of an existing row: nothing
            # to compare with, so count it as a change (a needless revision is
            # harmless, a missed one leaves subscribers with stale items).
            return True
        current = self.revision_state()
        return any(current[name] != value for name, value in loaded.items())

    def stored_sequence(self) -> int:
        if hasattr(self, "_loaded_state"):
            return self.sequence
        stored = (
            type(self)
            ._base_manager.filter(pk=self.pk)
            .values_list("sequence", flat=True)
        )
        return stored.first() or 0
