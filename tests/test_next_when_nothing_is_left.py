"""When the dealbreakers rule out every role, more answers cannot change what the report can
offer: `rolefit next` says the quiz is done once the opening is answered, and why."""

from __future__ import annotations

from dataclasses import replace

from rolefit.adaptive import next_step, opening
from rolefit.model import AnswerSheet, DataPack, Dealbreaker, Reason


def test_next_is_done_after_the_opening_when_every_role_is_ruled_out(mini: DataPack) -> None:
    everything = Dealbreaker("all", "Everything", {r.id: Reason("x", mini.sources[0], "y") for r in mini.roles})
    pack = replace(mini, dealbreakers=(everything,))
    answers = {q.id: 4 if i % 2 else 2 for i, q in enumerate(opening(pack))}
    step = next_step(pack, AnswerSheet(answers=answers, dealbreakers=("all",)))
    assert step.done and step.question is None
    assert (step.verdict, step.reason) == ("no_clear_fit", "ruled_out")


def test_without_the_dealbreakers_the_same_answers_go_on(mini: DataPack) -> None:
    answers = {q.id: 4 if i % 2 else 2 for i, q in enumerate(opening(mini))}
    assert not next_step(mini, AnswerSheet(answers=answers)).done
