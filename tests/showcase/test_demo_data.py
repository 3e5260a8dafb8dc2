"""The demo data set as a whole: every data file parses and every reference in
it resolves, every data file is loaded, and loading twice (or on another day)
leaves as many rows of every model and the same pictures."""

import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from amur_invest.demo import DemoLoader, read
from exhibitions.models import Exhibition
from showcase import demo

pytestmark = pytest.mark.django_db

APPS = [
    "amur_invest/agency",
    "partners",
    "missions",
    "showcase/meetings",
    "exhibitions",
    "showcase",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def stored_files(root: Path) -> list[Path]:
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def test_loading_the_demo_twice_leaves_as_many_rows_of_every_model(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    first, pictures = row_counts(), stored_files(tmp_path)

    call_command("load_demo", stdout=io.StringIO())

    assert row_counts() == first
    assert stored_files(tmp_path) == pictures


def test_the_demo_loaded_on_another_day_moves_its_dates_and_adds_no_row():
    today = timezone.localdate()
    demo.load(today=today - datetime.timedelta(days=3))
    first = row_counts()

    demo.load()

    assert row_counts() == first
    coming = Exhibition.objects.get(slug="foodex-japan-next")
    assert coming.starts_on == today + datetime.timedelta(days=100)


def test_every_demo_file_parses_and_every_table_holds_rows():
    for path in demo.files():
        for table in read(path).tables:
            assert table.rows, f"{path.name}: [[{table.name}]] holds no row"


def test_every_data_file_beside_the_apps_is_loaded():
    base = Path(settings.BASE_DIR)
    on_disk = {
        path.relative_to(base).as_posix()
        for app in APPS
        for path in (base / app / "demo").glob("*.toml")
    }
    named_csv = {
        (path.parent / spec["csv"]).relative_to(base).as_posix()
        for path in demo.files()
        for spec in read(path).document["tables"].values()
        if "csv" in spec
    }
    csv_on_disk = {
        path.relative_to(base).as_posix()
        for app in APPS
        for path in (base / app / "demo").glob("*.csv")
    }

    assert on_disk == set(demo.FILES)
    assert csv_on_disk == named_csv


def test_every_reference_in_the_demo_files_names_a_stored_row():
    demo.load()
    loader = DemoLoader()
    references = 0

    for path in demo.files():
        for table in read(path).tables:
            for given in table.rows:
                row = table.complete(given)
                for name in set(row) & set(table.refs):
                    model_field = table.model._meta.get_field(name)
                    values = row[name] if model_field.many_to_many else [row[name]]
                    for value in values:
                        if value == "" and model_field.null:
                            continue  # names no row, on purpose
                        assert loader.reference(table, model_field, value).pk
                        references += 1

    assert references > 300
