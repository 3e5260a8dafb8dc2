"""The staff import at its row limit: how long the preview and the confirm
step each take, and how much memory they use.

Both steps check and save every row, the preview in a transaction it rolls
back. Each must end well within a web worker's timeout (gunicorn's default is
30 s): the target is half of it. Needs django.setup() on a throwaway database.
"""

import resource
import time

from bench.seed import company_inn

TARGET_SECONDS = 15


def company_file(rows: int) -> bytes:
    """A CSV as staff would upload it, every row new and valid."""
    from tablib import Dataset

    headers = ["inn", "name_ru", "name_ja", "name_en", "district", "sectors"]
    headers += ["products_ru", "products_ja", "products_en", "email", "phone"]
    dataset = Dataset(headers=headers)
    for number in range(rows):
        dataset.append(
            [
                company_inn(500_000 + number),
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


def timed_import(data: bytes, *, dry_run: bool) -> dict:
    from partners.resources import CSV, CompanyResource

    started = time.perf_counter()
    dataset = CSV().create_dataset(data)
    result = CompanyResource().import_data(
        dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    seconds = time.perf_counter() - started
    # tracemalloc would slow the import down severalfold: the process's peak
    # resident size (Linux reports kilobytes) is the honest memory figure.
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": round(seconds, 2),
        "ms_per_row": round(1000 * seconds / len(dataset), 2),
        "process_peak_mb": round(peak_kb / 1024, 1),
        "new": result.totals["new"],
        "invalid": len(result.invalid_rows) + len(result.row_errors()),
    }


def import_scenario() -> dict:
    from django.conf import settings

    rows = settings.IMPORT_MAX_ROWS
    data = company_file(rows)
    report = {"rows": rows, "problems": []}
    for step, dry_run in (("preview", True), ("confirm", False)):
        measured = timed_import(data, dry_run=dry_run)
        report[step] = measured
        if measured["new"] != rows:
            report["problems"].append(
                f"{step}: {measured['new']} of {rows} rows created, "
                f"{measured['invalid']} refused"
            )
        if measured["seconds"] > TARGET_SECONDS:
            report["problems"].append(
                f"{step}: {measured['seconds']} s, over the {TARGET_SECONDS} s target"
            )
    return report
