"""How two results differ: a coach's before and after, or a self-view against a coach's view."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import PurePath

from rolefit.model import DataPack, Result, RoleFit
from rolefit.numbers import shown, text


@dataclass(eq=False)
class TraitChange:
    trait: str
    before: float | None
    after: float | None


@dataclass(eq=False)
class RoleChange:
    role: str
    name: str
    rank_before: int
    rank_after: int
    fit_before: float | None
    fit_after: float | None

    @property
    def rank_change(self) -> int:
        """Places climbed (positive) or fallen (negative)."""
        return self.rank_before - self.rank_after


@dataclass(eq=False)
class Comparison:
    before: Result
    after: Result
    traits: tuple[TraitChange, ...]
    roles: tuple[RoleChange, ...]
    """In the order of the second result's ranking."""
    files: tuple[str | None, str | None] = (None, None)
    """The answers files the two results were read from (`-` for standard input), to name the
    sides by when their dates cannot."""

    @property
    def best_changed(self) -> bool:
        return _best(self.before) != _best(self.after)


def _best(result: Result) -> str | None:
    """The id of the role a result offers first (none when nothing can be offered)."""
    return result.scored[0].role.id if result.scored else None


def change(before: float | None, after: float | None, digits: int) -> float | None:
    """The difference between two numbers as they are shown (rounded), so a reader's own
    subtraction agrees with it; None when either is unknown."""
    if before is None or after is None:
        return None
    return shown(shown(after, digits) - shown(before, digits), digits)  # type: ignore[operator]


def compare(pack: DataPack, before: Result, after: Result,
            files: tuple[str | None, str | None] = (None, None)) -> Comparison:
    levels_before = {t.trait: t.level for t in before.profile}
    traits = tuple(TraitChange(t.trait, levels_before.get(t.trait), t.level) for t in after.profile)
    rank_before = {f.role.id: (rank, f.fit) for rank, f in enumerate(before.ranking, start=1)}
    roles = tuple(
        RoleChange(f.role.id, f.role.name, rank_before[f.role.id][0], rank, rank_before[f.role.id][1], f.fit)
        for rank, f in enumerate(after.ranking, start=1)
    )
    return Comparison(before, after, traits, roles, files)


# What to call the two sides ---------------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LONGEST_FILE_LABEL = 24
"""A file name longer than this is shortened in the middle, so that a label stays on one line."""


def _moment(taken_at: str | None) -> tuple[_dt.date, str | None] | None:
    """The day an ISO 8601 `taken_at` names, and its time of day (`14:30`) when it gives one,
    both in its own time zone; None for other text."""
    if not taken_at:
        return None
    written = taken_at.strip()
    try:
        when = _dt.datetime.fromisoformat(written[:-1] + "+00:00" if written.endswith("Z") else written)
    except ValueError:
        return None
    return when.date(), (f"{when:%H:%M}" if "T" in written or " " in written else None)


def _day_text(day: _dt.date, year: bool = True) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")


def _file_label(file: str | None, letter: str) -> str:
    if file is None:
        return letter
    if file == "-":
        return "stdin"
    name = PurePath(file).stem or file
    if len(name) <= LONGEST_FILE_LABEL:
        return name
    half = (LONGEST_FILE_LABEL - 1) // 2
    return name[:half] + "\u2026" + name[-half:]


def labels(moved: Comparison) -> tuple[str, str]:
    """What to call the two sides, short enough to head a column without wrapping: the days
    they were taken (`1 Nov 2026`), or for two quizzes on one day their times (`2 Dec 10:04`);
    where the files give no such dates, or the same moment, their file names; and where even
    those are the same, A and B after them."""
    when = [_moment(r.sheet.taken_at) for r in (moved.before, moved.after)]
    first, second = when
    if first is not None and second is not None:
        if first[0] != second[0]:
            return _day_text(first[0]), _day_text(second[0])
        if first[1] is not None and second[1] is not None and first[1] != second[1]:
            return f"{_day_text(first[0], year=False)} {first[1]}", f"{_day_text(second[0], year=False)} {second[1]}"
    a, b = (_file_label(file, letter) for file, letter in zip(moved.files, "AB"))
    return (a, b) if a != b else (f"{a} (A)", f"{b} (B)")


