"""Placing accepted meetings into slots: a pure function, no database.

The invariant: in one slot a Japanese participant, an Amur company, a table
and an interpreter are each in at most one meeting; a meeting whose sides
share no language has an interpreter who speaks Russian and one of the
Japanese side's languages, within the interpreter's hours; a participant
meets only on the days it said it can.

The method: the most constrained meetings first (fewest possible slots,
interpreter needed, busiest people), each into the feasible slot that
leaves its two sides the fewest idle gaps; then a repair pass, which for a
meeting left over moves one placed meeting that stands in its way to
another slot. Whatever still does not fit comes back with the reason.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

# Why a meeting was not placed.
NO_DAY = "no_day"  # the participant can meet on none of the session days
PEOPLE_BUSY = "people_busy"  # no slot where both sides are free
NO_TABLE = "no_table"  # both free, but every table taken
NO_INTERPRETER = "no_interpreter"  # both free, a table too, but no interpreter


@dataclass(frozen=True)
class Slot:
    start: datetime.datetime
    day: datetime.date
    session: int
    index: int  # the slot's place in its day, for counting gaps


@dataclass(frozen=True)
class Wanted:
    """An accepted request to place."""

    key: int
    japanese: int
    amur: int
    # Languages of the Japanese side an interpreter may translate from;
    # empty when the two sides share a language.
    interpret_from: frozenset = frozenset()
    days: frozenset | None = None  # None: any day

    @property
    def needs_interpreter(self) -> bool:
        return bool(self.interpret_from)


@dataclass(frozen=True)
class Interpreter:
    key: int
    languages: frozenset
    works: frozenset  # slot starts within the interpreter's hours

    def can_interpret(self, wanted: Wanted, slot: Slot) -> bool:
        return (
            "ru" in self.languages
            and bool(self.languages & wanted.interpret_from)
            and slot.start in self.works
        )


@dataclass(frozen=True)
class Placement:
    key: int
    slot: Slot
    table: int
    interpreter: int | None


@dataclass(frozen=True)
class Taken:
    """A meeting already in the plan, which the scheduler must work around."""

    start: datetime.datetime
    japanese: int
    amur: int
    table: int
    interpreter: int | None


@dataclass
class Result:
    placements: list[Placement] = field(default_factory=list)
    unplaced: dict[int, str] = field(default_factory=dict)

    @property
    def share_placed(self) -> float:
        total = len(self.placements) + len(self.unplaced)
        return len(self.placements) / total if total else 1.0


class _Plan:
    """Who and what is busy at each slot start."""

    def __init__(self, slots, taken):
        self.index = {slot.start: slot for slot in slots}
        self.busy = defaultdict(set)  # start -> {("j", id), ("a", id), ...}
        self.days = defaultdict(list)  # (side, id, day) -> [slot index]
        self.placed: dict[int, Placement] = {}
        self.wanted: dict[int, Wanted] = {}
        for item in taken:
            self._mark(
                item.start, item.japanese, item.amur, item.table, item.interpreter
            )

    def _mark(self, start, japanese, amur, table, interpreter, add=True):
        keys = {("j", japanese), ("a", amur), ("t", table)}
        if interpreter is not None:
            keys.add(("i", interpreter))
        slot = self.index.get(start)
        if add:
            self.busy[start] |= keys
        else:
            self.busy[start] -= keys
        if slot is not None:
            for person in (("j", japanese), ("a", amur)):
                indexes = self.days[(*person, slot.day)]
                if add:
                    indexes.append(slot.index)
                else:
                    indexes.remove(slot.index)

    def place(self, wanted: Wanted, placement: Placement):
        self.placed[wanted.key] = placement
        self.wanted[wanted.key] = wanted
        self._mark(
            placement.slot.start,
            wanted.japanese,
            wanted.amur,
            placement.table,
            placement.interpreter,
        )

    def remove(self, key: int) -> Placement:
        placement, wanted = self.placed.pop(key), self.wanted.pop(key)
        self._mark(
            placement.slot.start,
            wanted.japanese,
            wanted.amur,
            placement.table,
            placement.interpreter,
            add=False,
        )
        return placement

    def people_free(self, wanted: Wanted, slot: Slot) -> bool:
        busy = self.busy[slot.start]
        return ("j", wanted.japanese) not in busy and ("a", wanted.amur) not in busy

    def free_table(self, slot: Slot, tables) -> int | None:
        busy = self.busy[slot.start]
        return next((table for table in tables if ("t", table) not in busy), None)

    def free_interpreter(self, wanted, slot, interpreters) -> int | None:
        busy = self.busy[slot.start]
        fitting = [
            interpreter
            for interpreter in interpreters
            if interpreter.can_interpret(wanted, slot)
            and ("i", interpreter.key) not in busy
        ]
        # The one who speaks fewest languages: keep the versatile ones free.
        fitting.sort(
            key=lambda interpreter: (len(interpreter.languages), interpreter.key)
        )
        return fitting[0].key if fitting else None

    def gaps(self, wanted: Wanted, slot: Slot) -> int:
        """Idle slots the two sides would wait between this and their
        nearest other meeting that day (0 when adjacent or alone)."""
        cost = 0
        for person in (("j", wanted.japanese), ("a", wanted.amur)):
            others = self.days.get((*person, slot.day))
            if others:
                cost += min(abs(slot.index - other) for other in others) - 1
        return cost


def _candidates(wanted: Wanted, slots) -> list[Slot]:
    if wanted.days is None:
        return list(slots)
    return [slot for slot in slots if slot.day in wanted.days]


def _try(plan, wanted, slot, tables, interpreters) -> Placement | None:
    if not plan.people_free(wanted, slot):
        return None
    table = plan.free_table(slot, tables)
    if table is None:
        return None
    interpreter = None
    if wanted.needs_interpreter:
        interpreter = plan.free_interpreter(wanted, slot, interpreters)
        if interpreter is None:
            return None
    return Placement(wanted.key, slot, table, interpreter)


def _best(plan, wanted, candidates, tables, interpreters) -> Placement | None:
    best, best_score = None, None
    for slot in candidates:
        placement = _try(plan, wanted, slot, tables, interpreters)
        if placement is None:
            continue
        score = (plan.gaps(wanted, slot), slot.start)
        if best_score is None or score < best_score:
            best, best_score = placement, score
    return best


def _reason(plan, wanted, candidates, tables, interpreters) -> str:
    if not candidates:
        return NO_DAY
    free = [slot for slot in candidates if plan.people_free(wanted, slot)]
    if not free:
        return PEOPLE_BUSY
    if all(plan.free_table(slot, tables) is None for slot in free):
        return NO_TABLE
    return NO_INTERPRETER


def _blockers(plan, slot) -> set[int]:
    """The placed meetings in `slot`: moving any one of them may free a
    person, a table or an interpreter for `wanted`."""
    return {
        key
        for key, placement in plan.placed.items()
        if placement.slot.start == slot.start
    }


def _repair(plan, wanted, candidates, tables, interpreters, options) -> bool:
    """Move one placed meeting out of the way of `wanted`, if that lets both
    fit. Returns whether it did."""
    for slot in candidates:
        for key in sorted(_blockers(plan, slot)):
            moved_wanted = plan.wanted[key]
            old = plan.remove(key)
            here = _try(plan, wanted, slot, tables, interpreters)
            if here is not None:
                plan.place(wanted, here)
                elsewhere = [s for s in options[key] if s.start != slot.start]
                there = _best(plan, moved_wanted, elsewhere, tables, interpreters)
                if there is not None:
                    plan.place(moved_wanted, there)
                    return True
                plan.remove(wanted.key)
            plan.place(moved_wanted, old)
    return False


def schedule(
    wanted: list[Wanted],
    slots: list[Slot],
    tables: list[int],
    interpreters: list[Interpreter],
    taken: list[Taken] = (),
) -> Result:
    """Place every meeting it can; see the module's docstring."""
    plan = _Plan(slots, taken)
    options = {item.key: _candidates(item, slots) for item in wanted}
    load = defaultdict(int)
    for item in wanted:
        load[("j", item.japanese)] += 1
        load[("a", item.amur)] += 1

    def constraint(item: Wanted):
        return (
            len(options[item.key]),
            not item.needs_interpreter,
            -(load[("j", item.japanese)] + load[("a", item.amur)]),
            item.key,
        )

    left = []
    for item in sorted(wanted, key=constraint):
        placement = _best(plan, item, options[item.key], tables, interpreters)
        if placement is None:
            left.append(item)
        else:
            plan.place(item, placement)

    result = Result()
    for item in left:
        if not _repair(plan, item, options[item.key], tables, interpreters, options):
            result.unplaced[item.key] = _reason(
                plan, item, options[item.key], tables, interpreters
            )
    result.placements = sorted(
        plan.placed.values(), key=lambda p: (p.slot.start, p.table)
    )
    return result
