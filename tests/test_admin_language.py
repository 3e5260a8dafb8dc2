"""Every admin page speaks grammatical Russian and tidy Japanese, and shows
no internal code: the list, add, change, history and delete pages of every
registered model."""

import datetime
import gettext
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from amur_invest.agency.models import AgencyContact
from amur_invest.outbox.models import OutgoingEmail
from amur_invest.staff.models import AuditEntry
from missions.services.deletion import delete_registration
from partners.models import District
from showcase.models import (
    CostFigure,
    DistrictCoordinator,
    ExchangeRate,
    SectorProfile,
)
from tests.exhibitions.factories import (
    ParticipationFactory,
    ParticipationProductFactory,
)
from tests.meetings.factories import InterpreterFactory, MeetingFactory
from tests.missions.factories import ProgrammeItemFactory, RegistrationFactory
from tests.partners.factories import (
    CompanyFactory,
    ConsentFactory,
    InteractionFactory,
    TwinRelationFactory,
)
from tests.showcase.content_factories import (
    InquiryFactory,
    InquiryRouteFactory,
    NewsItemFactory,
    PresentationFactory,
    SlideFactory,
)
from tests.showcase.events_factories import EventFactory
from tests.showcase.invest_factories import (
    InvestmentProjectFactory,
    InvestmentSiteFactory,
    SupportMeasureFactory,
    TradeFigureFactory,
    WildHarvestReportFactory,
)

pytestmark = pytest.mark.django_db

DJANGO_ADMIN_LOCALE = Path(django.__file__).parent / "contrib/admin/locale"

# Django's admin phrases that put a verbose name into a sentence, with the
# placeholder each uses and which name (singular or plural) it takes.
PHRASES = [
    ("Select %s to change", "%s", "singular"),
    ("Select %s to view", "%s", "singular"),
    ("Add %s", "%s", "singular"),
    ("Change %s", "%s", "singular"),
    ("View %s", "%s", "singular"),
    ("Add %(name)s", "%(name)s", "singular"),
    ("Add another %(verbose_name)s", "%(verbose_name)s", "singular"),
    (
        "Delete selected %(verbose_name_plural)s",
        "%(verbose_name_plural)s",
        "plural",
    ),
]
# Pages that must show no internal code. Missions pages are checked in
# tests/missions; the task queue's page is a technical log (task paths,
# tracebacks) by nature. Their wording of Django's phrases is checked here.
CODE_FREE_APPS = {"partners", "showcase", "auth", "axes", "staff"}


def django_wording(language: str) -> gettext.GNUTranslations:
    path = DJANGO_ADMIN_LOCALE / language / "LC_MESSAGES" / "django.mo"
    with open(path, "rb") as mo:
        return gettext.GNUTranslations(mo)


def ungrammatical(language: str, opts) -> list[str]:
    """The phrases Django's own catalogue would build for this model, where
    ours words them differently."""
    django_says = django_wording(language).gettext
    phrases = []
    with translation.override(language):
        names = {
            "singular": str(opts.verbose_name),
            "plural": str(opts.verbose_name_plural),
        }
        for msgid, placeholder, which in PHRASES:
            if django_says(msgid) != translation.gettext(msgid):
                phrases.append(django_says(msgid).replace(placeholder, names[which]))
    return phrases


