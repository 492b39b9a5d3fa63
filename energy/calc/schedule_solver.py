"""The training-schedule generator, pure: plain facts in, a plan (and what could not be met) out.

No I/O: :mod:`energy.training.schedule` reads the store, calls :func:`plan_schedule` and saves.

The method is a deterministic greedy search with one step of backtracking. Villages of one
district are grouped to share a session as far as the district's largest venue holds them;
modules are placed in curriculum order, each group's module at the earliest resident-friendly
slot (after the group's previous module where possible) where a trainer who teaches the topic
is available and free, a venue in the district is free and large enough, and no village of
the group has another session at that time or is over its weekly limit. A group that cannot
be placed together is split and each village tried alone. A village-module pair that still
has no slot is returned as *unmet*, with the constraint that blocked it and how often: a
module is never dropped in silence.

All times are Seoul wall-clock times (naive ``datetime``), the time residents live by.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

EVENING = dt.time(19, 30)  # after work and dinner
WEEKEND_MORNING = dt.time(10, 0)
WEEKEND_AFTERNOON = dt.time(14, 0)
LATEST_END = dt.time(22, 0)  # no session runs past ten at night


@dataclass(frozen=True)
class ResidentTimes:
    """When residents can come: start times on weekday evenings and at weekends."""

    weekday_starts: tuple[dt.time, ...] = (EVENING,)
    weekend_starts: tuple[dt.time, ...] = (WEEKEND_MORNING, WEEKEND_AFTERNOON)
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday..Friday evenings allowed
    weekend_days: tuple[int, ...] = (5, 6)
    latest_end: dt.time = LATEST_END

    def starts_on(self, day: dt.date) -> tuple[dt.time, ...]:
        wd = day.weekday()
        if wd in self.weekend_days:
            return self.weekend_starts
        if wd in self.weekdays:
            return self.weekday_starts
        return ()

    def allows(self, start: dt.datetime, end: dt.datetime) -> bool:
        return (
            start.time() in self.starts_on(start.date())
            and end.date() == start.date()
            and end.time() <= self.latest_end
        )


@dataclass(frozen=True)
class ScheduleRules:
    window_start: dt.date
    window_end: dt.date
    times: ResidentTimes = field(default_factory=ResidentTimes)
    max_per_week: int = 1  # sessions a village attends in one week (Monday to Sunday)
    share: bool = True  # nearby villages (same district) share a session where a venue holds them
    max_villages_per_session: int = 3
    seats_per_village: int = 12  # people a village brings to a session
    closed_days: tuple[dt.date, ...] = ()  # public holidays and the like


@dataclass(frozen=True)
class PlanVillage:
    id: int
    code: str
    district_id: int


@dataclass(frozen=True)
class PlanModule:
    id: int
    code: str
    topic: str
    minutes: int


@dataclass(frozen=True)
class PlanWindow:
    weekday: int
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class PlanTrainer:
    id: int
    name: str
    topics: frozenset[str]
    windows: tuple[PlanWindow, ...]
    available_from: dt.date | None = None
    available_to: dt.date | None = None

    def available(self, start: dt.datetime, end: dt.datetime) -> bool:
        day = start.date()
        if end.date() != day:  # windows are within one day
            return False
        if self.available_from and day < self.available_from:
            return False
        if self.available_to and day > self.available_to:
            return False
        return any(
            w.weekday == day.weekday() and w.start <= start.time() and end.time() <= w.end
            for w in self.windows
        )


@dataclass(frozen=True)
class PlanVenue:
    id: int
    name: str
    district_id: int | None  # None: a city-wide venue, used where a district has none
    capacity: int


@dataclass(frozen=True)
class Booking:
    """A session already in the store (or just planned): who and what it keeps busy."""

    start: dt.datetime
    end: dt.datetime
    trainer_id: int
    venue_id: int
    village_ids: tuple[int, ...]
    module_id: int = 0
    id: int | None = None


@dataclass(frozen=True)
class PlannedSession:
    module_id: int
    village_ids: tuple[int, ...]
    trainer_id: int
    venue_id: int
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Unmet:
    """A module some villages could not get: the constraint that blocked it, and counts."""

    module_id: int
    village_ids: tuple[int, ...]
    reason: str  # a key of REASONS
    blocked: tuple[tuple[str, int], ...] = ()  # (reason, candidate slots it blocked)


# Why a module could not be placed; the catalogue has "schedule.reason.<name>".
REASONS = (
    "window_too_short",  # fewer weeks x weekly limit than modules to teach
    "no_trainer_for_topic",  # no active trainer teaches the topic
    "trainer_unavailable",  # those who teach it are never free at resident-friendly times
    "trainer_booked",  # they are free then, but already teaching elsewhere
    "no_venue",  # no venue in the district (nor a city-wide one) holds the group
    "venue_booked",  # the venues that fit are taken
    "village_busy",  # the village has another session at every remaining time
    "weekly_limit",  # the village's weeks are full
)


@dataclass(frozen=True)
class SchedulePlan:
    sessions: tuple[PlannedSession, ...]
    unmet: tuple[Unmet, ...]

    @property
    def complete(self) -> bool:
        return not self.unmet


@dataclass(frozen=True)
class Conflict:
    """One rule a proposed session breaks: a key of CONFLICTS and what it concerns."""

    kind: str
    subject: str = ""


CONFLICTS = (
    "resident_time",
    "trainer_topic",
    "trainer_unavailable",
    "trainer_booked",
    "venue_booked",
    "venue_capacity",
    "village_busy",
    "weekly_limit",
)


def _week(day: dt.date) -> tuple[int, int]:
    iso = day.isocalendar()
    return (iso[0], iso[1])


def _overlaps(a_start: dt.datetime, a_end: dt.datetime, b: Iterable[Booking]) -> bool:
    return any(a_start < x.end and x.start < a_end for x in b)


class _Ledger:
    """Who is busy when, bucketed by day so each check looks at a handful of bookings."""

    def __init__(self, bookings: Iterable[Booking]) -> None:
        self.trainer: dict[tuple[int, dt.date], list[Booking]] = defaultdict(list)
        self.venue: dict[tuple[int, dt.date], list[Booking]] = defaultdict(list)
        self.village: dict[tuple[int, dt.date], list[Booking]] = defaultdict(list)
        self.weekly: Counter[tuple[int, tuple[int, int]]] = Counter()
        self.load: Counter[int] = Counter()
        for b in bookings:
            self.add(b)

    def add(self, b: Booking) -> None:
        day = b.start.date()
        self.trainer[(b.trainer_id, day)].append(b)
        self.venue[(b.venue_id, day)].append(b)
        for v in b.village_ids:
            self.village[(v, day)].append(b)
            self.weekly[(v, _week(day))] += 1
        self.load[b.trainer_id] += 1

    def trainer_free(self, trainer_id: int, start: dt.datetime, end: dt.datetime) -> bool:
        return not _overlaps(start, end, self.trainer[(trainer_id, start.date())])

    def venue_free(self, venue_id: int, start: dt.datetime, end: dt.datetime) -> bool:
        return not _overlaps(start, end, self.venue[(venue_id, start.date())])

    def village_free(self, village_id: int, start: dt.datetime, end: dt.datetime) -> bool:
        return not _overlaps(start, end, self.village[(village_id, start.date())])


def candidate_starts(rules: ScheduleRules) -> list[dt.datetime]:
    """Every resident-friendly start time in the window, earliest first."""
    closed = set(rules.closed_days)
    starts: list[dt.datetime] = []
    day = rules.window_start
    while day <= rules.window_end:
        if day not in closed:
            starts.extend(dt.datetime.combine(day, t) for t in sorted(rules.times.starts_on(day)))
        day += dt.timedelta(days=1)
    return starts


def _weeks_in(rules: ScheduleRules) -> int:
    return len({_week(s.date()) for s in candidate_starts(rules)})


class _Planner:
    def __init__(
        self,
        rules: ScheduleRules,
        trainers: Sequence[PlanTrainer],
        venues: Sequence[PlanVenue],
        bookings: Iterable[Booking],
    ) -> None:
        self.rules = rules
        self.trainers = sorted(trainers, key=lambda t: t.name)
        self.venues = sorted(venues, key=lambda v: (v.capacity, v.name))
        self.ledger = _Ledger(bookings)
        self.starts = candidate_starts(rules)
        self.last: dict[int, dt.datetime] = {}  # each village's latest planned session

    def venues_for(self, district_id: int, seats: int) -> list[PlanVenue]:
        local = [v for v in self.venues if v.district_id == district_id and v.capacity >= seats]
        city = [v for v in self.venues if v.district_id is None and v.capacity >= seats]
        return local or city

    def largest_room(self, district_id: int) -> int:
        local = [v.capacity for v in self.venues if v.district_id == district_id]
        return max(local or [v.capacity for v in self.venues if v.district_id is None] or [0])

    def try_place(
        self, module: PlanModule, group: Sequence[PlanVillage], blocked: Counter[str]
    ) -> PlannedSession | None:
        """The earliest slot for ``module`` and ``group`` (after its last session if any)."""
        seats = self.rules.seats_per_village * len(group)
        venues = self.venues_for(group[0].district_id, seats)
        teachers = [t for t in self.trainers if module.topic in t.topics]
        after = max(self.last.get(v.id, dt.datetime.min) for v in group)
        later = [s for s in self.starts if s > after]
        earlier = [s for s in self.starts if s <= after]
        length = dt.timedelta(minutes=module.minutes)
        for start in later + earlier:
            end = start + length
            if not self.rules.times.allows(start, end):
                continue  # the module runs past the latest end from this start
            week = _week(start.date())
            if any(self.ledger.weekly[(v.id, week)] >= self.rules.max_per_week for v in group):
                blocked["weekly_limit"] += 1
                continue
            if not all(self.ledger.village_free(v.id, start, end) for v in group):
                blocked["village_busy"] += 1
                continue
            able = [t for t in teachers if t.available(start, end)]
            if not able:
                blocked["trainer_unavailable"] += 1
                continue
            free = [t for t in able if self.ledger.trainer_free(t.id, start, end)]
            if not free:
                blocked["trainer_booked"] += 1
                continue
            if not venues:
                blocked["no_venue"] += 1
                continue
            room = next((v for v in venues if self.ledger.venue_free(v.id, start, end)), None)
            if room is None:
                blocked["venue_booked"] += 1
                continue
            trainer = min(free, key=lambda t: (self.ledger.load[t.id], t.name))
            ids = tuple(v.id for v in group)
            self.ledger.add(Booking(start, end, trainer.id, room.id, ids, module.id))
            for v in group:
                self.last[v.id] = max(self.last.get(v.id, start), start)
            return PlannedSession(module.id, ids, trainer.id, room.id, start, end)
        return None


def _reason(module: PlanModule, trainers: Sequence[PlanTrainer], blocked: Counter[str]) -> str:
    if not any(module.topic in t.topics for t in trainers):
        return "no_trainer_for_topic"
    counted = [(n, r) for r, n in blocked.items() if n > 0]
    if not counted:
        return "trainer_unavailable"
    if all(r == "trainer_unavailable" for _n, r in counted):
        return "trainer_unavailable"
    # The constraint that blocked most of the times left: the one to relax first.
    return max(counted, key=lambda nr: (nr[0], -REASONS.index(nr[1])))[1]


def _groups(planner: _Planner, villages: Sequence[PlanVillage]) -> list[list[PlanVillage]]:
    rules = planner.rules
    by_district: dict[int, list[PlanVillage]] = defaultdict(list)
    for v in sorted(villages, key=lambda v: v.code):
        by_district[v.district_id].append(v)
    groups: list[list[PlanVillage]] = []
    for district_id in sorted(by_district, key=lambda d: by_district[d][0].code):
        members = by_district[district_id]
        fits = planner.largest_room(district_id) // max(rules.seats_per_village, 1)
        size = max(1, min(rules.max_villages_per_session, fits)) if rules.share else 1
        groups.extend(members[i : i + size] for i in range(0, len(members), size))
    return groups


def plan_schedule(
    rules: ScheduleRules,
    villages: Sequence[PlanVillage],
    modules: Sequence[PlanModule],
    trainers: Sequence[PlanTrainer],
    venues: Sequence[PlanVenue],
    *,
    bookings: Iterable[Booking] = (),
    covered: Iterable[tuple[int, int]] = (),
) -> SchedulePlan:
    """Plan every module in ``modules`` (curriculum order) for every village.

    ``bookings`` are sessions already in the store (they keep trainers, venues and villages
    busy); ``covered`` holds the (village id, module id) pairs that already have a session.
    """
    planner = _Planner(rules, trainers, venues, bookings)
    done = set(covered)
    sessions: list[PlannedSession] = []
    unmet: list[Unmet] = []
    possible = _weeks_in(rules) * rules.max_per_week
    short = {
        v.id
        for v in villages
        if sum((v.id, m.id) not in done for m in modules)
        + sum(planner.ledger.weekly[(v.id, w)] for w in {_week(s.date()) for s in planner.starts})
        > possible
    }
    groups = _groups(planner, [v for v in villages if v.id not in short])
    for v in sorted(villages, key=lambda v: v.code):
        if v.id in short:
            for m in modules:
                if (v.id, m.id) not in done:
                    unmet.append(Unmet(m.id, (v.id,), "window_too_short"))
    for module in modules:
        for group in groups:
            todo = [v for v in group if (v.id, module.id) not in done]
            if not todo:
                continue
            blocked: Counter[str] = Counter()
            placed = planner.try_place(module, todo, blocked)
            if placed is not None:
                sessions.append(placed)
                continue
            if len(todo) > 1:  # backtrack: each village of the group on its own
                for village in todo:
                    alone: Counter[str] = Counter()
                    one = planner.try_place(module, [village], alone)
                    if one is not None:
                        sessions.append(one)
                    else:
                        unmet.append(_unmet(module, (village.id,), trainers, alone))
            else:
                unmet.append(_unmet(module, (todo[0].id,), trainers, blocked))
    return SchedulePlan(
        tuple(sorted(sessions, key=lambda s: (s.start, s.village_ids))), tuple(unmet)
    )


def _unmet(
    module: PlanModule,
    ids: tuple[int, ...],
    trainers: Sequence[PlanTrainer],
    blocked: Counter[str],
) -> Unmet:
    counts = tuple(sorted(((r, n) for r, n in blocked.items() if n), key=lambda rn: -rn[1]))
    return Unmet(module.id, ids, _reason(module, trainers, blocked), counts)


def conflicts_for(
    proposed: Booking,
    *,
    module: PlanModule,
    trainer: PlanTrainer,
    venue: PlanVenue,
    rules: ScheduleRules,
    bookings: Iterable[Booking],
) -> list[Conflict]:
    """Every rule the session ``proposed`` would break among ``bookings`` (itself excluded)."""
    others = [b for b in bookings if proposed.id is None or b.id != proposed.id]
    ledger = _Ledger(others)
    start, end = proposed.start, proposed.end
    found: list[Conflict] = []
    if not rules.times.allows(start, end):
        found.append(Conflict("resident_time"))
    if module.topic not in trainer.topics:
        found.append(Conflict("trainer_topic", trainer.name))
    if not trainer.available(start, end):
        found.append(Conflict("trainer_unavailable", trainer.name))
    if not ledger.trainer_free(trainer.id, start, end):
        found.append(Conflict("trainer_booked", trainer.name))
    if not ledger.venue_free(venue.id, start, end):
        found.append(Conflict("venue_booked", venue.name))
    if venue.capacity < rules.seats_per_village * len(proposed.village_ids):
        found.append(Conflict("venue_capacity", venue.name))
    for v in proposed.village_ids:
        if not ledger.village_free(v, start, end):
            found.append(Conflict("village_busy", str(v)))
        elif ledger.weekly[(v, _week(start.date()))] >= rules.max_per_week:
            found.append(Conflict("weekly_limit", str(v)))
    return found
