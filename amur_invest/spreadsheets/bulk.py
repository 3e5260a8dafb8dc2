"""Imports that save a file in batches instead of row by row.

Row by row, a company costs a dozen queries: the unique checks of the INN
and the slug, the insert, the sectors and the search text they feed. Here
the rows are checked against the unique values read once at the start (and
against the earlier rows of the same file), new rows saved with bulk_create
in batches, changed rows with one plain UPDATE each, and the many-to-many
cells of a batch in two queries. Nothing else changes for staff: the preview shows every row as it
will be, a bad row is named with its column, and a file with any bad row
writes nothing (the whole import is one transaction).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from import_export import fields
from import_export.widgets import ManyToManyWidget
from modeltranslation.translator import translator

from amur_invest.spreadsheets.resources import KeyedInstanceLoader, StaffResource
from amur_invest.spreadsheets.widgets import ReferenceWidget

BATCH_SIZE = 1000


class UniqueValues:
    """The values of a model's unique fields, each with the row holding it:
    the database's, read once, then those the file's rows claim in turn."""

    def __init__(self, model):
        self.fields = [
            field
            for field in model._meta.concrete_fields
            if field.unique and not field.primary_key
        ]
        self.holder = {
            field.attname: dict(
                model._default_manager.values_list(field.attname, "pk").iterator()
            )
            for field in self.fields
        }
        # (attname, row identity) -> the value that row holds now.
        self.held = {
            (attname, pk): value
            for attname, values in self.holder.items()
            for value, pk in values.items()
        }

    @staticmethod
    def identity(instance):
        return instance.pk if instance.pk is not None else ("new", id(instance))

    def taken(self, attname: str, value, instance) -> bool:
        holder = self.holder[attname].get(value)
        return holder is not None and holder != self.identity(instance)

    def conflicts(self, instance) -> dict:
        """{field name: [error]} for every unique value another row holds,
        worded as Django's own unique check words it."""
        errors = {}
        for field in self.fields:
            value = getattr(instance, field.attname)
            if value is not None and self.taken(field.attname, value, instance):
                errors[field.name] = [
                    instance.unique_error_message(type(instance), (field.name,))
                ]
        return errors

    def claim(self, instance) -> None:
        """The row's values are its own from now on; the values it held
        before are free for the rows after it."""
        identity = self.identity(instance)
        for field in self.fields:
            value = getattr(instance, field.attname)
            previous = self.held.get((field.attname, identity))
            if (
                previous is not None
                and self.holder[field.attname].get(previous) == identity
            ):
                del self.holder[field.attname][previous]
            if value is not None:
                self.holder[field.attname][value] = identity
                self.held[field.attname, identity] = value


class RelatedField(fields.Field):
    """A many-to-many column whose new value shows in the preview before
    the batch holding its row is saved."""

    def get_value(self, instance):
        for known in ("_import_relations", "_stored_relations"):
            values = getattr(instance, known, {})
            if self.attribute in values:
                return values[self.attribute]
        return super().get_value(instance)


