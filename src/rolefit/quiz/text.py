"""What the quiz says outside its questions: the intros, the commands it prints, and its
messages on stderr, wrapped at spaces to fit the terminal."""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

from rolefit.invocation import command
from rolefit.model import AnswerSheet, DataPack
from rolefit.quiz.flow import Answers, Plan, about, asked_before, count_of, skipped, span, unanswered


def wrapped(text: str, width: int) -> list[str]:
    """Text broken into lines of at most `width` columns at spaces, never inside a word (a
    word longer than a line, which no question has, is the only exception)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, width=max(width, 10), break_on_hyphens=False) or [""]
    return lines


def instead() -> str:
    """What to do without a terminal, in commands that run as printed."""
    return (f"write an answers file with '{command('template', '-o', 'answers.yaml')}' and score it with "
            f"'{command('score', 'answers.yaml')}'")


def no_terminal() -> str:
    return f"the quiz needs a terminal to ask its questions; without one, {instead()}"


def no_input() -> str:
    return f"--no-input: the quiz cannot run without asking questions; instead, {instead()}"


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
        return (f"{plan.resume}: every question has been asked ({count_of(passed, 'skipped')}); add --full to answer "
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
            parts = [count_of(missing, "unanswered question")] if missing else []
            parts += [f"{'then ' if missing else ''}the {count_of(passed, 'question')} you skipped"] if passed else []
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
    from rolefit.adaptive import next_step, usual_lengths

    total = len(pack.questions)
    low, high = usual_lengths(pack)
    if plan.resume is None:
        usually = (f"Up to {total} questions; half of people answer between {low} and {high} ({span(low, high)})."
                   if low < high < total else f"Up to {total} questions ({about(total)}).")
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
    return (f"{where} The quiz picks the next question from your answers: about {step.about_remaining} to go "
            f"({about(step.about_remaining)}), until your result is settled.")


def resume_command(path: Path, data_dir: Path | None, full: bool = False) -> str:
    """The command that carries on a quiz saved at `path`, as it runs when pasted."""
    words = ["quiz", "--resume", str(path), *(["--full"] if full else [])]
    if data_dir is not None:
        words += ["--data-dir", str(data_dir)]
    return command(*words)


def say(text: str, wrap: bool = False) -> None:
    """A message on stderr; `wrap` breaks it at spaces to fit the terminal."""
    if wrap:
        text = "\n".join(wrapped(text, shutil.get_terminal_size().columns - 1))
    print(text, file=sys.stderr, flush=True)
