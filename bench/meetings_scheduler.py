"""The meeting scheduler on a mission's worth of requests: 40 Amur
companies, 40 Japanese participants, 8 slots, 6 tables, 3 interpreters.

The accepted requests fill 46 of the 48 table-slots; a third of them need
an interpreter (the Japanese side speaks no Russian), a few Japanese
participants can meet only on one of two days when there are two. Targets:
at least 95% placed, in under 5 s, and a reason for each meeting left over.
No database: the scheduler is a pure function.

    python -m bench.meetings_scheduler [--seeds 20] [--meetings 46]
"""

import argparse
import datetime
import random
import time
from collections import Counter

from showcase.meetings import scheduler
from showcase.meetings.scheduler import Interpreter, Slot, Wanted

TARGET_SHARE, TARGET_SECONDS = 0.95, 5.0
TOKYO = datetime.timezone(datetime.timedelta(hours=9))


def grid(slot_count: int) -> list[Slot]:
    day = datetime.date(2026, 12, 8)
    start = datetime.datetime.combine(day, datetime.time(10), TOKYO)
    return [
        Slot(start + datetime.timedelta(minutes=30 * n), day, 1, n)
        for n in range(slot_count)
    ]


def requests(rng, *, amur, japanese, meetings, interpreted_share) -> list[Wanted]:
    pairs = set()
    # No person wants more meetings than there are slots.
    load = Counter()
    while len(pairs) < meetings:
        pair = (rng.randrange(japanese), rng.randrange(amur))
        if pair in pairs or load["j", pair[0]] >= 3 or load["a", pair[1]] >= 3:
            continue
        pairs.add(pair)
        load["j", pair[0]] += 1
        load["a", pair[1]] += 1
    interpreted = set(rng.sample(range(japanese), int(japanese * interpreted_share)))
    return [
        Wanted(
            key,
            j,
            a,
            frozenset({rng.choice(["ja", "ja", "en"])})
            if j in interpreted
            else frozenset(),
        )
        for key, (j, a) in enumerate(sorted(pairs))
    ]


def run(seed: int, args) -> tuple[scheduler.Result, float]:
    rng = random.Random(seed)
    slots = grid(args.slots)
    wanted = requests(
        rng,
        amur=args.amur,
        japanese=args.japanese,
        meetings=args.meetings,
        interpreted_share=args.interpreted,
    )
    every_slot = frozenset(slot.start for slot in slots)
    interpreters = [
        Interpreter(1, frozenset({"ru", "ja"}), every_slot),
        Interpreter(2, frozenset({"ru", "ja", "en"}), every_slot),
        Interpreter(3, frozenset({"ru", "ja"}), every_slot),
    ][: args.interpreters]
    tables = list(range(1, args.tables + 1))
    started = time.perf_counter()
    result = scheduler.schedule(wanted, slots, tables, interpreters)
    return result, time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--amur", type=int, default=40)
    parser.add_argument("--japanese", type=int, default=40)
    parser.add_argument("--slots", type=int, default=8)
    parser.add_argument("--tables", type=int, default=6)
    parser.add_argument("--interpreters", type=int, default=3)
    parser.add_argument("--meetings", type=int, default=46)
    parser.add_argument("--interpreted", type=float, default=1 / 3)
    args = parser.parse_args(argv)

    shares, seconds, reasons = [], [], Counter()
    for seed in range(args.seeds):
        result, took = run(seed, args)
        shares.append(result.share_placed)
        seconds.append(took)
        reasons.update(result.unplaced.values())
    worst_share, slowest = min(shares), max(seconds)
    print(
        f"{args.amur} Amur x {args.japanese} Japanese x {args.slots} slots x "
        f"{args.tables} tables x {args.interpreters} interpreters, "
        f"{args.meetings} accepted requests, {args.seeds} random draws"
    )
    print(
        f"placed: mean {sum(shares) / len(shares):.1%}, worst {worst_share:.1%} "
        f"(target >= {TARGET_SHARE:.0%})"
    )
    print(f"time: slowest {slowest:.3f} s (target < {TARGET_SECONDS:.0f} s)")
    print(f"why the rest did not fit: {dict(reasons) or 'nothing left over'}")
    ok = worst_share >= TARGET_SHARE and slowest < TARGET_SECONDS
    print("verdict:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
