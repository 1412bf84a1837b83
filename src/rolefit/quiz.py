"""The interactive quiz: ask each question in the terminal and save after every answer.

The flow (which questions a quiz asks, in what order, what Back and Skip do) and each prompt
(what it shows at a given width, what every key does) are pure functions over the pack and
the answers, so they are tested without a terminal. The prompt_toolkit application at the
bottom only draws `screen` and feeds keys to `press`.

questionary and prompt_toolkit are imported here and nowhere else, and only when a prompt is
first drawn; only the `quiz` command imports this module, so scripted commands such as
`rolefit score` start without them.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import shlex
import shutil
import sys
import textwrap
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Union

from rolefit.answers import printable, save_sheet, sheet_from_document
from rolefit.documents import check_writable, label_for, load_with_text, same_file
from rolefit.errors import ExitCode, RolefitError
from rolefit.home import home
from rolefit.model import LIKERT_POINTS, Answer, AnswerSheet, DataPack, Option, Question, Section

if TYPE_CHECKING:
    from rolefit.adaptive import Next

SECONDS_PER_QUESTION = 10
BACK_LABEL = "← Back"
SKIP_LABEL = "Skip this question"
INSTEAD = "write an answers file with 'rolefit template -o answers.yaml' and score it with 'rolefit score answers.yaml'"
NO_TERMINAL = f"the quiz needs a terminal to ask its questions; without one, {INSTEAD}"
NO_INPUT = f"--no-input: the quiz cannot run without asking questions; instead, {INSTEAD}"


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


# the flow: pure functions ---------------------------------------------------------------

def minutes_for(count: int) -> int:
    return max(1, math.ceil(count * SECONDS_PER_QUESTION / 60))


def about(count: int) -> str:
    minutes = minutes_for(count)
    return f"about {minutes} minute{'s' if minutes > 1 else ''}"


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
    return {passed[0]: f"Now the {_count(len(passed), 'question')} you skipped before: answer, or press s "
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


FEW_MORE = 5
"""How many more questions "a few more to sharpen this" asks before offering the report again."""
OFFER_REPORT, OFFER_MORE, OFFER_ALL = "report", "more", "all"


def adaptive_label(pack: DataPack, number: int, remaining: int, index: int) -> str:
    """The progress label of an adaptive quiz: the question's number, about how many are left
    after it (the engine's estimate, never a fixed total it will not ask), and its part."""
    after = remaining - 1
    left = "nearly done" if after <= 0 else f"about {after} more"
    return f"[{number} · {left} · {pack.section(pack.questions[index].section).title}]"


def review_label(pack: DataPack, number: int, total: int, index: int) -> str:
    """`[3/31 · Part]`: a question's place among `total`, and its part."""
    return f"[{number}/{total} · {pack.section(pack.questions[index].section).title}]"


def asked_before(pack: DataPack, answers: Answers) -> list[int]:
    """The questions a file already holds an answer (or a skip) for, in the pack's order: what
    a review of an adaptive quiz goes through."""
    return [i for i, q in enumerate(pack.questions) if q.id in answers]


def ask_adaptive(pack: DataPack, answers: Answers, first: list[int], ask: AskLabelled, keep: Keep,
                 choose: Choose, offer: Offer, note: Callable[[str], None] = lambda text: None) -> Answers:
    """Ask the questions in `first` (a review's), then each question `choose` picks from the
    answers so far, keeping every answer. Once the result is settled, `offer` asks whether to
    stop; "a few more" asks FEW_MORE more, "all" the rest of the bank.

    Back walks back through the questions asked in this session, and forward again through
    the same ones (their answers highlighted) before anything new is chosen; an answer
    changed on the way may change what is chosen next. Because `choose` depends on nothing
    but the answers, a quiz stopped and resumed picks the question it would have asked. When
    the extra answers unsettle the result, `note` says so before the quiz asks on."""
    index_of = {q.id: i for i, q in enumerate(pack.questions)}
    turns = [(i, review_label(pack, n, len(first), i)) for n, i in enumerate(first, start=1)]
    position = more = 0
    sharpening = False
    while True:
        if position == len(turns):
            step = choose(answers, more > 0)
            if sharpening and not more and step.question is not None:
                note(f"Your last answers moved the result, so the quiz asks on until it settles again: "
                     f"about {step.about_remaining} more.")
            sharpening = sharpening and more > 0
            if step.question is None:
                if step.asked >= len(pack.questions):
                    return answers
                wanted = offer(step, position > 0)
                if wanted is Move.BACK and turns:
                    position -= 1
                    continue
                if wanted not in (OFFER_MORE, OFFER_ALL):
                    return answers
                more = FEW_MORE if wanted == OFFER_MORE else len(pack.questions)
                sharpening = True
                continue
            index = index_of[step.question.id]
            remaining = min(more, step.about_remaining) if more else step.about_remaining
            turns.append((index, adaptive_label(pack, step.asked + 1, remaining, index)))
            more = max(0, more - 1)
        index, label = turns[position]
        question = pack.questions[index]
        reply = ask(index, highlighted(question, answers), position > 0, label)
        if reply is not Move.BACK:
            answers = with_reply(answers, question.id, reply)
            keep(answers)
        position = next_index(position, reply)


def settled_text(step: Next, total: int) -> str:
    """What the offer to sharpen the result says: how settled it is, in plain numbers, and in
    the verdict's own terms, so that the report's headline says the same thing."""
    left = total - step.asked
    question = " See your report now, or answer a few more to sharpen it?"
    if step.verdict == "no_clear_fit":
        return (f"After {step.asked} questions your answers point to no role in particular, and more answers like "
                "them would not change that (the report says why). See your report now, or answer a few more "
                "questions?")
    chance = 1.0 - (step.settled if step.settled is not None else 1.0)
    cases = "fewer than 1 in 100" if chance < 0.01 else f"about {max(1, round(100 * chance))} in 100"
    what = "a clear lead" if step.verdict == "clear_lead" else "a close call between your top roles"
    return (f"Your result has settled after {step.asked} questions, as {what}: answering the other {left} would "
            f"change which role comes first in {cases} cases.{question}")


def offer_prompt(pack: DataPack, step: Next, back: bool) -> tuple[DataPack, Prompt]:
    """The offer as drawn: its own one-question pack and a prompt with the cursor on the
    report, Back when offered, and no Skip (it is not a question to skip)."""
    question = offer_step(pack, step)
    prompt = prompt_for(question, 0, OFFER_REPORT, back, f"[{step.asked} asked · settled]")
    return question, replace(prompt, entries=tuple(e for e in prompt.entries if e[1] is not Move.SKIP))


def offer_step(pack: DataPack, step: Next) -> DataPack:
    """The offer to stop or go on, as a choice question of its own, drawn with the same prompt."""
    left = len(pack.questions) - step.asked
    options = [Option(OFFER_REPORT, "See my report", {}),
               Option(OFFER_MORE, f"A few more questions to sharpen this ({min(FEW_MORE, left)})", {})]
    if left > FEW_MORE:
        options.append(Option(OFFER_ALL, f"All {left} questions left", {}))
    question = Question("sharpen", "choice", "settled", settled_text(step, len(pack.questions)), options=tuple(options))
    return DataPack(pack.version, pack.scale, (Section("settled", "Settled"),), pack.traits, (question,), (), ())


def fresh_sheet(pack: DataPack, respondent: str | None, started: str, dealbreakers: tuple[str, ...] = ()) -> AnswerSheet:
    return AnswerSheet(answers={}, respondent=respondent or None, taken_at=started, quiz_version=pack.version,
                       dealbreakers=dealbreakers)


DEALBREAKER_QUESTION = ("First, is there anything here you will not do in your next role? Tick any that apply, "
                        "or none; a role tied to one of them will rank last, and the report says why.")


def dealbreaker_step(pack: DataPack) -> DataPack | None:
    """The dealbreakers as a pick-all question of their own, asked before the quiz's questions
    with the same prompt (None when the pack has no dealbreakers)."""
    if not pack.dealbreakers:
        return None
    question = Question("dealbreakers", "multi", "dealbreakers", DEALBREAKER_QUESTION,
                        options=tuple(Option(d.id, d.label, {}) for d in pack.dealbreakers))
    return DataPack(pack.version, pack.scale, (Section("dealbreakers", "Before the questions"),), pack.traits,
                    (question,), (), ())


def picked_dealbreakers(reply: Reply) -> tuple[str, ...]:
    """The dealbreakers ticked; skipping the step names none."""
    return reply if isinstance(reply, tuple) else ()


def resumed_sheet(pack: DataPack, sheet: AnswerSheet, client: str | None, started: str) -> AnswerSheet:
    """A resumed file keeps its own metadata; --client, when given, names the respondent."""
    return replace(sheet, respondent=client or sheet.respondent, taken_at=sheet.taken_at or started,
                   quiz_version=sheet.quiz_version or pack.version, unknown=())


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _some(ids: tuple[str, ...] | list[str], thing: str, shown: int = 3) -> str:
    """A count of ids with the first few named, so a long list stays a readable line."""
    named = ", ".join(ids[:shown]) + (f" and {len(ids) - shown} more" if len(ids) > shown else "")
    return f"{_count(len(ids), thing)} ({named})"


AT_THE_END = ("At the end you get a ranked fit report: a verdict, cards for the roles that fit you best, "
              "and your trait profile.")
AS_YOU_ARE = "Answer as you are today, not as you wish to be."
KEYS = ("Keys: ↑/↓ or j/k move, 1-5 pick an answer at once, Enter confirms; b goes back, s skips. "
        "Ctrl-C stops at any time and keeps your answers, so you can carry on later.")


def intro(pack: DataPack, order: list[int], answers: Answers, plan: Plan, saving_to: Path) -> str:
    """What to expect, shown before the first question: how many questions will be asked (for
    the whole bank, the steps in `order`, no more and no fewer; for an adaptive quiz, about
    how many), what comes at the end, the keys, where answers go."""
    total = len(pack.questions)
    if plan.resume is not None and not order:
        return f"{plan.resume}: every question is answered already; add --review to go through them again."
    if plan.resume is not None and not (plan.full or plan.review) and not unanswered(pack, answers):
        passed = len(skipped(pack, answers))
        return (f"{plan.resume}: every question has been asked ({_count(passed, 'skipped')}); add --full to answer "
                "the skipped ones, or --review to go through your answers.")
    if not plan.full:
        opening = adaptive_intro(pack, answers, plan)
    elif plan.resume is None:
        opening = f"{total} questions, {about(total)}."
    else:
        answered = sum(1 for q in pack.questions if answers.get(q.id) is not None)
        if plan.review:
            opening = (f"Reviewing {plan.resume}: all {total} questions, {answered} answered, {about(total)}. "
                       "Answers you gave are highlighted; Enter keeps them.")
        else:
            missing, passed = len(unanswered(pack, answers)), len(skipped(pack, answers))
            parts = [_count(missing, "unanswered question")] if missing else []
            parts += [f"{'then ' if missing else ''}the {_count(passed, 'question')} you skipped"] if passed else []
            opening = (f"Carrying on from {plan.resume}: {answered} of {total} answered. "
                       f"Still to ask: {', '.join(parts)}; {about(len(order))}.")
    return "\n".join([
        opening,
        AT_THE_END,
        AS_YOU_ARE,
        KEYS,
        f"Nothing you answer leaves this computer; answers are saved to {saving_to} as you go.",
    ])


def adaptive_intro(pack: DataPack, answers: Answers, plan: Plan, sheet: AnswerSheet | None = None) -> str:
    """What an adaptive quiz will ask: for a new one, how many most people answer; for a
    resumed one, where it stands (`sheet`, the resumed answers, tells the engine's next step)."""
    from rolefit.adaptive import next_step, typical_length

    total = len(pack.questions)
    typical = typical_length(pack)
    if plan.resume is None:
        usually = (f"Up to {total} questions; most people answer about {typical} ({about(typical)})." if typical < total
                   else f"Up to {total} questions ({about(total)}).")
        return (f"{usually} Each question is chosen from your answers so far, and the quiz stops once your result "
                f"is settled. Add --full to answer all {total}.")
    answered = sum(1 for q in pack.questions if answers.get(q.id) is not None)
    if plan.review:
        return (f"Reviewing {plan.resume}: the {len(asked_before(pack, answers))} questions asked so far, {answered} "
                f"answered. Answers you gave are highlighted; Enter keeps them. Then the quiz goes on until your "
                "result is settled.")
    step = next_step(pack, sheet or AnswerSheet(answers=dict(answers)))
    where = f"Carrying on from {plan.resume}: {answered} of {total} answered."
    if step.question is None:
        return f"{where} Your result is already settled: see your report, or answer a few more to sharpen it."
    return (f"{where} The quiz picks the next question from your answers: about {step.about_remaining} more "
            f"({about(step.about_remaining)}), until your result is settled.")


def wrapped(text: str, width: int) -> list[str]:
    """Text broken into lines of at most `width` columns at spaces, never inside a word (a
    word longer than a line, which no question has, is the only exception)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, width=max(width, 10), break_on_hyphens=False) or [""]
    return lines


# one prompt: what it shows and what each key does, as pure functions ------------------------

MARK = "❯"


@dataclass(frozen=True)
class Prompt:
    """One question on the screen: the replies it offers, where the cursor is, and, for a
    pick-all question, the options ticked so far."""

    index: int
    entries: tuple[tuple[str, Reply], ...]
    multi: bool
    cursor: int = 0
    ticked: tuple[str, ...] = ()
    label: str | None = None
    """The progress label; by default the question's place in the whole bank."""

    @property
    def options(self) -> int:
        """How many entries are answers (the rest are Back and Skip)."""
        return sum(1 for _, reply in self.entries if not isinstance(reply, Move))


def prompt_for(pack: DataPack, index: int, start: Reply, back: bool, label: str | None = None) -> Prompt:
    """A question's prompt with the cursor on `start` (see `highlighted`). A pick-all question
    skipped before starts on Skip, so Enter keeps it skipped rather than recording "none"."""
    question = pack.questions[index]
    entries = tuple(replies(pack, index, back))
    cursor = next((i for i, (_, reply) in enumerate(entries) if reply == start), 0)
    if question.kind == "multi":
        chosen = start if isinstance(start, tuple) else ()
        return Prompt(index, entries, True, cursor if start is Move.SKIP else 0, tuple(chosen), label)
    return Prompt(index, entries, False, cursor, label=label)


def press(prompt: Prompt, key: str) -> tuple[Prompt, Reply | None]:
    """The prompt after a key, and the reply when the key ends the question.

    The cursor stops at the first and the last entry: it never wraps round, so holding a key
    cannot carry it past Back and Skip back to the other end of the scale. A number picks that
    answer at once (ticks it, on a pick-all question); b is Back and s is Skip."""
    moves = {reply: reply for _, reply in prompt.entries if isinstance(reply, Move)}
    if key in ("up", "k"):
        return replace(prompt, cursor=max(0, prompt.cursor - 1)), None
    if key in ("down", "j"):
        return replace(prompt, cursor=min(len(prompt.entries) - 1, prompt.cursor + 1)), None
    if key == "b" and Move.BACK in moves:
        return prompt, Move.BACK
    if key == "s" and Move.SKIP in moves:
        return prompt, Move.SKIP
    if key.isdigit() and 1 <= int(key) <= prompt.options:
        position = int(key) - 1
        if prompt.multi:
            return _toggled(replace(prompt, cursor=position), position), None
        return replace(prompt, cursor=position), prompt.entries[position][1]
    if key == "space" and prompt.multi and prompt.cursor < prompt.options:
        return _toggled(prompt, prompt.cursor), None
    if key == "enter":
        chosen = prompt.entries[prompt.cursor][1]
        if prompt.multi and not isinstance(chosen, Move):
            return prompt, tuple(value for _, value in prompt.entries[:prompt.options] if value in prompt.ticked)
        return prompt, chosen
    return prompt, None


def _toggled(prompt: Prompt, position: int) -> Prompt:
    value = prompt.entries[position][1]
    assert isinstance(value, str)
    ticked = tuple(v for v in prompt.ticked if v != value) if value in prompt.ticked else (*prompt.ticked, value)
    return replace(prompt, ticked=ticked)


Line = tuple[str, str]
"""A piece of the screen: a prompt_toolkit style class and its text."""


def instruction(prompt: Prompt) -> str:
    numbers = f"1-{prompt.options}" if prompt.options > 1 else "1"
    back = ", b back" if any(reply is Move.BACK for _, reply in prompt.entries) else ""
    skip = ", s skip" if any(reply is Move.SKIP for _, reply in prompt.entries) else ""
    if prompt.multi:
        return f"Space or {numbers} ticks, Enter goes on (tick none if none apply){back}{skip}"
    return f"↑/↓ move, {numbers} picks, Enter confirms{back}{skip}"


def screen(pack: DataPack, prompt: Prompt, width: int) -> list[Line]:
    """The question as drawn, every line at most `width - 1` columns: the progress label on a
    line of its own, the question wrapped at spaces, then each entry, numbered, wrapped under
    its own text. Nothing is cut off at any width from 40 columns up."""
    usable = max(width - 1, 20)
    lines: list[Line] = [("class:qmark", line) for line in wrapped(prompt.label or progress(pack, prompt.index), usable)]
    lines += [("class:question", line) for line in wrapped(pack.questions[prompt.index].text, usable)]
    for position, (label, reply) in enumerate(prompt.entries):
        if position == prompt.options:
            lines.append(("class:separator", ""))
        pointed = position == prompt.cursor
        key = str(position + 1) if position < prompt.options else ("b" if reply is Move.BACK else "s")
        box = ""
        if prompt.multi and position < prompt.options:
            box = "[x] " if reply in prompt.ticked else "[ ] "
        head = f"{MARK if pointed else ' '} {key}  {box}"
        style = "class:highlighted" if pointed else "class:text"
        for number, line in enumerate(wrapped(label, usable - len(head))):
            lines.append((style, (head if number == 0 else " " * len(head)) + line))
    lines.append(("class:instruction", ""))
    lines += [("class:instruction", line) for line in wrapped(instruction(prompt), usable)]
    return lines


def echo(pack: DataPack, index: int, reply: Reply) -> str:
    """What stays on the screen once a question is done: what happened, never "← Back" as if
    it were an answer."""
    question = pack.questions[index]
    if reply is Move.BACK:
        return "went back to the previous question"
    if reply is Move.SKIP:
        return "skipped"
    if isinstance(reply, tuple):
        labels = [o.label for o in question.options if o.value in reply]
        return "; ".join(labels) if labels else "none of these"
    return next(label for label, value in replies(pack, index) if value == reply)


def answered(pack: DataPack, index: int, reply: Reply, width: int, label: str | None = None) -> list[Line]:
    """The answer history: the question, wrapped, and what happened."""
    usable = max(width - 1, 20)
    text = f"{label or progress(pack, index)} {pack.questions[index].text}"
    lines: list[Line] = [("class:done", line) for line in wrapped(text, usable)]
    lines += [("class:answer", line) for line in wrapped(f"→ {echo(pack, index, reply)}", usable)]
    return lines


def resume_command(path: Path, data_dir: Path | None, full: bool = False) -> str:
    words = ["rolefit", "quiz", "--resume", str(path), *(["--full"] if full else [])]
    if data_dir is not None:
        words += ["--data-dir", str(data_dir)]
    return shlex.join(words)


def autosave_name(started: _dt.datetime, attempt: int, pid: int) -> str:
    """An autosave file's name: sortable by start time, and with the process id, so two
    quizzes started in the same second never share a file."""
    stamp = started.strftime("%Y%m%d-%H%M%S")
    return f"quiz-{stamp}-{pid}.yaml" if attempt == 0 else f"quiz-{stamp}-{pid}-{attempt + 1}.yaml"


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


# the shell: files, the terminal, prompt_toolkit-------------------------------------------

def has_terminal() -> bool:
    """Both ends must be a terminal: from a pipe, prompt_toolkit would read the piped text as
    keystrokes and silently pick answers."""
    return all(stream is not None and not stream.closed and stream.isatty() for stream in (sys.stdin, sys.stdout))


def lock_path(path: Path) -> Path:
    """The lock beside an answers file (beside its target, for a symlink) that a quiz holds
    while it saves there."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.rolefit-lock")


class Claim:
    """A quiz's claim on its answers file: a lock file beside it holding the quiz's process
    id, so a second quiz on the same file is refused instead of overwriting the first one's
    answers. A lock left by a process that no longer runs (a crash, a closed laptop) is
    taken over.

    The lock appears whole: its id is written to a private file first, which is then linked
    to the lock's name (an atomic create that fails when the name exists), so no quiz ever
    reads a fresh lock as empty and takes it for stale. A stale lock is moved aside before it
    is replaced, and only when what was moved is the lock judged stale; a quiz removes only
    its own lock. The lock is read as answers files are: a FIFO, a device or a huge file is
    refused in one line, never read."""

    STALE_EMPTY_SECONDS = 5.0
    """An empty or unreadable lock (an older rolefit wrote the id after creating it) counts as
    stale only once it is this old."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = lock_path(path)
        self.held: tuple[int, int] | None = None

    def take(self) -> None:
        try:
            self.lock.parent.mkdir(parents=True, exist_ok=True)
            for _ in range(3):
                if self._create():
                    return
                found = self._inspect()
                if found is None:
                    continue
                owner, identity = found
                if owner is not None and _running(owner):
                    raise RolefitError(f"{self.path}: another rolefit quiz (process {owner}) is saving answers "
                                       f"to it; finish that one first, or choose another --save path (if no "
                                       f"quiz is running, remove {self.lock})")
                if owner is None and not self._old(identity):
                    break
                self._remove_stale(identity)
        except OSError as exc:
            raise RolefitError(f"{self.path}: cannot be written ({exc.strerror or exc})") from None
        raise RolefitError(f"{self.path}: cannot claim {self.lock}; remove it if no quiz is running")

    def _create(self) -> bool:
        """Make the lock, whole, unless one exists; whether this quiz now holds it."""
        import tempfile

        handle, private = tempfile.mkstemp(prefix=f"{self.lock.name}.", dir=self.lock.parent)
        try:
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write(f"{os.getpid()}\n")
            try:
                os.link(private, self.lock, follow_symlinks=False)
            except FileExistsError:
                return False
            except OSError:  # a file system without hard links (FAT): an exclusive create instead
                if not self._create_exclusive():
                    return False
            found = os.stat(self.lock, follow_symlinks=False)
            self.held = (found.st_dev, found.st_ino)
            return True
        finally:
            Path(private).unlink(missing_ok=True)

    def _create_exclusive(self) -> bool:
        try:
            handle = os.open(self.lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(f"{os.getpid()}\n")
        return True

    def _inspect(self) -> tuple[int | None, tuple[int, int, float]] | None:
        """The lock's owner (None when it names none) and identity; None when it is gone."""
        from rolefit.documents import read_bytes

        try:
            found = os.stat(self.lock, follow_symlinks=False)
        except FileNotFoundError:
            return None
        identity = (found.st_dev, found.st_ino, found.st_mtime)
        try:
            text = read_bytes(self.lock, max_bytes=64).decode("ascii", "replace").strip()
        except RolefitError as exc:
            raise RolefitError(f"{exc}; it is not a lock rolefit made: remove it if no quiz is running") from None
        return (int(text) if text.isdigit() else None), identity

    def _old(self, identity: tuple[int, int, float]) -> bool:
        return _dt.datetime.now().timestamp() - identity[2] > self.STALE_EMPTY_SECONDS

    def _remove_stale(self, identity: tuple[int, int, float]) -> None:
        """Move the stale lock aside and delete it; if another quiz replaced it meanwhile, put
        that quiz's lock back."""
        aside = self.lock.with_name(f"{self.lock.name}.stale-{os.getpid()}")
        try:
            os.rename(self.lock, aside)
        except FileNotFoundError:
            return
        moved = os.stat(aside, follow_symlinks=False)
        if (moved.st_dev, moved.st_ino) != identity[:2]:
            try:
                os.link(aside, self.lock, follow_symlinks=False)
            except FileExistsError:
                pass
        aside.unlink(missing_ok=True)

    def release(self) -> None:
        """Remove the lock if it is still this quiz's own: the same file, still naming this
        process (a file's number can be reused once it is deleted). A lock that cannot be
        removed (a file system turned read-only) is left: it names a process that will not
        run again, so the next quiz takes it over."""
        if self.held is None:
            return
        try:
            found = self._inspect()
            if found is not None and found[0] == os.getpid() and found[1][:2] == self.held:
                self.lock.unlink()
        except (OSError, RolefitError):
            pass
        self.held = None


def _running(pid: int) -> bool:
    """Whether a process with this id runs (perhaps another user's); no signal is sent."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True
    except (ProcessLookupError, OverflowError, ValueError, OSError):
        return False
    return True


def _fingerprint(path: Path) -> tuple[int, int, int, int] | None:
    """What a file is now (None when there is none), to notice a write by someone else."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


@dataclass
class _Store:
    """The answers file of this session: what it held when the quiz began (`kept`, `original`,
    `saved`), and the last sheet the quiz gave it (`latest`)."""

    pack: DataPack
    path: Path
    kept: dict | None = None
    original: str | None = None
    saved: AnswerSheet | None = None
    latest: AnswerSheet | None = None
    seen: tuple[int, int, int, int] | None = None
    moved_from: Path | None = None

    def keep(self, sheet: AnswerSheet) -> None:
        """Save `sheet`, unless the file already holds these answers (a resumed quiz writes
        nothing until an answer changes). A file changed by someone else since is never
        overwritten: the answers go to a new autosave file instead, and the quiz says so. A
        save that fails (a full disk, a file system turned read-only) falls back to an
        autosave file too; when that fails as well, the answers are printed on stdout, so
        that nothing given is lost, and the quiz stops."""
        self.latest = sheet
        if self.saved is not None and (sheet.answers, sheet.dealbreakers) == (self.saved.answers, self.saved.dealbreakers):
            return
        if _fingerprint(self.path) != self.seen:
            self._move_to_autosave(f"{self.path} was changed by another program during the quiz, so it is left alone")
        try:
            save_sheet(self.path, sheet, self.pack, self.kept, self.original)
        except RolefitError as failed:
            self._fall_back(sheet, failed)
        self.seen = _fingerprint(self.path)
        self.saved = sheet

    def _move_to_autosave(self, why: str) -> None:
        self.moved_from, self.path = self.path, _autosave_path(_dt.datetime.now())
        self.kept, self.original = None, None
        _say(f"rolefit: {why}; answers are saved to {self.path} instead", wrap=True)

    def _fall_back(self, sheet: AnswerSheet, failed: RolefitError) -> None:
        try:
            self._move_to_autosave(str(failed))
            save_sheet(self.path, sheet, self.pack)
        except RolefitError as also:
            from rolefit.answers import dump_sheet

            sys.stdout.write(dump_sheet(sheet, self.pack))
            sys.stdout.flush()
            raise RolefitError(f"{failed}, nor can an autosave ({also}); your answers so far are printed "
                               "above: save them to a file and carry on with 'rolefit quiz --resume FILE'") from None


def take_quiz(pack: DataPack, plan: Plan) -> AnswerSheet:
    """Ask every open question and return the answers, saved after each one.

    Ctrl-C (or a closed terminal) saves what was given and raises a RolefitError with exit
    code 130 whose message is the command that carries on.
    """
    if plan.no_input:
        raise RolefitError(NO_INPUT)
    if not has_terminal():
        raise RolefitError(NO_TERMINAL)
    problem = plan_problem(plan)
    if problem:
        raise RolefitError(problem)
    started = _dt.datetime.now().astimezone().replace(microsecond=0)
    target = plan.target or _autosave_path(started)
    claim = Claim(target)
    claim.take()
    try:
        store = _Store(pack, target, seen=_fingerprint(target))
        resumed = _read_resumed(pack, plan, store) if plan.resume is not None else None
        check_writable(target)
        return _run(pack, plan, resumed, started, store)
    finally:
        claim.release()


def _read_resumed(pack: DataPack, plan: Plan, store: _Store) -> AnswerSheet:
    """The resumed file's answers; when they are saved back to it, the store also keeps its
    text and document, so that what rolefit does not own (other keys, comments) stays."""
    assert plan.resume is not None
    text, document = load_with_text(plan.resume)
    resumed = sheet_from_document(document, pack, label_for(plan.resume), require_answers=False)
    if same_file(store.path, plan.resume):
        if resumed.unknown:
            raise RolefitError(f"{plan.resume}: answers {_some(resumed.unknown, 'question')} this quiz does not "
                               f"have; saving back would drop them, so add --save NEW_PATH")
        store.kept, store.saved = document, resumed
        store.original = text
    return resumed


def _run(pack: DataPack, plan: Plan, resumed: AnswerSheet | None, started: _dt.datetime, store: _Store) -> AnswerSheet:
    try:
        sheet, order = _begin(pack, plan, resumed, started.isoformat(), store)
        keep = lambda given: store.keep(replace(sheet, answers=given))  # noqa: E731
        if plan.full:
            asker = _Asker(pack, notes(pack, sheet.answers, plan.review))
            answers = ask_all(pack, sheet.answers, order, asker.ask, keep)
        else:
            answers = _adaptive(pack, plan, sheet, keep) if order else sheet.answers
    except (KeyboardInterrupt, EOFError):
        raise _stopped(pack, plan, store) from None
    if store.saved is not None:
        _say(f"rolefit: answers saved to {store.path}\n")
    if not any(a is not None for a in answers.values()):
        raise RolefitError("every question was skipped, so there is nothing to score")
    return replace(sheet, answers=answers)


def _adaptive(pack: DataPack, plan: Plan, sheet: AnswerSheet, keep: Keep) -> Answers:
    """The adaptive quiz in the terminal: the engine chooses, `_Asker` draws."""
    from rolefit.adaptive import next_step

    asker = _Asker(pack, {}, parts=False)

    def choose(given: Answers, more: bool) -> Next:
        return next_step(pack, replace(sheet, answers=given), more)

    def offer(step: Next, back: bool) -> Reply:
        return _ask(*offer_prompt(pack, step, back))

    first = asked_before(pack, sheet.answers) if plan.review else []
    return ask_adaptive(pack, sheet.answers, first, asker.ask, keep, choose, offer, lambda text: _say(text, wrap=True))


def _begin(pack: DataPack, plan: Plan, resumed: AnswerSheet | None, started: str,
           store: _Store) -> tuple[AnswerSheet, list[int]]:
    """Show the intro, settle who is answering and which questions to ask. Nothing is written
    until an answer is given; dealbreakers ticked are answers, and saved at once."""
    if resumed is not None:
        sheet = resumed_sheet(pack, resumed, plan.client, started)
        order = steps(pack, sheet.answers, plan.review)
        _say(intro(pack, order, sheet.answers, plan, store.path), wrap=True)
        return sheet, order
    order = steps(pack, {})
    _say(intro(pack, order, {}, plan, store.path), wrap=True)
    respondent = plan.client or _ask_name()
    step = dealbreaker_step(pack)
    dealbreakers = picked_dealbreakers(_ask_first(step, prompt_for(step, 0, (), False, "[Before the questions]"))) if step else ()
    sheet = fresh_sheet(pack, respondent, started, dealbreakers)
    if dealbreakers:
        store.keep(sheet)
    return sheet, order


def _stopped(pack: DataPack, plan: Plan, store: _Store) -> RolefitError:
    if store.latest is None:
        if plan.resume is not None:
            return RolefitError(f"stopped before any answer changed; to carry on, run: "
                                f"{resume_command(plan.resume, plan.data_dir, plan.full)}", ExitCode.INTERRUPTED)
        return RolefitError("stopped before the first answer; nothing was saved", ExitCode.INTERRUPTED)
    store.keep(store.latest)
    done = sum(1 for q in pack.questions if q.id in store.latest.answers)
    _say(f"rolefit: stopped after {done} of {len(pack.questions)} questions; answers saved to {store.path}", wrap=True)
    return RolefitError(f"to carry on, run: {resume_command(store.path, plan.data_dir, plan.full)}", ExitCode.INTERRUPTED)


def _autosave_path(started: _dt.datetime) -> Path:
    """A new autosave file's path; its folder is made now, so an unwritable rolefit home is
    found before the first question rather than after the first answer."""
    folder = home() / "autosave"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RolefitError(f"{folder}: cannot be written ({exc.strerror or exc}); set ROLEFIT_HOME "
                           "to a folder you can write, or use --save PATH") from None
    attempt, pid = 0, os.getpid()
    while (folder / autosave_name(started, attempt, pid)).exists() or lock_path(
            folder / autosave_name(started, attempt, pid)).exists():
        attempt += 1
    return folder / autosave_name(started, attempt, pid)


def _say(text: str, wrap: bool = False) -> None:
    """A message on stderr; `wrap` breaks it at spaces to fit the terminal."""
    if wrap:
        text = "\n".join(wrapped(text, shutil.get_terminal_size().columns - 1))
    print(text, file=sys.stderr, flush=True)


STYLE = [
    ("qmark", "fg:ansicyan"),
    ("question", "bold"),
    ("answer", "fg:ansigreen bold"),
    ("done", ""),
    ("pointer", "fg:ansicyan bold"),
    ("highlighted", "fg:ansicyan bold"),
    ("instruction", "fg:ansibrightblack"),
    ("separator", "fg:ansibrightblack"),
]

KEY_NAMES = {"up": "up", "down": "down", "c-m": "enter", "c-j": "enter", "space": "space", "j": "j", "k": "k",
             "b": "b", "s": "s", **{str(n): str(n) for n in range(1, 10)}}
"""prompt_toolkit's key names and the names `press` knows them by."""


class _Asker:
    """Draws each question with prompt_toolkit and returns the reply; marks each new part of
    the quiz (with `parts`: an adaptive quiz moves between parts, so its label names the part
    instead). prompt_toolkit is imported on the first question, not before."""

    def __init__(self, pack: DataPack, notes: dict[int, str], parts: bool = True) -> None:
        self.pack = pack
        self.notes = dict(notes)
        self.parts = parts
        self.previous: int | None = None

    def ask(self, index: int, cursor: Reply, back: bool, label: str | None = None) -> Reply:
        note = self.notes.pop(index, None)
        if note:
            _say(note, wrap=True)
        heading = section_change(self.pack, self.previous, index) if self.parts else None
        if heading:
            _say(heading)
        self.previous = index
        return _ask_first(self.pack, prompt_for(self.pack, index, cursor, back, label))


def _ask_first(pack: DataPack, prompt: Prompt) -> Reply:
    """`_ask`, with the first prompt of the session painted before prompt_toolkit loads."""
    painted = _paint(pack, prompt) if "prompt_toolkit" not in sys.modules else 0
    return _ask(pack, prompt, painted)


def _paint(pack: DataPack, prompt: Prompt) -> int:
    """Draw the first question as plain text at once, so it can be read while prompt_toolkit
    (about 80 ms of imports) loads; prompt_toolkit then draws the same screen in its place,
    and keys pressed meanwhile wait in the terminal for it. Returns the lines drawn: none
    when stdout is no terminal or the screen would not fit."""
    if not sys.stdout.isatty():
        return 0
    size = shutil.get_terminal_size()
    lines = [text for _, text in screen(pack, prompt, size.columns)]
    if len(lines) >= size.lines:
        return 0
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    return len(lines)


def _ask(pack: DataPack, prompt: Prompt, painted: int = 0) -> Reply:
    """One question as a small prompt_toolkit application: every key goes through `press`,
    every frame is drawn by `screen`, and the frame left behind is `answered`. `painted` lines
    drawn just above by `_paint` are cleared first, for prompt_toolkit to draw over them."""
    from prompt_toolkit.application import Application, get_app
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import Layout
    from prompt_toolkit.layout.containers import Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.styles import Style

    state: dict[str, object] = {"prompt": prompt, "reply": None}

    def tokens() -> FormattedText:
        width = get_app().output.get_size().columns
        reply = state["reply"]
        lines = (screen(pack, state["prompt"], width) if reply is None
                 else answered(pack, prompt.index, reply, width, prompt.label))
        out: list[tuple[str, str]] = []
        for number, (style, text) in enumerate(lines):
            out += [("", "\n")] if number else []
            out.append((style, text))
        return FormattedText(out)

    bindings = KeyBindings()

    def on(key: str) -> None:
        @bindings.add(key, eager=True)
        def _(event) -> None:  # type: ignore[no-untyped-def]
            after, reply = press(state["prompt"], KEY_NAMES[key])  # type: ignore[arg-type]
            state["prompt"] = after
            if reply is not None:
                state["reply"] = reply
                event.app.exit(result=reply)

    for key in KEY_NAMES:
        on(key)

    @bindings.add("c-c", eager=True)
    @bindings.add("c-q", eager=True)
    def _stop(event) -> None:  # type: ignore[no-untyped-def]
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @bindings.add("c-d", eager=True)
    def _closed(event) -> None:  # type: ignore[no-untyped-def]
        event.app.exit(exception=EOFError)

    @bindings.add("<any>")
    def _ignore(event) -> None:  # type: ignore[no-untyped-def]
        """Other keys type nothing."""

    window = Window(FormattedTextControl(tokens, show_cursor=False), wrap_lines=True)
    app: Application = Application(layout=Layout(window), key_bindings=bindings, style=Style(STYLE),
                                   full_screen=False, erase_when_done=False)
    if painted:
        sys.stdout.write(f"\x1b[{painted}A\x1b[J")
        sys.stdout.flush()
    return app.run()


def _ask_name() -> str | None:
    import questionary

    name = questionary.text("Your name, for the report (optional, Enter to leave it out):",
                            qmark="?", style=questionary.Style(STYLE)).unsafe_ask()
    return printable(name) or None
