"""A staff import of companies through the admin, as staff do it: the file
uploaded and previewed, then confirmed. How long each step takes, and how
much memory the process needed.

The preview checks and saves every row in a transaction it rolls back and
shows every row; the confirmation does it again for real. Each step must end
within gunicorn's timeout, and `make bench` asks for 30 s at 10,000 rows.
Needs django.setup() on a throwaway database.
"""

import re
import resource
import time

from bench.seed import company_inn

TARGET_SECONDS = 30
# Clear of the INNs of bench/seed.py.
INN_START = 500_000


def company_file(rows: int) -> bytes:
    """A CSV as staff would upload it, every row new and valid."""
    from tablib import Dataset

    headers = ["inn", "name_ru", "name_ja", "name_en", "district", "sectors"]
    headers += ["products_ru", "products_ja", "products_en", "email", "phone"]
    dataset = Dataset(headers=headers)
    for number in range(rows):
        dataset.append(
            [
                company_inn(INN_START + number),
                f"ООО «Амурский экспорт {number}»",
                f"アムール輸出{number}社",
                f"Amur Export {number} LLC",
                "zeysky",
                "honey,food",
                "Липовый мёд",
                "シナノキのはちみつ",
                "Linden honey",
                f"export{number}@example.ru",
                "+7 4162 22-33-44",
            ]
        )
    return dataset.export("csv").encode()


def staff_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    manager, _created = get_user_model().objects.get_or_create(
        username="bench-import",
        defaults={"is_staff": True, "is_superuser": True},
    )
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(manager)
    return client


def timed(step) -> tuple[float, object]:
    started = time.perf_counter()
    response = step()
    return time.perf_counter() - started, response


def step_report(seconds: float, rows: int, **extra) -> dict:
    # tracemalloc would slow the import down severalfold: the process's peak
    # resident size (Linux reports kilobytes) is the honest memory figure.
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": round(seconds, 2),
        "ms_per_row": round(1000 * seconds / rows, 2),
        "process_peak_mb": round(peak_kb / 1024, 1),
        **extra,
    }


def confirm_fields(page: str) -> dict | None:
    """The hidden fields of the preview's confirmation form, None without it
    (the file was refused)."""
    start = page.find('action="/admin/partners/company/process_import/"')
    if start < 0:
        return None
    form = page[start : page.find("</form>", start)]
    return dict(HIDDEN_FIELD.findall(form))


HIDDEN_FIELD = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def import_scenario(rows: int | None = None) -> dict:
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings
    from django.urls import reverse

    from partners.models import Company

    rows = rows or settings.IMPORT_MAX_ROWS
    data = company_file(rows)
    client = staff_client()
    report = {"rows": rows, "problems": []}
    upload = SimpleUploadedFile("companies.csv", data, "text/csv")
    inns = [company_inn(INN_START + number) for number in range(rows)]
    with override_settings(IMPORT_MAX_ROWS=max(rows, settings.IMPORT_MAX_ROWS)):
        seconds, preview = timed(
            lambda: client.post(
                reverse("admin:partners_company_import"),
                {"import_file": upload, "format": "0"},
            )
        )
        fields = confirm_fields(preview.content.decode())
        report["preview"] = step_report(
            seconds, rows, written=Company.objects.filter(inn__in=inns).count()
        )
        if fields is None:
            report["problems"].append("preview: the file was refused")
            return report
        seconds, _confirmed = timed(
            lambda: client.post(
                reverse("admin:partners_company_process_import"), fields
            )
        )
    report["confirm"] = step_report(
        seconds, rows, written=Company.objects.filter(inn__in=inns).count()
    )
    report["problems"] += import_problems(report)
    return report


def import_problems(report: dict) -> list[str]:
    """A preview writes nothing; a confirmation writes every row; each step
    ends within the target."""
    problems = []
    rows = report["rows"]
    if report["preview"]["written"]:
        problems.append(f"preview: {report['preview']['written']} rows written")
    if report["confirm"]["written"] != rows:
        problems.append(
            f"confirm: {report['confirm']['written']} of {rows} rows written"
        )
    for step in ("preview", "confirm"):
        seconds = report[step]["seconds"]
        if seconds > TARGET_SECONDS:
            problems.append(f"{step}: {seconds} s, over the {TARGET_SECONDS} s target")
    return problems
