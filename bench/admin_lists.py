"""How long the admin's lists take with the large data set: the median of a
few requests through the whole stack, in this process (no HTTP), by a
superuser. Needs django.setup() on the bench database."""

import statistics
import time

from missions.models import Registration
from partners.models import Company

ADMIN_LISTS = {
    "registrations": ("admin:missions_registration_changelist", Registration),
    "companies": ("admin:partners_company_changelist", Company),
}


def time_admin_list(url_name: str, *, repeat: int = 5) -> float:
    """Milliseconds, median of `repeat` requests after one to warm up."""
    from django.urls import reverse

    from bench.imports import staff_client

    client = staff_client()
    path = reverse(url_name)
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000
