"""The investment case's demo data: labelled as sample, the press release's
ratios come out of it, and loading it twice changes nothing."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage

from showcase import demo
from showcase.invest.figures.trade import trade_history
from showcase.models import (
    HomePage,
    InvestmentProject,
    InvestmentSite,
    SectorProfile,
    SupportMeasure,
    TradeFigure,
    WildHarvestReport,
)
from showcase.models.home import HOME_PAGE_CACHE_KEY

pytestmark = pytest.mark.django_db

MODELS = [
    TradeFigure,
    WildHarvestReport,
    SectorProfile,
    SupportMeasure,
    InvestmentSite,
    InvestmentProject,
]
NORTHERN = {"tyndinsky", "zeysky", "selemdzhinsky", "magdagachinsky", "skovorodinsky"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.delete(HOME_PAGE_CACHE_KEY)
    yield
    cache.delete(HOME_PAGE_CACHE_KEY)


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in MODELS
    }


def test_loading_twice_leaves_the_same_rows_and_images(tmp_path):
    demo.load("investment")
    first, files = snapshot(), sorted(p.name for p in tmp_path.rglob("*.jpg"))

    demo.load("investment")

    assert snapshot() == first
    assert sorted(p.name for p in tmp_path.rglob("*.jpg")) == files


def test_trade_figures_span_several_years_labelled_as_sample():
    demo.load("investment")

    history = trade_history()

    # 2020 is in the database, but not yet published as complete.
    assert TradeFigure.objects.filter(year=2020).exists()
    assert [year.year for year in history.years] == [2016, 2017, 2018, 2019]
    assert not TradeFigure.objects.filter(is_sample=False).exists()
    growth = history.growth()
    assert (growth.year, growth.base_year) == (2019, 2018)
    assert (growth.turnover, growth.exports) == (Decimal("1.9"), Decimal("2.4"))
    assert all(year.provenance.is_sample for year in history.years)
    assert "press release" in history.years[-1].provenance.source


def test_sample_projects_cover_the_facts_of_the_press_release():
    demo.load("investment")

    projects = InvestmentProject.objects.published()

    sectors = set(projects.values_list("sector__slug", flat=True))
    assert {"food", "wild-harvest", "forestry", "honey"} <= sectors
    assert all(project.is_sample for project in projects)
    for project in projects:
        assert all(getattr(project, f"title_{code}") for code in ("ru", "ja", "en"))
        assert all(getattr(project, f"image_alt_{code}") for code in ("ru", "ja", "en"))
        assert default_storage.exists(project.image.name)
    assert projects.filter(site__isnull=False).count() >= 3
    assert SupportMeasure.objects.filter(projects__isnull=False).distinct().count() >= 3


def test_wild_harvest_reports_come_from_the_northern_districts():
    demo.load("investment")

    districts = set(WildHarvestReport.objects.values_list("district__slug", flat=True))

    assert districts == NORTHERN
    assert not WildHarvestReport.objects.filter(is_sample=False).exists()


def test_home_page_has_a_generated_photograph_with_alt_text_in_three_languages():
    demo.load("investment")

    home = HomePage.load()

    assert default_storage.exists(home.hero_image.name)
    assert all(getattr(home, f"hero_alt_{code}") for code in ("ru", "ja", "en"))
