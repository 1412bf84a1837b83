"""Which question to ask next, and when to stop: the engine behind `rolefit next`. Pure
functions over the pack and the answers so far; the answers are the whole state, so the same
answers always give the same next question.

- It first asks the dealbreakers, while the answers do not say them (`[]` says none).
- It opens with one agree/disagree statement per trait, so that every trait is measured
  (and while a skipped one leaves a trait unmeasured, it asks another question about it).
- After that it asks the question expected to narrow the gap between the leader and its
  closest rivals most: the one whose traits carry the largest difference in the two roles'
  pulls, weighted by how much one more answer would shrink those traits' errors.
- It stops when the shortlist is settled: the whole bank's best fit, were every remaining
  question answered, would fall within today's shortlist in at least SETTLED of plausible
  cases, and the whole bank would not name a shorter one; or when the bank runs out.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolefit.model import AnswerSheet, DataPack, Option, Question, Verdict
from rolefit.scoring import (
    SETTLED,
    Assessment,
    Compiled,
    Traits,
    assess,
    compile_pack,
    question_item,
    settles,
    with_more,
)
RIVALS = 2
"""How many of the closest rivals the next question is chosen to tell apart from the leader."""
LENGTHS = (0.21, 0.36, 0.40, 0.45, 0.49, 0.51, 0.55, 0.58, 0.62, 0.64, 0.67,
           0.70, 0.72, 0.75, 0.79, 0.83, 0.87, 0.90, 0.94, 0.96, 1.00)
"""How long the adaptive quiz runs, as shares of the bank, at every 5% of simulated people
(the least, 5%, 10%, ..., the most): 266 runs of the validity benchmark's people under both
response models, quiz 3.0 with the profiles of the benchmark pass (see docs/sources.md).
The estimate of how many questions are left rests on it."""
NEAR = 5
"""Within this many questions of settling, the engine's own projection (the answers to come
agreeing with those so far) says how many are left: there it is within 3 of the truth in 5
cases of 6. Further off it is not, and it jumps as answers move the leaders, so the estimate
is the typical remainder of runs that got this far instead."""
NO_SIGNAL = ("straight_lining", "flat", "uniformly_high", "uniformly_low", "ruled_out")
"""No-clear-fit reasons that more questions answered the same way cannot change: once the
opening is done, the quiz stops (and offers more) rather than ask on to no purpose."""


@dataclass(eq=False)
class Next:
    done: bool
    question: Question | None
    asked: int
    """Questions answered or skipped so far."""
    about_remaining: int
    """About how many questions are left, this one included (0 when done)."""
    verdict: Verdict | None
    settled: float | None
    """The chance that the whole bank's best fit falls within today's shortlist."""
    verdict_stands: bool | None = None
    """Whether the whole bank would name no shorter shortlist (see `_verdict_stands`); the
    engine stops where this holds and `settled` reaches its threshold."""
    reason: str = ""
    """Why there is no clear fit, as in the assessment; '' otherwise."""
    shortlist: tuple[str, ...] = ()
    """The ids of the roles the verdict names so far (see `Assessment.shortlist`)."""


DEALBREAKERS = "dealbreakers"
"""The id of the dealbreakers step: not a question of the bank, but asked like one."""
DEALBREAKER_TEXT = ("First, is there anything here you will not do in your next role? Tick any that apply, "
                    "or none; a role tied to one of them will rank last, and the report says why.")


def dealbreaker_question(pack: DataPack) -> Question | None:
    """The pack's dealbreakers as one pick-all question, asked before any other (None when the
    pack has none). Its answer is the sheet's `dealbreakers` list, not an entry in `answers`."""
    if not pack.dealbreakers:
        return None
    return Question(DEALBREAKERS, "multi", DEALBREAKERS, DEALBREAKER_TEXT,
                    options=tuple(Option(d.id, d.label, {}) for d in pack.dealbreakers))


