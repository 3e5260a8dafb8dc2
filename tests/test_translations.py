"""Every interface string exists in Russian, Japanese and English, and every
public page speaks the language of its address."""

import gettext
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.missions.factories import (
    MissionFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
)
from tests.partners.factories import CompanyFactory
from tests.showcase.invest_factories import (
    InvestmentProjectFactory,
    InvestmentSiteFactory,
    TradeFigureFactory,
    WildHarvestReportFactory,
)

LOCALE = Path(settings.BASE_DIR) / "locale"


def catalog(language: str) -> dict:
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def translated_msgids(language: str) -> set[str]:
    # Plural entries are keyed (msgid, form); the number of forms differs.
    return {key[0] if isinstance(key, tuple) else key for key in catalog(language)}


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_the_compiled_catalogue_matches_its_source(language, tmp_path):
    # Django reads the .mo files; a checkout or merge can leave one older than
    # its .po, and then pages show strings the .po no longer has.
    compiled = tmp_path / "django.mo"
    source = LOCALE / language / "LC_MESSAGES" / "django.po"
    subprocess.run(["msgfmt", "-o", str(compiled), str(source)], check=True)
    with open(compiled, "rb") as mo:
        assert gettext.GNUTranslations(mo)._catalog == catalog(language)


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_every_interface_string_is_translated(language):
    # msgfmt leaves untranslated and fuzzy entries out of the .mo file, and
    # the English catalogue holds every msgid.
    assert translated_msgids(language) == translated_msgids("en")


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_translations_differ_from_the_english_source(language):
    english = catalog("en")
    same = [
        key
        for key, value in catalog(language).items()
        if key and value == english.get(key) and any(ch.isalpha() for ch in value)
    ]
    # Proper names (Amur Invest, INN in Latin) may stay; whole sentences may not.
    assert [key for key in same if len(str(key)) > 25] == []


def public_paths(registration) -> list[str]:
    mission = registration.mission
    company = registration.company
    return [
        "/",
        "/companies/",
        f"/companies/{company.slug}/",
        "/missions/",
        f"/missions/{mission.slug}/",
        f"/missions/{mission.slug}/register/",
        f"/missions/{mission.slug}/register/sent/",
        f"/registrations/{registration.token}/",
        f"/registrations/{registration.token}/withdraw/",
        *investment_paths(),
    ]


def investment_paths() -> list[str]:
    TradeFigureFactory(year=2018)
    TradeFigureFactory(year=2019)
    WildHarvestReportFactory()
    site = InvestmentSiteFactory()
    project = InvestmentProjectFactory(site=site)
    return [
        "/invest/",
        "/invest/sectors/forestry/",
        "/invest/projects/",
        f"/invest/projects/{project.slug}/",
        "/invest/support/",
        "/invest/sites/",
        f"/invest/sites/{site.slug}/",
        "/invest/wild-harvest/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_every_public_page_speaks_the_language_of_its_address(client, language):
    registration = RegistrationFactory(
        status="accepted", company=CompanyFactory(is_published=True)
    )
    ProgrammeItemFactory(mission=registration.mission)
    MissionFactory(registration_open=False)
    with translation.override(language):
        home_label = translation.gettext("Home")
        missions_label = translation.gettext("Missions")
    for path in public_paths(registration):
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, path
        assert home_label in html, path
        assert missions_label in html, path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "filter_label", "empty_choice"),
    [
        ("ru", "Фильтр: ", "— Выберите —"),
        ("ja", " で絞り込む", "--- 選択してください ---"),
    ],
)
def test_admin_strings_missing_from_django_catalogues_are_translated(
    admin_client, language, filter_label, empty_choice
):
    # The missions' list has a date hierarchy ("Filter by") and actions.
    MissionFactory()

    response = admin_client.get(
        "/admin/missions/mission/", HTTP_ACCEPT_LANGUAGE=language
    )

    text = response.text
    assert filter_label in text
    assert "Filter by" not in text
    assert empty_choice in text
    assert "Select an option" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "tasks_app"),
    [("ru", "Фоновые задачи"), ("ja", "バックグラウンド処理")],
)
def test_admin_index_names_the_task_queue_in_the_staff_language(
    admin_client, language, tasks_app
):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language)

    assert tasks_app in response.text
    assert "Tasks Database Backend" not in response.text


