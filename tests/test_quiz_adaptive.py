"""The adaptive quiz, `rolefit quiz` without --full: the flow as a pure function over a
scripted engine, then the command on the mini pack with the real engine."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rolefit import quiz
from rolefit.adaptive import Next, next_step
from rolefit.cli import app
from rolefit.model import AnswerSheet, DataPack
from rolefit.quiz import Move
from test_quiz import CTRL_C, MINI, answers_in, mini_with_dealbreakers, run_quiz, write_answers


def engine(order: list[int], pack: DataPack) -> quiz.Choose:
    """A scripted engine: asks `order` (indices) in turn, skipping what is answered, then is
    settled; with `more`, it goes on through the rest of the pack in order."""
    def choose(answers: quiz.Answers, more: bool) -> Next:
        asked = len(answers)
        for index in order + (list(range(len(pack.questions))) if more else []):
            question = pack.questions[index]
            if question.id not in answers:
                return Next(False, question, asked, 3, "close_call", 0.5)
        done = asked >= len(pack.questions)
        return Next(True, None, asked, 0, "clear_lead", 1.0 if done else 0.99)
    return choose


class Session:
    """Replies given in order to the questions and the offer; records what was asked."""

    def __init__(self, replies: list[quiz.Reply]) -> None:
        self.replies: Iterator[quiz.Reply] = iter(replies)
        self.asked: list[tuple[int, bool]] = []
        self.offers: list[tuple[int, bool]] = []
        self.labels: list[str] = []
        self.kept: list[quiz.Answers] = []

    def ask(self, index: int, cursor: quiz.Reply, back: bool, label: str) -> quiz.Reply:
        self.asked.append((index, back))
        self.labels.append(label)
        return next(self.replies)

    def offer(self, step: Next, back: bool) -> quiz.Reply:
        self.offers.append((step.asked, back))
        return next(self.replies)

    def run(self, pack: DataPack, order: list[int], answers: quiz.Answers | None = None,
            first: list[int] | None = None) -> quiz.Answers:
        return quiz.ask_adaptive(pack, answers or {}, first or [], self.ask, self.kept.append,
                                 engine(order, pack), self.offer)


# the flow ---------------------------------------------------------------------------------

def test_it_asks_what_the_engine_chooses_and_stops_at_the_offer_when_the_report_is_wanted(mini: DataPack) -> None:
    session = Session([4, 2, 5, quiz.OFFER_REPORT])
    final = session.run(mini, [3, 0, 6])
    assert [index for index, _ in session.asked] == [3, 0, 6]
    assert final == {mini.questions[3].id: 4, mini.questions[0].id: 2, mini.questions[6].id: 5}
    assert session.offers == [(3, True)]
    assert len(session.kept) == 3


def test_back_is_offered_from_the_second_question_on(mini: DataPack) -> None:
    session = Session([4, 2, quiz.OFFER_REPORT])
    session.run(mini, [3, 0])
    assert [back for _, back in session.asked] == [False, True]


def test_back_returns_to_the_previous_question_and_forward_asks_the_same_questions_again(mini: DataPack) -> None:
    session = Session([4, Move.BACK, 1, 3, quiz.OFFER_REPORT])
    final = session.run(mini, [3, 0])
    assert [index for index, _ in session.asked] == [3, 0, 3, 0]
    assert final == {mini.questions[3].id: 1, mini.questions[0].id: 3}


def test_back_from_the_offer_returns_to_the_last_question(mini: DataPack) -> None:
    session = Session([4, 2, Move.BACK, 5, quiz.OFFER_REPORT])
    final = session.run(mini, [3, 0])
    assert [index for index, _ in session.asked] == [3, 0, 0]
    assert final[mini.questions[0].id] == 5


def test_a_few_more_asks_that_many_more_then_offers_again(mini: DataPack) -> None:
    session = Session([4, quiz.OFFER_MORE, *[3] * quiz.FEW_MORE, quiz.OFFER_REPORT])
    final = session.run(mini, [3])
    assert len(final) == 1 + quiz.FEW_MORE
    assert [asked for asked, _ in session.offers] == [1, 1 + quiz.FEW_MORE]


def test_all_asks_until_the_bank_runs_out_and_then_shows_the_report_without_asking(mini: DataPack) -> None:
    session = Session([4, quiz.OFFER_ALL, *[3] * 8])
    final = session.run(mini, [3])
    assert len(final) == len(mini.questions) and len(session.offers) == 1


def test_skipping_the_offer_shows_the_report(mini: DataPack) -> None:
    session = Session([4, Move.SKIP])
    assert session.run(mini, [3]) == {mini.questions[3].id: 4}


def test_a_skipped_question_is_recorded_and_not_chosen_again(mini: DataPack) -> None:
    session = Session([Move.SKIP, 2, quiz.OFFER_REPORT])
    final = session.run(mini, [3, 0])
    assert final == {mini.questions[3].id: None, mini.questions[0].id: 2}


def test_a_review_goes_through_the_questions_asked_before_then_adapts(mini: DataPack) -> None:
    before = {mini.questions[5].id: 2, mini.questions[1].id: None}
    session = Session([4, 3, 5, quiz.OFFER_REPORT])
    session.run(mini, [5, 1, 7], before, quiz.asked_before(mini, before))
    assert [index for index, _ in session.asked] == [1, 5, 7]
    assert session.labels[:2] == ["[1/2 · People]", "[2/2 · Craft]"]


def test_the_label_numbers_the_question_and_says_about_how_many_are_left_with_it(mini: DataPack) -> None:
    assert quiz.adaptive_label(mini, 12, 5, 0) == "[12 · about 5 to go · People]"
    assert quiz.adaptive_label(mini, 12, 1, 3) == "[12 · nearly done · Craft]"


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_long_adaptive_label_wraps_at_spaces_within_the_width(mini: DataPack, width: int) -> None:
    label = quiz.adaptive_label(mini, 12, 30, 0).replace("People", "How you like to work, and with whom")
    prompt = quiz.prompt_for(mini, 0, 3, back=True, label=label)
    shown = [text for style, text in quiz.screen(mini, prompt, width) if style == "class:qmark"]
    assert all(len(line) < width for line in shown)
    assert " ".join(shown) == label


def test_the_offer_names_the_shortlist_in_the_verdicts_terms_with_no_second_figure(mini: DataPack) -> None:
    total = len(mini.questions)
    clear = quiz.settled_text(Next(True, None, 3, 0, "clear_lead", 0.995, shortlist=("engineer",)), mini)
    assert "settled after 3 questions, with Engineer as a clear lead" in clear
    assert f"the other {total - 3} would very likely leave the best fit within it" in clear
    close = quiz.settled_text(Next(True, None, 3, 0, "close_call", 0.96, shortlist=("engineer", "advocate")), mini)
    assert "with Engineer or Advocate as your best fit" in close and "within them" in close
    assert not any(ch.isdigit() for ch in close.split("questions,")[1].replace(str(total - 3), ""))


def test_the_offer_to_someone_with_no_clear_fit_does_not_speak_of_a_best_fit(mini: DataPack) -> None:
    text = quiz.settled_text(Next(True, None, 14, 0, "no_clear_fit", None, True, "straight_lining"), mini)
    assert "point to no role in particular" in text and "best fit" not in text


def test_the_offer_is_not_a_question_to_skip(mini: DataPack) -> None:
    _, prompt = quiz.offer_prompt(mini, Next(True, None, 2, 0, "clear_lead", 0.99), True)
    assert quiz.press(prompt, "s") == (prompt, None)
    assert "skip" not in quiz.instruction(prompt)


def test_when_a_few_more_answers_unsettle_the_result_the_quiz_says_so_before_asking_on(mini: DataPack) -> None:
    """Settled after the first answer; after the few more, unsettled until one more answer."""
    settles_at = (1, 2 + quiz.FEW_MORE)

    def choose(answers: quiz.Answers, more: bool) -> Next:
        left = [q for q in mini.questions if q.id not in answers]
        if len(answers) in settles_at and not more:
            return Next(True, None, len(answers), 0, "close_call", 0.99)
        return Next(False, left[0], len(answers), 2, "close_call", 0.5)

    said: list[str] = []
    replies = iter([4, quiz.OFFER_MORE, *[3] * (quiz.FEW_MORE + 1), quiz.OFFER_REPORT])
    final = quiz.ask_adaptive(mini, {}, [], lambda *asked: next(replies), lambda answers: None, choose,
                              lambda step, back: next(replies), said.append)
    assert len(final) == settles_at[1]
    assert said == ["Your last answers moved the result, so the quiz asks on until it settles again: about 2 to go."]


# the command on the mini pack ---------------------------------------------------------------

def keys_until_settled(pack: DataPack) -> tuple[str, dict]:
    """The keys of a person who strongly agrees with every statement and takes each choice's
    first option, up to the point the real engine settles, and the answers they give."""
    answers: dict = {}
    keys = ""
    while not (step := next_step(pack, AnswerSheet(answers=dict(answers)))).done:
        assert step.question is not None
        answers[step.question.id] = 5 if step.question.kind == "likert" else step.question.options[0].value
        keys += "5" if step.question.kind == "likert" else "1"
    return keys, answers


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quiz, "has_terminal", lambda: True)


def test_the_quiz_adapts_by_default_and_stops_once_settled(terminal: None, tmp_path: Path, mini: DataPack) -> None:
    saved = tmp_path / "answers.yaml"
    keys, expected = keys_until_settled(mini)
    result = run_quiz(["--client", "Ada", "--save", str(saved)], keys + "1", full=False)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["answers"] == expected and len(expected) < len(mini.questions)
    assert f"Ada: {len(expected)} of 9 questions answered" in result.stdout


def test_the_intro_says_up_to_how_many_and_how_to_answer_them_all(terminal: None, mini: DataPack) -> None:
    keys, _ = keys_until_settled(mini)
    said = " ".join(run_quiz(["--client", "Ada"], keys + "1", full=False).stderr.split())
    from rolefit.adaptive import usual_lengths

    low, high = usual_lengths(mini)
    assert said.startswith(f"Up to 9 questions; half of people answer between {low} and {high} (1 to 2 minutes).")
    assert "Add --full to answer all 9." in said


def test_a_few_more_questions_are_asked_when_the_person_wants_them(terminal: None, tmp_path: Path,
                                                                   mini: DataPack) -> None:
    saved = tmp_path / "answers.yaml"
    keys, expected = keys_until_settled(mini)
    left = len(mini.questions) - len(expected)
    assert left > 5  # a few more (five), then the offer again, then a few more: the last ones
    result = run_quiz(["--client", "Ada", "--save", str(saved)], keys + "2" + "3" * 5 + "2" + "3" * (left - 5),
                      full=False)
    assert result.exit_code == 0, result.output
    assert len(answers_in(saved)["answers"]) == len(mini.questions)


def test_a_resumed_adaptive_quiz_asks_the_question_rolefit_next_names(terminal: None, tmp_path: Path,
                                                                      mini: DataPack) -> None:
    saved = write_answers(tmp_path / "answers.yaml", {"help_stuck_users": 5, "read_source": 1})
    named = json.loads(CliRunner().invoke(app, ["next", str(saved), "--json", "--data-dir", str(MINI)]).stdout)
    result = run_quiz(["--resume", str(saved)], "4" + CTRL_C, full=False)
    assert result.exit_code == 130
    assert answers_in(saved)["answers"][named["question"]["id"]] == 4
    assert "Carrying on from" in result.stderr


def test_ctrl_c_in_an_adaptive_quiz_keeps_the_answers_and_prints_the_resume_command(terminal: None,
                                                                                      tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    result = run_quiz(["--client", "Ada", "--save", str(saved)], "45" + CTRL_C, full=False)
    assert result.exit_code == 130
    assert answers_in(saved)["answers"] == {"help_stuck_users": 4, "read_source": 5}
    assert f"rolefit quiz --resume {saved} --data-dir {MINI}" in result.stderr.splitlines()[-1]


def test_full_asks_every_question_in_order(terminal: None, tmp_path: Path, mini: DataPack) -> None:
    saved = tmp_path / "answers.yaml"
    result = run_quiz(["--client", "Ada", "--save", str(saved)], "\r" * 9, full=True)
    assert result.exit_code == 0, result.output
    assert list(answers_in(saved)["answers"]) == [q.id for q in mini.questions]


def test_an_adaptive_review_goes_through_the_answers_in_the_file_first(terminal: None, tmp_path: Path) -> None:
    saved = write_answers(tmp_path / "answers.yaml", {"read_source": 2, "help_stuck_users": 5})
    result = run_quiz(["--resume", str(saved), "--review"], "34" + CTRL_C, full=False)
    assert result.exit_code == 130
    answers = yaml.safe_load(saved.read_text())["answers"]
    assert (answers["help_stuck_users"], answers["read_source"]) == (3, 4)


# any sequence of replies --------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False))
def test_any_replies_end_the_quiz_with_valid_answers_and_no_question_chosen_twice(mini: DataPack,
                                                                               rng: random.Random) -> None:
    """Whatever a person presses (answers, Back, Skip, more questions at the offer), the
    real engine never chooses a question already asked, and the quiz ends with every
    answer one its question accepts."""
    chosen: list[str] = []

    def choose(answers: quiz.Answers, more: bool) -> Next:
        step = next_step(mini, AnswerSheet(answers=dict(answers)), more)
        if step.question is not None:
            assert step.question.id not in answers
            chosen.append(step.question.id)
        return step

    def ask(index: int, cursor: quiz.Reply, back: bool, label: str) -> quiz.Reply:
        question = mini.questions[index]
        replies = [reply for _, reply in quiz.replies(mini, index, back)]
        if question.kind == "multi":
            replies.append(tuple(o.value for o in question.options if rng.random() < 0.5))
        return rng.choice(replies)

    def offer(step: Next, back: bool) -> quiz.Reply:
        return rng.choice([quiz.OFFER_REPORT, quiz.OFFER_MORE, quiz.OFFER_ALL, Move.SKIP] + ([Move.BACK] if back else []))

    final = quiz.ask_adaptive(mini, {}, [], ask, lambda answers: None, choose, offer)
    assert len(chosen) == len(set(chosen)) <= len(mini.questions)
    for question_id, answer in final.items():
        question = mini.question(question_id)
        assert question is not None
        assert answer is None or question.kind != "likert" or answer in range(1, 6)
        assert answer is None or question.kind != "choice" or answer in [o.value for o in question.options]


def test_ctrl_c_in_a_full_quiz_prints_a_resume_command_that_keeps_full(terminal: None, tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    result = run_quiz(["--client", "Ada", "--save", str(saved)], "4" + CTRL_C, full=True)
    assert result.exit_code == 130
    assert f"rolefit quiz --resume {saved} --full" in result.stderr


def test_resuming_a_file_that_was_asked_every_question_says_so_and_points_to_full(terminal: None, tmp_path: Path,
                                                                                 mini: DataPack) -> None:
    saved = write_answers(tmp_path / "answers.yaml", {q.id: 4 for q in mini.questions[:8]} | {"free_day": None})
    result = run_quiz(["--resume", str(saved)], "", full=False)
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "every question has been asked (1 skipped); add --full to answer the skipped ones" in said


def test_the_resume_intro_says_about_how_many_more_or_that_the_result_is_settled(mini: DataPack, tmp_path: Path) -> None:
    plan = quiz.Plan(resume=tmp_path / "a.yaml")
    assert "about" in quiz.adaptive_intro(mini, {"help_stuck_users": 4}, plan).split("picks the next question")[1]
    keys, settled = keys_until_settled(mini)
    assert "already settled" in quiz.adaptive_intro(mini, settled, plan)


def test_dealbreakers_that_rule_out_every_role_do_not_stop_the_engine(tmp_path: Path) -> None:
    from rolefit.data import load_pack

    pack = load_pack(mini_with_dealbreakers(tmp_path / "pack", """  - id: all_of_it
    label: Any of these jobs
    roles:
      advocate: {reason: it is one of them, source: art, where: the part on users}
      engineer: {reason: it is one of them, source: art, where: the part on users}
      generalist: {reason: it is one of them, source: art, where: the part on users}
"""))
    answers = {"help_stuck_users": 4, "read_source": 2, "many_hats": 5}
    step = next_step(pack, AnswerSheet(answers=answers, dealbreakers=("all_of_it",)))
    assert step.question is not None or step.done
