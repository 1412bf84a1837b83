"""From answers to trait levels: what each answer is evidence of, the pack compiled for speed,
and each trait's level and error. Pure functions: no files, no printing.

The formulas are documented in docs/data-format.md ("How fit is scored"): a trait's level is
the weighted mean of the evidence the answers give, and its error is how far that mean would
move over plausible versions of the same answers. `scoring` turns levels into fits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from rolefit.model import Answer, AnswerSheet, DataPack, Direction, Question

CHOICE_SPREAD, CHOICE_WEIGHT = 0.5, 0.5
"""A choice moves the chosen option's traits up and the others' down, around the middle."""
MULTI_PICKED, MULTI_UNPICKED, MULTI_WEIGHT = 0.3, 0.15, 0.5
"""A ticked option is evidence for its traits; an unticked one, weaker evidence against."""
ITEM_ERROR, PRIOR_ITEMS = 0.22, 8.0
"""The error one answer is expected to carry (0..1 scale), weighted as if seen PRIOR_ITEMS
times, then updated with how much the person's own answers on a trait disagree."""

_DIRECTIONS: dict[Direction, int] = {"at_least": 1, "at_most": -1, "about": 0}

Evidence = tuple[tuple[str, float, float], ...]
"""(trait, weight, value 0..1) for each trait one answer tells something about."""


# evidence ---------------------------------------------------------------------------------

def evidence(question: Question, answer: Answer) -> Evidence:
    if answer is None:
        return ()
    if question.kind == "likert":
        agreement = (int(answer) - 1) / 4  # type: ignore[arg-type]
        return tuple((t, abs(w), agreement if w > 0 else 1 - agreement) for t, w in question.loadings.items())
    if question.kind == "multi":
        return _multi_evidence(question, answer)
    chosen = question.option(str(answer))
    return () if chosen is None else _choice_evidence(question, chosen.loadings)


def _choice_evidence(question: Question, chosen: Mapping[str, float]) -> Evidence:
    """Relative evidence: a trait the chosen option loads on more than the options do on
    average moves up, one it loads on less moves down, and an average person's evidence sits
    at the middle. Not choosing an option is not evidence of the bottom of the scale."""
    found = []
    for trait in sorted(question.trait_ids):
        values = [o.loadings.get(trait, 0.0) for o in question.options]
        size = max(abs(v) for v in values)
        centred = (chosen.get(trait, 0.0) - sum(values) / len(values)) / size
        found.append((trait, CHOICE_WEIGHT * size, min(1.0, max(0.0, 0.5 + CHOICE_SPREAD * centred))))
    return tuple(found)


def _multi_evidence(question: Question, picked: Answer) -> Evidence:
    chosen = set(picked) if isinstance(picked, tuple) else {picked}
    found = []
    for option in question.options:
        for trait, loading in option.loadings.items():
            sign = 1.0 if loading > 0 else -1.0
            value = 0.5 + sign * (MULTI_PICKED if option.value in chosen else -MULTI_UNPICKED)
            found.append((trait, MULTI_WEIGHT * abs(loading), value))
    return tuple(found)


# the pack, compiled for speed -------------------------------------------------------------

Item = tuple[tuple[int, float, float, float, float], ...]
"""One answer's evidence as (trait index, weight, weight * value, weight * value², weight²)."""


@dataclass(eq=False)
class Compiled:
    trait_ids: tuple[str, ...]
    questions: dict[str, Question]
    evidence: dict[str, dict[Answer, Item]]
    roles: tuple[tuple[tuple[int, float, float, int], ...], ...]
    """Per role: (trait index, target, weight / the role's total weight, direction code)."""
    measuring: tuple[tuple[str, ...], ...]
    """Per trait: the ids of the questions that measure it."""
    families: tuple[tuple[int, ...], ...] = ()
    """Per family of the pack: the indices of its roles, in the family's order."""

    @property
    def index(self) -> dict[str, int]:
        return {t: i for i, t in enumerate(self.trait_ids)}


_compiled: dict[int, tuple[DataPack, Compiled]] = {}


def _item(index: Mapping[str, int], found: Evidence) -> Item:
    return tuple((index[t], w, w * v, w * v * v, w * w) for t, w, v in found)


def compile_pack(pack: DataPack) -> Compiled:
    cached = _compiled.get(id(pack))
    if cached is not None and cached[0] is pack:
        return cached[1]
    index = {t.id: i for i, t in enumerate(pack.traits)}
    table = {q.id: {a: _item(index, evidence(q, a)) for a in answer_choices(q)[:-1]} for q in pack.questions}
    roles = []
    for role in pack.roles:
        total = sum(t.weight for t in role.profile)
        roles.append(tuple((index[t.trait], t.level, t.weight / total, _DIRECTIONS[t.direction])
                           for t in role.profile))
    measuring = tuple(tuple(q.id for q in pack.questions if t.id in q.trait_ids) for t in pack.traits)
    role_index = {role.id: i for i, role in enumerate(pack.roles)}
    families = tuple(tuple(role_index[r] for r in f.roles if r in role_index) for f in pack.families)
    compiled = Compiled(tuple(index), {q.id: q for q in pack.questions}, table, tuple(roles), measuring, families)
    _compiled[id(pack)] = (pack, compiled)
    return compiled


