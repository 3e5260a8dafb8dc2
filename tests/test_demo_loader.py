"""The demo loader: rows in data files matched by their natural key, their
three languages, references, relative dates, and the errors that name the row
at fault."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from amur_invest.demo import DemoDataError, DemoLoader, drawn_once
from missions.models import ProgrammeItem
from partners.models import Company, District
from showcase.models import Event, TradeFigure
from tests.missions.factories import MissionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
DISTRICTS = """
[tables.district]
model = "partners.District"
key = ["slug"]
defaults = { kind = "municipal_rayon" }
"""
COMPANIES = """
[tables.company]
model = "partners.Company"
key = ["inn"]
refs = { district = "slug", sectors = "slug" }
"""


@pytest.fixture
def demo_file(tmp_path):
    def write(text: str, name: str = "demo.toml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def load(path, **kwargs):
    return DemoLoader(today=TODAY, **kwargs).load(path)


def test_a_row_is_matched_by_its_natural_key_and_updated_not_duplicated(demo_file):
    row = '[[district]]\nslug = "test-district"\nname = ["{ru}", "テスト", "Test"]\n'
    load(demo_file(DISTRICTS + row.format(ru="Тестовый")))
    load(demo_file(DISTRICTS + row.format(ru="Новое имя")))

    district = District.objects.get(slug="test-district")
    assert (district.name_ru, district.name_ja, district.name_en) == (
        "Новое имя",
        "テスト",
        "Test",
    )


def test_a_translated_field_takes_a_list_or_a_table_of_its_three_languages(
    demo_file,
):
    load(
        demo_file(
            DISTRICTS
            + '[[district]]\nslug = "a"\nname = ["А", "ア", "A"]\n'
            + '[[district]]\nslug = "b"\nname = { ru = "Б", ja = "ビ", en = "B" }\n'
        )
    )

    assert District.objects.get(slug="b").name_ja == "ビ"
    with pytest.raises(DemoDataError, match="name needs its 3 languages"):
        load(demo_file(DISTRICTS + '[[district]]\nslug = "c"\nname = ["В", "C"]\n'))


def test_references_and_many_to_many_links_are_found_by_natural_key(demo_file):
    load(
        demo_file(
            COMPANIES + '[[company]]\ninn = "2899277756"\nslug = "honey"\n'
            'name = ["Мёд", "蜂蜜", "Honey"]\ndistrict = "mazanovsky"\n'
            'sectors = ["honey", "food"]\n'
        )
    )

    company = Company.objects.get(inn="2899277756")
    assert company.district.slug == "mazanovsky"
    assert set(company.sectors.values_list("slug", flat=True)) == {"honey", "food"}


def test_a_reference_to_no_row_is_refused_naming_the_file_table_and_row(demo_file):
    path = demo_file(
        COMPANIES + '[[company]]\ninn = "2899277756"\nslug = "honey"\n'
        'name = ["Мёд", "蜂蜜", "Honey"]\ndistrict = "atlantis"\n',
        name="companies.toml",
    )

    with pytest.raises(DemoDataError, match=r"companies.toml, \[\[company\]\] row 1"):
        load(path)
    assert not Company.objects.exists()


def test_a_name_that_is_no_field_of_the_model_is_refused(demo_file):
    with pytest.raises(DemoDataError, match="no field named 'colour'"):
        load(demo_file(DISTRICTS + '[[district]]\nslug = "x"\ncolour = "red"\n'))


def test_a_value_outside_the_field_choices_is_refused(demo_file):
    text = DISTRICTS + '[[district]]\nslug = "x"\nname = ["Х", "エックス", "X"]\n'
    with pytest.raises(DemoDataError, match="kind"):
        load(demo_file(text.replace("municipal_rayon", "kingdom")))


EVENTS = """
[tables.event]
model = "showcase.Event"
key = ["title_en"]
shared = { place = "places" }

[places]
tokyo = { place = ["Токио", "東京", "Tokyo"], time_zone = "Asia/Tokyo" }

