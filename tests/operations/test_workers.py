"""Background work runs on queues of its own: the worker that sends mail
never waits behind a PDF conversion or a thumbnail."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django_tasks_db.models import DBTaskResult

from partners.applications import emails
from showcase.content import slides as slide_service
from tests.missions.factories import RegistrationFactory
from tests.showcase.content_factories import PresentationPdfFactory
from tests.showcase.pdfs import pdf_of_lines


def make_worker_queues() -> list[set[str]]:
    """The queues of each worker `make worker` starts."""
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    recipe = makefile.split("\nworker:", 1)[1].split("\n\n", 1)[0]
    return [
        set(queues.split(","))
        for queues in re.findall(r"db_worker --queue-name (\S+)", recipe)
    ]


def test_make_worker_serves_every_queue_and_mail_on_its_own():
    workers = make_worker_queues()

    served = sorted(queue for worker in workers for queue in worker)
    assert served == sorted(settings.TASKS["default"]["QUEUES"])
    assert {"default"} in workers


@pytest.fixture
def database_tasks(settings):
    """Tasks kept in the database for the workers, as in production."""
    settings.TASKS = {
        "default": {
            **settings.TASKS["default"],
            "BACKEND": "django_tasks_db.DatabaseBackend",
        }
    }


def run_mail_worker() -> subprocess.CompletedProcess:
    """The mail worker of `make worker`, until its queue is empty."""
    (queues,) = [worker for worker in make_worker_queues() if "default" in worker]
    database = connection.settings_dict
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "TASKS_IMMEDIATE": "0",
        "EMAIL_URL": "locmem:",
    }
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            ",".join(sorted(queues)),
            "--batch",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the worker reads PostgreSQL"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_mail_worker_sends_an_email_while_a_slow_pdf_waits(
    database_tasks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    # Queued first: a worker taking tasks in order would start with it.
    slow = ContentFile(pdf_of_lines(50_000, pages=8), name="deck.pdf")
    slide_service.schedule_conversion(pdf=PresentationPdfFactory(file=slow))
    email = emails.queue(kind="status_submitted", application=RegistrationFactory())

    result = run_mail_worker()

    assert result.returncode == 0, result.stderr
    email.refresh_from_db()
    assert email.sent_at is not None
    conversion = DBTaskResult.objects.get(
        task_path="showcase.content.slides.convert_presentation_pdf"
    )
    assert (conversion.queue_name, conversion.status) == ("pdf", "READY")
