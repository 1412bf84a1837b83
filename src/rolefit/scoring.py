"""From answers to a ranked, explained result. Pure functions: no files, no printing.

The formula is documented in docs/data-format.md ("How fit is scored"); in short, a trait
level is the loading-weighted mean of the evidence the answers give, and a role's fit is 100
minus the weighted gaps between its profile and those levels.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from rolefit.model import (
    Advice,
    Answer,
    AnswerSheet,
    Contribution,
    DataPack,
    Notice,
    Question,
    Result,
    Role,
    RoleFit,
    TraitKind,
    TraitLevel,
)

RESAMPLES = 200
LOW_PERCENTILE, HIGH_PERCENTILE = 0.05, 0.95
STRAIGHT_LINE_MIN_ITEMS = 5

Evidence = tuple[tuple[str, float, float], ...]
"""(trait, weight, value 0..1) for each trait one answer tells something about."""


def evidence(question: Question, answer: Answer) -> Evidence:
    if answer is None:
        return ()
    if question.kind == "likert":
        agreement = (int(answer) - 1) / 4
        return tuple((t, abs(w), agreement if w > 0 else 1 - agreement) for t, w in question.loadings.items())
    chosen = question.option(str(answer))
    if chosen is None:
        return ()
    found = []
    for trait in sorted(question.trait_ids):
        values = [o.loadings.get(trait, 0.0) for o in question.options]
        low, high = min(values), max(values)
        if high > low:
            position = (chosen.loadings.get(trait, 0.0) - low) / (high - low)
            found.append((trait, max(abs(low), abs(high)), position))
    return tuple(found)


def trait_profile(pack: DataPack, sheet: AnswerSheet) -> tuple[TraitLevel, ...]:
    compiled = compile_pack(pack)
    given = sheet.given
    levels = levels_of(compiled, answer_items(compiled, sheet).values())
    profile = []
    for index, trait in enumerate(pack.traits):
        measuring = compiled.measuring[index]
        answered = sum(qid in given for qid in measuring)
        profile.append(TraitLevel(trait.id, levels[index], answered, len(measuring)))
    return tuple(profile)


def gap(kind: TraitKind, target: float, level: float) -> float:
    """A skill falls short only below its target; a preference chafes on either side."""
    return max(0.0, target - level) if kind == "skill" else abs(target - level)


def role_fit(role: Role, levels: Mapping[str, float | None],
             kinds: Mapping[str, TraitKind]) -> tuple[float | None, tuple[Contribution, ...]]:
    """A role's fit and what each trait of its profile did to it (the documented formula).

    The fit is None when no answer measured any trait the role asks for: nothing is known.
    """
    measured_weight = sum(t.weight for t in role.profile if levels.get(t.trait) is not None)
    contributions = []
    for target in role.profile:
        level = levels.get(target.trait)
        kind = kinds[target.trait]
        shortfall = round(gap(kind, target.level, level), 9) if level is not None else 0.0
        cost = 100 * target.weight * shortfall / measured_weight if measured_weight else 0.0
        points = -cost if cost else 0.0
        contributions.append(Contribution(target.trait, kind, target.level, target.weight, level, shortfall, points))
    fit = 100 + sum(c.points for c in contributions) if measured_weight else None
    return fit, tuple(contributions)


def _kinds(pack: DataPack) -> dict[str, TraitKind]:
    return {t.id: t.kind for t in pack.traits}


def order(values: Sequence[float | None]) -> list[int]:
    """Indices from best to worst; equal fits keep the pack's order; unknown fits go last."""
    return sorted(range(len(values)), key=lambda i: (values[i] is None, -(values[i] or 0.0), i))


# the same formula over index arrays, for the many scorings of resampling and batches ------

Item = tuple[tuple[int, float, float], ...]
"""One answer's evidence as (trait index, weight, weight * value)."""


@dataclass(eq=False)
class Compiled:
    trait_ids: tuple[str, ...]
    evidence: dict[str, dict[Answer, Item]]
    roles: tuple[tuple[tuple[int, float, float, bool], ...], ...]
    """Per role: (trait index, target, weight, is a skill)."""
    measuring: tuple[tuple[str, ...], ...]
    """Per trait: the ids of the questions that measure it."""


_compiled: dict[int, tuple[DataPack, Compiled]] = {}


