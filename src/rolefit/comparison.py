"""How two results differ: a coach's before and after, or a self-view against a coach's view."""

from __future__ import annotations

from dataclasses import dataclass

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


def compare(pack: DataPack, before: Result, after: Result) -> Comparison:
    levels_before = {t.trait: t.level for t in before.profile}
    traits = tuple(TraitChange(t.trait, levels_before.get(t.trait), t.level) for t in after.profile)
    rank_before = {f.role.id: (rank, f.fit) for rank, f in enumerate(before.ranking, start=1)}
    roles = tuple(
        RoleChange(f.role.id, f.role.name, rank_before[f.role.id][0], rank, rank_before[f.role.id][1], f.fit)
        for rank, f in enumerate(after.ranking, start=1)
    )
    return Comparison(before, after, traits, roles)


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
