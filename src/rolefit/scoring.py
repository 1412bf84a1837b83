"""From answers to a ranked, explained result, and how sure it is. Pure functions: no files,
no printing.

The formulas are documented in docs/data-format.md ("How fit is scored"). In short:
- a trait's level is the weighted mean of the evidence the answers give, and its error is
  how far that mean would move over plausible versions of the same answers;
- a role's fit is 100 minus FIT_SCALE times its weighted mean gap, in fit points;
- how sure the ranking is comes from `certainty`: each role's share of plausible retakes in
  which it comes first, and the shortlist that holds a retake's best fit in 90% of them.

Single files and cohort lines go through the one function `assess`, so they cannot disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from rolefit.certainty import COVER, LONGEST, first_places, normal_below, retake_spread, shortlist as cover
from rolefit.evidence import (  # some only re-exported: the rest of rolefit reads them from here
    Compiled,
    Item,
    Traits,
    answer_choices,
    answer_items,
    compile_pack,
    estimate,
    evidence,
    evidence_weights,
    item_for,
    levels_of,
    question_item,
    sheet_traits,
)
from rolefit.numbers import in_ten
from rolefit.model import (
    Advice,
    Answer,
    AnswerSheet,
    Contribution,
    DataPack,
    Dealbreaker,
    Direction,
    Notice,
    Question,
    Result,
    Role,
    RoleFit,
    TraitLevel,
    Verdict,
)

FIT_SCALE = 2.0
"""Fit points lost per point of mean weighted gap: a mean gap of 0.25 (a quarter of the scale)
costs 50 points, and a mean gap of 0.5 or more is a fit of 0."""
Z90 = 1.645
FLAT_SPREAD = 0.08
"""Trait levels whose standard deviation is under this describe nobody in particular."""
MIDDLE_BAND = 0.15
"""Such levels are `flat` when their mean is within this of the middle (0.5), and uniformly
high or low beyond it."""
CONTRADICTORY = 0.085
"""Answers on one trait that disagree this much (mean within-trait variance) contradict each other."""
POOR_FIT = 45.0
"""A best fit under this is not a fit."""
SETTLED = 0.95
"""The shortlist is settled once the whole bank's best fit, were every question not yet asked
answered, would fall within it in at least this share of plausible cases: the adaptive quiz
stops there, and a sheet under half answered is tentative until then."""
STRAIGHT_LINE_MIN_ITEMS = 5


# fits -------------------------------------------------------------------------------------

def gap(direction: Direction, target: float, level: float) -> float:
    """How far a level is from what a role asks: only a shortfall counts for `at_least`, only
    an excess for `at_most`, and either side for `about`."""
    if direction == "at_least":
        return max(0.0, target - level)
    if direction == "at_most":
        return max(0.0, level - target)
    return abs(target - level)


def fits_of(compiled: Compiled, levels: Sequence[float | None]) -> list[float | None]:
    """Every role's fit, in pack order: the documented formula, written for speed."""
    return _roles(compiled, levels)[0]


def _roles(compiled: Compiled, levels: Sequence[float | None], errors: Sequence[float | None] | None = None
           ) -> tuple[list[float | None], list[list[float]], list[float]]:
    """Every role's fit and, given the levels' errors, its pulls and spread, in one pass (it
    runs for every cohort line).

    A pull is how far a trait's error moves the fit, in fit points, signed the way the fit
    moves as the trait rises (0 for a trait the role does not ask about). Each target's cost
    is a hinge (or, for `about`, a fold) of a level that is normal around today's with the
    trait's error; a pull is that cost's standard deviation, so a level just past a target's
    edge counts for part, and one well past it for almost nothing. A fit's spread is the
    square root of its pulls' sum of squares.
    """
    fits: list[float | None] = []
    all_pulls: list[list[float]] = []
    spreads: list[float] = []
    last = len(_HINGE) - 1
    size = len(levels)
    complete = None not in levels
    errors = errors or (None,) * size
    steps = [_STEPS / e if e else 0.0 for e in errors]
    middle = _REACH * _STEPS + 0.5
    hinge, fold = _HINGE, _FOLD
    for profile in compiled.roles:
        total = 1.0 if complete else sum(weight for trait, _, weight, _ in profile if levels[trait] is not None)
        scale = 100.0 * FIT_SCALE / total if total else 0.0
        cost = square = 0.0
        pulls = [0.0] * size
        for trait, target, weight, direction in profile:
            level = levels[trait]
            if level is None:
                continue
            shortfall = target - level
            if direction == 1:
                if shortfall > 0:
                    cost += weight * shortfall
            elif direction == -1:
                if shortfall < 0:
                    cost -= weight * shortfall
            elif shortfall > 0:
                cost += weight * shortfall
            else:
                cost -= weight * shortfall
            error = errors[trait]
            if error:
                step = int(middle - shortfall * steps[trait]) if direction == -1 else int(middle + shortfall * steps[trait])
                step = 0 if step < 0 else (last if step > last else step)
                if direction:
                    pull = direction * scale * weight * error * hinge[step]
                else:
                    pull = (scale if shortfall > 0 else -scale) * weight * error * fold[step]
                pulls[trait] = pull
                square += pull * pull
        fits.append(max(0.0, 100.0 - scale * cost) if total else None)
        all_pulls.append(pulls)
        spreads.append(math.sqrt(square))
    return fits, all_pulls, spreads