[[event]]
kind = "seminar"
place = "tokyo"
all_day = false
starts_at = 2019-11-12T14:00:00
title = ["Семинар", "セミナー", "Seminar"]

[[event]]
kind = "meeting"
place = "tokyo"
all_day = false
starts_at = { in_days = 10, at = "10:00" }
title = ["Встреча", "会議", "Meeting"]

[[event]]
kind = "forum"
place = "tokyo"
starts_on = { in_days = -1 }
ends_on = { in_days = 2 }
title = ["Форум", "フォーラム", "Forum"]
"""


def test_dates_count_from_the_day_of_loading_and_local_times_are_the_rows_zone(
    demo_file,
):
    load(demo_file(EVENTS))

    tokyo = ZoneInfo("Asia/Tokyo")
    seminar = Event.objects.get(title_en="Seminar")
    assert seminar.place_ja == "東京"
    assert seminar.time_zone == "Asia/Tokyo"
    assert seminar.starts_at == datetime.datetime(2019, 11, 12, 14, tzinfo=tokyo)
    meeting = Event.objects.get(title_en="Meeting")
    assert meeting.starts_at == datetime.datetime(2026, 3, 12, 10, tzinfo=tokyo)
    forum = Event.objects.get(title_en="Forum")
    assert (forum.starts_on, forum.ends_on) == (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 3, 4),
    )


def test_rows_of_a_parent_the_file_no_longer_lists_are_pruned(demo_file):
    mission, other = MissionFactory(slug="moving"), MissionFactory()
    kept = ProgrammeItem.objects.create(
        mission=other, starts_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    head = f"""
[tables.item]
model = "missions.ProgrammeItem"
key = ["mission", "starts_at"]
refs = {{ mission = "slug" }}
time_zone = "Asia/Tokyo"
prune = "mission"

[[item]]
mission = "{mission.slug}"
kind = "b2b"
title = ["Переговоры", "商談", "Talks"]
"""
    DemoLoader(today=TODAY).load(
        demo_file(head + 'starts_at = { in_days = 60, at = "10:00" }\n')
    )
    DemoLoader(today=TODAY + datetime.timedelta(days=1)).load(
        demo_file(head + 'starts_at = { in_days = 60, at = "10:00" }\n')
    )

    [item] = mission.programme.all()
    assert item.starts_at.date() == TODAY + datetime.timedelta(days=61)
    assert ProgrammeItem.objects.filter(pk=kept.pk).exists()


def test_rows_of_a_csv_file_take_the_types_of_their_fields(demo_file):
    (demo_file("", name="figures.csv").parent / "figures.csv").write_text(
        "year,partner_country,flow,commodity_group,value,currency,source,is_sample\n"
        "2019,JP,export,food,48.5,USD,sample data,1\n",
        encoding="utf-8",
    )
    load(
        demo_file(
            '[tables.figure]\nmodel = "showcase.TradeFigure"\n'
            'key = ["year", "partner_country", "flow", "commodity_group", "currency"]\n'
            'csv = "figures.csv"\n'
        )
    )

    figure = TradeFigure.objects.get()
    assert (figure.year, figure.value, figure.is_sample) == (
        2019,
        Decimal("48.5"),
        True,
    )


def test_a_picture_is_drawn_by_its_painter_once_and_then_reused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    drawings = []

    def draw():
        drawings.append(1)
        return b"picture"

    assert drawn_once("demo/a.png", draw) == "demo/a.png"
    assert drawn_once("demo/a.png", draw) == "demo/a.png"
    assert drawings == [1]
    assert (tmp_path / "demo" / "a.png").read_bytes() == b"picture"


def test_a_hook_adds_what_follows_from_a_saved_row(demo_file):
    seen = []

    def hook(district, row, document):
        seen.append((district.slug, row["slug"], sorted(document)))

    load(
        demo_file(DISTRICTS + '[[district]]\nslug = "h"\nname = ["Х", "ハ", "H"]\n'),
        after_save={District: hook},
    )

    assert seen == [("h", "h", ["district", "tables"])]
