"""The interactive quiz: ask each question in the terminal and save after every answer.

The package is split along its seams, each part readable alone:
- `flow`: which questions a quiz asks, in what order, what Back and Skip do (pure);
- `adaptive_flow`: the adaptive quiz and its offer once the result is settled (pure);
- `prompt`: one question on the screen, its keys, and the prompt_toolkit application;
- `store`: the answers file, its lock and the autosave files;
- `text`: the intros, the printed commands and the messages;
- here, the shell that ties them to the terminal and the files.

Only the `quiz` command imports this package, so scripted commands start without
prompt_toolkit or questionary.
"""

from __future__ import annotations

import datetime as _dt
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rolefit.answers import sheet_from_document
from rolefit.documents import check_writable, label_for, load_with_text, same_file
from rolefit.errors import ExitCode, RolefitError
from rolefit.model import AnswerSheet, DataPack
from rolefit.quiz.adaptive_flow import (FEW_MORE, OFFER_ALL, OFFER_MORE, OFFER_REPORT, adaptive_label, ask_adaptive,
                                        offer_prompt, settled_text)
from rolefit.quiz.flow import (BACK_LABEL, SKIP_LABEL, Answers, Choose, Keep, Move, Plan, Reply,
                               ask_all, asked_before, dealbreaker_step, fresh_sheet, highlighted, minutes_for,
                               next_index, notes, picked_dealbreakers, plan_problem, progress, replies, resumed_sheet,
                               section_change, some_of, steps, with_reply)
from rolefit.quiz.prompt import Prompt, _ask, _ask_first, _ask_name, echo, instruction, press, prompt_for, screen
from rolefit.locking import Claim, lock_path
from rolefit.quiz.store import _autosave_path, _fingerprint, _Store, autosave_name
from rolefit.quiz.text import AS_YOU_ARE, AT_THE_END, adaptive_intro, intro, no_input, no_terminal, resume_command, say

__all__ = [
    # the command's entry point and what it is given
    "take_quiz", "Plan", "has_terminal",
    # the flow, pure (flow, adaptive_flow)
    "Answers", "Choose", "Move", "Reply", "ask_all", "ask_adaptive", "asked_before", "adaptive_label",
    "dealbreaker_step", "fresh_sheet", "highlighted", "minutes_for", "next_index", "notes", "offer_prompt",
    "plan_problem", "progress", "replies", "section_change", "settled_text", "steps", "with_reply",
    "FEW_MORE", "OFFER_ALL", "OFFER_MORE", "OFFER_REPORT", "BACK_LABEL", "SKIP_LABEL",
    # one prompt (prompt)
    "Prompt", "echo", "instruction", "press", "prompt_for", "screen",
    # the answers file (store)
    "Claim", "autosave_name", "lock_path", "_Store", "_autosave_path", "_fingerprint",
    # what the quiz says (text)
    "AS_YOU_ARE", "AT_THE_END", "adaptive_intro", "intro", "resume_command",
]

if TYPE_CHECKING:
    from rolefit.adaptive import Next


def has_terminal() -> bool:
    """Both ends must be a terminal: from a pipe, prompt_toolkit would read the piped text as
    keystrokes and silently pick answers."""
    return all(stream is not None and not stream.closed and stream.isatty() for stream in (sys.stdin, sys.stdout))


def take_quiz(pack: DataPack, plan: Plan) -> tuple[AnswerSheet, Path]:
    """Ask every open question and return the answers, saved after each one, and the file
    they are saved in.

    Ctrl-C (or a closed terminal) saves what was given and raises a RolefitError with exit
    code 130 whose message is the command that carries on.
    """
    if plan.no_input:
        raise RolefitError(no_input())
    if not has_terminal():
        raise RolefitError(no_terminal())
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
            raise RolefitError(f"{plan.resume}: answers {some_of(resumed.unknown, 'question')} this quiz does not "
                               f"have; saving back would drop them, so add --save NEW_PATH")
        store.kept, store.saved = document, resumed
        store.original = text
    return resumed


def _run(pack: DataPack, plan: Plan, resumed: AnswerSheet | None, started: _dt.datetime,
         store: _Store) -> tuple[AnswerSheet, Path]:
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
        say(f"rolefit: answers saved to {store.path}\n")
    if not any(a is not None for a in answers.values()):
        raise RolefitError("every question was skipped, so there is nothing to score")
    return replace(sheet, answers=answers), store.path


def _adaptive(pack: DataPack, plan: Plan, sheet: AnswerSheet, keep: Keep) -> Answers:
    """The adaptive quiz in the terminal: the engine chooses, `_Asker` draws."""
    from rolefit.adaptive import next_step

    asker = _Asker(pack, {}, parts=False)

    def choose(given: Answers, more: bool) -> Next:
        return next_step(pack, replace(sheet, answers=given), more)

    def offer(step: Next, back: bool) -> Reply:
        return _ask(*offer_prompt(pack, step, back))

    first = asked_before(pack, sheet.answers) if plan.review else []
    return ask_adaptive(pack, sheet.answers, first, asker.ask, keep, choose, offer, lambda text: say(text, wrap=True))


def _begin(pack: DataPack, plan: Plan, resumed: AnswerSheet | None, started: str,
           store: _Store) -> tuple[AnswerSheet, list[int]]:
    """Show the intro, settle who is answering and which questions to ask. Nothing is written
    until an answer is given; dealbreakers ticked are answers, and saved at once."""
    if resumed is not None:
        sheet = resumed_sheet(pack, resumed, plan.client, started)
        order = steps(pack, sheet.answers, plan.review)
        say(intro(pack, order, sheet.answers, plan, store.path), wrap=True)
        if not sheet.dealbreakers_asked and pack.dealbreakers:
            sheet = replace(sheet, dealbreakers=_ask_dealbreakers(pack), dealbreakers_asked=True)
            store.keep(sheet)
        return sheet, order
    order = steps(pack, {})
    say(intro(pack, order, {}, plan, store.path), wrap=True)
    respondent = plan.client or _ask_name()
    dealbreakers = _ask_dealbreakers(pack)
    sheet = fresh_sheet(pack, respondent, started, dealbreakers)
    if dealbreakers:
        store.keep(sheet)
    return sheet, order


def _ask_dealbreakers(pack: DataPack) -> tuple[str, ...]:
    """The dealbreakers step, as `rolefit next` asks it first (none when the pack has none)."""
    step = dealbreaker_step(pack)
    return picked_dealbreakers(_ask_first(step, prompt_for(step, 0, (), False, "[Before the questions]"))) if step else ()


def _stopped(pack: DataPack, plan: Plan, store: _Store) -> RolefitError:
    if store.latest is None:
        if plan.resume is not None:
            return RolefitError(f"stopped before any answer changed; to carry on, run: "
                                f"{resume_command(plan.resume, plan.data_dir, plan.full)}", ExitCode.INTERRUPTED)
        return RolefitError("stopped before the first answer; nothing was saved", ExitCode.INTERRUPTED)
    store.keep(store.latest)
    done = sum(1 for q in pack.questions if q.id in store.latest.answers)
    say(f"rolefit: stopped after {done} of {len(pack.questions)} questions; answers saved to {store.path}", wrap=True)
    return RolefitError(f"to carry on, run: {resume_command(store.path, plan.data_dir, plan.full)}", ExitCode.INTERRUPTED)


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
            say(note, wrap=True)
        heading = section_change(self.pack, self.previous, index) if self.parts else None
        if heading:
            say(heading)
        self.previous = index
        return _ask_first(self.pack, prompt_for(self.pack, index, cursor, back, label))
