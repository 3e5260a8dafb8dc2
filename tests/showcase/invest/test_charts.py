"""One dataset behind each chart: the SVG, the table beside it and the CSV
download show the same numbers, labelled in the page's language."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.template import engines
from django.utils import translation
from django.utils.text import capfirst

from showcase import demo
from showcase.invest.charts import (
    Dataset,
    Row,
    axis_ticks,
    bar_list_chart,
    column_chart,
    nice_step,
    split_label,
)
from showcase.models.home import HOME_PAGE_CACHE_KEY

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def load_trade_figures():
    demo.load("investment", tables=["trade_years", "trade_figures"])


def load_wild_harvest():
    demo.load("investment", tables=["wild_harvest"])


@pytest.fixture(autouse=True)
def fresh_home_page():
    # The home page row is cached; a row of an earlier test must not leak.
    cache.delete(HOME_PAGE_CACHE_KEY)
    yield
    cache.delete(HOME_PAGE_CACHE_KEY)


def svgs(html: str) -> list[ET.Element]:
    """Every chart of a page, parsed as XML: a chart that is not well-formed
    SVG fails here."""
    return [
        ET.fromstring(match)
        for match in re.findall(
            r'<svg xmlns="http://www.w3.org/2000/svg" class="chart".*?</svg>',
            html,
            re.S,
        )
    ]


def bar_values(svg: ET.Element) -> list[Decimal]:
    return [Decimal(rect.get("data-value")) for rect in svg.iter(f"{SVG}rect")]


def svg_text(svg: ET.Element) -> list[str]:
    """Each text of the chart, a label of two lines joined by a space."""
    return [" ".join(text.itertext()) for text in svg.iter(f"{SVG}text")]


def table_values(html: str) -> list[Decimal]:
    return [Decimal(value) for value in re.findall(r'<td data-value="([^"]+)"', html)]


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM for Excel"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def dataset(**overrides) -> Dataset:
    fields = {
        "name": "test",
        "title": "Trade",
        "category": "Year",
        "unit": "million US$",
        "series": ["Exports", "Imports"],
        "rows": [
            Row("2018", [Decimal(20), Decimal(30)]),
            Row("2019", [Decimal(48), Decimal(47)]),
        ],
        "total_label": "Turnover",
    }
    return Dataset(**{**fields, **overrides})


# --- Geometry --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("largest", "step"),
    [(95, 20), (100, 20), (4.1, 1), (0.9, 0.2), (48000, 10000), (0.04, 0.01), (0, 1)],
)
def test_axis_steps_are_round_numbers(largest, step):
    assert nice_step(Decimal(str(largest))) == Decimal(str(step))


@pytest.mark.parametrize(
    ("largest", "labels"),
    [
        # The wild harvest's exports: 0.2 to 0.9 million dollars.
        ("0.9", ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        ("95", ["0", "20", "40", "60", "80", "100"]),
        ("0.07", ["0.00", "0.02", "0.04", "0.06", "0.08"]),
        ("4.1", ["0", "1", "2", "3", "4", "5"]),
        ("48000", ["0", "10000", "20000", "30000", "40000", "50000"]),
        ("3", ["0", "1", "2", "3"]),
    ],
)
def test_axis_labels_are_distinct_round_numbers_with_the_decimals_they_need(
    largest, labels
):
    values, decimals = axis_ticks(Decimal(largest))

    shown = [f"{value:.{decimals}f}" for value in values]
    assert shown == labels
    assert len(set(shown)) == len(shown)


def render_chart(context: dict, call: str = "chart(data)") -> str:
    """A chart as the public pages' templates (Jinja2) draw it."""
    return engines["jinja2"].from_string(f"{{{{ {call} }}}}").render(context)


def test_a_chart_of_tenths_labels_its_axis_in_tenths():
    tenths = dataset(
        series=["Exports"],
        rows=[
            Row(str(year), [Decimal(value)])
            for year, value in zip(
                range(2016, 2021), ["0.2", "0.3", "0.3", "0.9", "0.6"], strict=True
            )
        ],
    )

    html = render_chart({"data": tenths})

    axis = svgs(html)[0].find(f"{SVG}g")
    assert [text.text for text in axis.iter(f"{SVG}text")] == [
        "0.0",
        "0.2",
        "0.4",
        "0.6",
        "0.8",
        "1.0",
    ]


def test_stacked_columns_are_as_tall_as_their_totals_on_one_scale():
    chart = column_chart(dataset())

    heights = [sum(s.height for s in column.segments) for column in chart.columns]
    assert heights[1] / heights[0] == pytest.approx(95 / 50, rel=0.01)
    for column in chart.columns:
        top = min(segment.y for segment in column.segments)
        assert top + sum(s.height for s in column.segments) == pytest.approx(
            chart.bottom, abs=0.2
        )
    assert chart.ticks[-1].value >= 95


def test_columns_and_bars_stay_within_the_width():
    chart = column_chart(
        dataset(rows=[Row(str(y), [Decimal(y), Decimal(1)]) for y in range(2000, 2021)])
    )
    bars = bar_list_chart(dataset(), shares=True)

    segments = [s for c in chart.columns for s in c.segments]
    segments += [s for line in bars.lines for s in line.segments]
    assert all(s.x >= 0 and s.x + s.width <= 100 for s in segments)
    assert max(line.value_x for line in bars.lines) == 70