def _length_at(share: float) -> float:
    """The quiz length (a share of the bank) that `share` of simulated runs stay within."""
    place = min(max(share, 0.0), 1.0) * (len(LENGTHS) - 1)
    low = int(place)
    high = min(low + 1, len(LENGTHS) - 1)
    return LENGTHS[low] + (place - low) * (LENGTHS[high] - LENGTHS[low])


def _share_within(length: float) -> float:
    """The share of simulated runs that ended within `length` (a share of the bank)."""
    if length <= LENGTHS[0]:
        return 0.0
    for i in range(1, len(LENGTHS)):
        if length <= LENGTHS[i]:
            part = (length - LENGTHS[i - 1]) / (LENGTHS[i] - LENGTHS[i - 1]) if LENGTHS[i] > LENGTHS[i - 1] else 1.0
            return (i - 1 + part) / (len(LENGTHS) - 1)
    return 1.0


def usual_lengths(pack: DataPack) -> tuple[int, int]:
    """How many questions the middle half of simulated people answer: (a quarter of runs end
    sooner, a quarter later)."""
    total = len(pack.questions)
    return round(_length_at(0.25) * total), round(_length_at(0.75) * total)


def typical_remaining(pack: DataPack, asked: int, remaining: int, unmeasured: int = 0) -> int:
    """About how many questions are left, this one included, for a quiz that has asked
    `asked`: the median remainder of simulated runs that got this far. It falls by about one
    a question whatever the answers, so it never jumps; it is never fewer than the traits
    still unmeasured nor more than the questions left."""
    total = len(pack.questions)
    reached = _share_within(asked / total)
    median_end = _length_at((1 + reached) / 2) * total
    return min(remaining, max(1, unmeasured, round(median_end - asked)))


def opening(pack: DataPack) -> list[Question]:
    """One agree/disagree statement per trait, the first in the pack that loads mainly on it."""
    found = []
    for trait in pack.traits:
        own = next((q for q in pack.questions if q.kind == "likert" and q.loadings
                    and max(q.loadings, key=lambda t: abs(q.loadings[t])) == trait.id), None)
        if own is not None:
            found.append(own)
    return found


def _values(found: Assessment, compiled: Compiled, remaining: list[Question]) -> list[float]:
    """Each remaining question's value: how much it would narrow the spread of the leader's
    margin over its closest rivals."""
    pulls, open_, have = found.pulls, found.contenders, found.traits.weights
    if len(open_) < 2:
        return [0.0 for _ in remaining]
    leader = open_[0]
    differences = [0.0] * len(have)
    for rival in open_[1:1 + RIVALS]:
        for t in range(len(have)):
            differences[t] += (pulls[leader][t] - pulls[rival][t]) ** 2
    values = []
    for question in remaining:
        values.append(sum(differences[t] * w / (have[t] + w) for t, w, *_ in question_item(compiled, question.id)))
    return values


def _verdict_stands(compiled: Compiled, found: Assessment, traits: Traits, shortlist: list[int],
                    rest: list[Question]) -> bool:
    """Whether the verdict would stand once `rest` is answered, given the traits and the
    shortlist of the answers so far (or of a projection): a shortlist the whole bank would
    shorten must be shortened already, so that the result commits as far as the evidence
    allows."""
    if (found.verdict == "no_clear_fit" and found.reason != "many_close") or len(shortlist) <= 1:
        return True
    answered = len(compiled.questions) - len(rest)
    return len(with_more(compiled, traits, found.fits, found.contenders, rest, answered)[2]) >= len(shortlist)


def _stops(compiled: Compiled, found: Assessment, traits: Traits, pulls: list[list[float]], shortlist: list[int],
           rest: list[Question], settled_at: float) -> bool:
    """Whether the shortlist is settled: the whole bank's best fit would fall within it once
    `rest` were answered, and the whole bank would not shorten it."""
    if settles(compiled, traits, found.fits, pulls, found.contenders, shortlist, rest) < settled_at:
        return False
    return _verdict_stands(compiled, found, traits, shortlist, rest)