def order(values: Sequence[float | None]) -> list[int]:
    """Indices from best to worst; equal fits keep the pack's order (the sort is stable);
    unknown fits go last."""
    keys = [math.inf if v is None else -v for v in values]
    return sorted(range(len(values)), key=keys.__getitem__)


# how sure: analytic uncertainty -----------------------------------------------------------

def _hinge_spread(z: float) -> float:
    """The standard deviation of max(0, t - X), in units of X's, for X normal with mean
    t - z * sd: the cost of an `at_least` target when the level may lie either side of it."""
    below = normal_below(z)
    density = math.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    mean = z * below + density
    return math.sqrt(max(0.0, (z * z + 1.0) * below + z * density - mean * mean))


def _fold_spread(z: float) -> float:
    """The standard deviation of |X - t|, in units of X's, for X normal with mean t - z * sd:
    the cost of an `about` target."""
    below = normal_below(z)
    mean = 2.0 * math.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi) - z * (1.0 - 2.0 * below)
    return math.sqrt(max(0.0, 1.0 + z * z - mean * mean))


_STEPS = 100
_REACH = 6.0
_HINGE = [_hinge_spread(i / _STEPS - _REACH) for i in range(int(2 * _REACH * _STEPS) + 1)]
_FOLD = [_fold_spread(i / _STEPS - _REACH) for i in range(int(2 * _REACH * _STEPS) + 1)]
"""Both spreads tabulated every 0.01 from -6 to 6 (beyond, they are flat): looking them up
keeps a cohort of thousands as cheap to score as the fits alone."""


# the assessment: one path for single files and cohorts ------------------------------------

@dataclass(eq=False)
class Assessment:
    traits: Traits
    fits: list[float | None]
    intervals: list[tuple[float, float] | None]
    ranked: list[int]
    shares: dict[int, float]
    """Each open role's share of plausible retakes in which it comes first (roles out of
    reach are absent: their share rounds to nothing)."""
    shortlist: list[int]
    """The fewest open roles, best first, that come first in at least COVER of retakes;
    empty when the dealbreakers rule out every role with a fit."""
    verdict: Verdict
    reason: str
    """Why there is no clear fit: ruled_out (the dealbreakers rule out every role with a fit),
    straight_lining, uniformly_high, uniformly_low, flat, contradictory, many_close (the
    shortlist is longer than LONGEST) or poor_fit; else ''."""
    settled: float | None = None
    """The chance that the whole bank's best fit falls within the shortlist once every
    question not yet asked is answered (None when the sheet is over half answered, where it is
    not needed)."""
    blocked: frozenset[int] = frozenset()
    """The roles the person's dealbreakers rule out, by index."""
    pulls: list[list[float]] = field(default_factory=list)
    """Per role, per trait: how far the trait's error moves the fit (see `_roles`)."""
    family: int | None = None
    """The index of the pack's family whose roles between them come first in at least COVER
    of retakes, if one does (see `_family`)."""
    family_share: float | None = None
    """That family's share of first places."""

    @property
    def contenders(self) -> list[int]:
        """The roles with a fit that no dealbreaker rules out, best first: the roles a verdict
        may name. None, when the dealbreakers rule out every role with a fit."""
        return [i for i in self.ranked if self.fits[i] is not None and i not in self.blocked]

    @property
    def lead_holds(self) -> float | None:
        """The leader's share of first places; None when no role is open."""
        return self.shares.get(self.shortlist[0]) if self.shortlist else None

    @property
    def coverage(self) -> float:
        """The share of retakes in which a shortlisted role comes first."""
        return min(1.0, sum(self.shares.get(i, 0.0) for i in self.shortlist))

    @property
    def levels(self) -> list[float | None]:
        return self.traits.levels