def test_bar_shares_add_up_to_the_whole():
    bars = bar_list_chart(
        dataset(
            series=["Exports"], rows=[Row("a", [Decimal(1)]), Row("b", [Decimal(3)])]
        ),
        shares=True,
    )

    assert [line.share for line in bars.lines] == [Decimal("25.0"), Decimal("75.0")]


def test_an_empty_dataset_says_so_instead_of_drawing():
    with translation.override("en"):
        html = render_chart({"data": dataset(rows=[])})

    assert "<svg" not in html.replace('class="chart-legend__swatch"', "")
    assert "No figures have been published yet." in html


def test_chart_table_and_values_agree_and_numbers_follow_the_locale():
    data = dataset(rows=[Row("2019", [Decimal("48000.5"), Decimal(47)])])
    with translation.override("ru"):
        html = render_chart({"data": data}, "chart(data, table_beside=True)")

    [svg] = svgs(html)
    assert bar_values(svg) == [Decimal("48000.5"), Decimal("47.0")]
    assert table_values(html) == [
        Decimal("48000.5"),
        Decimal("47.0"),
        Decimal("48047.5"),
    ]
    assert "48\xa0047,5" in svg_text(svg), "the total in Russian notation"
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Trade, million US$"


# --- Pages -----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_trade_chart_holds_the_years_and_totals_in_the_page_language(client, language):
    load_trade_figures()

    html = client.get(f"/{language}/invest/").content.decode()

    trade_svg, structure_svg = svgs(html)
    texts = svg_text(trade_svg)
    assert {str(year) for year in range(2016, 2020)} <= set(texts)
    assert "2020" not in texts, "the demo keeps 2020 unpublished"
    decimal_mark = "," if language == "ru" else "."
    assert f"95{decimal_mark}0" in texts
    with translation.override(language):
        food = capfirst(translation.gettext("food products"))
        title = translation.gettext("Trade of the Amur Region with Japan")
    assert food in svg_text(structure_svg)
    assert trade_svg.find(f"{SVG}title").text.startswith(title)


def test_trade_chart_table_and_csv_hold_the_same_numbers(client):
    load_trade_figures()

    html = client.get("/ja/invest/").content.decode()
    rows = csv_rows(client.get("/ja/invest/trade-japan.csv"))

    trade_svg = svgs(html)[0]
    exports_and_imports = bar_values(trade_svg)
    # The last three columns say where the figures come from.
    csv_numbers = [Decimal(cell) for row in rows[1:] for cell in row[1:-3]]
    assert exports_and_imports == [n for i, n in enumerate(csv_numbers) if i % 3 != 2]
    assert table_values(html)[: len(csv_numbers)] == csv_numbers
    assert rows[0][0] == "年"
    assert rows[0][-3:] == ["出典", "取得日", "サンプルデータ"]
    assert rows[4][:4] == ["2019", "48.0", "47.0", "95.0"]
    assert rows[4][-1] == "はい"
    assert "サンプルデータ" in rows[4][-3]


def test_export_structure_chart_table_and_csv_agree(client):
    load_trade_figures()

    html = client.get("/en/invest/?year=2018").content.decode()
    rows = csv_rows(client.get("/en/invest/exports-2018.csv"))

    structure_svg = svgs(html)[1]
    csv_numbers = [Decimal(row[1]) for row in rows[1:]]
    assert all(row[-1] == "yes" for row in rows[1:])
    assert bar_values(structure_svg) == csv_numbers
    assert table_values(html)[-len(csv_numbers) :] == csv_numbers
    assert [row[0] for row in rows[1:3]] == [
        "Timber and wood products",
        "Food products",
    ]
    assert "35.5%" in " ".join(svg_text(structure_svg)), "7.1 of 20.0"


def test_structure_of_a_year_without_figures_is_not_found(client):
    load_trade_figures()

    assert client.get("/en/invest/exports-1999.csv").status_code == 404


def test_wild_harvest_chart_table_and_csv_agree(client):
    load_wild_harvest()

    html = client.get("/ja/invest/wild-harvest/").content.decode()
    rows = csv_rows(client.get("/ja/invest/wild-harvest/2020.csv"))

    [svg] = svgs(html)
    header, lingonberry = rows[0], rows[1]
    assert lingonberry[0] == "コケモモ"
    assert lingonberry[-1] == "1350"
    assert "ティンダ地区 (トン)" in header
    chart_lingonberry = [
        Decimal(rect.get("data-value"))
        for rect in svg.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title").text.startswith("コケモモ")
    ]
    assert chart_lingonberry == [Decimal(cell) for cell in lingonberry[1:-1]]
    assert "1,350" in svg_text(svg)


def test_a_long_bar_label_takes_two_lines_split_at_a_word():
    long_label = "Дикорастущие ягоды, грибы и орехи"
    bars = bar_list_chart(
        dataset(series=["Exports"], rows=[Row(long_label, [Decimal(1)])])
    )

    (line,) = bars.lines
    assert line.label_lines == ["Дикорастущие ягоды,", "грибы и орехи"]
    assert line.bar_y > line.label_y + 17, "the bar sits below the second line"
    assert split_label("野生のベリー・キノコ・ナッツ類の加工品") == [
        "野生のベリー・キノコ・",
        "ナッツ類の加工品",
    ]
    assert split_label("Мёд") == ["Мёд"]


def test_a_long_bar_carries_its_value_inside_a_short_one_after_it():
    bars = bar_list_chart(
        dataset(
            series=["Exports"], rows=[Row("a", [Decimal(10)]), Row("b", [Decimal(1)])]
        ),
        shares=True,
    )

    assert [line.value_inside for line in bars.lines] == [True, False]
