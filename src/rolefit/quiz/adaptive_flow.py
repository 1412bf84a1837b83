"""The adaptive quiz's flow, pure: ask what the engine chooses from the answers so far, walk
Back and forward through this session's questions, and once the result is settled, offer the
report, a few more questions, or all the rest."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from rolefit.model import DataPack, Option, Question, Section
from rolefit.quiz.flow import (Answers, AskLabelled, Choose, Keep, Move, Offer, highlighted, next_index,
                               review_label, with_reply)
from rolefit.quiz.prompt import Prompt, prompt_for

if TYPE_CHECKING:
    from rolefit.adaptive import Next


FEW_MORE = 5
"""How many more questions "a few more to sharpen this" asks before offering the report again."""
OFFER_REPORT, OFFER_MORE, OFFER_ALL = "report", "more", "all"


def adaptive_label(pack: DataPack, number: int, remaining: int, index: int) -> str:
    """The progress label of an adaptive quiz: the question's number, about how many are left
    with it (the engine's estimate, as the intro and `rolefit next` give it; never a fixed
    total it will not ask), and its part."""
    left = "nearly done" if remaining <= 1 else f"about {remaining} to go"
    return f"[{number} · {left} · {pack.section(pack.questions[index].section).title}]"


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
                     f"about {step.about_remaining} to go.")
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


def settled_text(step: Next, pack: DataPack) -> str:
    """What the offer to sharpen the result says: how settled it is, in plain numbers, and in
    the verdict's own terms, so that the report's headline says the same thing."""
    left = len(pack.questions) - step.asked
    question = " See your report now, or answer a few more to sharpen it?"
    if step.verdict == "no_clear_fit":
        why = ("your dealbreakers rule out every role your answers can be scored against, so more answers would "
               "not change the result (the report says what to do)" if step.reason == "ruled_out" else
               "your answers point to no role in particular, and more answers like them would not change that "
               "(the report says why)")
        return f"After {step.asked} questions {why}. See your report now, or answer a few more questions?"
    names = [role.name for i in step.shortlist if (role := pack.role(i)) is not None]
    if step.verdict == "clear_lead" and names:
        what = f"with {names[0]} as a clear lead"
    elif names:
        what = f"with {', '.join(names[:-1])} or {names[-1]} as your best fit"
    else:
        what = "as a close call"
    return (f"Your result has settled after {step.asked} questions, {what}: answering the other {left} would "
            f"very likely leave the best fit within {'it' if len(names) == 1 else 'them'}.{question}")


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
    question = Question("sharpen", "choice", "settled", settled_text(step, pack), options=tuple(options))
    return DataPack(pack.version, pack.scale, (Section("settled", "Settled"),), pack.traits, (question,), (), ())
