"""The loader of the demo data set: rows in data files, each matched by its
natural key, so that loading twice leaves the same database.

A demo file is TOML. Its `[tables]` say which rows it holds, in the order
they load:

    [tables.company]                # the rows are the file's [[company]] array
    model = "app.Company"           # app label and model name
    key = ["inn"]                   # the natural key: a row updates the stored
                                    # row with the same key, or is created
    refs = { district = "slug", sectors = "slug" }
                                    # the field a reference names its row by;
                                    # a list of fields for a list of values
    defaults = { is_sample = true } # what every row holds unless it says otherwise
    shared = { place = "places" }   # a row's `place` names an entry of [places],
                                    # whose values the row takes
    time_zone = "Asia/Tokyo"        # where local times are read, when the row
                                    # has no `time_zone` of its own
    prune = "mission"               # stored rows of the same mission that the
                                    # file no longer lists are deleted
    csv = "trade_figures.csv"       # the rows come from this CSV file beside

A row's names are the model's fields. A translated field takes its three
languages, `[ru, ja, en]` or `{ ru = ..., ja = ..., en = ... }`. A date may
count from the day of loading, `{ in_days = 60 }`, and a moment too,
`{ in_days = 25, at = "18:00" }`. Many-to-many fields take a list and are set
whole.

Code is left only for what is computed: the caller hands the loader painters
that draw a picture field from the word a row gives (`pictures`), and hooks
that add what follows from a saved row (`after_save`). This module names no
app: the files name the models.
"""

import csv
import datetime
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator

LANGUAGES = settings.MODELTRANSLATION_LANGUAGES
TABLE_SETTINGS = {
    "model",
    "key",
    "refs",
    "defaults",
    "shared",
    "time_zone",
    "prune",
    "csv",
}

# What a row that does not fit its model raises on its way in.
ROW_ERRORS = (LookupError, ValueError, FieldDoesNotExist, ValidationError)

Painter = Callable[[models.Model, str], str]
Hook = Callable[[models.Model, dict, dict], None]


class DemoDataError(Exception):
    """A data file says something the loader cannot follow."""


@dataclass
class Table:
    """The rows of one model in a data file, and how to load them."""

    name: str
    model: type[models.Model]
    key: list[str]
    rows: list[dict]
    refs: dict = field(default_factory=dict)
    defaults: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)
    time_zone: str | None = None
    prune: str | None = None

    def complete(self, given: dict) -> dict:
        """The row with the table's defaults and the shared values it names."""
        row = {**self.defaults, **given}
        for name, entries in self.shared.items():
            if name in given:
                row.update(entries[row.pop(name)])
        return row


@dataclass
class DemoFile:
    """A parsed data file: its tables, and the whole document for the hooks."""

    path: Path
    document: dict
    tables: list[Table]


