"""The demo presentation and news: three languages, pictures, reloadable."""

import pytest
from django.core.management import call_command
from PIL import Image

from showcase import demo
from showcase.models import NewsItem, Presentation, Slide

pytestmark = pytest.mark.django_db

LANGUAGES = ("ru", "ja", "en")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def snapshot() -> dict:
    return {
        "presentations": list(Presentation.objects.values_list("slug", "title_ja")),
        "slides": list(Slide.objects.values_list("position", "image_ru", "heading_ja")),
        "news": list(NewsItem.objects.values_list("slug", "image", "title_ja")),
    }


def load_content():
    # The Tokyo deck links to its mission: the missions come first.
    demo.load("partners", "missions", "presentation_tokyo_2019", "news_2019_2020")


def test_loading_twice_leaves_the_same_rows_and_files():
    load_content()
    first = snapshot()
    load_content()
    assert snapshot() == first


def test_the_tokyo_presentation_of_november_2019_speaks_three_languages():
    call_command("load_demo", stdout=None)

    presentation = Presentation.objects.get(slug="tokyo-november-2019")
    assert presentation.presented_on.isoformat() == "2019-11-12"
    assert presentation.mission.slug == "japan-november-2019"
    assert presentation.is_sample
    slides = list(presentation.ordered_slides())
    assert len(slides) == 8
    for slide in slides:
        for language in LANGUAGES:
            assert getattr(slide, f"heading_{language}")
            assert getattr(slide, f"body_{language}")
        with Image.open(slide.image_ru.path) as image:
            assert image.size == (1600, 900)


def test_the_demo_news_tell_the_2019_2020_story_in_three_languages():
    demo.load("news_2019_2020")

    news = NewsItem.objects.published()
    assert news.count() >= 8
    assert all(item.is_sample and item.image for item in news)
    for item in news:
        for language in LANGUAGES:
            assert getattr(item, f"title_{language}")
            assert getattr(item, f"summary_{language}")
            assert getattr(item, f"image_alt_{language}")
    trade = NewsItem.objects.get(slug="trade-with-japan-2019")
    assert "1,9" in trade.title_ru
    assert "2.4" in trade.summary_en
    assert set(trade.sectors.values_list("slug", flat=True)) == {
        "food",
        "animal-feed",
        "forestry",
    }