def _ranked(fits: Sequence[float | None], blocked: frozenset[int]) -> tuple[list[int], list[int]]:
    """The ranking and the roles still open. The ranking puts the open roles with a fit
    first, then the ruled-out roles with a fit, then the roles nothing could be said about;
    the open roles (best first, those without a fit last) are the only ones that may lead."""
    ranked = order(fits)
    if not blocked:
        return ranked, ranked
    open_ = [i for i in ranked if i not in blocked]
    scored = [i for i in ranked if fits[i] is not None]
    return ([i for i in scored if i not in blocked] + [i for i in scored if i in blocked]
            + [i for i in ranked if fits[i] is None]), open_


def assess(pack: DataPack, sheet: AnswerSheet) -> Assessment:
    compiled = compile_pack(pack)
    traits = sheet_traits(compiled, sheet)
    fits, pulls, spreads = _roles(compiled, traits.levels, traits.errors)
    blocked = ruled_out(pack, sheet.dealbreakers)
    ranked, open_ = _ranked(fits, blocked)
    intervals = [None if fit is None else (max(0.0, fit - Z90 * spread), min(100.0, fit + Z90 * spread))
                 for fit, spread in zip(fits, spreads)]
    contenders = [i for i in open_ if fits[i] is not None]
    shares = first_places(fits, pulls, contenders, retake_spread(len(sheet.given), len(pack.questions)))
    short = cover(shares, contenders)
    settled = None
    if len(sheet.given) * 2 < len(pack.questions) and short:
        unasked = [q for q in pack.questions if q.id not in sheet.answers]
        settled = settles(compiled, traits, fits, pulls, contenders, short, unasked)
    verdict: Verdict = "no_clear_fit"
    reason = "ruled_out"
    if short or not any(fits[i] is not None for i in blocked):
        every = len(short) == len(contenders) > 1
        verdict, reason = _verdict(sheet, traits, fits[short[0]] if short else None, len(short), settled, every)
    family, family_share = _family(compiled, shares)
    return Assessment(traits, fits, intervals, ranked, shares, short, verdict, reason, settled, blocked, pulls,
                      family, family_share)


def _family(compiled: Compiled, shares: Mapping[int, float]) -> tuple[int | None, float | None]:
    """The family whose roles between them come first in at least COVER of retakes: a call
    about the area of work that can hold where no single role does."""
    if not shares:
        return None, None
    share_of = shares.get
    for number, roles in enumerate(compiled.families):
        share = sum([share_of(i, 0.0) for i in roles])
        if share >= COVER - 1e-9:
            return number, min(1.0, share)
    return None, None


def _shrink(compiled: Compiled, traits: Traits, unasked: Sequence[Question]) -> list[float] | None:
    """How much of each trait's error answering `unasked` would remove, as a factor on its
    pulls (the square root of their share of the trait's final evidence); None when they
    would measure a trait no answer has measured yet, which could move anything."""
    added = evidence_weights(compiled, unasked)
    have, errors = traits.weights, traits.errors
    if any(added[t] and not have[t] for t in range(len(have))):
        return None
    return [0.0 if errors[t] is None else math.sqrt(added[t] / (have[t] + added[t])) for t in range(len(have))]


def settles(compiled: Compiled, traits: Traits, fits: Sequence[float | None], pulls: Sequence[list[float]],
            contenders: Sequence[int], shortlist: Sequence[int], unasked: Sequence[Question]) -> float:
    """The chance that the whole bank's best fit falls within `shortlist` once every question
    in `unasked` is answered: each trait's level can move only by the part of its error those
    answers would remove. A trait no answer has measured yet, which they would measure, could
    move anything: nothing is settled while one is left."""
    if not unasked:
        return 1.0
    shrink = _shrink(compiled, traits, unasked)
    if shrink is None:
        return 0.0
    if len(shortlist) >= len(contenders):
        return 1.0
    moved = [[p * f for p, f in zip(row, shrink)] for row in pulls]
    final = first_places(fits, moved, contenders, spread=1.0)
    return min(1.0, sum(final.get(i, 0.0) for i in shortlist))


def ruled_out(pack: DataPack, dealbreakers: Sequence[str]) -> frozenset[int]:
    """The indices of the roles the person's dealbreakers touch. They rank after every other
    role, whatever their fit, unless every role is ruled out."""
    if not dealbreakers:
        return frozenset()
    touched = {role for d in dealbreakers if (found := pack.dealbreaker(d)) for role in found.roles}
    return frozenset(i for i, role in enumerate(pack.roles) if role.id in touched)