def read(path: Path) -> DemoFile:
    """Parse a demo file and the CSV files it names."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        tables = [
            table_of(path, document, name, spec)
            for name, spec in document.get("tables", {}).items()
        ]
    except (tomllib.TOMLDecodeError, LookupError, OSError) as error:
        raise DemoDataError(f"{path.name}: {error}") from error
    return DemoFile(path, document, tables)


def table_of(path: Path, document: dict, name: str, spec: dict) -> Table:
    if unknown := set(spec) - TABLE_SETTINGS:
        raise DemoDataError(f"{path.name}, table {name}: unknown {sorted(unknown)}")
    if "csv" in spec:
        rows = csv_rows(path.parent / spec["csv"])
    else:
        rows = document.get(name, [])
    return Table(
        name=name,
        model=apps.get_model(spec["model"]),
        key=spec["key"],
        rows=rows,
        refs=spec.get("refs", {}),
        defaults=spec.get("defaults", {}),
        shared={
            field_name: document[section]
            for field_name, section in spec.get("shared", {}).items()
        },
        time_zone=spec.get("time_zone"),
        prune=spec.get("prune"),
    )


def csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def translated_fields(model: type[models.Model]) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def drawn_once(name: str, draw: Callable[[], bytes]) -> str:
    """The stored file of a demo picture, drawn the first time only: every
    database loaded with the demo shares the same files."""
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(draw()))
    return name


class DemoLoader:
    """Loads demo files into the database, row by row."""

    def __init__(
        self,
        *,
        today: datetime.date | None = None,
        pictures: dict[tuple[type[models.Model], str], Painter] | None = None,
        after_save: dict[type[models.Model], Hook] | None = None,
    ):
        self.today = today or timezone.localdate()
        self.pictures = pictures or {}
        self.after_save = after_save or {}
        self.found: dict = {}

    def load(self, path: Path, tables: Iterable[str] | None = None) -> list[str]:
        """Load the file's tables (all, or those named); return their names."""
        demo = read(path)
        chosen = [t for t in demo.tables if tables is None or t.name in tables]
        for table in chosen:
            self.load_table(table, demo)
        return [table.name for table in chosen]

    def load_table(self, table: Table, demo: DemoFile) -> None:
        loaded = []
        for number, given in enumerate(table.rows, start=1):
            try:
                loaded.append(self.load_row(table, table.complete(given), demo))
            except (DemoDataError, *ROW_ERRORS) as error:
                where = f"{demo.path.name}, [[{table.name}]] row {number}"
                raise DemoDataError(f"{where}: {error}") from error
        if table.prune:
            self.prune(table, loaded)

    def load_row(self, table: Table, row: dict, demo: DemoFile) -> models.Model:
        values, many, pictures = self.values(table, row)
        instance = self.match(table, values)
        for name, value in values.items():
            setattr(instance, name, value)
        for name, word in pictures.items():
            setattr(instance, name, self.pictures[table.model, name](instance, word))
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        for name, related in many.items():
            getattr(instance, name).set(related)
        if hook := self.after_save.get(table.model):
            hook(instance, row, demo.document)
        return instance

    def values(self, table: Table, row: dict) -> tuple[dict, dict, dict]:
        """The row as column values, many-to-many lists and picture words."""
        values, many, pictures = {}, {}, {}
        translated = translated_fields(table.model)
        zone = self.zone(table, row)
        for name, value in row.items():
            if name in translated:
                values.update(self.languages(name, value))
                continue
            model_field = table.model._meta.get_field(name)
            if (table.model, name) in self.pictures:
                pictures[name] = value
            elif model_field.many_to_many:
                many[name] = [self.reference(table, model_field, v) for v in value]
            elif model_field.is_relation:
                values[model_field.name] = self.reference(table, model_field, value)
            else:
                values[name] = self.plain(model_field, value, zone)
        return values, many, pictures

    @staticmethod
    def languages(name: str, texts) -> dict:
        if isinstance(texts, dict):
            texts = [texts[code] for code in LANGUAGES]
        if len(texts) != len(LANGUAGES):
            raise DemoDataError(f"{name} needs its {len(LANGUAGES)} languages")
        return {
            f"{name}_{code}": text.strip()
            for code, text in zip(LANGUAGES, texts, strict=True)
        }

    def plain(self, model_field, value, zone: ZoneInfo):
        if isinstance(value, dict) and "in_days" in value:
            return self.from_today(value, zone)
        if isinstance(value, datetime.datetime) and value.tzinfo is None:
            return value.replace(tzinfo=zone)
        return model_field.to_python(value)

    def from_today(self, spec: dict, zone: ZoneInfo):
        """`{in_days = N}` is a date; with `at = "HH:MM"` it is a moment."""
        day = self.today + datetime.timedelta(days=spec["in_days"])
        if "at" not in spec:
            return day
        at = datetime.time.fromisoformat(spec["at"])
        return datetime.datetime.combine(day, at, tzinfo=zone)

    @staticmethod
    def zone(table: Table, row: dict) -> ZoneInfo:
        name = row.get("time_zone") or table.time_zone
        return ZoneInfo(name) if name else timezone.get_current_timezone()

    def reference(self, table: Table, model_field, value) -> models.Model:
        """The row a reference names, found by the field the table's `refs`
        give for it (a list of fields for a list of values). An empty value
        ("") names no row: the field is left empty."""
        if value == "" and model_field.null:
            return None
        if model_field.name not in table.refs:
            raise DemoDataError(f"refs does not say how to find {model_field.name}")
        lookup = table.refs[model_field.name]
        criteria = (
            dict(zip(lookup, value, strict=True))
            if isinstance(lookup, list)
            else {lookup: value}
        )
        model = model_field.related_model
        cache_key = (model, tuple(sorted(criteria.items())))
        if cache_key not in self.found:
            try:
                self.found[cache_key] = model._base_manager.get(**criteria)
            except (model.DoesNotExist, model.MultipleObjectsReturned):
                raise DemoDataError(
                    f"not one {model._meta.label} with {criteria}"
                ) from None
        return self.found[cache_key]

    @staticmethod
    def match(table: Table, values: dict) -> models.Model:
        """The stored row with the same natural key, or a new one."""
        try:
            criteria = {name: values[name] for name in table.key}
        except KeyError as missing:
            raise DemoDataError(f"the row has no {missing} for its key") from None
        stored = table.model._base_manager.filter(**criteria).order_by("-pk").first()
        return stored or table.model()

    @staticmethod
    def prune(table: Table, loaded: list[models.Model]) -> None:
        """Rows of the same parents no longer in the file go: a date that moves
        with the day of loading leaves no row behind."""
        parents = {getattr(row, f"{table.prune}_id") for row in loaded}
        table.model._base_manager.filter(**{f"{table.prune}__in": parents}).exclude(
            pk__in=[row.pk for row in loaded]
        ).delete()