def answer_items(compiled: Compiled, sheet: AnswerSheet) -> dict[str, Item]:
    """Each given answer's evidence, by question id."""
    table = compiled.evidence
    items = {}
    for qid, answer in sheet.answers.items():
        if answer is not None:
            item = table[qid].get(answer)
            items[qid] = item if item is not None else _learn(compiled, qid, answer)
    return items


def item_for(compiled: Compiled, question_id: str, answer: Answer) -> Item:
    """One answer's evidence (none for a skip)."""
    if answer is None:
        return ()
    item = compiled.evidence[question_id].get(answer)
    return item if item is not None else _learn(compiled, question_id, answer)


def _learn(compiled: Compiled, question_id: str, answer: Answer) -> Item:
    """Evidence for an answer the table has not seen (a pick-all answer's combination),
    remembered for next time."""
    item = compiled.evidence[question_id][answer] = _item(compiled.index, evidence(compiled.questions[question_id], answer))
    return item


# trait levels and their errors ------------------------------------------------------------

@dataclass(eq=False)
class Traits:
    levels: list[float | None]
    errors: list[float | None]
    disagreement: float
    """The answers' mean variance within a trait: high when they contradict each other."""
    weights: list[float] = field(default_factory=list)
    """How much evidence each trait rests on (the sum of its answers' weights)."""


def estimate(compiled: Compiled, items: Iterable[Item]) -> Traits:
    return _traits(*_sums(len(compiled.trait_ids), items))


def sheet_traits(compiled: Compiled, sheet: AnswerSheet) -> Traits:
    """`estimate` over a sheet's given answers (it runs for every cohort line: their evidence
    is looked up in one pass, and learnt only for an answer the table has not seen)."""
    table = compiled.evidence
    items = [table[qid].get(answer) for qid, answer in sheet.answers.items() if answer is not None]
    if None in items:
        items = list(answer_items(compiled, sheet).values())
    return _traits(*_sums(len(compiled.trait_ids), items))


_Sums = tuple[list[float], list[float], list[float], list[float]]


def _sums(size: int, items: Iterable[Item]) -> _Sums:
    """Per trait, the sums of its evidence's weights, weighted values, weighted squared values
    and squared weights, in the order the answers come."""
    weights, values, squares, weight_squares = [0.0] * size, [0.0] * size, [0.0] * size, [0.0] * size
    for item in items:
        for trait, weight, weighted, weighted_square, weight_square in item:
            weights[trait] += weight
            values[trait] += weighted
            squares[trait] += weighted_square
            weight_squares[trait] += weight_square
    return weights, values, squares, weight_squares


def _traits(weights: list[float], values: list[float], squares: list[float], weight_squares: list[float]) -> Traits:
    """Each trait's level and error from its sums, and how much the answers disagree."""
    size = len(weights)
    levels: list[float | None] = [None] * size
    errors: list[float | None] = [None] * size
    spread = counted = 0.0
    prior = PRIOR_ITEMS * ITEM_ERROR * ITEM_ERROR
    for t, weight in enumerate(weights):
        if not weight:
            continue
        level = values[t] / weight
        variance = squares[t] / weight - level * level
        variance = variance if variance > 0.0 else 0.0
        effective = weight * weight / weight_squares[t]
        levels[t] = level
        errors[t] = math.sqrt((prior + effective * variance) / (PRIOR_ITEMS + effective) / effective)
        if effective > 1.5:
            spread += effective * variance
            counted += effective
    return Traits(levels, errors, spread / counted if counted else 0.0, weights)


def levels_of(compiled: Compiled, items: Iterable[Item]) -> list[float | None]:
    return estimate(compiled, items).levels


def question_item(compiled: Compiled, question_id: str) -> Item:
    """The evidence any answer to a question gives, for its weights (the weights `estimate`
    sums; they do not depend on which answer is given)."""
    return next(iter(compiled.evidence[question_id].values()), ())


def evidence_weights(compiled: Compiled, questions: Iterable[Question]) -> list[float]:
    """How much evidence, per trait, answering `questions` would add."""
    added = [0.0] * len(compiled.trait_ids)
    for question in questions:
        for trait, weight, *_ in question_item(compiled, question.id):
            added[trait] += weight
    return added


# the answers a search tries --------------------------------------------------------------

def answer_choices(question: Question) -> list[Answer]:
    """The answers a search tries (for a pick-all question, none, each option alone, and all),
    then None for skipping."""
    if question.kind == "likert":
        return [1, 2, 3, 4, 5, None]
    values = [o.value for o in question.options]
    if question.kind == "choice":
        return [*values, None]
    return [(), *((v,) for v in values), tuple(values), None]