def _straight_line(sheet: AnswerSheet) -> int | None:
    """The one agree/disagree answer every such item got, if there are enough of them (it
    stops at the second different answer, which for most people is the second one)."""
    first, count = None, 0
    for answer in sheet.answers.values():
        if type(answer) is int:
            if first is None:
                first = answer
            elif answer != first:
                return None
            count += 1
    return first if count >= STRAIGHT_LINE_MIN_ITEMS else None


def _uniform(levels: Sequence[float | None]) -> str:
    """Why trait levels describe nobody in particular, or '': they hardly differ from one
    another (a standard deviation under FLAT_SPREAD) and sit near the middle (`flat`), high
    (`uniformly_high`) or low (`uniformly_low`). Someone who puts themselves high on every
    trait has not said which of them sets them apart, any more than someone in the middle."""
    known = [level for level in levels if level is not None]
    if not known:
        return "flat"
    mean = sum(known) / len(known)
    if sum(v * v for v in known) / len(known) - mean * mean >= FLAT_SPREAD * FLAT_SPREAD:
        return ""
    if mean > 0.5 + MIDDLE_BAND:
        return "uniformly_high"
    return "uniformly_low" if mean < 0.5 - MIDDLE_BAND else "flat"


def with_more(compiled: Compiled, traits: Traits, fits: Sequence[float | None], contenders: Sequence[int],
              questions: Sequence[Question], answered: int) -> tuple[Traits, list[list[float]], list[int]]:
    """The traits, pulls and shortlist expected once `questions` are answered in line with
    the answers so far: the levels and fits stay, and each trait's error shrinks with the
    square root of its share of the evidence (`answered` is how many were answered before).
    It tells an adaptive quiz whether the whole bank would commit further than the answers so
    far can, and how far it is from done."""
    added = evidence_weights(compiled, questions)
    have = traits.weights
    errors = [None if e is None else e * math.sqrt(have[t] / (have[t] + added[t])) for t, e in enumerate(traits.errors)]
    _, pulls, _ = _roles(compiled, traits.levels, errors)
    more = Traits(traits.levels, errors, traits.disagreement, [h + a for h, a in zip(have, added)])
    spread = retake_spread(answered + len(questions), len(compiled.questions))
    return more, pulls, cover(first_places(fits, pulls, contenders, spread), contenders)


def _verdict(sheet: AnswerSheet, traits: Traits, best: float | None, size: int,
             settled: float | None, every: bool = False) -> tuple[Verdict, str]:
    """The shortlist's size decides between a clear lead (one role), a close call (up to
    LONGEST) and no clear fit (more). `settled` is given only for a sheet under half
    answered: it is tentative unless the questions not yet asked could hardly take the best
    fit outside the shortlist (an adaptive quiz that stopped), and while the shortlist is too
    long to help or names every role (`every`), since more answers can narrow it.
    Straight-lining comes first: however few the answers, more of the same cannot help."""
    if best is None or not size:
        return "no_clear_fit", "poor_fit"
    if _straight_line(sheet) is not None:
        return "no_clear_fit", "straight_lining"
    if settled is not None and (settled < SETTLED or size > LONGEST or every):
        return "tentative", ""
    if traits.disagreement > CONTRADICTORY:
        return "no_clear_fit", "contradictory"
    uniform = _uniform(traits.levels)
    if uniform:
        return "no_clear_fit", uniform
    if best < POOR_FIT:
        return "no_clear_fit", "poor_fit"
    if size > LONGEST:
        return "no_clear_fit", "many_close"
    return ("clear_lead" if size == 1 else "close_call"), ""


# the result -------------------------------------------------------------------------------

def contributions(role: Role, levels: Mapping[str, float | None], kinds: Mapping[str, str]) -> tuple[Contribution, ...]:
    """What each trait of a role's profile costs, in fit points; they add up to fit - 100
    (scaled down together when the fit would fall below 0, so the sum still holds)."""
    measured = sum(t.weight for t in role.profile if levels.get(t.trait) is not None)
    found = []
    for target in role.profile:
        level = levels.get(target.trait)
        shortfall = gap(target.direction, target.level, level) if level is not None else 0.0
        cost = 100.0 * FIT_SCALE * target.weight * shortfall / measured if measured else 0.0
        found.append(Contribution(target.trait, kinds[target.trait], target.level, target.weight,  # type: ignore[arg-type]
                                  level, shortfall, -cost if cost else 0.0, target.direction))
    total = -sum(c.points for c in found)
    if total > 100.0:
        for c in found:
            c.points = c.points * 100.0 / total
    return tuple(found)


