"""The adaptive engine behind `rolefit next`: it opens with one statement per trait, then
asks what separates the leading roles, stops when the leader is settled, and depends on the
answers alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rolefit import adaptive
from rolefit.cli import app
from rolefit.model import AnswerSheet, DataPack

FIXTURE = Path(__file__).parent / "fixtures" / "docs_specialist.yaml"


def full_answers() -> dict:
    return yaml.safe_load(FIXTURE.read_text())["answers"]


def run_engine(pack: DataPack, answers: dict) -> tuple[list[str], adaptive.Next]:
    """Ask as the engine says, answering from `answers`, until it is done."""
    given: dict = {}
    while True:
        step = adaptive.next_step(pack, AnswerSheet(answers=dict(given)))
        if step.done:
            return list(given), step
        answer = answers[step.question.id]
        given[step.question.id] = tuple(answer) if isinstance(answer, list) else answer


def test_the_opening_measures_every_trait_once(pack: DataPack) -> None:
    opening = adaptive.opening(pack)
    assert len(opening) == len(pack.traits)
    assert {next(iter(q.loadings)) for q in opening} == {t.id for t in pack.traits}


def test_the_first_questions_are_the_opening_in_order(pack: DataPack) -> None:
    asked, _ = run_engine(pack, full_answers())
    assert asked[:len(pack.traits)] == [q.id for q in adaptive.opening(pack)]


def test_a_clear_profile_settles_well_before_the_bank_runs_out(pack: DataPack) -> None:
    asked, step = run_engine(pack, full_answers())
    assert step.done and step.settled >= adaptive.SETTLED
    assert len(asked) < len(pack.questions)


def test_the_engine_agrees_with_the_full_bank_for_a_clear_profile(pack: DataPack) -> None:
    from rolefit.scoring import score

    answers = full_answers()
    asked, _ = run_engine(pack, answers)
    partial = AnswerSheet(answers={q: (tuple(a) if isinstance(a, list) else a) for q, a in answers.items() if q in asked})
    full = AnswerSheet(answers={q: (tuple(a) if isinstance(a, list) else a) for q, a in answers.items()})
    assert score(pack, partial).ranking[0].role.id == score(pack, full).ranking[0].role.id


def test_the_same_answers_give_the_same_next_question(pack: DataPack) -> None:
    answers = {q.id: 2 + 2 * (i % 2) for i, q in enumerate(adaptive.opening(pack))}
    first = adaptive.next_step(pack, AnswerSheet(answers=dict(answers)))
    again = adaptive.next_step(pack, AnswerSheet(answers=dict(reversed(list(answers.items())))))
    assert first.question is again.question and not first.done


def test_a_skipped_question_counts_as_asked_and_is_not_asked_again(pack: DataPack) -> None:
    first = adaptive.opening(pack)[0]
    step = adaptive.next_step(pack, AnswerSheet(answers={first.id: None}))
    assert step.question is not first and step.asked == 1


def test_an_exhausted_bank_is_done(pack: DataPack) -> None:
    step = adaptive.next_step(pack, AnswerSheet(answers={q.id: None for q in pack.questions} | {pack.questions[0].id: 4}))
    assert step.done and step.question is None and step.about_remaining == 0


def test_next_prints_the_question_a_front_end_needs(runner: CliRunner) -> None:
    document = json.loads(runner.invoke(app, ["next", "-", "--json"], input='{"dealbreakers": [], "answers": {}}').stdout)
    assert (document["kind"], document["done"], document["asked"]) == ("next", False, 0)
    assert document["question"]["kind"] == "likert" and len(document["question"]["scale"]) == 5
    assert document["about_remaining"] > 0 and document["verdict"] is None


def test_next_says_done_with_the_verdict_once_settled(runner: CliRunner) -> None:
    document = json.loads(runner.invoke(app, ["next", str(FIXTURE), "--json"]).stdout)
    assert document["done"] is True and document["question"] is None
    assert document["verdict"] in ("clear_lead", "close_call", "no_clear_fit", "tentative")


def test_next_text_names_the_question_and_its_answers(runner: CliRunner) -> None:
    text = runner.invoke(app, ["next", "-"], input='{"dealbreakers": [], "answers": {}}').stdout
    assert "[picture_first_time_user] 1-5" in text and "to go" in text


def test_next_text_asks_the_dealbreakers_first_as_a_pick_all_question(runner: CliRunner) -> None:
    text = runner.invoke(app, ["next", "-"], input='{"answers": {}}').stdout
    assert "[dealbreakers] pick all that apply" in text


def test_next_refuses_bad_input_in_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  enjoy_boiling_it_down: 9\n")
    result = runner.invoke(app, ["next", str(path), "--json"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_trait_left_unmeasured_by_a_skip_is_asked_about_again(pack: DataPack) -> None:
    opening = adaptive.opening(pack)
    answers = {q.id: 4 for q in opening[1:]} | {opening[0].id: None}
    step = adaptive.next_step(pack, AnswerSheet(answers=answers))
    assert next(iter(opening[0].loadings)) in step.question.trait_ids


def _persona_run(pack: DataPack, name: str) -> tuple[list[str], dict]:
    from test_personas import named_persona_sheet

    answers = named_persona_sheet(pack, name).answers
    return run_engine(pack, answers)[0], answers


def _persona_names() -> list[str]:
    from test_personas import PERSONAS

    return [p.stem for p in PERSONAS]


_LONG = ("the engine asks until its shortlist is settled and as short as the whole bank's would be; with a "
         "partly answered sheet's retakes widened to keep the shortlist's promise, a person whose whole-bank "
         "result is only just decisive is asked most of the bank (the 30-question target is left open: see "
         "docs/measurement.md)")
STILL_LONG = {"developer_minded_product_marketer": f"104 of 125: {_LONG}",
              "engineer_who_missed_focus": f"86 of 125: {_LONG}",
              "engineer_with_blogging_habit": f"118 of 125: {_LONG}",
              "quiet_podcaster": f"119 of 125: {_LONG}",
              "sales_to_developer_marketing": f"103 of 125: {_LONG}"}
"""Personas for whom the promise below is known to be broken, and why: strict, so that the
marker has to go once the promise holds again."""


@pytest.mark.parametrize("name", _persona_names())
def test_every_persona_gets_the_full_banks_best_fit(pack: DataPack, name: str) -> None:
    from rolefit.scoring import assess

    asked, answers = _persona_run(pack, name)
    partial = assess(pack, AnswerSheet(answers={q: answers[q] for q in asked}))
    assert partial.ranked[0] == assess(pack, AnswerSheet(answers=answers)).ranked[0]


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=STILL_LONG[n]))
                                  if n in STILL_LONG else n for n in _persona_names()])
def test_every_persona_is_asked_fewer_than_two_thirds_of_the_bank(pack: DataPack, name: str) -> None:
    asked, _ = _persona_run(pack, name)
    assert len(asked) < len(pack.questions) * 2 / 3


def test_a_lead_the_whole_bank_calls_clear_is_called_clear_before_the_engine_stops(pack: DataPack) -> None:
    """Stopping as soon as the leader is settled would leave such a lead a close call; the
    engine asks on until the answers so far are as sure as the whole bank would be."""
    from test_personas import PERSONAS, persona_sheet

    from rolefit.scoring import assess

    same = 0
    for persona in PERSONAS:
        answers = persona_sheet(pack, persona).answers
        asked, _ = run_engine(pack, answers)
        partial = assess(pack, AnswerSheet(answers={q: answers[q] for q in asked}))
        same += partial.verdict == assess(pack, AnswerSheet(answers=answers)).verdict
    assert same >= len(PERSONAS) - 2


def test_asked_for_more_the_engine_goes_on_past_settled_until_the_bank_runs_out(pack: DataPack) -> None:
    answers = full_answers()
    asked, step = run_engine(pack, answers)
    given = {q: (tuple(answers[q]) if isinstance(answers[q], list) else answers[q]) for q in asked}
    more = adaptive.next_step(pack, AnswerSheet(answers=given), more=True)
    assert step.done and not more.done and more.question.id not in given
    assert more.about_remaining == len(pack.questions) - len(given)


def test_a_straight_liner_is_not_asked_on_after_the_opening(pack: DataPack) -> None:
    given: dict = {}
    while not (step := adaptive.next_step(pack, AnswerSheet(answers=dict(given)))).done:
        question = step.question
        given[question.id] = 5 if question.kind == "likert" else (question.options[0].value if question.kind == "choice" else ())
    assert len(given) == len(adaptive.opening(pack))
    assert step.verdict == "no_clear_fit" and step.reason == "straight_lining"


def test_far_from_settling_the_estimate_of_questions_left_falls_steadily(pack: DataPack) -> None:
    total = len(pack.questions)
    estimates = [adaptive.typical_remaining(pack, asked, total - asked) for asked in range(total)]
    assert all(later <= earlier + 1 for earlier, later in zip(estimates, estimates[1:]))
    assert estimates[0] > estimates[total // 2] > estimates[-1]


def test_the_usual_lengths_are_the_middle_half_of_simulated_quizzes(pack: DataPack) -> None:
    low, high = adaptive.usual_lengths(pack)
    assert 0 < low < adaptive.typical_remaining(pack, 0, len(pack.questions)) < high < len(pack.questions)


def test_about_remaining_never_exceeds_the_questions_left(mini: DataPack) -> None:
    given: dict = {}
    while not (step := adaptive.next_step(mini, AnswerSheet(answers=dict(given)))).done:
        assert 1 <= step.about_remaining <= len(mini.questions) - len(given)
        given[step.question.id] = None
