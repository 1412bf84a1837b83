"""The sentences a report is made of, shared by the terminal report and the exports.

Pure functions from a result to plain strings, so the text, Markdown and HTML reports say
the same thing in the same words.
"""

from __future__ import annotations

from rolefit.model import Contribution, DataPack, Result, RoleFit


def percent(value: float) -> int:
    return round(value * 100)


def headline(result: Result) -> str:
    best = result.ranking[0]
    if len(result.ranking) == 1:
        return f"Best fit: {best.role.name} ({best.fit:.0f}/100)."
    second = result.ranking[1]
    if result.close_call:
        return (f"A close call: {best.role.name} ({best.fit:.0f}) and {second.role.name} "
                f"({second.fit:.0f}) are too close to tell apart. Read both.")
    return (f"Best fit: {best.role.name} ({best.fit:.0f}/100), a clear lead over "
            f"{second.role.name} ({second.fit:.0f}).")


def coverage(result: Result) -> str:
    parts = [f"{result.answered} of {result.total} questions answered"]
    if result.skipped:
        parts.append(f"{result.skipped} skipped")
    who = result.sheet.respondent
    return (f"{who}: " if who else "") + ", ".join(parts)


def _leaning(pack: DataPack, contribution: Contribution) -> str:
    trait = pack.trait(contribution.trait)
    level = contribution.level if contribution.level is not None else 0.5
    return trait.high if level >= 0.5 else trait.low


def why_it_fits(pack: DataPack, fit: RoleFit, limit: int = 3) -> list[str]:
    """Plain-words reasons, from the heaviest traits the person meets."""
    return [f"{pack.trait(c.trait).name}: {_leaning(pack, c)}" for c in fit.strengths[:limit]]


def stretch(pack: DataPack, contribution: Contribution) -> str:
    """One gap in plain words, with the numbers behind it."""
    name = pack.trait(contribution.trait).name
    need, have = percent(contribution.target), percent(contribution.level or 0.0)
    if contribution.kind == "preference" and have > need:
        return f"{name}: the role gives less of this ({need}) than you seem to want ({have})"
    if contribution.kind == "preference":
        return f"{name}: the role asks for more of this ({need}) than you seem to want ({have})"
    return f"{name}: the role asks for {need}, your answers put you at {have}"


def gaps(pack: DataPack, fit: RoleFit, limit: int = 3) -> list[str]:
    return [f"{stretch(pack, c)}; costs {_points(c.points)}" for c in fit.gaps[:limit]]


def _points(points: float) -> str:
    shown = round(abs(points))
    return f"{shown} point" if shown == 1 else f"{shown} points"


def advice_credit(said_by: str | None, citation: str) -> str:
    return f"after {said_by}, in {citation}" if said_by else citation