def content_paths() -> list[str]:
    from tests.showcase.content_factories import (
        NewsItemFactory,
        PresentationFactory,
        SlideFactory,
    )

    news = NewsItemFactory()
    presentation = PresentationFactory()
    SlideFactory(presentation=presentation)
    return [
        "/news/",
        f"/news/{news.slug}/",
        "/presentations/",
        f"/presentations/{presentation.slug}/",
        f"/presentations/{presentation.slug}/1/",
        "/contact/",
        "/contact/sent/",
        "/sitemap/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_every_content_page_speaks_the_language_of_its_address(client, language):
    with translation.override(language):
        labels = [translation.gettext(text) for text in ("Home", "News", "Sitemap")]
    for path in content_paths():
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, path
        for label in labels:
            assert label in html, path


def exhibition_and_calendar_paths() -> list[str]:
    from tests.exhibitions.factories import (
        ExhibitionFactory,
        ParticipationFactory,
        ParticipationProductFactory,
    )
    from tests.partners.factories import TwinRelationFactory
    from tests.showcase.events_factories import EventFactory

    participation = ParticipationFactory(exhibition=ExhibitionFactory())
    ParticipationProductFactory(participation=participation)
    exhibition = participation.exhibition
    event = EventFactory(twin_relation=TwinRelationFactory(), kind="twin_city_visit")
    MissionFactory()
    base = f"/exhibitions/{exhibition.slug}"
    return [
        "/exhibitions/",
        "/exhibitions/?when=past",
        f"{base}/",
        f"{base}/?q=honey&sector=none",
        f"{base}/exhibitors/{participation.company.slug}/",
        f"{base}/catalogue/print/",
        f"{base}/apply/",
        "/events/",
        "/events/?month=2019-11",
        "/events/?view=list&year=2019",
        "/events/?view=list&kind=mission,exhibition",
        f"/events/{event.pk}/",
        "/events/activity/",
        "/exchanges/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_exhibition_and_calendar_pages_speak_the_language_of_their_address(
    client, language
):
    from icalendar import Calendar

    paths = exhibition_and_calendar_paths()
    with translation.override(language):
        labels = [translation.gettext(text) for text in ("Exhibitions", "Events")]
        calendar_name = translation.gettext(
            "Amur Invest: events, missions and exhibitions"
        )
    for path in paths:
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, path
        for label in labels:
            assert label in html, (path, label)
    feed = Calendar.from_ical(client.get(f"/{language}/events.ics").content)
    assert str(feed["X-WR-CALNAME"]) == calendar_name


def application_paths() -> list[tuple[str, str]]:
    """(path, a heading the page shows) of the application for the pavilion
    and the applicant's own pages."""
    from tests.exhibitions.factories import ApplicationFactory

    participation = ApplicationFactory()
    slug, token = participation.exhibition.slug, participation.token
    return [
        (f"/exhibitions/{slug}/apply/", "Send the application"),
        (f"/exhibitions/{slug}/apply/sent/", "Check your email"),
        (f"/applications/{token}/", "Your application"),
        (f"/applications/{token}/edit/", "Correct the application"),
        (f"/applications/{token}/withdraw/", "Withdraw the application"),
        (f"/applications/{token}/erase/", "Erase my personal data"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_application_pages_speak_the_language_of_their_address(client, language):
    for path, heading in application_paths():
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, path
        with translation.override(language):
            assert translation.gettext(heading) in html, (path, heading)
