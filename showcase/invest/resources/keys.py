"""Finding the existing rows of an import whose key spans several columns."""

from import_export.instance_loaders import ModelInstanceLoader


class CompositeKeyInstanceLoader(ModelInstanceLoader):
    """Finds the existing rows of a whole file in one query by their key of
    several columns (year, country, flow, ...), instead of one query a row.

    A row whose key does not clean finds nothing: its own validation says
    what is wrong. A key repeated in the file finds nothing for its second
    row either, whose unique check then names the duplicate.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_fields = [
            self.resource.fields[name] for name in self.resource.get_import_id_fields()
        ]
        keys = [key for row in self.dataset.dict if (key := self.key(row))]
        years = {key[0] for key in keys}
        first = self.key_fields[0].attribute
        found = self.get_queryset().filter(**{f"{first}__in": years})
        self.by_key = {self.key_of(obj): obj for obj in found}

    def key(self, row) -> tuple | None:
        try:
            return tuple(self.normal(field.clean(row)) for field in self.key_fields)
        except (KeyError, ValueError):
            return None

    def key_of(self, obj) -> tuple:
        return tuple(
            self.normal(getattr(obj, field.attribute)) for field in self.key_fields
        )

    @staticmethod
    def normal(value):
        # A foreign key compares by its primary key, whatever object holds it.
        return getattr(value, "pk", value)

    def get_instance(self, row):
        key = self.key(row)
        return self.by_key.pop(key, None) if key else None
