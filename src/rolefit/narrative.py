"""What a report says, shared by the terminal report and the exports.

Pure functions from a result to plain strings and short lists, so the text, Markdown and
HTML reports choose the same roles, advice and steps, and say them in the same words.
"""

from __future__ import annotations

from rolefit.model import Advice, Answer, Contribution, DataPack, Notice, Question, Result, RoleFit
from rolefit.scoring import ranked_advice

CARDS = 3
"""How many of the best roles get a card of their own."""
ADVICE_PER_CARD = 3
STEPS_PER_CARD = 3
MOVED_ANSWERS = 8
"""How many answers an explanation lists, most influential first."""


def percent(value: float) -> int:
    return round(value * 100)


def level_text(level: float | None) -> str:
    return "n/a" if level is None else str(percent(level))


def fit_text(fit: float | None) -> str:
    return "n/a" if fit is None else f"{fit:.0f}"


def interval_text(fit: RoleFit) -> str:
    return "n/a" if fit.interval is None else f"{fit.interval[0]:.0f}-{fit.interval[1]:.0f}"


def few_answers(result: Result) -> bool:
    return result.answered * 2 < result.total


def headline(result: Result) -> str:
    scored = result.scored
    if not scored:
        return "No role could be scored: your answers measure none of the traits the roles ask for."
    best = scored[0]
    second = scored[1] if len(scored) > 1 else None
    if second is None:
        return f"Best fit: {best.role.name} ({fit_text(best.fit)}/100)."
    if few_answers(result):
        return (f"Tentative best fit: {best.role.name} ({fit_text(best.fit)}), ahead of {second.role.name} "
                f"({fit_text(second.fit)}); with {result.answered} of {result.total} questions answered, "
                "treat it as a first impression.")
    if result.close_call:
        return (f"A close call: {best.role.name} ({fit_text(best.fit)}) and {second.role.name} "
                f"({fit_text(second.fit)}) are too close to tell apart. Read both.")
    return (f"Best fit: {best.role.name} ({fit_text(best.fit)}/100), a clear lead over "
            f"{second.role.name} ({fit_text(second.fit)}).")


def coverage(result: Result) -> str:
    parts = [f"{result.answered} of {result.total} questions answered"]
    if result.skipped:
        parts.append(f"{result.skipped} skipped")
    who = result.sheet.respondent
    return (f"{who}: " if who else "") + ", ".join(parts)


def notes(result: Result) -> list[Notice]:
    """Warnings worth a line of their own; a close call is already in the headline."""
    return [w for w in result.warnings if w.code != "close_call"]


def card_roles(result: Result) -> tuple[RoleFit, ...]:
    return result.scored[:CARDS]


def _leaning(pack: DataPack, contribution: Contribution) -> str:
    """The trait's phrase for the side the role asks for: a met skill always reads as its high
    side; a met preference reads as whichever side the role sits on."""
    trait = pack.trait(contribution.trait)
    return trait.high if contribution.kind == "skill" or contribution.target >= 0.5 else trait.low


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


def card_advice(fit: RoleFit) -> tuple[Advice, ...]:
    return ranked_advice(fit)[:ADVICE_PER_CARD]


def first_steps(fit: RoleFit) -> tuple[str, ...]:
    return fit.role.first_steps[:STEPS_PER_CARD]


def credit(advice: Advice) -> str:
    """Where a piece of advice comes from, naming the practitioner where there is one."""
    citation = advice.source.citation()
    return f"after {advice.said_by}, in {citation}" if advice.said_by else citation


def answer_label(pack: DataPack, question: Question, answer: Answer) -> str:
    """An answer as the person saw it: the scale's words, or the option's label."""
    if question.kind == "likert" and isinstance(answer, int):
        return pack.scale[answer - 1]
    option = question.option(str(answer))
    return option.label if option else str(answer)