class VisibleText(HTMLParser):
    """The text a reader sees: no markup, scripts, styles or form values."""

    HIDDEN = {"script", "style", "template", "textarea", "option", "select"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = VisibleText()
    parser.feed(page)
    return " ".join("".join(parser.parts).split())


@pytest.fixture
def every_kind_of_row(admin_user, settings):
    # The task queue's admin reads its rows through the database backend.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    registration = RegistrationFactory()
    ProgrammeItemFactory(mission=registration.mission)
    InteractionFactory(organization__prefecture=None)
    TwinRelationFactory()
    ConsentFactory()
    AgencyContact.load()
    OutgoingEmail.objects.create(
        owner=registration,
        kind="confirm",
        recipient=registration.email,
        language="ru",
        subject="Подтвердите заявку",
        body="Текст",
    )
    now = timezone.now()
    DBTaskResult.objects.create(
        task_path="amur_invest.outbox.tasks.send_email",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=now,
    )
    AccessAttempt.objects.create(
        username="manager",
        ip_address="198.51.100.10",
        attempt_time=now,
        failures_since_start=1,
        user_agent="Mozilla/5.0",
    )
    AccessLog.objects.create(
        username="manager",
        ip_address="198.51.100.10",
        attempt_time=now,
        user_agent="Mozilla/5.0",
    )
    AccessFailureLog.objects.create(
        username="manager",
        ip_address="198.51.100.10",
        attempt_time=now,
        user_agent="Mozilla/5.0",
    )
    delete_registration(
        registration=RegistrationFactory(status="submitted"), by=admin_user
    )
    SlideFactory(presentation=PresentationFactory())
    NewsItemFactory()
    InquiryFactory()
    InquiryRouteFactory(assignee=admin_user)
    ParticipationProductFactory(participation=ParticipationFactory())
    EventFactory()
    meeting = MeetingFactory()
    InterpreterFactory(mission=meeting.request.mission)
    TradeFigureFactory()  # and its TradeYear
    ExchangeRate.objects.create(
        currency="JPY", roubles_per_unit="0.52", set_on=datetime.date(2026, 12, 1)
    )
    CostFigure.objects.create(
        category="power",
        name_ru="Электроэнергия",
        value="6.9",
        unit_ru="руб. за кВт·ч",
        source_ru="Тарифное решение",
        as_of=datetime.date(2026, 11, 1),
    )
    project = InvestmentProjectFactory(site=InvestmentSiteFactory())
    project.support_measures.add(SupportMeasureFactory())
    SectorProfile.objects.create(sector=project.sector)
    WildHarvestReportFactory()
    AuditEntry.objects.create(
        username="admin",
        action=AuditEntry.Action.VIEWED,
        content_type=ContentType.objects.get_for_model(District),
    )
    DistrictCoordinator.objects.create(
        user=admin_user, district=District.objects.order_by("slug").first()
    )


PAGE_KINDS = ("changelist", "add", "change", "history", "delete")


def page_url(model, kind: str) -> str | None:
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
    if kind in {"changelist", "add"}:
        return reverse(name + kind)
    row = model._default_manager.first()
    assert row is not None, f"the fixture should create a {model._meta.label}"
    return reverse(name + kind, args=[row.pk])


def assert_reads_well(text: str, *, model, language: str, url: str) -> None:
    for phrase in ungrammatical(language, model._meta):
        assert phrase not in text, (url, phrase)
    # The counter under a list: "13 амурские компании".
    with translation.override(language):
        names = [str(model._meta.verbose_name), str(model._meta.verbose_name_plural)]
    for name in names:
        assert not re.search(rf"\b\d+ {re.escape(name)}\b", text), (url, name)
    if model._meta.app_label in CODE_FREE_APPS:
        assert not re.search(r"\bNone\b", text), url
        assert not re.findall(r"\b[a-z]+_[a-z_]+\b", text), url


@pytest.mark.parametrize("language", ["ru", "ja"])
@pytest.mark.parametrize(
    "label", sorted(model._meta.label for model in admin.site._registry)
)
def test_every_admin_page_of_a_model_reads_well(
    admin_client, every_kind_of_row, language, label
):
    model = next(m for m in admin.site._registry if m._meta.label == label)
    shown = 0
    for kind in PAGE_KINDS:
        url = page_url(model, kind)
        response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        if response.status_code == 403:
            continue  # e.g. nobody adds consents or login records by hand
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        assert_reads_well(text, model=model, language=language, url=url)
        shown += 1
    assert shown >= 2, "at least the list and one row"


@pytest.mark.parametrize(
    ("language", "title", "add", "counter"),
    [
        (
            "ru",
            "Выберите запись для изменения: амурская компания",
            "Добавить: амурская компания",
            "Всего: 1",
        ),
        ("ja", "変更するアムール州の企業を選択", "アムール州の企業を追加", "全1件"),
    ],
)
def test_company_list_reads_naturally(admin_client, language, title, add, counter):
    RegistrationFactory()

    response = admin_client.get(
        "/admin/partners/company/", HTTP_ACCEPT_LANGUAGE=language
    )

    text = visible_text(response.content.decode())
    assert title in text
    assert add in text
    assert counter in text


def test_deleting_a_company_asks_in_grammatical_russian(admin_client):
    company = CompanyFactory(name_ru="ООО «Зейский мёд»")
    url = reverse("admin:partners_company_delete", args=[company.pk])

    response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="ru")

    text = visible_text(response.content.decode())
    assert "Удалить запись «ООО «Зейский мёд»» (амурская компания)?" in text


def test_saving_a_company_says_so_in_grammatical_russian(admin_client):
    company = CompanyFactory(name_ru="ООО «Зейский мёд»")
    url = reverse("admin:partners_company_change", args=[company.pk])
    data = {
        "name_ru": company.name_ru,
        "slug": company.slug,
        "inn": company.inn,
        "district": company.district_id,
        "is_published": "on",
    }

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="ru", follow=True)

    text = visible_text(response.content.decode())
    assert "Изменения сохранены: амурская компания «ООО «Зейский мёд»»." in text


def test_two_list_selector_speaks_correct_russian(admin_client):
    response = admin_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="ru")

    # The catalogue comes as a JSON object inside the script.
    found = re.search(r"const newcatalog = (\{.*?\});", response.text, re.S)
    catalogue = json.loads(found.group(1))
    remove = catalogue[
        'Remove %s by selecting them and then select the "Remove" arrow button.'
    ]
    assert remove.endswith("и нажмите стрелку влево, чтобы убрать их из выбранных.")
    texts = [text for text in catalogue.values() if isinstance(text, str)]
    assert not [text for text in texts if " и и " in text or "отфитровать" in text]


def test_staff_without_permissions_are_told_so_in_correct_russian(
    client, django_user_model
):
    newcomer = django_user_model.objects.create_user("newcomer", is_staff=True)
    client.force_login(newcomer)

    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")

    text = visible_text(response.content.decode())
    assert "У вас нет прав на просмотр или изменение каких-либо данных." in text
    assert "чего либо" not in text
