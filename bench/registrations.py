"""Registration forms sent at once by many companies: how many the site
accepts a second.

Each client thread opens the form once (its CSRF cookie and token, from the
page cache when it is on) and sends it again and again, each time for a new
company (its own INN and email address), until the time is up. A sent form
answers with a redirect to the "sent" page; anything else is counted as a
failure. Needs django.setup() for the mission's choices.
"""

import http.client
import itertools
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

from bench.seed import company_inn

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Clear of the INNs of bench/seed.py, bench/imports.py and bench/large_data.py.
INN_START = 8_000_000


@dataclass
class Sent:
    accepted: int = 0
    statuses: dict = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.accepted / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    def failures(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != 302)


def form_fields(mission) -> dict:
    """What a company types, apart from its INN and email."""
    from partners.models import Prefecture, Sector

    return {
        "company_name": "ООО «Нагрузочный тест»",
        "district": "",
        "sectors": [Sector.objects.order_by("pk").values_list("pk", flat=True)[0]],
        "contact_name": "Ольга Иванова",
        "contact_position": "Коммерческий директор",
        "phone": "+7 914 555-12-34",
        "delegates": "1",
        "products": "Соевое масло",
        "goals": "Поставки в Японию",
        "wanted_prefectures": [Prefecture.objects.order_by("pk").values("pk")[0]["pk"]],
        "wanted_partner_kinds": ["company"],
        "wanted_partners": "",
        "language": "ru",
        "consent": "on",
        "homepage": "",
    }


class FormClient:
    """One company's browser: a connection, a CSRF cookie, the form's token."""

    def __init__(self, host: str, port: int, path: str):
        self.connection = http.client.HTTPConnection(host, port, timeout=60)
        self.path = path
        self.cookie = ""
        self.token = ""

    def open_form(self) -> None:
        self.connection.request("GET", self.path)
        response = self.connection.getresponse()
        page = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
        # Sent by hand: the cookie is marked Secure, and this is plain HTTP.
        self.cookie = "; ".join(cookie.split(";", 1)[0] for cookie in cookies)
        self.token = TOKEN.search(page).group(1)

    def send(self, fields: dict) -> int:
        body = urllib.parse.urlencode(
            {**fields, "csrfmiddlewaretoken": self.token}, doseq=True
        )
        self.connection.request(
            "POST",
            self.path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": self.cookie,
                "User-Agent": "amur-invest-bench",
            },
        )
        response = self.connection.getresponse()
        response.read()
        return response.status


def send_registrations(base_url: str, mission, *, clients: int, seconds: float) -> Sent:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("ru"):
        path = reverse("missions:mission_register", kwargs={"slug": mission.slug})
    address = urllib.parse.urlsplit(base_url)
    fields = form_fields(mission)
    numbers = itertools.count(INN_START)
    sent, lock = Sent(), threading.Lock()
    deadline = time.monotonic() + seconds

    def company():
        try:
            send_until(deadline)
        except Exception as error:  # counted, so that the verdict shows it
            with lock:
                name = f"{type(error).__name__}: {error}"[:80]
                sent.statuses[name] = sent.statuses.get(name, 0) + 1

    def send_until(deadline):
        client = FormClient(address.hostname, address.port, path)
        client.open_form()
        while time.monotonic() < deadline:
            with lock:
                number = next(numbers)
            started = time.perf_counter()
            status = client.send(
                {
                    **fields,
                    "inn": company_inn(number),
                    "email": f"bench{number}@example.ru",
                }
            )
            with lock:
                sent.latencies.append(time.perf_counter() - started)
                sent.statuses[status] = sent.statuses.get(status, 0) + 1
                sent.accepted += status == 302

    threads = [threading.Thread(target=company) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sent.seconds = time.perf_counter() - began
    return sent
