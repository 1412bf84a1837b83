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
FAR, DAMPING = 12, 0.4
"""A projection of more than FAR questions counts for FAR plus DAMPING of the rest: answers
that move the levels settle a far-off verdict sooner than a projection that holds them still
expects (in simulated quizzes, a projection of 40 meant about 22 more; one of 10, about 10)."""
TYPICAL_SHARE = 0.66
"""About what share of the bank the engine asks before it settles (the validity benchmark's
mean is 77 to 90 of 125 for quiz 3.0 with the shortlist's stopping rule), for an honest
"about N to go" before it can tell."""
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


def typical_length(pack: DataPack) -> int:
    return max(1, round(TYPICAL_SHARE * len(pack.questions)))


def _early(pack: DataPack, asked: int, remaining: int, unmeasured: int = 0) -> int:
    """About how many questions are left before the engine can project: the typical length
    less those asked, and never fewer than the traits still unmeasured nor more than the bank."""
    return min(remaining, max(1, unmeasured, typical_length(pack) - asked))


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


def _about(compiled: Compiled, found: Assessment, ordered: list[Question], settled_at: float) -> int:
    """About how many of `ordered` (best first) are asked before the verdict settles, if the
    answers to come agree with those so far: the fewest after which a projection stops."""
    def stops_after(count: int) -> bool:
        traits, pulls, shortlist = with_more(compiled, found.traits, found.fits, found.contenders, ordered[:count],
                                             len(compiled.questions) - len(ordered))
        return _stops(compiled, found, traits, pulls, shortlist, ordered[count:], settled_at)

    low, high = 1, len(ordered)
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
        return Next(False, first, len(asked), 1 + _early(pack, len(asked), len(remaining)), None, None)
    for question in opening(pack):
        if question.id not in asked:
            return Next(False, question, len(asked), _early(pack, len(asked), len(remaining)), None, None)
    found = assess(pack, sheet)
    if not remaining:
        return Next(True, None, len(asked), 0, found.verdict, 1.0, reason=found.reason, shortlist=_ids(pack, found))
    compiled = compile_pack(pack)
    weights = found.traits.weights
    unmeasured = next((q for q in remaining if any(not weights[t] for t, *_ in question_item(compiled, q.id))), None)
    if unmeasured is not None:
        left = sum(1 for w in weights if not w)
        return Next(False, unmeasured, len(asked), _early(pack, len(asked), len(remaining), left), found.verdict,
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
    projected = _about(compiled, found, ordered, settled_at)
    about = projected if projected <= FAR else round(FAR + DAMPING * (projected - FAR))
    return Next(False, ordered[0], len(asked), about, found.verdict, settled, stands, found.reason, _ids(pack, found))


def _ids(pack: DataPack, found: Assessment) -> tuple[str, ...]:
    return tuple(pack.roles[i].id for i in found.shortlist)
