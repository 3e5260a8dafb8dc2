"""The Excel round trip in a real browser: a Russian staff member uploads a
CSV that Russian Excel saved in Windows-1251, its Japanese turned to "?", and
the admin refuses it in Russian, saying how to save it instead."""

import os
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect

from amur_invest.spreadsheets.formats import CSV
from partners.resources import CompanyResource
from tests.partners.factories import CompanyFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def saved_by_russian_excel() -> bytes:
    """The companies exported for a Russian staff member (UTF-8, ';'), then
    saved by Russian Excel as "CSV (разделители - точки с запятой)"."""
    with translation.override("ru"):
        exported = CSV().export_data(CompanyResource().export())
    return exported.decode("utf-8-sig").encode("cp1251", errors="replace")


def test_russian_staff_member_sees_the_lossy_csv_refused_in_russian(
    browser, live_server, django_user_model
):
    django_user_model.objects.create_superuser(
        "kireeva", "kireeva@amurinvest.example", "amur-import-2020"
    )
    company = CompanyFactory(
        name_ru="ООО «Зейский мёд»", name_ja="ゼーヤ蜂蜜株式会社", name_en="Zeya Honey"
    )
    content = saved_by_russian_excel()
    assert "?????????" in content.decode("cp1251")
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "kireeva")
    page.fill("#id_password", "amur-import-2020")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/partners/company/import/")
    expect(page.get_by_role("link", name="Скачать шаблон (XLSX)")).to_be_visible()
    page.set_input_files(
        "#id_import_file",
        files=[{"name": "companies.csv", "mimeType": "text/csv", "buffer": content}],
    )
    page.select_option("#id_format", label="csv")
    page.locator("input[type=submit]").click()

    refusal = page.locator(".import-errors li").first
    expect(refusal).to_contain_text("Ничего не импортировано")
    expect(refusal).to_contain_text("строка 2, столбец «Название [ja]»")
    expect(refusal).to_contain_text("«CSV UTF-8 (разделитель - запятая) (*.csv)»")
    expect(page.locator("input[name=confirm]")).to_have_count(0)
    company.refresh_from_db()
    assert company.name_ja == "ゼーヤ蜂蜜株式会社"

    if screenshot_dir := os.environ.get("SCREENSHOT_DIR"):
        Path(screenshot_dir).mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(Path(screenshot_dir) / "import-refused-ru.png"), full_page=True
        )
    context.close()