def different_people(moved: Comparison) -> tuple[str, str] | None:
    """The two respondents' names when both files name one and the names differ (ignoring
    case and spacing): compare is for one person's answers at two times, or two views of one
    person."""
    names = (moved.before.sheet.respondent, moved.after.sheet.respondent)
    if names[0] is None or names[1] is None:
        return None
    same = [" ".join(name.casefold().split()) for name in names]
    return None if same[0] == same[1] else (names[0], names[1])


def person(moved: Comparison) -> str | None:
    """Whose answers these are, when both sides name the same person (or only one names anyone)."""
    names = [r.sheet.respondent for r in (moved.before, moved.after) if r.sheet.respondent]
    return names[0] if names and different_people(moved) is None else None


def sides_text(moved: Comparison) -> str:
    """Whose answers are compared, and what the two sides are called: `Ada: 1 Nov 2026, then
    3 Feb 2027`, or with two people named, each with their side."""
    a, b = labels(moved)
    people = different_people(moved)
    if people is not None:
        return f"{people[0]} ({a}) and {people[1]} ({b})"
    who = person(moved)
    return f"{who + ': ' if who else ''}{a}, then {b}"


def places_text(role: RoleChange) -> str:
    """`, up 2 places`: how far a role moved in the ranking (nothing when it stayed)."""
    places = role.rank_change
    if places == 0:
        return ""
    return f", {'up' if places > 0 else 'down'} {abs(places)} place{'' if abs(places) == 1 else 's'}"


def fit_change_text(role: RoleChange) -> str:
    """`+4, up 1 place`: a role's change in fit as shown (rounded), and in place."""
    moved_by = change(role.fit_before, role.fit_after, 0)
    return ("n/a" if moved_by is None else text(moved_by, sign=True)) + places_text(role)


def level_change(trait: TraitChange) -> float | None:
    """A trait's change in level, in the 0-100 points the profile shows."""
    return change(*(None if v is None else v * 100 for v in (trait.before, trait.after)), 0)


def level_change_text(trait: TraitChange) -> str:
    moved_by = level_change(trait)
    return "n/a" if moved_by is None else text(moved_by, sign=True)


def traits_by_change(moved: Comparison) -> list[TraitChange]:
    """The traits, those that moved most first."""
    return sorted(moved.traits, key=lambda t: -abs(level_change(t) or 0.0))


def summary(moved: Comparison) -> str:
    first, second = (r.scored[0] if r.scored else None for r in (moved.before, moved.after))
    if first is None or second is None:
        def said(fit: RoleFit | None) -> str:
            return f"{fit.role.name} ({_fit(fit.fit)})" if fit is not None else "no role (none left to offer)"
        if first is None and second is None:
            return "Neither answers file has a role to offer (their reports say why)."
        return f"The best fit moved from {said(first)} to {said(second)}."
    if moved.best_changed:
        how = ("within what a retake could give: both were on the first shortlist" if within_retake(moved)
               else "more than a retake would")
        return (f"The best fit moved from {first.role.name} ({_fit(first.fit)}) to {second.role.name} "
                f"({_fit(second.fit)}), {how}.")
    return f"The best fit stayed {second.role.name} ({_fit(first.fit)} then {_fit(second.fit)})."


def _fit(value: float | None) -> str:
    return "n/a" if value is None else text(value)


def within_retake(moved: Comparison) -> bool:
    """Whether a change of best fit is one a retake could give: the new best fit was already
    on the first result's shortlist (a retake's best fit falls there in 9 of 10 retakes)."""
    new = _best(moved.after)
    return new is not None and new in {f.role.id for f in moved.before.shortlist}


def beyond_retake(before: RoleFit | None, after: RoleFit | None) -> bool:
    """Whether a role's fit moved further than two takes of the same answers would move it in
    9 of 10 cases: further than the two 90% ranges' half-widths combined."""
    if before is None or after is None or before.fit is None or after.fit is None:
        return False
    if before.interval is None or after.interval is None:
        return False
    half = [(high - low) / 2.0 for low, high in (before.interval, after.interval)]
    return abs(after.fit - before.fit) > (half[0] ** 2 + half[1] ** 2) ** 0.5
