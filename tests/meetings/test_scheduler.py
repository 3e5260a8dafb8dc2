"""The scheduler alone: no database."""

import datetime
import random
from collections import Counter

from showcase.meetings import scheduler
from showcase.meetings.scheduler import Interpreter, Slot, Taken, Wanted

DAY = datetime.date(2026, 12, 8)
TOKYO = datetime.timezone(datetime.timedelta(hours=9))


def slots(count, day=DAY, session=1):
    start = datetime.datetime.combine(day, datetime.time(10), TOKYO)
    return [
        Slot(start + datetime.timedelta(minutes=30 * n), day, session, n)
        for n in range(count)
    ]


def interpreter(key, languages=("ru", "ja"), works=None):
    return Interpreter(key, frozenset(languages), frozenset(works or ()))


def test_no_person_table_or_interpreter_is_in_two_places_at_once():
    rng = random.Random(7)
    grid = slots(8)
    interpreters = [interpreter(k, works=[s.start for s in grid]) for k in (1, 2)]
    wanted = [
        Wanted(
            key,
            rng.randrange(10),
            rng.randrange(10),
            frozenset({"ja"}) if key % 3 == 0 else frozenset(),
        )
        for key in range(30)
    ]
    result = scheduler.schedule(wanted, grid, [1, 2, 3, 4], interpreters)
    by_key = {item.key: item for item in wanted}
    seen = Counter()
    for placement in result.placements:
        item = by_key[placement.key]
        start = placement.slot.start
        seen[("j", item.japanese, start)] += 1
        seen[("a", item.amur, start)] += 1
        seen[("t", placement.table, start)] += 1
        if placement.interpreter is not None:
            seen[("i", placement.interpreter, start)] += 1
        assert (placement.interpreter is not None) == item.needs_interpreter
    assert max(seen.values()) == 1
    assert len(result.placements) + len(result.unplaced) == 30


def test_a_meeting_without_a_free_interpreter_is_left_with_that_reason():
    grid = slots(1)
    wanted = [
        Wanted(1, 1, 1, frozenset({"ja"})),
        Wanted(2, 2, 2, frozenset({"ja"})),
    ]
    result = scheduler.schedule(
        wanted, grid, [1, 2], [interpreter(1, works=[grid[0].start])]
    )
    assert len(result.placements) == 1
    assert list(result.unplaced.values()) == [scheduler.NO_INTERPRETER]


def test_an_interpreter_must_speak_russian_and_the_japanese_sides_language():
    grid = slots(1)
    english_only = interpreter(1, languages=("ru", "en"), works=[grid[0].start])
    result = scheduler.schedule(
        [Wanted(1, 1, 1, frozenset({"ja"}))], grid, [1], [english_only]
    )
    assert result.unplaced == {1: scheduler.NO_INTERPRETER}


def test_an_interpreter_works_only_within_their_hours():
    grid = slots(2)
    late = interpreter(1, works=[grid[1].start])
    result = scheduler.schedule([Wanted(1, 1, 1, frozenset({"ja"}))], grid, [1], [late])
    assert result.placements[0].slot == grid[1]


def test_a_participant_meets_only_on_its_days():
    other_day = DAY + datetime.timedelta(days=1)
    grid = slots(2) + slots(2, day=other_day, session=2)
    result = scheduler.schedule(
        [
            Wanted(1, 1, 1, days=frozenset({other_day})),
            Wanted(2, 2, 2, days=frozenset()),
        ],
        grid,
        [1],
        [],
    )
    assert result.placements[0].slot.day == other_day
    assert result.unplaced == {2: scheduler.NO_DAY}


def test_more_meetings_than_tables_are_reported_as_no_table():
    grid = slots(1)
    result = scheduler.schedule([Wanted(1, 1, 1), Wanted(2, 2, 2)], grid, [1], [])
    assert result.unplaced == {2: scheduler.NO_TABLE}


def test_one_person_in_every_slot_is_reported_as_busy():
    grid = slots(2)
    wanted = [Wanted(key, key, 1) for key in range(3)]
    result = scheduler.schedule(wanted, grid, [1, 2], [])
    assert list(result.unplaced.values()) == [scheduler.PEOPLE_BUSY]


def test_a_persons_meetings_are_placed_back_to_back():
    grid = slots(8)
    wanted = [Wanted(key, key, 1) for key in range(4)]
    result = scheduler.schedule(wanted, grid, [1], [])
    indexes = sorted(p.slot.index for p in result.placements)
    assert indexes == list(range(indexes[0], indexes[0] + 4))


def test_meetings_already_taken_are_worked_around():
    grid = slots(2)
    taken = [Taken(grid[0].start, japanese=1, amur=9, table=1, interpreter=None)]
    result = scheduler.schedule([Wanted(1, 1, 1)], grid, [1, 2], [], taken)
    assert result.placements[0].slot == grid[1]


def test_the_repair_pass_moves_a_meeting_out_of_the_way():
    # The two meetings bound to the first day take both tables of its first
    # slot; the interpreter works only then, so the interpreted meeting fits
    # only once one of them moves to the second slot.
    grid = slots(2) + slots(2, day=DAY + datetime.timedelta(days=1), session=2)
    first_day = frozenset({DAY})
    wanted = [
        Wanted(1, 1, 1, days=first_day),
        Wanted(2, 2, 2, days=first_day),
        Wanted(3, 3, 3, interpret_from=frozenset({"ja"})),
    ]
    only_first_slot = interpreter(1, works=[grid[0].start])
    result = scheduler.schedule(wanted, grid, [1, 2], [only_first_slot])
    assert result.unplaced == {}
    placed = {p.key: p for p in result.placements}
    assert placed[3].slot == grid[0]
    assert placed[3].interpreter == 1
