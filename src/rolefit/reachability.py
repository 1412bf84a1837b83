"""Can every role come first? The search `rolefit validate` runs for every role: answers
that put the role strictly first, starting from the answers written for its profile. Pure
functions over a pack, like `scoring`, whose compiled evidence it reuses.
"""

from __future__ import annotations

from typing import Mapping

from rolefit.model import Answer, DataPack, Question, Role
from rolefit.scoring import Compiled, Item, answer_choices, compile_pack, evidence, fits_of, item_for


def _distance(question: Question, answer: Answer, targets: Mapping[str, float]) -> float:
    """How far an answer's evidence lies from target levels (infinite if it touches none)."""
    found = [(w, v, targets[t]) for t, w, v in evidence(question, answer) if t in targets]
    return sum(w * (v - goal) ** 2 for w, v, goal in found) if found else float("inf")


def answers_toward(pack: DataPack, role: Role) -> dict[str, Answer]:
    """For each question, the answer whose evidence lies closest to the role's profile;
    questions that measure none of the role's traits are left unanswered."""
    targets = {t.trait: t.level for t in role.profile}
    chosen: dict[str, Answer] = {}
    for question in pack.questions:
        best = min(answer_choices(question)[:-1], key=lambda answer: _distance(question, answer, targets))
        if _distance(question, best, targets) != float("inf"):
            chosen[question.id] = best
    return chosen


def _margin(pack: DataPack, answers: dict[str, Answer], index: int) -> float:
    compiled = compile_pack(pack)
    return _margin_of(compiled, *_sums(compiled, answers), index)


Sums = tuple[list[float], list[float], list[int]]
"""Per trait: the answers' summed weights, summed weight * value, and how many answers
touch it (exact, so a trait whose last answer is taken away is unmeasured, not 1e-17)."""


def _sums(compiled: Compiled, answers: Mapping[str, Answer]) -> Sums:
    """The sums `estimate` starts from, in the same order, so the levels come out the same."""
    size = len(compiled.trait_ids)
    weights, values, counts = [0.0] * size, [0.0] * size, [0] * size
    for question_id, answer in answers.items():
        for trait, weight, weighted, *_ in item_for(compiled, question_id, answer):
            weights[trait] += weight
            values[trait] += weighted
            counts[trait] += 1
    return weights, values, counts


def _moved(sums: Sums, old: Item, new: Item) -> Sums:
    """The sums with one answer's evidence `old` replaced by `new`: one answer's worth of
    work, whatever the size of the bank."""
    weights, values, counts = sums[0][:], sums[1][:], sums[2][:]
    for item, sign in ((old, -1), (new, 1)):
        for trait, weight, weighted, *_ in item:
            weights[trait] += sign * weight
            values[trait] += sign * weighted
            counts[trait] += sign
    return weights, values, counts


def _margin_of(compiled: Compiled, weights: list[float], values: list[float], counts: list[int], index: int) -> float:
    """How far role `index` leads the best other role (negative when behind)."""
    levels = [values[t] / weights[t] if counts[t] else None for t in range(len(weights))]
    fits = [-1e9 if v is None else v for v in fits_of(compiled, levels)]
    return fits[index] - max((v for i, v in enumerate(fits) if i != index), default=0.0)


SEARCH_STEP = 1e-9
"""A change of answer counts as widening the lead only by more than this many fit points,
so that rounding in the running sums cannot pass for progress."""


def answers_ranking_first(pack: DataPack, role: Role, passes: int = 3) -> dict[str, Answer] | None:
    """Answers that put `role` strictly first, or None if this search finds none.

    Starts from the answers written for the role's profile, then changes one answer at a
    time (skipping a question is a move too) while that widens the role's lead. Each trial
    moves running per-trait sums by one answer instead of rescoring every answer, so a pass
    costs time in proportion to the bank, not to its square (`rolefit validate` runs it for
    every role); whether the role is first is always decided on sums worked out afresh.
    """
    compiled = compile_pack(pack)
    index = pack.roles.index(role)
    answers = answers_toward(pack, role)
    margin = _margin(pack, answers, index)
    for _ in range(passes):
        if margin > 0:
            return answers
        sums, running, improved = _sums(compiled, answers), margin, False
        for question in pack.questions:
            current = answers.get(question.id)
            old = item_for(compiled, question.id, current)
            for option in answer_choices(question):
                if option == current:
                    continue
                trial = _moved(sums, old, item_for(compiled, question.id, option))
                trial_margin = _margin_of(compiled, *trial, index)
                if trial_margin > running + SEARCH_STEP:
                    answers[question.id], sums, running, improved = option, trial, trial_margin, True
                    current, old = option, item_for(compiled, question.id, option)
        margin = _margin(pack, answers, index)
        if not improved:
            break
    return answers if margin > 0 else None


def roles_never_first(pack: DataPack) -> list[Role]:
    return [role for role in pack.roles if answers_ranking_first(pack, role) is None]
