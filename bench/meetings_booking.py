"""Double booking under fire, on PostgreSQL: 200 bookings sent at once that
all want the same thing in the same slot (one table; one Japanese
participant; one Amur company; one interpreter), each round from many
threads, each thread with its own database connection.

The database's unique constraints must let exactly one booking of each
round through and refuse the others with the readable refusal
(`MeetingError`), never an unexpected error (what would be a 5xx page).
PostgreSQL here allows 100 connections shared by everyone on the machine,
so the bookings are fired from `--threads` connections at once (default
50), each sending its share back to back after a common start.

    DATABASE_URL=postgres://... python -m bench.meetings_booking
"""

import argparse
import os
import threading
import time
from collections import Counter


def setup_django():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur_invest.settings")
    django.setup()


def build(rounds: int, bookings: int):
    """A mission with one session, and for each kind of conflict a list of
    accepted requests that all want the first slot."""
    import datetime

    from django.utils import timezone

    from missions.models import Mission, Registration
    from partners.models import Company, Prefecture
    from showcase.meetings.models import (
        Interpreter,
        JapaneseParticipant,
        MeetingRequest,
        MeetingSession,
        Table,
    )

    stamp = time.time_ns()
    start = timezone.localdate() + datetime.timedelta(days=90)
    mission = Mission.objects.create(
        title_ru=f"Стенд бронирования {stamp}",
        slug=f"booking-bench-{stamp}",
        starts_on=start,
        ends_on=start,
        delegate_seats=1000,
    )
    session = MeetingSession.objects.create(
        mission=mission,
        day=start,
        starts_at=datetime.time(10),
        ends_at=datetime.time(11),
    )
    prefecture = Prefecture.objects.get(code="01")
    counter = iter(range(10**9))

    def participant():
        n = next(counter)
        return JapaneseParticipant.objects.create(
            mission=mission,
            organization_name=f"ベンチ{n}",
            prefecture=prefecture,
            contact_name_native="山田",
            contact_name_latin="Yamada",
            email=f"bench{stamp}-{n}@example.jp",
            status="confirmed",
        )

    def registration():
        n = next(counter)
        inn = f"{(stamp + n) % 10**9:09d}"
        from stdnum.ru import inn as inn_digits

        inn = inn + inn_digits.calc_company_check_digit(inn)
        company = Company.objects.create(
            inn=inn, name_ru=f"Бенч {n}", slug=f"bench-{stamp}-{n}"
        )
        return Registration.objects.create(
            mission=mission,
            company=company,
            inn=inn,
            company_name=company.name_ru,
            contact_name="Иван",
            email=f"bench{stamp}-{n}@example.ru",
            status="accepted",
        )

    def table():
        return Table.objects.create(mission=mission, name_ru=f"T{next(counter)}")

    shared_participant, shared_registration = participant(), registration()
    shared_table = table()
    shared_interpreter = Interpreter.objects.create(
        mission=mission, name="Bench", languages=["ru", "ja"]
    )
    kinds = {
        "table": lambda: (participant(), registration(), shared_table, None),
        "participant": lambda: (shared_participant, registration(), table(), None),
        "registration": lambda: (participant(), shared_registration, table(), None),
        "interpreter": lambda: (
            participant(),
            registration(),
            table(),
            shared_interpreter,
        ),
    }
    plans = {}
    for kind in list(kinds)[:rounds]:
        plan = []
        for _ in range(bookings):
            japanese, amur, where, interpreter = kinds[kind]()
            request = MeetingRequest.objects.create(
                mission=mission,
                participant=japanese,
                registration=amur,
                direction="from_japanese",
                reason="bench",
                status="accepted",
            )
            plan.append((request, where, interpreter))
        plans[kind] = plan
    return mission, session, plans


def fire(session, plan, threads: int) -> Counter:
    from django.db import connection

    from showcase.meetings import services

    outcome = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(threads)
    start = session.slots()[0]

    def work(share):
        try:
            barrier.wait()
            for request, table, interpreter in share:
                try:
                    services.book(
                        request=request,
                        session=session,
                        starts_at=start,
                        table=table,
                        interpreter=interpreter,
                    )
                    result = "booked"
                except services.MeetingError:
                    result = "refused"
                except Exception as error:  # what would be a 5xx
                    result = f"error {type(error).__name__}"
                with lock:
                    outcome[result] += 1
        finally:
            connection.close()

    workers = [
        threading.Thread(target=work, args=(plan[n::threads],)) for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcome


def double_bookings(mission) -> int:
    from django.db.models import Count

    from showcase.meetings.models import Meeting

    live = Meeting.objects.live().filter(session__mission=mission)
    extra = 0
    for field in ("table", "interpreter", "participant", "registration"):
        groups = (
            live.exclude(**{f"{field}__isnull": True})
            .values(field, "starts_at")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
        )
        extra += sum(group["n"] - 1 for group in groups)
    return extra


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bookings", type=int, default=200)
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the bench data")
    args = parser.parse_args(argv)
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("needs PostgreSQL (DATABASE_URL)")
        return 2
    mission, session, plans = build(args.rounds, args.bookings)
    ok = True
    try:
        for kind, plan in plans.items():
            started = time.perf_counter()
            outcome = fire(session, plan, args.threads)
            took = time.perf_counter() - started
            errors = sum(n for key, n in outcome.items() if key.startswith("error"))
            good = outcome["booked"] == 1 and errors == 0
            ok = ok and good
            print(
                f"same {kind:12}: {len(plan)} bookings from {args.threads} "
                f"connections in {took:.2f} s: {dict(outcome)}"
            )
        doubles = double_bookings(mission)
        ok = ok and doubles == 0
        print(f"double bookings in the database: {doubles}")
        print("verdict:", "PASS" if ok else "FAIL")
    finally:
        if not args.keep:
            from showcase.meetings.models import JapaneseParticipant, Meeting

            Meeting.objects.filter(session__mission=mission).delete()
            mission.meeting_requests.all().delete()
            JapaneseParticipant.objects.filter(mission=mission).delete()
            companies = [r.company for r in mission.registrations.all()]
            mission.registrations.all().delete()
            for company in companies:
                company.delete()
            mission.delete()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
