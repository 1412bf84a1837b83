"""The quiz's flow as pure functions over the pack and the answers: which questions a quiz
asks and in what order, what Back and Skip do, the dealbreakers step, and what the command
line may ask for. The fixed plan (`--full`, a resume, a review) lives here; the adaptive flow,
which asks what the engine chooses, is in `adaptive_flow`."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Union

from rolefit.documents import same_file
from rolefit.model import LIKERT_POINTS, Answer, AnswerSheet, DataPack, Option, Question, Section

if TYPE_CHECKING:
    from rolefit.adaptive import Next


SECONDS_PER_QUESTION = 10
BACK_LABEL = "← Back"
SKIP_LABEL = "Skip this question"


class Move(Enum):
    """The two replies that are not answers."""

    BACK = "back"
    SKIP = "skip"


Reply = Union[int, str, tuple[str, ...], Move]
"""An answer (a scale point, an option's value, or the options ticked) or a move."""
Answers = dict[str, Answer]
Ask = Callable[[int, Reply, bool], Reply]
"""Ask question number `index` (0-based) with the cursor starting on the given reply, offering
Back when the flag says so; return the reply."""
Keep = Callable[[Answers], None]
AskLabelled = Callable[[int, Reply, bool, str], Reply]
"""Like Ask, with the progress label to show above the question."""
Choose = Callable[[Answers, bool], "Next"]
"""The adaptive engine's next step for these answers; the flag asks it to go on past settled."""
Offer = Callable[["Next", bool], Reply]
"""Ask whether to see the report or answer more, once the result is settled; the flag says
whether Back is offered. Replies with OFFER_REPORT, OFFER_MORE, OFFER_ALL or a move."""


@dataclass(frozen=True)
class Plan:
    """What the command line asked of the quiz."""

    save: Path | None = None
    resume: Path | None = None
    client: str | None = None
    data_dir: Path | None = None
    no_input: bool = False
    review: bool = False
    full: bool = False
    """Ask the whole bank in order instead of adapting to the answers."""

    @property
    def target(self) -> Path | None:
        """Where answers are saved: --save, else the resumed file, else None for an autosave."""
        return self.save or self.resume


def minutes_for(count: int) -> int:
    return max(1, math.ceil(count * SECONDS_PER_QUESTION / 60))


def about(count: int) -> str:
    minutes = minutes_for(count)
    return f"about {minutes} minute{'s' if minutes > 1 else ''}"


def span(low: int, high: int) -> str:
    """`10 to 17 minutes`: how long `low` to `high` questions take."""
    return f"{minutes_for(low)} to {minutes_for(high)} minutes"


def unanswered(pack: DataPack, answers: Answers) -> list[int]:
    """The questions the answers do not mention, in the quiz's order."""
    return [i for i, q in enumerate(pack.questions) if q.id not in answers]


def skipped(pack: DataPack, answers: Answers) -> list[int]:
    """The questions skipped before (null in the file), in the quiz's order."""
    return [i for i, q in enumerate(pack.questions) if q.id in answers and answers[q.id] is None]


def steps(pack: DataPack, answers: Answers, review: bool = False) -> list[int]:
    """The questions to ask, in order, as indices into the pack: every question for a new quiz
    or a review; for a resumed one, the unanswered questions, then one pass over the skipped
    ones. Back walks this list backwards; nothing outside it is asked again."""
    if review:
        return list(range(len(pack.questions)))
    return unanswered(pack, answers) + skipped(pack, answers)


def notes(pack: DataPack, answers: Answers, review: bool = False) -> dict[int, str]:
    """Lines to show before given questions (by index), the first time each is asked: where the
    pass over the questions skipped before begins."""
    passed = [] if review else skipped(pack, answers)
    if not passed:
        return {}
    return {passed[0]: f"Now the {count_of(len(passed), 'question')} you skipped before: answer, or press s "
                       f"(or Enter on Skip) to leave {'it' if len(passed) == 1 else 'them'} skipped."}


def next_index(index: int, reply: Reply) -> int:
    """The next position in the list of steps: Back returns one (not before the first)."""
    return max(0, index - 1) if reply is Move.BACK else index + 1


def with_reply(answers: Answers, question_id: str, reply: Reply) -> Answers:
    """The answers after a reply: Back changes nothing, Skip records None (counted as skipped)."""
    if reply is Move.BACK:
        return answers
    return {**answers, question_id: None if reply is Move.SKIP else reply}


def progress(pack: DataPack, index: int) -> str:
    return review_label(pack, index + 1, len(pack.questions), index)


def section_change(pack: DataPack, previous: int | None, index: int) -> str | None:
    """The line that marks the start of a part of the quiz: before the first question asked,
    and whenever the section changes from the question asked just before."""
    section = pack.questions[index].section
    if previous is not None and pack.questions[previous].section == section:
        return None
    ids = [s.id for s in pack.sections]
    return f"— Part {ids.index(section) + 1} of {len(ids)}: {pack.section(section).title} —"


def replies(pack: DataPack, index: int, back: bool | None = None) -> list[tuple[str, Reply]]:
    """The labelled replies a question offers: its answers, then Back (unless it is the first
    question asked; by default, after the pack's first question) and Skip."""
    question = pack.questions[index]
    answers: list[tuple[str, Reply]]
    if question.kind == "likert":
        answers = list(zip(pack.scale, LIKERT_POINTS))
    else:
        answers = [(option.label, option.value) for option in question.options]
    offers_back = index > 0 if back is None else back
    moves: list[tuple[str, Reply]] = [(BACK_LABEL, Move.BACK)] if offers_back else []
    return answers + moves + [(SKIP_LABEL, Move.SKIP)]


def highlighted(question: Question, answers: Answers) -> Reply:
    """Where the cursor starts: on the answer already given (or on Skip, if skipped), else on
    the scale's middle point, so the cursor does not nudge anyone toward either end."""
    if question.id in answers:
        current = answers[question.id]
        return Move.SKIP if current is None else current
    if question.kind == "likert":
        return LIKERT_POINTS[len(LIKERT_POINTS) // 2]
    if question.kind == "multi":
        return ()
    return question.options[0].value


def ask_all(pack: DataPack, answers: Answers, order: list[int], ask: Ask, keep: Keep) -> Answers:
    """Ask the questions in `order` (indices into the pack), following Back and Skip, keeping
    every answer. Back is offered on every step but the first."""
    position = 0
    while position < len(order):
        question = pack.questions[order[position]]
        reply = ask(order[position], highlighted(question, answers), position > 0)
        if reply is not Move.BACK:
            answers = with_reply(answers, question.id, reply)
            keep(answers)
        position = next_index(position, reply)
    return answers


def review_label(pack: DataPack, number: int, total: int, index: int) -> str:
    """`[3/31 · Part]`: a question's place among `total`, and its part."""
    return f"[{number}/{total} · {pack.section(pack.questions[index].section).title}]"


def fresh_sheet(pack: DataPack, respondent: str | None, started: str, dealbreakers: tuple[str, ...] = ()) -> AnswerSheet:
    """A new sheet; its dealbreakers were asked (the quiz asks them first) when the pack has any."""
    return AnswerSheet(answers={}, respondent=respondent or None, taken_at=started, quiz_version=pack.version,
                       dealbreakers=dealbreakers, dealbreakers_asked=bool(pack.dealbreakers))


def dealbreaker_step(pack: DataPack) -> DataPack | None:
    """The dealbreakers as a pick-all question of their own (`rolefit next` asks the same one),
    drawn before the quiz's questions with the same prompt (None when the pack has none)."""
    from rolefit.adaptive import dealbreaker_question

    question = dealbreaker_question(pack)
    if question is None:
        return None
    return DataPack(pack.version, pack.scale, (Section("dealbreakers", "Before the questions"),), pack.traits,
                    (question,), (), ())


def picked_dealbreakers(reply: Reply) -> tuple[str, ...]:
    """The dealbreakers ticked; skipping the step names none."""
    return reply if isinstance(reply, tuple) else ()


def resumed_sheet(pack: DataPack, sheet: AnswerSheet, client: str | None, started: str) -> AnswerSheet:
    """A resumed file keeps its own metadata; --client, when given, names the respondent."""
    return replace(sheet, respondent=client or sheet.respondent, taken_at=sheet.taken_at or started,
                   quiz_version=sheet.quiz_version or pack.version, unknown=())


def plan_problem(plan: Plan) -> str | None:
    """Why the options cannot work together, found before any question is asked."""
    if plan.review and plan.resume is None:
        return "--review goes through the answers of a file you resume; add --resume PATH"
    for flag, path in (("--save", plan.save), ("--resume", plan.resume)):
        if path is not None and str(path) == "-":
            return f"{flag} needs a file path, not -"
    if plan.save is not None and plan.save.is_dir():
        return f"{plan.save}: is a folder; --save needs a file path, such as {plan.save / 'answers.yaml'}"
    if plan.save is not None and plan.save.exists() and not same_file(plan.save, plan.resume):
        return (f"{plan.save}: already exists; carry on with it using --resume {plan.save}, "
                "or choose another --save path")
    return None


def asked_before(pack: DataPack, answers: Answers) -> list[int]:
    """The questions a file already holds an answer (or a skip) for, in the pack's order: what
    a review of an adaptive quiz goes through."""
    return [i for i, q in enumerate(pack.questions) if q.id in answers]


def count_of(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def some_of(ids: tuple[str, ...] | list[str], thing: str, shown: int = 3) -> str:
    """A count of ids with the first few named, so a long list stays a readable line."""
    named = ", ".join(ids[:shown]) + (f" and {len(ids) - shown} more" if len(ids) > shown else "")
    return f"{count_of(len(ids), thing)} ({named})"