def compile_pack(pack: DataPack) -> Compiled:
    cached = _compiled.get(id(pack))
    if cached is not None and cached[0] is pack:
        return cached[1]
    index = {t.id: i for i, t in enumerate(pack.traits)}
    table = {
        q.id: {a: tuple((index[t], w, w * v) for t, w, v in evidence(q, a)) for a in _choices(q)[:-1]}
        for q in pack.questions
    }
    roles = tuple(
        tuple((index[t.trait], t.level, t.weight, pack.trait(t.trait).kind == "skill") for t in role.profile)
        for role in pack.roles
    )
    measuring = tuple(tuple(q.id for q in pack.questions if t.id in q.trait_ids) for t in pack.traits)
    compiled = Compiled(tuple(index), table, roles, measuring)
    _compiled[id(pack)] = (pack, compiled)
    return compiled


def answer_items(compiled: Compiled, sheet: AnswerSheet) -> dict[str, Item]:
    """Each given answer's evidence, by question id."""
    evidence_of = compiled.evidence
    return {qid: evidence_of[qid][answer] for qid, answer in sheet.given.items()}


def levels_of(compiled: Compiled, items: Iterable[Item]) -> list[float | None]:
    weighted = [0.0] * len(compiled.trait_ids)
    weights = [0.0] * len(compiled.trait_ids)
    for item in items:
        for trait, weight, weighted_value in item:
            weighted[trait] += weighted_value
            weights[trait] += weight
    return [(v / w if w else None) for v, w in zip(weighted, weights)]


def fits_of(compiled: Compiled, levels: Sequence[float | None]) -> list[float | None]:
    """`role_fit`'s number for every role, written for speed: resampling calls it thousands of times."""
    found = []
    for profile in compiled.roles:
        total = cost = 0.0
        for trait, target, weight, is_skill in profile:
            level = levels[trait]
            if level is None:
                continue
            total += weight
            shortfall = target - level
            if shortfall > 0:
                cost += weight * shortfall
            elif not is_skill:
                cost -= weight * shortfall
        found.append(100 * (1 - cost / total) if total else None)
    return found


def quick_fits(pack: DataPack, sheet: AnswerSheet) -> tuple[list[float | None], list[float | None]]:
    """Trait levels and role fits in pack order, without intervals or explanations."""
    compiled = compile_pack(pack)
    levels = levels_of(compiled, answer_items(compiled, sheet).values())
    return levels, fits_of(compiled, levels)


# intervals by resampling ------------------------------------------------------------------

def _seed(sheet: AnswerSheet) -> int:
    return zlib.crc32(repr(sorted(sheet.given.items(), key=lambda kv: kv[0])).encode())


def _resample(compiled: Compiled, items: list[Item], seed: int, rounds: int) -> list[list[float | None]]:
    """rows[r][i]: role i's fit when the answers are drawn again with replacement (round r)."""
    rng = random.Random(seed)
    return [fits_of(compiled, levels_of(compiled, rng.choices(items, k=len(items)))) for _ in range(rounds)]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[round(share * (len(ordered) - 1))]


def _interval(samples: list[float | None], fit: float | None) -> tuple[float, float] | None:
    """The 5th to 95th percentile of the resampled fits, widened if need be to hold the fit
    itself (a skill's gap cannot go below zero, so resamples can all sit on one side of it).
    Resamples that happened to leave every one of the role's traits unmeasured are left out."""
    known = [value for value in samples if value is not None]
    if fit is None:
        return None
    if not known:
        return fit, fit
    low, high = _percentile(known, LOW_PERCENTILE), _percentile(known, HIGH_PERCENTILE)
    return min(low, fit), max(high, fit)


def _is_close_call(rows: list[list[float | None]], first: int, second: int) -> bool:
    """The runner-up beats or ties the leader in more than 5% of the resamples that scored both."""
    leads = [row[first] - row[second] for row in rows if row[first] is not None and row[second] is not None]  # type: ignore[operator]
    return bool(leads) and _percentile(leads, LOW_PERCENTILE) <= 0


# the result -------------------------------------------------------------------------------

def score(pack: DataPack, sheet: AnswerSheet, rounds: int = RESAMPLES) -> Result:
    compiled = compile_pack(pack)
    given = sheet.given
    profile = trait_profile(pack, sheet)
    levels = {tl.trait: tl.level for tl in profile}
    kinds = _kinds(pack)
    scored = [role_fit(role, levels, kinds) for role in pack.roles]
    point = [fit for fit, _ in scored]
    ranked = order(point)
    items = list(answer_items(compiled, sheet).values())
    rows = _resample(compiled, items, _seed(sheet), rounds) if items and rounds else [point]
    ranking = tuple(
        RoleFit(pack.roles[i], point[i], _interval([row[i] for row in rows], point[i]), scored[i][1])
        for i in ranked
    )
    close = len(ranked) > 1 and point[ranked[1]] is not None and _is_close_call(rows, ranked[0], ranked[1])
    notices = warnings(pack, sheet, [tl.level for tl in profile], (ranking[0], ranking[1]) if close else None)
    return Result(sheet, ranking, profile, len(given), len(pack.questions), tuple(notices), close)