def score(pack: DataPack, sheet: AnswerSheet) -> Result:
    found = assess(pack, sheet)
    compiled = compile_pack(pack)
    levels = dict(zip(compiled.trait_ids, found.levels))
    kinds = {t.id: t.kind for t in pack.traits}
    given = sheet.given
    profile = tuple(
        TraitLevel(t.id, found.levels[i], sum(q in given for q in compiled.measuring[i]), len(compiled.measuring[i]),
                   found.traits.errors[i])
        for i, t in enumerate(pack.traits))
    ranking = tuple(RoleFit(pack.roles[i], found.fits[i], found.intervals[i], contributions(pack.roles[i], levels, kinds),
                            _touching(pack, sheet.dealbreakers, pack.roles[i].id) if i in found.blocked else (),
                            found.shares.get(i, 0.0))
                    for i in found.ranked)
    shortlist = tuple(ranking[found.ranked.index(i)] for i in found.shortlist)
    notices = warnings(pack, sheet, found)
    return Result(sheet, ranking, profile, len(given), len(pack.questions), tuple(notices), found.verdict,
                  shortlist, found.reason, found.coverage if shortlist else None,
                  None if found.family is None else pack.families[found.family], found.family_share)


def _touching(pack: DataPack, dealbreakers: Sequence[str], role_id: str) -> tuple[Dealbreaker, ...]:
    return tuple(d for d in pack.dealbreakers if d.id in dealbreakers and role_id in d.roles)


_REASONS = {
    "ruled_out": "your dealbreakers rule out every role your answers could be scored against",
    "flat": "your answers sit close to the middle on almost every trait, so no role stands out",
    "uniformly_high": ("your answers put you high on almost every trait, so they do not show what sets you "
                       "apart, and no role stands out"),
    "uniformly_low": ("your answers put you low on almost every trait, so they do not show what draws you, "
                      "and no role stands out"),
    "contradictory": "your answers on the same traits contradict each other, so the profile is unreliable",
    "poor_fit": "none of the roles matches your answers well",
    "many_close": "more than four roles fit your answers about equally well",
}


def warnings(pack: DataPack, sheet: AnswerSheet, found: Assessment) -> list[Notice]:
    """What a reader should know before trusting the ranking."""
    notices = []
    answered, total = len(sheet.given), len(pack.questions)
    if sheet.unknown:
        notices.append(Notice("unknown_question", f"ignored answers to questions or options this quiz does not have: {', '.join(sheet.unknown)}"))
    if sheet.quiz_version and sheet.quiz_version != pack.version:
        notices.append(Notice("version_mismatch", f"answers were given to quiz version {sheet.quiz_version}; this is version {pack.version}"))
    if answered * 2 < total and (found.verdict == "tentative" or None in sheet.answers.values()):
        notices.append(Notice("few_answers", f"only {answered} of {total} questions answered; the ranking is a rough guide"))
    if found.reason == "straight_lining" or (found.verdict == "tentative" and _straight_line(sheet) is not None):
        likert = next(a for a in sheet.given.values() if type(a) is int)
        notices.append(Notice("straight_lining", f"every agree/disagree answer is \"{pack.scale[likert - 1]}\"; "
                                                 "the result says little about you"))
    if found.reason in _REASONS and found.verdict == "no_clear_fit":
        notices.append(Notice(found.reason, _REASONS[found.reason]))
    if found.blocked:
        names = ", ".join(pack.roles[i].name for i in found.ranked if i in found.blocked)
        every = " (every role in the quiz)" if len(found.blocked) == len(pack.roles) else ""
        notices.append(Notice("dealbreakers", f"your dealbreakers rule out {names}{every}"))
    unmeasured = [t.name for t, level in zip(pack.traits, found.levels) if level is None]
    if unmeasured and answered:
        notices.append(Notice("unmeasured_traits", f"no answer measured {', '.join(unmeasured)}; those traits were left out"))
    if found.verdict == "close_call":
        names = [pack.roles[i].name for i in found.shortlist]
        notices.append(Notice("close_call", f"a close call between {', '.join(names[:-1])} and {names[-1]}: one "
                                            f"of them comes first in {in_ten(found.coverage)}"))
    return notices


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
        found.append(Influence(compiled.questions[qid], answer, (full or 0.0) - (without or 0.0)))
    return sorted(found, key=lambda i: -abs(i.points))
