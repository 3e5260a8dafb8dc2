"""The public exhibitions: the list, an exhibition with its catalogue of Amur
exhibitors (accepted participations only), an exhibitor's page, and the
catalogue as buyers take it away."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from exhibitions.models import Exhibition, Participation
from partners.models import Company
from tests.exhibitions.factories import (
    ExhibitionFactory,
    ParticipationFactory,
    ParticipationProductFactory,
)
from tests.partners.factories import CompanyFactory, DistrictFactory, SectorFactory

pytestmark = pytest.mark.django_db

Status = Participation.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo():
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), "#f6c453").save(buffer, "JPEG")
    return SimpleUploadedFile("honey.jpg", buffer.getvalue(), "image/jpeg")


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def foodex():
    return ExhibitionFactory(slug="foodex-japan-2020")


def test_the_catalogue_lists_accepted_participations_only(client, foodex):
    shown = ParticipationFactory(exhibition=foodex, status=Status.ACCEPTED)
    hidden = [
        ParticipationFactory(exhibition=foodex, status=status)
        for status in (
            Status.UNCONFIRMED,
            Status.SUBMITTED,
            Status.DECLINED,
            Status.WITHDRAWN,
        )
    ]
    ParticipationFactory(status=Status.ACCEPTED)  # at another exhibition

    response = client.get("/en/exhibitions/foodex-japan-2020/")

    assert list(response.context["exhibitors"]) == [shown]
    html = response.text
    assert shown.company.name_en in html
    for participation in hidden:
        assert participation.company.name_en not in html


def test_an_exhibitor_not_accepted_has_no_public_page(client, foodex):
    submitted = ParticipationFactory(exhibition=foodex, status=Status.SUBMITTED)
    url = f"/en/exhibitions/foodex-japan-2020/exhibitors/{submitted.company.slug}/"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("query", ["巣蜜", "Comb Honey", "мёд в сотах"])
def test_search_finds_a_product_shown_in_any_language(client, foodex, query):
    honey = ParticipationFactory(exhibition=foodex)
    other = ParticipationFactory(
        exhibition=foodex,
        products_shown_ru="Пиломатериалы",
        products_shown_ja="製材品",
        products_shown_en="Sawn timber",
        company=CompanyFactory(products_ru="", products_ja="", products_en=""),
    )
    response = client.get("/ja/exhibitions/foodex-japan-2020/", {"q": query})
    exhibitors = list(response.context["exhibitors"])
    assert honey in exhibitors
    assert other not in exhibitors


def test_search_finds_a_product_by_its_photo_caption(client, foodex):
    shown = ParticipationFactory(exhibition=foodex, products_shown_en="")
    ParticipationProductFactory(participation=shown, name_en="Pine nut oil")
    ParticipationFactory(exhibition=foodex)
    response = client.get("/en/exhibitions/foodex-japan-2020/", {"q": "pine nut"})
    assert list(response.context["exhibitors"]) == [shown]


def test_filters_by_sector_and_district_of_the_company(client, foodex):
    honey, timber = SectorFactory(), SectorFactory()
    zeya, tynda = DistrictFactory(), DistrictFactory()
    wanted = ParticipationFactory(
        exhibition=foodex, company=CompanyFactory(district=zeya, sectors=[honey])
    )
    ParticipationFactory(
        exhibition=foodex, company=CompanyFactory(district=tynda, sectors=[honey])
    )
    ParticipationFactory(
        exhibition=foodex, company=CompanyFactory(district=zeya, sectors=[timber])
    )
    response = client.get(
        "/en/exhibitions/foodex-japan-2020/",
        {"sector": honey.slug, "district": zeya.slug},
    )
    assert list(response.context["exhibitors"]) == [wanted]
    form = response.context["filter_form"]
    assert set(form.fields["sector"].queryset) == {honey, timber}


def test_a_bad_filter_value_drops_that_filter_only(client, foodex):
    shown = ParticipationFactory(exhibition=foodex)
    response = client.get(
        "/en/exhibitions/foodex-japan-2020/", {"sector": "caviar", "page": "99"}
    )
    assert response.status_code == 200
    assert list(response.context["exhibitors"]) == [shown]


def test_exhibitor_page_shows_stand_products_with_photos_and_a_meeting_link(
    client, foodex, django_capture_on_commit_callbacks
):
    # Meetings are offered while the exhibition is still to come.
    foodex.starts_on = timezone.localdate() + datetime.timedelta(days=30)
    foodex.ends_on = foodex.starts_on + datetime.timedelta(days=3)
    foodex.save()
    participation = ParticipationFactory(
        exhibition=foodex,
        stand="5E-12",
        certifications_ja="HACCP認証",
        volumes_ja="年間最大60トン",
    )
    with django_capture_on_commit_callbacks(execute=True):  # sizes are made
        ParticipationProductFactory(
            participation=participation, name_ja="シナノキ蜂蜜", photo=photo()
        )
    company = participation.company

    response = client.get(
        f"/ja/exhibitions/foodex-japan-2020/exhibitors/{company.slug}/"
    )

    html = response.text
    assert company.name_ja in html
    assert "5E-12" in html
    assert "HACCP認証" in html
    assert "年間最大60トン" in html
    assert 'alt="シナノキ蜂蜜"' in html
    assert " 960w" in html, "the photo comes in the sizes a screen needs"
    assert f'href="/ja/contact/?about=exhibitor%3A{participation.pk}"' in html


def test_the_list_shows_upcoming_exhibitions_first_and_past_ones_on_their_tab(
    client,
):
    coming = ExhibitionFactory(starts_on=in_days(30), ends_on=in_days(33))
    ongoing = ExhibitionFactory(starts_on=in_days(-1), ends_on=in_days(1))
    held = ExhibitionFactory(starts_on=in_days(-90), ends_on=in_days(-87))

    upcoming = client.get("/en/exhibitions/")
    past = client.get("/en/exhibitions/", {"when": "past"})

    assert list(upcoming.context["exhibitions"]) == [ongoing, coming]
    assert list(past.context["exhibitions"]) == [held]
    assert upcoming.context["other_count"] == 1


def test_exhibition_page_gives_its_facts_and_the_apply_link_while_upcoming(client):
    exhibition = ExhibitionFactory(
        starts_on=in_days(60),
        ends_on=in_days(63),
        edition=46,
        pavilion_offer_en="Stands, samples and interpreters.",
    )
    html = client.get(f"/en/exhibitions/{exhibition.slug}/").text
    assert "Makuhari Messe" in html
    assert "Chiba" in html
    assert "https://foodex.example.jp/" in html
    assert "Stands, samples and interpreters." in html
    assert f"/en/exhibitions/{exhibition.slug}/apply/" in html
    assert f"/en/events/exhibition-{exhibition.pk}.ics" in html


@pytest.mark.parametrize(
    ("starts_in", "is_cancelled", "message"),
    [
        (30, False, "Applications will open here soon"),
        (-30, False, "Applications for this exhibition are closed"),
        (30, True, "Applications for this exhibition are closed"),
    ],
)
def test_apply_page_says_what_to_expect(client, starts_in, is_cancelled, message):
    exhibition = ExhibitionFactory(
        starts_on=in_days(starts_in),
        ends_on=in_days(starts_in + 2),
        is_cancelled=is_cancelled,
    )
    response = client.get(f"/en/exhibitions/{exhibition.slug}/apply/")
    assert response.status_code == 200
    assert message in response.text


def test_unknown_exhibition_is_a_404(client):
    assert client.get("/ja/exhibitions/no-such-fair/").status_code == 404


def test_catalogue_downloads_as_xlsx_in_japanese_with_accepted_exhibitors_only(
    client, foodex
):
    accepted = ParticipationFactory(
        exhibition=foodex,
        stand="5E-12",
        products_shown_ja="=HYPERLINK()",
        company=CompanyFactory(sectors=[SectorFactory(), SectorFactory()]),
    )
    ParticipationFactory(exhibition=foodex, status=Status.SUBMITTED)

    response = client.get("/ja/exhibitions/foodex-japan-2020/catalogue.xlsx")

    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert "foodex-japan-2020-exhibitors-ja.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows.index(next(row for row in rows if row[0] == "企業"))
    exhibitors = rows[header + 1 :]
    assert len(exhibitors) == 1
    company, stand, _district, sectors, *_rest, page = exhibitors[0]
    assert company == accepted.company.name_ja
    assert stand == "5E-12"
    # Listed as Japanese lists words.
    assert sectors == "、".join(s.name_ja for s in accepted.company.sectors.all())
    assert "'=HYPERLINK()" in exhibitors[0], "a formula is written as text"
    assert page.endswith(
        f"/ja/exhibitions/foodex-japan-2020/exhibitors/{accepted.company.slug}/"
    )


def test_catalogue_download_keeps_the_filters(client, foodex):
    honey = SectorFactory()
    ParticipationFactory(exhibition=foodex, company=CompanyFactory(sectors=[honey]))
    ParticipationFactory(exhibition=foodex)
    response = client.get(
        "/en/exhibitions/foodex-japan-2020/catalogue.xlsx", {"sector": honey.slug}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert names.count("Company") == 1
    assert len(names) - names.index("Company") - 1 == 1


def test_exhibition_page_offers_the_catalogue_in_japanese_and_english(client, foodex):
    ParticipationFactory(exhibition=foodex)
    html = client.get("/ru/exhibitions/foodex-japan-2020/", {"q": "мёд"}).text
    assert (
        "/ja/exhibitions/foodex-japan-2020/catalogue.xlsx?q=%D0%BC%D1%91%D0%B4" in html
    )
    assert "/en/exhibitions/foodex-japan-2020/catalogue/print/?q=" in html


def test_printable_catalogue_in_english_lists_the_exhibitors_and_whom_to_write(
    client, foodex
):
    accepted = ParticipationFactory(exhibition=foodex, volumes_en="Up to 60 tonnes")
    declined = ParticipationFactory(exhibition=foodex, status=Status.DECLINED)
    html = client.get("/en/exhibitions/foodex-japan-2020/catalogue/print/").text
    assert accepted.company.name_en in html
    assert "Up to 60 tonnes" in html
    assert declined.company.name_en not in html
    assert "To meet an exhibitor" in html
    assert "exhibitions.css" in html, "the print stylesheet is loaded"


# --- Query budgets with large data ---------------------------------------------


def test_exhibitions_list_needs_few_queries_with_500_exhibitions(
    client, django_assert_max_num_queries
):
    sector = SectorFactory()
    today = timezone.localdate()
    Exhibition.objects.bulk_create(
        Exhibition(
            slug=f"fair-{number}",
            name_ru=f"Выставка {number}",
            name_ja=f"展示会{number}",
            name_en=f"Fair {number}",
            city_ru="Токио",
            city_en="Tokyo",
            starts_on=today + datetime.timedelta(days=number - 250),
            ends_on=today + datetime.timedelta(days=number - 247),
        )
        for number in range(500)
    )
    Exhibition.sectors.through.objects.bulk_create(
        Exhibition.sectors.through(exhibition=exhibition, sector=sector)
        for exhibition in Exhibition.objects.all()
    )
    for when in ("", "past"):
        with django_assert_max_num_queries(8):
            response = client.get("/ja/exhibitions/", {"when": when, "page": 3})
        assert len(response.context["exhibitions"]) == 20


def test_catalogue_needs_few_queries_with_300_exhibitors(
    client, foodex, django_assert_max_num_queries
):
    sector, district = SectorFactory(), DistrictFactory()
    companies = Company.objects.bulk_create(
        Company(
            inn=f"28{number:08d}",
            slug=f"exporter-{number}",
            name_ru=f"Экспортёр {number}",
            name_en=f"Exporter {number}",
            district=district,
        )
        for number in range(300)
    )
    Company.sectors.through.objects.bulk_create(
        Company.sectors.through(company=company, sector=sector) for company in companies
    )
    participations = Participation.objects.bulk_create(
        Participation(
            exhibition=foodex,
            company=company,
            status=Status.ACCEPTED,
            token=f"token-{company.pk}",
            products_shown_en="Honey",
        )
        for company in companies
    )
    for participation in participations[:50]:
        ParticipationProductFactory(participation=participation)
    with django_assert_max_num_queries(12):
        response = client.get(
            "/ja/exhibitions/foodex-japan-2020/", {"sector": sector.slug, "page": 2}
        )
    assert len(response.context["exhibitors"]) == 24
    with django_assert_max_num_queries(10):
        response = client.get("/ja/exhibitions/foodex-japan-2020/catalogue/print/")
    # Names without a Japanese translation fall back to English.
    assert response.text.count("Exporter ") == 300


@pytest.mark.parametrize(
    ("days", "cancelled", "said"),
    [(-400, False, "Exhibited at"), (-400, True, "Was to exhibit at")],
)
def test_a_past_exhibitors_page_reads_as_past_and_offers_no_meeting(
    client, days, cancelled, said
):
    starts = timezone.localdate() + datetime.timedelta(days=days)
    exhibition = ExhibitionFactory(
        slug="old-fair",
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=3),
        is_cancelled=cancelled,
    )
    participation = ParticipationFactory(exhibition=exhibition)

    html = client.get(
        f"/en/exhibitions/old-fair/exhibitors/{participation.company.slug}/"
    ).text

    assert said in html
    assert "Amur exhibitor at" not in html
    assert "Ask for a meeting" not in html
    assert "?about=exhibitor" not in html