def warnings(pack: DataPack, sheet: AnswerSheet, levels: Sequence[float | None],
             leaders: tuple[RoleFit, RoleFit] | None = None) -> list[Notice]:
    """What a reader should know before trusting the ranking; `leaders` when it is a close call."""
    found = []
    answered, total = len(sheet.given), len(pack.questions)
    if sheet.unknown:
        found.append(Notice("unknown_question", f"ignored answers to questions this quiz does not have: {', '.join(sheet.unknown)}"))
    if sheet.quiz_version and sheet.quiz_version != pack.version:
        found.append(Notice("version_mismatch", f"answers were given to quiz version {sheet.quiz_version}; this is version {pack.version}"))
    if answered * 2 < total:
        found.append(Notice("few_answers", f"only {answered} of {total} questions answered; the ranking is a rough guide"))
    likert = [a for qid, a in sheet.given.items() if isinstance(a, int)]
    if len(likert) >= STRAIGHT_LINE_MIN_ITEMS and len(set(likert)) == 1:
        found.append(Notice("straight_lining", f"every agree/disagree answer is {likert[0]}; the result says little about you"))
    unmeasured = [t.name for t, level in zip(pack.traits, levels) if level is None]
    if unmeasured and answered:
        found.append(Notice("unmeasured_traits", f"no answer measured {', '.join(unmeasured)}; those traits were left out"))
    if leaders:
        found.append(Notice("close_call", f"{leaders[0].role.name} and {leaders[1].role.name} are too close to call apart"))
    return found


def ranked_advice(fit: RoleFit) -> tuple[Advice, ...]:
    """A role's advice, most useful first: advice for this person's costliest gaps, then
    general advice, then advice on traits they already meet."""
    gap_rank = {c.trait: i for i, c in enumerate(fit.gaps)}
    def key(item: Advice) -> int:
        if item.trait in gap_rank:
            return gap_rank[item.trait]
        return len(gap_rank) + (0 if item.trait is None else 1)
    return tuple(sorted(fit.role.advice, key=key))


# explaining a fit -------------------------------------------------------------------------

@dataclass(eq=False)
class Influence:
    question: Question
    answer: Answer
    points: float
    """How many fit points this answer added (positive) or took away (negative)."""


def influences(pack: DataPack, sheet: AnswerSheet, role: Role) -> list[Influence]:
    """Each answer's effect on one role's fit: the fit with it, minus the fit without it."""
    compiled, index = compile_pack(pack), pack.roles.index(role)
    items = answer_items(compiled, sheet)
    full = fits_of(compiled, levels_of(compiled, items.values()))[index]
    found = []
    for qid, answer in sheet.given.items():
        others = (item for other, item in items.items() if other != qid)
        without = fits_of(compiled, levels_of(compiled, others))[index]
        found.append(Influence(pack.question(qid), answer, (full or 0.0) - (without or 0.0)))  # type: ignore[arg-type]
    return sorted(found, key=lambda i: -abs(i.points))


# can every role come first? ---------------------------------------------------------------

def _choices(question: Question) -> list[Answer]:
    values: list[Answer] = list(range(1, 6)) if question.kind == "likert" else [o.value for o in question.options]
    return values + [None]


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
        best = min(_choices(question)[:-1], key=lambda answer: _distance(question, answer, targets))
        if _distance(question, best, targets) != float("inf"):
            chosen[question.id] = best
    return chosen


def _margin(pack: DataPack, answers: dict[str, Answer], index: int) -> float:
    values = [-1e9 if v is None else v for v in quick_fits(pack, AnswerSheet(answers=answers))[1]]
    return values[index] - max((v for i, v in enumerate(values) if i != index), default=0.0)


def answers_ranking_first(pack: DataPack, role: Role, passes: int = 3) -> dict[str, Answer] | None:
    """Answers that put `role` strictly first, or None if this search finds none.

    Starts from the answers written for the role's profile, then changes one answer at a
    time (skipping a question is a move too) while that widens the role's lead.
    """
    index = pack.roles.index(role)
    answers = answers_toward(pack, role)
    margin = _margin(pack, answers, index)
    for _ in range(passes):
        if margin > 0:
            return answers
        improved = False
        for question in pack.questions:
            for option in _choices(question):
                trial = {**answers, question.id: option}
                trial_margin = _margin(pack, trial, index)
                if trial_margin > margin:
                    answers, margin, improved = trial, trial_margin, True
        if not improved:
            break
    return answers if margin > 0 else None


def roles_never_first(pack: DataPack) -> list[Role]:
    return [role for role in pack.roles if answers_ranking_first(pack, role) is None]
