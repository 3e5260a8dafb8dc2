"""Staff see what is written in Russian only: a column and a filter on the
lists of public texts, a warning when a participant enters the pavilion
without Japanese, and one page of what waits for translation."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from amur_invest.system_text import kept_as_source
from amur_invest.translation_gaps import missing_in, missing_languages
from exhibitions.models import Participation, StatusChange
from partners.models import Company
from tests.exhibitions.factories import ApplicationFactory
from tests.partners.factories import CompanyFactory
from tests.showcase.content_factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def test_a_record_lacks_a_language_where_russian_has_no_counterpart():
    complete = CompanyFactory(description_ru="", description_ja="", description_en="")
    no_japanese = CompanyFactory(
        products_ja="", description_ru="Мёд", description_en="Honey"
    )

    assert missing_languages(complete) == []
    assert missing_languages(no_japanese) == ["ja"]
    assert list(Company.objects.filter(missing_in(Company, "ja"))) == [no_japanese]
    assert not Company.objects.filter(missing_in(Company, "en")).exists()


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:partners_company_changelist",
        "admin:exhibitions_participation_changelist",
        "admin:showcase_newsitem_changelist",
        "admin:showcase_investmentproject_changelist",
        "admin:showcase_supportmeasure_changelist",
        "admin:showcase_investmentsite_changelist",
    ],
)
def test_lists_of_public_texts_have_the_column_and_the_filter(staff, changelist):
    response = staff.get(reverse(changelist), {"missing": "ja"})
    assert response.status_code == 200
    assert "missing_translations" in response.context["cl"].list_display
    assert "missing in Japanese" in response.text


def test_the_filter_finds_the_news_without_japanese(staff):
    NewsItemFactory(title_ru="Мёд в Токио", title_ja="東京の蜂蜜", title_en="Honey")
    untranslated = NewsItemFactory(title_ru="Мёд в Осаке", title_ja="", title_en="")

    response = staff.get(
        reverse("admin:showcase_newsitem_changelist"), {"missing": "ja"}
    )

    assert list(response.context["cl"].result_list) == [untranslated]
    assert "JA · EN" in response.text


def test_accepting_into_the_pavilion_warns_of_missing_japanese(staff):
    translated = ApplicationFactory(
        products_shown_ru="Мёд", products_shown_ja="蜂蜜", products_to_show=""
    )
    russian_only = ApplicationFactory(
        products_shown_ru="Брусника, голубика",
        products_shown_ja="",
        products_shown_en="",
    )

    response = staff.post(
        reverse("admin:exhibitions_participation_changelist"),
        {
            "action": "accept",
            "_selected_action": [translated.pk, russian_only.pk],
            "apply": "yes",
            "reason": "",
        },
        follow=True,
    )

    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert Participation.objects.filter(status="accepted").count() == 2
    [warning] = [text for text in said if "no Japanese catalogue text" in text]
    assert str(russian_only.company) in warning
    assert str(translated.company) not in warning


def test_content_editors_see_one_list_of_what_waits(client):
    editor = get_user_model().objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editor"))
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    NewsItemFactory(title_ru="Мёд в Осаке", title_ja="", title_en="Honey in Osaka")
    CompanyFactory(name_ru="ООО «Дары Селемджи»", products_ja="")
    ApplicationFactory(products_shown_ru="Брусника", products_shown_ja="")

    response = client.get(reverse("waiting_for_translation"))

    assert response.status_code == 200
    html = response.text
    assert "Мёд в Осаке" in html
    assert "Дары Селемджи" in html
    # Content editors do not review participations: not on their page.
    assert "Брусника" not in html
    assert "японский" in html.lower() or "японского" in html.lower()
    assert reverse("waiting_for_translation") in client.get(reverse("admin:index")).text


def test_staff_with_no_rights_are_not_shown_the_way_to_translations(client):
    nobody = get_user_model().objects.create_user("nobody", is_staff=True)
    client.force_login(nobody)

    html = client.get(reverse("admin:index")).text

    assert reverse("waiting_for_translation") not in html


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", "Внесена сотрудником агентства."),
        ("ja", "職員が登録。"),
        ("en", "Entered by a staff member."),
    ],
)
def test_an_automatic_history_text_reads_in_the_reader_language(
    admin_client, language, words
):
    """Written while a Japanese page was active, read in each admin language."""
    participation = ApplicationFactory()
    with translation.override("ja"):
        kept = kept_as_source(gettext_lazy("Entered by a staff member."))
    StatusChange.objects.create(
        participation=participation, to_status=participation.status, reason=kept
    )
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language

    html = admin_client.get(
        reverse("admin:exhibitions_participation_change", args=[participation.pk])
    ).text

    assert kept == "Entered by a staff member."
    assert words in html
