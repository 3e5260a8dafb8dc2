"""Presentations: the list, a deck on one page, and one slide per address."""

import re

import pytest
from django.conf import settings
from django.utils.html import escape

from tests.missions.factories import MissionFactory
from tests.showcase.content_factories import (
    PresentationFactory,
    SlideFactory,
    png,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "ja", "en"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def deck():
    presentation = PresentationFactory(slug="tokyo-2019")
    for number in (1, 2, 3):
        SlideFactory(
            presentation=presentation,
            position=number * 10,
            heading_ru=f"Слайд номер {number}",
            heading_ja=f"スライド番号{number}",
            heading_en=f"Slide number {number}",
        )
    return presentation


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_slide_has_its_own_address_in_each_language(client, deck, language):
    response = client.get(f"/{language}/presentations/tokyo-2019/2/")

    assert response.status_code == 200
    html = response.text
    assert f'<html lang="{language}"' in html
    slide = deck.ordered_slides()[1]
    assert getattr(slide, f"heading_{language}") in html
    assert escape(getattr(slide, f"transcript_{language}")) in html
    base = f"/{language}/presentations/tokyo-2019"
    assert f'href="{base}/1/" rel="prev" data-slide-link="prev"' in html
    assert f'href="{base}/3/" rel="next" data-slide-link="next"' in html
    assert f'href="{base}/1/" data-slide-link="first"' in html
    assert f'href="{base}/3/" data-slide-link="last"' in html
    assert f'href="{base}/2/" aria-current="page"' in html


def test_slide_numbers_follow_positions_whatever_the_gaps(client, deck):
    html = client.get("/en/presentations/tokyo-2019/3/").text
    assert "Slide number 3" in html
    assert "Slide 3 of 3" in html


def test_the_first_slide_has_nowhere_to_go_back_to(client, deck):
    html = client.get("/en/presentations/tokyo-2019/1/").text
    assert 'data-slide-link="prev"' not in html
    assert 'data-slide-link="first"' not in html
    assert html.count('aria-disabled="true"') == 2


def test_the_last_slide_has_nowhere_to_go_on_to(client, deck):
    html = client.get("/en/presentations/tokyo-2019/3/").text
    assert 'data-slide-link="next"' not in html
    assert 'data-slide-link="last"' not in html


@pytest.mark.parametrize("number", [0, 4, 99])
def test_a_slide_past_the_deck_is_not_found(client, deck, number):
    assert client.get(f"/en/presentations/tokyo-2019/{number}/").status_code == 404


def test_an_unpublished_presentation_is_not_found(client, deck):
    deck.is_published = False
    deck.save()
    assert client.get("/en/presentations/tokyo-2019/").status_code == 404
    assert client.get("/en/presentations/tokyo-2019/1/").status_code == 404
    assert "tokyo-2019" not in client.get("/en/presentations/").text


def test_the_keyboard_script_comes_from_the_site_itself(client, deck):
    response = client.get("/ja/presentations/tokyo-2019/1/")
    html = response.text
    assert '<script src="/static/js/slides.js" defer></script>' in html
    assert "<script>" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert " style=" not in html


def test_the_deck_page_shows_every_slide_with_its_text_and_address(client, deck):
    html = client.get("/ja/presentations/tokyo-2019/").text
    for number in (1, 2, 3):
        assert f"スライド番号{number}" in html
        assert f'href="/ja/presentations/tokyo-2019/{number}/"' in html
    assert html.count("アムール州は日本の隣人です。") == 3
    assert "css/slides.css" in html


def test_printing_puts_one_slide_on_a_sheet():
    stylesheet = (settings.BASE_DIR / "static/css/slides.css").read_text()
    print_rules = stylesheet[stylesheet.index("@media print") :]
    deck_slide = re.search(r"\.deck__slide \{([^}]*)\}", print_rules).group(1)
    assert "break-after: page" in deck_slide
    assert "break-inside: avoid" in deck_slide


def test_a_deck_made_for_a_mission_links_to_it(client):
    mission = MissionFactory(title_en="Business mission to Japan, November 2019")
    PresentationFactory(slug="made-for-a-mission", mission=mission)
    html = client.get("/en/presentations/made-for-a-mission/").text
    assert f'href="{mission.get_absolute_url()}"' in html


def test_the_list_shows_each_deck_with_its_cover_and_slide_count(client, deck):
    first = deck.ordered_slides()[0]
    first.image_en = png(name="cover.png")
    first.save()
    PresentationFactory(title_en="A deck without slides yet")

    html = client.get("/en/presentations/").text

    assert deck.title_en in html
    assert "3 slides" in html
    assert "A deck without slides yet" in html
    assert "0 slides" in html
    assert html.count('class="deck-card__cover"') == 1


def test_the_list_needs_the_same_queries_for_many_long_decks(
    client, django_assert_max_num_queries
):
    for _ in range(15):
        presentation = PresentationFactory()
        for position in range(12):
            SlideFactory(presentation=presentation, position=position)
    with django_assert_max_num_queries(4):
        response = client.get("/ja/presentations/")
    assert response.status_code == 200
    assert response.text.count('class="card deck-card"') == 12


def test_a_slide_of_a_long_deck_needs_few_queries(
    client, django_assert_max_num_queries
):
    presentation = PresentationFactory(slug="long-deck")
    for position in range(80):
        SlideFactory(presentation=presentation, position=position)
    with django_assert_max_num_queries(3):
        response = client.get("/ja/presentations/long-deck/40/")
    assert response.status_code == 200
    assert response.text.count("/ja/presentations/long-deck/") > 80


def test_a_slide_image_gives_the_page_its_open_graph_image(
    client, deck, django_capture_on_commit_callbacks
):
    slide = deck.ordered_slides()[0]
    slide.image_en = png(2400, 1350, name="wide.png")
    with django_capture_on_commit_callbacks(execute=True):  # sizes are made
        slide.save()

    html = client.get("/en/presentations/tokyo-2019/1/").text

    match = re.search(r'<meta property="og:image" content="([^"]+)">', html)
    assert match
    assert match.group(1).startswith("http://testserver/media/cache/")
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html


def test_a_slide_image_in_one_language_serves_the_others(
    client, deck, django_capture_on_commit_callbacks
):
    slide = deck.ordered_slides()[0]
    slide.image_ru = png(name="ru.png")
    with django_capture_on_commit_callbacks(execute=True):  # sizes are made
        slide.save()

    html = client.get("/ja/presentations/tokyo-2019/1/").text

    assert re.search(r'slide-frame--main">\s*<img[^>]+src="/media/cache/', html)


def test_the_deck_page_needs_few_queries_however_long_the_deck(
    client, django_assert_max_num_queries
):
    presentation = PresentationFactory(slug="long-deck")
    for position in range(80):
        SlideFactory(presentation=presentation, position=position)
    with django_assert_max_num_queries(3):
        response = client.get("/ru/presentations/long-deck/")
    assert response.text.count('class="deck__slide"') == 80