def _projected(compiled: Compiled, found: Assessment, ordered: list[Question], settled_at: float) -> int | None:
    """How many of `ordered` (best first) are asked before the verdict settles, if the answers
    to come agree with those so far: the fewest after which a projection stops; None when that
    is more than NEAR (see NEAR for why it is not used further off)."""
    def stops_after(count: int) -> bool:
        traits, pulls, shortlist = with_more(compiled, found.traits, found.fits, found.contenders, ordered[:count],
                                             len(compiled.questions) - len(ordered))
        return _stops(compiled, found, traits, pulls, shortlist, ordered[count:], settled_at)

    low, high = 1, min(NEAR, len(ordered))
    if not stops_after(high):
        return None
    while low < high:
        middle = (low + high) // 2
        if stops_after(middle):
            high = middle
        else:
            low = middle + 1
    return low


def next_step(pack: DataPack, sheet: AnswerSheet, more: bool = False, settled_at: float = SETTLED) -> Next:
    """The next question to ask, or done. With `more`, the person asked for more questions
    after the result settled: the best question left is asked until the bank runs out.
    `settled_at` is for the validity benchmark, which measures other stopping points."""
    asked = {qid for qid in sheet.answers if pack.question(qid) is not None}
    remaining = [q for q in pack.questions if q.id not in asked]
    first = None if sheet.dealbreakers_asked else dealbreaker_question(pack)
    if first is not None:
        return Next(False, first, len(asked), 1 + typical_remaining(pack, len(asked), len(remaining)), None, None)
    for question in opening(pack):
        if question.id not in asked:
            return Next(False, question, len(asked), typical_remaining(pack, len(asked), len(remaining)), None, None)
    found = assess(pack, sheet)
    if not remaining:
        return Next(True, None, len(asked), 0, found.verdict, 1.0, reason=found.reason, shortlist=_ids(pack, found))
    compiled = compile_pack(pack)
    weights = found.traits.weights
    unmeasured = next((q for q in remaining if any(not weights[t] for t, *_ in question_item(compiled, q.id))), None)
    if unmeasured is not None:
        left = sum(1 for w in weights if not w)
        return Next(False, unmeasured, len(asked), typical_remaining(pack, len(asked), len(remaining), left), found.verdict,
                    None, reason=found.reason, shortlist=_ids(pack, found))
    if found.verdict == "no_clear_fit" and found.reason in NO_SIGNAL and not more:
        return Next(True, None, len(asked), 0, found.verdict, None, True, found.reason, _ids(pack, found))
    settled = found.settled  # assess works it out, against the same unasked questions, for a sheet under half answered
    if settled is None:
        settled = settles(compiled, found.traits, found.fits, found.pulls, found.contenders, found.shortlist, remaining)
    stands = _verdict_stands(compiled, found, found.traits, found.shortlist, remaining)
    if not more and settled >= settled_at and stands:
        return Next(True, None, len(asked), 0, found.verdict, settled, stands, found.reason, _ids(pack, found))
    values = _values(found, compiled, remaining)
    ordered = [remaining[i] for i in sorted(range(len(remaining)), key=lambda i: (-values[i], i))]
    if more:
        return Next(False, ordered[0], len(asked), len(remaining), found.verdict, settled, stands, found.reason,
                    _ids(pack, found))
    projected = _projected(compiled, found, ordered, settled_at)
    about = projected if projected is not None else typical_remaining(pack, len(asked), len(remaining))
    return Next(False, ordered[0], len(asked), about, found.verdict, settled, stands, found.reason, _ids(pack, found))


def _ids(pack: DataPack, found: Assessment) -> tuple[str, ...]:
    return tuple(pack.roles[i].id for i in found.shortlist)