class BulkSavingResource(StaffResource):
    """A StaffResource whose rows are saved in batches."""

    class Meta:
        instance_loader_class = KeyedInstanceLoader
        use_bulk = True
        batch_size = BATCH_SIZE

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.unique_values = UniqueValues(self._meta.model)
        self.file_columns = set(dataset.headers)

    def get_queryset(self):
        # The rows a file updates are read once (KeyedInstanceLoader) with
        # what the preview shows of them: their references and relations.
        import_fields = self.get_import_fields()
        references = [
            field.attribute
            for field in import_fields
            if isinstance(field.widget, ReferenceWidget)
        ]
        relations = [field.attribute for field in self.many_to_many_fields()]
        queryset = super().get_queryset()
        return queryset.select_related(*references).prefetch_related(*relations)

    def many_to_many_fields(self):
        return [
            field
            for field in self.get_import_fields()
            if isinstance(field.widget, ManyToManyWidget)
        ]

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new:
            # Read from the loader's prefetch now: the preview's copy of the
            # row as it was would query them again, once a row.
            instance._stored_relations = {
                field.attribute: list(getattr(instance, field.attribute).all())
                for field in self.many_to_many_fields()
            }
            # Read: the preview's copy need not carry the loader's cache too.
            instance.__dict__.pop("_prefetched_objects_cache", None)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # Reached only when every cell is valid: keep the cleaned lists for
        # the batch (an empty cell empties the relation, as set() would).
        instance._import_relations = {
            field.attribute: field.clean(row, **kwargs)
            for field in self.many_to_many_fields()
            if field.column_name in row
        }

    def validate_instance(self, instance, import_validation_errors=None, **kwargs):
        errors = dict(import_validation_errors or {})
        for name, messages in self.unique_values.conflicts(instance).items():
            errors.setdefault(name, messages)
        try:
            # A reference found by its widget was read in this import's
            # transaction: checking that it exists again costs a query a row.
            instance.full_clean(
                exclude=[*errors, *self.references_found()], validate_unique=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(
                self.errors_by_heading(ValidationError(errors).error_dict)
            )
        self.unique_values.claim(instance)

    def references_found(self) -> list[str]:
        return [
            field.attribute
            for field in self.get_import_fields()
            if isinstance(field.widget, ReferenceWidget)
        ]

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.pk is not None:
            # A queryset update does not stamp auto_now fields as save() does.
            now = timezone.now()
            for field in self.auto_now_fields():
                setattr(instance, field.attname, now)

    def auto_now_fields(self):
        return [
            field
            for field in self._meta.model._meta.concrete_fields
            if getattr(field, "auto_now", False)
        ]

    #: Columns the resource computes besides those the file holds.
    computed_columns = ()

    def get_bulk_update_fields(self):
        """The columns a file may change: its own, the computed ones and the
        timestamps. Relations are saved apart. A translated field's bare
        column is left alone: modeltranslation would write an update of it
        into the active language's column."""
        model = self._meta.model
        columns = {field.name for field in model._meta.concrete_fields}
        translated = set(translator.get_options_for_model(model).all_fields)
        keys = {self.fields[name].attribute for name in self.get_import_id_fields()}
        wanted = [
            field.attribute
            for field in self.get_import_fields()
            if field.column_name in self.file_columns
        ]
        wanted += [*self.computed_columns, *(f.name for f in self.auto_now_fields())]
        return [
            name
            for name in dict.fromkeys(wanted)
            if name in columns and name not in translated and name not in keys
        ]

    def bulk_create(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        # An updated row may give up a unique value (a slug) that a new row
        # takes: the waiting updates are saved first, as row by row they were.
        self.bulk_update(using_transactions, dry_run, raise_errors, result=result)
        saved = list(self.create_instances)
        super().bulk_create(
            using_transactions, dry_run, raise_errors, batch_size, result
        )
        self.save_relations(saved, replace=False)

    def bulk_update(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        """Changed rows, one plain UPDATE each: Django's bulk_update builds a
        CASE per column with a WHEN per row, which costs three times as much
        in Python alone (and the database reads each CASE once a row)."""
        saved = list(self.update_instances)
        self.update_instances.clear()
        if not saved or (dry_run and not using_transactions):
            return
        columns = self.get_bulk_update_fields()
        rows = self._meta.model._default_manager
        try:
            for instance in saved:
                rows.filter(pk=instance.pk).update(
                    **{name: getattr(instance, name) for name in columns}
                )
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
            return
        self.save_relations(saved, replace=True)

    def save_relations(self, instances, *, replace: bool) -> None:
        """The many-to-many cells of a saved batch, in two queries a column."""
        for field in self.many_to_many_fields():
            relation = self._meta.model._meta.get_field(field.attribute)
            through = relation.remote_field.through
            own = through._meta.get_field(relation.m2m_field_name()).attname
            other = through._meta.get_field(relation.m2m_reverse_field_name()).attname
            rows = [
                instance
                for instance in instances
                if instance.pk is not None
                and field.attribute in getattr(instance, "_import_relations", {})
            ]
            if replace and rows:
                through.objects.filter(
                    **{f"{own}__in": [instance.pk for instance in rows]}
                ).delete()
            through.objects.bulk_create(
                (
                    through(**{own: instance.pk, other: related.pk})
                    for instance in rows
                    for related in instance._import_relations[field.attribute]
                ),
                batch_size=BATCH_SIZE,
            )
