"""`rolefit quiz`: the flow as pure functions, then the command driven key by key.

The command tests type into prompt_toolkit's pipe input, so they run without a terminal; a
real pseudo-terminal run is in test_quiz_terminal.py. Keys are sent before the quiz starts
(prompt_toolkit keeps unread keys for the next prompt), and the quiz runs in a thread that
must finish within TIMEOUT, so a missing keystroke fails the test instead of hanging it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner, Result

from rolefit import quiz
from rolefit.cli import app
from rolefit.model import DataPack
from rolefit.quiz import Move, Plan

MINI = Path(__file__).parent / "fixtures" / "mini"
TIMEOUT = 20

ENTER, UP, DOWN, CTRL_C = "\r", "\x1b[A", "\x1b[B", "\x03"
KEEP = ENTER
"""Accept where the cursor starts: the scale's middle point, or a choice's first option."""
SKIP = "s"
BACK = "b"


def run_quiz(args: list[str], keys: str = "", full: bool = True, data_dir: Path = MINI) -> Result:
    """Invoke `rolefit quiz ARGS --data-dir DATA_DIR` with `keys` already typed; with `full`,
    the whole bank in order (--full), which most of these tests of keys and files rely on."""
    outcome: list[Result] = []
    with create_pipe_input() as typed:
        typed.send_text(keys)

        def invoke() -> None:
            with create_app_session(input=typed, output=DummyOutput()):
                extra = ["--full"] if full else []
                outcome.append(CliRunner().invoke(app, ["quiz", *args, *extra, "--data-dir", str(data_dir)]))

        worker = threading.Thread(target=invoke, daemon=True)
        worker.start()
        worker.join(TIMEOUT)
        assert not worker.is_alive(), f"the quiz still waits for keys after {TIMEOUT}s"
    assert outcome, "the quiz thread died without a result"
    return outcome[0]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the quiz believe it has a terminal; the pipe input stands in for the keyboard."""
    monkeypatch.setattr(quiz, "has_terminal", lambda: True)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    return tmp_path / "answers.yaml"


def answers_in(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_answers(path: Path, answers: dict, **meta: str) -> Path:
    path.write_text(yaml.safe_dump({**meta, "answers": answers}, sort_keys=False), encoding="utf-8")
    return path


# the flow, without a terminal -------------------------------------------------------------

def test_the_time_estimate_is_ten_seconds_a_question_rounded_up_to_whole_minutes() -> None:
    assert [quiz.minutes_for(n) for n in (1, 6, 7, 9, 42)] == [1, 1, 2, 2, 7]


def test_the_prompt_shows_question_n_of_total_and_the_section_title(mini: DataPack) -> None:
    assert quiz.progress(mini, 0) == "[1/9 · People]"
    assert quiz.progress(mini, 8) == "[9/9 · Craft]"


def test_a_likert_item_offers_the_five_scale_labels_then_skip_but_no_back_on_the_first_question(mini: DataPack) -> None:
    assert quiz.replies(mini, 0) == [*zip(mini.scale, (1, 2, 3, 4, 5)), (quiz.SKIP_LABEL, Move.SKIP)]


def test_every_later_question_also_offers_back(mini: DataPack) -> None:
    assert quiz.replies(mini, 1)[-2:] == [(quiz.BACK_LABEL, Move.BACK), (quiz.SKIP_LABEL, Move.SKIP)]


def test_a_choice_question_offers_its_options_labels(mini: DataPack) -> None:
    assert quiz.replies(mini, 8)[:3] == [("Answer forum questions", "answer_forum"),
                                         ("Deep-dive into a system", "deep_dive"), ("Take a nap", "nap")]


def test_the_cursor_starts_on_the_middle_of_the_scale(mini: DataPack) -> None:
    assert quiz.highlighted(mini.questions[0], {}) == 3


def test_the_cursor_starts_on_the_answer_already_given_or_on_skip(mini: DataPack) -> None:
    question = mini.questions[0]
    assert quiz.highlighted(question, {question.id: 5}) == 5
    assert quiz.highlighted(question, {question.id: None}) is Move.SKIP


def test_skip_records_null_and_moves_on() -> None:
    assert quiz.with_reply({"a": 4}, "b", Move.SKIP) == {"a": 4, "b": None}
    assert quiz.next_index(3, Move.SKIP) == 4


def test_back_changes_no_answer_and_returns_one_question() -> None:
    assert quiz.with_reply({"a": 4}, "b", Move.BACK) == {"a": 4}
    assert quiz.next_index(3, Move.BACK) == 2


def test_back_on_the_first_question_stays_there() -> None:
    assert quiz.next_index(0, Move.BACK) == 0


def test_the_flow_saves_after_every_answer_but_not_after_back(mini: DataPack) -> None:
    script = iter([4, Move.BACK, 5, Move.SKIP, *["nap" if i == 8 else 3 for i in range(2, 9)]])
    kept: list[dict] = []
    final = quiz.ask_all(mini, {}, quiz.steps(mini, {}), lambda index, cursor, back: next(script), kept.append)
    assert final[mini.questions[0].id] == 5 and final[mini.questions[1].id] is None
    assert len(kept) == len(mini.questions) + 1 and kept[-1] == final


def test_a_new_quiz_asks_every_question_in_order(mini: DataPack) -> None:
    assert quiz.steps(mini, {}) == list(range(9))


def test_a_resumed_quiz_asks_the_unanswered_questions_then_the_skipped_ones(mini: DataPack) -> None:
    ids = [q.id for q in mini.questions]
    answers = {ids[0]: 3, ids[1]: None, ids[3]: 2, ids[5]: None} | {qid: 4 for qid in ids[6:]}
    assert quiz.steps(mini, answers) == [2, 4, 1, 5]


def test_a_finished_file_with_one_skipped_question_asks_only_that_question(mini: DataPack) -> None:
    answers = {q.id: 3 for q in mini.questions} | {mini.questions[4].id: None}
    assert quiz.steps(mini, answers) == [4]


def test_a_fully_answered_file_leaves_nothing_to_ask(mini: DataPack) -> None:
    assert quiz.steps(mini, {q.id: 3 for q in mini.questions}) == []


def test_a_review_asks_every_question_whatever_the_file_holds(mini: DataPack) -> None:
    assert quiz.steps(mini, {q.id: 3 for q in mini.questions}, review=True) == list(range(9))


def test_back_walks_the_steps_of_a_resumed_quiz_and_is_not_offered_on_its_first(mini: DataPack) -> None:
    asked: list[tuple[int, bool]] = []
    script = iter([4, Move.BACK, 2, 5])

    def ask(index: int, cursor: quiz.Reply, back: bool) -> quiz.Reply:
        asked.append((index, back))
        return next(script)

    final = quiz.ask_all(mini, {}, [6, 2], ask, lambda answers: None)
    assert asked == [(6, False), (2, True), (6, False), (2, True)]
    assert final == {mini.questions[6].id: 2, mini.questions[2].id: 5}


def test_the_intro_counts_exactly_the_questions_a_resume_will_ask(mini: DataPack, tmp_path: Path) -> None:
    ids = [q.id for q in mini.questions]
    answers = {qid: 3 for qid in ids[:5]} | {ids[1]: None}
    order = quiz.steps(mini, answers)
    text = quiz.intro(mini, order, answers, Plan(resume=tmp_path / "a.yaml", full=True), tmp_path / "a.yaml")
    assert "4 of 9 answered" in text
    assert "Still to ask: 4 unanswered questions, then the 1 question you skipped" in text
    assert len(order) == 5


def test_the_intro_says_what_comes_at_the_end_and_to_answer_as_you_are_today(mini: DataPack, tmp_path: Path) -> None:
    text = quiz.intro(mini, quiz.steps(mini, {}), {}, Plan(full=True), tmp_path / "a.yaml")
    assert "ranked fit report" in text and "verdict" in text and "trait profile" in text
    assert "Answer as you are today, not as you wish to be." in text


def test_the_pass_over_the_skipped_questions_is_announced_before_the_first_of_them(mini: DataPack) -> None:
    ids = [q.id for q in mini.questions]
    answers = {ids[0]: 3, ids[1]: None, ids[5]: None}
    assert list(quiz.notes(mini, answers)) == [1]
    assert quiz.notes(mini, answers)[1].startswith("Now the 2 questions you skipped before")
    assert quiz.notes(mini, {}) == {} and quiz.notes(mini, answers, review=True) == {}


def test_a_new_part_of_the_quiz_is_marked_when_the_section_changes(mini: DataPack) -> None:
    assert quiz.section_change(mini, None, 0) == "— Part 1 of 2: People —"
    assert quiz.section_change(mini, 0, 1) is None
    assert quiz.section_change(mini, 2, 3) == "— Part 2 of 2: Craft —"


def test_review_needs_a_file_to_resume(tmp_path: Path) -> None:
    assert "--resume" in (quiz.plan_problem(Plan(review=True)) or "")


def test_the_resume_command_names_the_file_and_the_data_folder_quoted_for_a_shell() -> None:
    assert quiz.resume_command(Path("my answers.yaml"), Path("pack")) == \
        "rolefit quiz --resume 'my answers.yaml' --data-dir pack"
    assert quiz.resume_command(Path("a.yaml"), None) == "rolefit quiz --resume a.yaml"


def test_save_refuses_a_file_that_already_exists_unless_it_is_the_one_resumed(tmp_path: Path) -> None:
    existing = write_answers(tmp_path / "old.yaml", {})
    assert "already exists" in (quiz.plan_problem(Plan(save=existing)) or "")
    assert quiz.plan_problem(Plan(save=existing, resume=existing)) is None


# one prompt: keys and screen, without a terminal -------------------------------------------

def likert(mini: DataPack, index: int = 1) -> quiz.Prompt:
    return quiz.prompt_for(mini, index, 3, back=True)


def test_the_cursor_stops_at_the_top_instead_of_wrapping_round_to_skip(mini: DataPack) -> None:
    prompt = likert(mini)
    for _ in range(10):
        prompt, reply = quiz.press(prompt, "up")
        assert reply is None
    assert prompt.cursor == 0


def test_the_cursor_stops_at_the_bottom_instead_of_wrapping_round_to_the_top(mini: DataPack) -> None:
    prompt = likert(mini)
    for _ in range(10):
        prompt, _reply = quiz.press(prompt, "down")
    assert prompt.entries[prompt.cursor][1] is Move.SKIP


def test_j_and_k_move_like_the_arrow_keys(mini: DataPack) -> None:
    prompt = likert(mini)
    assert quiz.press(prompt, "j")[0].cursor == quiz.press(prompt, "down")[0].cursor == 3
    assert quiz.press(prompt, "k")[0].cursor == quiz.press(prompt, "up")[0].cursor == 1


def test_a_number_key_picks_that_scale_point_at_once(mini: DataPack) -> None:
    assert [quiz.press(likert(mini), str(n))[1] for n in range(1, 6)] == [1, 2, 3, 4, 5]


def test_a_number_key_picks_a_choice_questions_option_at_once(mini: DataPack) -> None:
    assert quiz.press(quiz.prompt_for(mini, 8, "answer_forum", back=True), "3")[1] == "nap"


def test_a_number_past_the_options_does_nothing(mini: DataPack) -> None:
    assert quiz.press(likert(mini), "6") == (likert(mini), None)


def test_b_goes_back_and_s_skips(mini: DataPack) -> None:
    assert quiz.press(likert(mini), "b")[1] is Move.BACK
    assert quiz.press(likert(mini), "s")[1] is Move.SKIP


def test_b_does_nothing_where_back_is_not_offered(mini: DataPack) -> None:
    first = quiz.prompt_for(mini, 0, 3, back=False)
    assert quiz.press(first, "b") == (first, None)


def test_on_a_pick_all_question_numbers_and_space_tick_and_enter_gives_the_ticked_options(mini: DataPack) -> None:
    prompt = quiz.Prompt(3, (("A", "a"), ("B", "b"), ("C", "c"), (quiz.SKIP_LABEL, Move.SKIP)), multi=True)
    prompt, _ = quiz.press(prompt, "3")
    prompt, _ = quiz.press(dataclasses.replace(prompt, cursor=0), "space")
    prompt, _ = quiz.press(prompt, "3")
    prompt, _ = quiz.press(prompt, "1")
    prompt, _ = quiz.press(prompt, "2")
    assert quiz.press(prompt, "enter")[1] == ("b",)


def test_every_line_of_the_screen_fits_the_width_and_keeps_every_word_whole(pack: DataPack) -> None:
    for index in range(len(pack.questions)):
        prompt = quiz.prompt_for(pack, index, quiz.highlighted(pack.questions[index], {}), back=True)
        expected = pack.questions[index].text.split() + [w for label, _ in prompt.entries for w in label.split()]
        for width in (40, 60, 80, 120):
            lines = [text for _, text in quiz.screen(pack, prompt, width)]
            assert all(len(line) < width for line in lines), (index, width)
            words = " ".join(lines).split()
            assert all(word in words for word in expected), (index, width)


def test_the_progress_label_has_a_line_of_its_own(mini: DataPack) -> None:
    assert quiz.screen(mini, likert(mini), 40)[:2] == [("class:qmark", "[2/9 · People]"),
                                                        ("class:question", "I notice when someone is frustrated.")]


def test_a_long_option_wraps_under_its_own_text(mini: DataPack) -> None:
    prompt = quiz.Prompt(0, (("Sitting down with your own users to hear where they get stuck", "u"),
                             (quiz.SKIP_LABEL, Move.SKIP)), multi=False)
    lines = [text for _, text in quiz.screen(mini, prompt, 40)]
    start = lines.index("❯ 1  Sitting down with your own users")
    assert lines[start + 1] == "     to hear where they get stuck"


def test_the_history_says_went_back_or_skipped_instead_of_a_label(mini: DataPack) -> None:
    assert quiz.echo(mini, 1, Move.BACK) == "went back to the previous question"
    assert quiz.echo(mini, 1, Move.SKIP) == "skipped"
    assert quiz.echo(mini, 1, 4) == "Agree"
    assert quiz.echo(mini, 8, "nap") == "Take a nap"


def test_the_history_of_a_pick_all_question_lists_the_ticked_options_or_says_none(mini: DataPack, multi_pack: Path) -> None:
    from rolefit.data import load_pack

    pack = load_pack(multi_pack)
    assert quiz.echo(pack, 9, ("meetup", "hackathon")) == "Go to a meetup; Join a hackathon"
    assert quiz.echo(pack, 9, ()) == "none of these"


# the command, key by key ------------------------------------------------------------------

def test_a_full_run_prints_the_report_and_saves_every_answer_with_metadata(terminal: None, saved: Path, mini: DataPack) -> None:
    result = run_quiz(["--client", "Ada", "--save", str(saved)], KEEP * 9)
    assert result.exit_code == 0, result.output
    assert "How every role fits" in result.stdout and "Ada: 9 of 9 questions answered" in result.stdout
    document = answers_in(saved)
    assert document["answers"] == {q.id: 3 for q in mini.questions[:8]} | {"free_day": "answer_forum"}
    assert document["respondent"] == "Ada" and document["quiz_version"] == "mini-1"
    assert dt.datetime.fromisoformat(document["taken_at"]).tzinfo is not None


def test_the_intro_gives_the_number_of_questions_the_minutes_and_that_nothing_leaves_the_machine(terminal: None) -> None:
    result = run_quiz(["--client", "Ada"], KEEP * 9)
    intro = result.stderr.splitlines()
    assert intro[0] == "9 questions, about 2 minutes."
    assert any("Nothing you answer leaves this computer" in line for line in intro)


def test_without_client_the_quiz_asks_for_an_optional_name_first(terminal: None, saved: Path) -> None:
    result = run_quiz(["--save", str(saved)], "Grace Hopper" + ENTER + KEEP * 9)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["respondent"] == "Grace Hopper"


def test_an_empty_name_is_fine_and_records_no_respondent(terminal: None, saved: Path) -> None:
    result = run_quiz(["--save", str(saved)], ENTER + KEEP * 9)
    assert result.exit_code == 0, result.output
    assert "respondent" not in answers_in(saved)


def test_going_back_changes_an_earlier_answer(terminal: None, saved: Path) -> None:
    keys = KEEP + BACK + DOWN + ENTER + KEEP * 8
    result = run_quiz(["--client", "Ada", "--save", str(saved)], keys)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["answers"]["help_stuck_users"] == 4


def test_number_keys_answer_without_enter(terminal: None, saved: Path) -> None:
    result = run_quiz(["--client", "Ada", "--save", str(saved)], "15" + KEEP * 7)
    assert result.exit_code == 0, result.output
    answers = answers_in(saved)["answers"]
    assert (answers["help_stuck_users"], answers["notice_frustration"]) == (1, 5)


def test_holding_up_past_strongly_disagree_does_not_wrap_round_to_skip(terminal: None, saved: Path) -> None:
    result = run_quiz(["--client", "Ada", "--save", str(saved)], UP * 6 + ENTER + KEEP * 8)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["answers"]["help_stuck_users"] == 1


def test_a_skipped_question_is_saved_as_null_and_counted_as_skipped(terminal: None, saved: Path) -> None:
    result = run_quiz(["--client", "Ada", "--save", str(saved)], KEEP + SKIP + KEEP * 7)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["answers"]["notice_frustration"] is None
    assert "8 of 9 questions answered, 1 skipped" in result.stdout
    scored = CliRunner().invoke(app, ["score", str(saved), "--json", "--data-dir", str(MINI)])
    assert json.loads(scored.stdout)["skipped"] == 1


def test_skipping_every_question_leaves_nothing_to_score(terminal: None, saved: Path) -> None:
    result = run_quiz(["--client", "Ada", "--save", str(saved)], SKIP * 9)
    assert result.exit_code == 2 and "nothing to score" in result.stderr
    assert set(answers_in(saved)["answers"].values()) == {None}


def test_ctrl_c_exits_130_keeps_the_answers_so_far_and_prints_the_resume_command(terminal: None, saved: Path) -> None:
    result = run_quiz(["--client", "Ada", "--save", str(saved)], KEEP + DOWN + ENTER + CTRL_C)
    assert result.exit_code == 130
    assert answers_in(saved)["answers"] == {"help_stuck_users": 3, "notice_frustration": 4}
    assert f"rolefit quiz --resume {saved} --full --data-dir {MINI}" in result.stderr.splitlines()[-1]
    assert result.stdout == "" and "Traceback" not in result.output


def test_ctrl_c_without_save_keeps_the_answers_in_an_autosave_file_and_prints_its_path(
        terminal: None, isolated_home: Path) -> None:
    result = run_quiz(["--client", "Ada"], KEEP * 2 + CTRL_C)
    assert result.exit_code == 130
    [autosave] = (isolated_home / "autosave").iterdir()
    assert answers_in(autosave)["answers"] == {"help_stuck_users": 3, "notice_frustration": 3}
    assert f"rolefit quiz --resume {autosave} --full --data-dir {MINI}" in result.stderr


def test_ctrl_c_before_the_first_answer_saves_nothing(terminal: None, saved: Path) -> None:
    result = run_quiz(["--save", str(saved)], CTRL_C)
    assert result.exit_code == 130
    assert not saved.exists() and "nothing was saved" in result.stderr


def test_resume_asks_the_unanswered_questions_then_offers_the_skipped_one_again(terminal: None, saved: Path) -> None:
    write_answers(saved, {"help_stuck_users": 5, "notice_frustration": 1, "people_drain_me": None})
    result = run_quiz(["--resume", str(saved)], KEEP * 6 + "2")
    assert result.exit_code == 0, result.output
    answers = answers_in(saved)["answers"]
    assert len(answers) == 9 and None not in answers.values()
    assert (answers["help_stuck_users"], answers["notice_frustration"], answers["people_drain_me"]) == (5, 1, 2)
    said = " ".join(result.stderr.split())
    assert "Still to ask: 6 unanswered questions, then the 1 question you skipped" in said
    assert "Now the 1 question you skipped before" in said


def test_enter_on_a_question_skipped_before_keeps_it_skipped(terminal: None, saved: Path, mini: DataPack) -> None:
    write_answers(saved, {q.id: 4 for q in mini.questions[:8]} | {"free_day": None})
    result = run_quiz(["--resume", str(saved)], KEEP)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["answers"]["free_day"] is None


def test_resume_with_review_goes_through_every_answer(terminal: None, saved: Path, mini: DataPack) -> None:
    write_answers(saved, {q.id: 4 for q in mini.questions[:8]} | {"free_day": "nap"})
    result = run_quiz(["--resume", str(saved), "--review"], "1" + KEEP * 8)
    assert result.exit_code == 0, result.output
    answers = answers_in(saved)["answers"]
    assert answers["help_stuck_users"] == 1 and answers["notice_frustration"] == 4 and answers["free_day"] == "nap"


def test_resume_keeps_the_files_respondent_and_start_time(terminal: None, saved: Path) -> None:
    write_answers(saved, {"help_stuck_users": 5}, respondent="Ada", taken_at="2024-05-01T09:30:00+02:00")
    run_quiz(["--resume", str(saved)], KEEP * 8)
    document = answers_in(saved)
    assert (document["respondent"], document["taken_at"]) == ("Ada", "2024-05-01T09:30:00+02:00")


def test_resume_with_save_writes_the_new_file_and_leaves_the_old_one_alone(terminal: None, tmp_path: Path) -> None:
    old = write_answers(tmp_path / "old.yaml", {"help_stuck_users": 5})
    before = old.read_text(encoding="utf-8")
    run_quiz(["--resume", str(old), "--save", str(tmp_path / "new.yaml")], KEEP * 8)
    assert old.read_text(encoding="utf-8") == before
    assert len(answers_in(tmp_path / "new.yaml")["answers"]) == 9


def test_resuming_a_fully_answered_file_goes_straight_to_the_report(terminal: None, saved: Path, mini: DataPack) -> None:
    write_answers(saved, {q.id: 4 for q in mini.questions[:8]} | {"free_day": "nap"})
    result = run_quiz(["--resume", str(saved)])
    assert result.exit_code == 0, result.output
    assert "How every role fits" in result.stdout


def test_the_report_options_of_score_apply_to_the_quiz_report(terminal: None, tmp_path: Path) -> None:
    exported = tmp_path / "report.json"
    result = run_quiz(["--client", "Ada", "--top", "1", "--explain", "engineer", "--export", str(exported)], KEEP * 9)
    assert result.exit_code == 0, result.output
    ranked = [line for line in result.stdout.splitlines() if re.match(r"\s*\d+\s+(Advocate|Engineer|Generalist)\s+\d", line)]
    assert len(ranked) == 1 and "Why Engineer scores" in result.stdout
    assert json.loads(exported.read_text(encoding="utf-8"))["explanation"]


def test_an_unknown_explain_role_fails_before_the_first_question(terminal: None) -> None:
    result = run_quiz(["--client", "Ada", "--explain", "astronaut"])
    assert result.exit_code == 2 and "unknown role 'astronaut'" in result.stderr


def test_save_will_not_overwrite_an_earlier_session(terminal: None, saved: Path) -> None:
    write_answers(saved, {"help_stuck_users": 5})
    result = run_quiz(["--client", "Ada", "--save", str(saved)])
    assert result.exit_code == 2 and f"--resume {saved}" in result.stderr
    assert answers_in(saved)["answers"] == {"help_stuck_users": 5}


def test_no_input_exits_2_with_one_line_pointing_to_template_and_score(terminal: None) -> None:
    result = run_quiz(["--no-input"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "rolefit template" in result.stderr and "rolefit score" in result.stderr


def test_without_a_terminal_piped_keys_are_never_read_as_answers(tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    finished = subprocess.run(
        [sys.executable, "-m", "rolefit", "quiz", "--client", "Ada", "--save", str(saved), "--data-dir", str(MINI)],
        input="\r" * 20, capture_output=True, text=True, timeout=TIMEOUT)
    assert finished.returncode == 2 and finished.stdout == ""
    assert finished.stderr.count("\n") == 1 and "rolefit template" in finished.stderr and "Traceback" not in finished.stderr
    assert not saved.exists()


# claims, resumed files and late failures --------------------------------------------------

def hold_lock(path: Path, pid: int) -> Path:
    """Make `path` look claimed by the process `pid`, as a running quiz claims its file."""
    lock = quiz.lock_path(path)
    lock.write_text(f"{pid}\n")
    return lock


def a_finished_process() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


def test_a_second_quiz_saving_to_a_file_in_use_is_refused(terminal: None, saved: Path) -> None:
    import os

    hold_lock(saved, os.getpid())
    result = run_quiz(["--client", "Ada", "--save", str(saved)])
    assert result.exit_code == 2 and "another rolefit quiz" in result.stderr
    assert result.stderr.count("\n") == 1 and not saved.exists()


def test_a_second_quiz_resuming_a_file_in_use_is_refused_and_the_file_left_alone(terminal: None, saved: Path) -> None:
    import os

    write_answers(saved, {"help_stuck_users": 5})
    before = saved.read_bytes()
    hold_lock(saved, os.getpid())
    result = run_quiz(["--resume", str(saved)], KEEP * 8)
    assert result.exit_code == 2 and "another rolefit quiz" in result.stderr
    assert saved.read_bytes() == before


def test_a_lock_left_by_a_process_that_no_longer_runs_is_taken_over(terminal: None, saved: Path) -> None:
    hold_lock(saved, a_finished_process())
    result = run_quiz(["--client", "Ada", "--save", str(saved)], KEEP * 9)
    assert result.exit_code == 0, result.output
    assert len(answers_in(saved)["answers"]) == 9


def test_the_claim_is_released_when_the_quiz_ends_or_stops(terminal: None, tmp_path: Path) -> None:
    finished, stopped = tmp_path / "finished.yaml", tmp_path / "stopped.yaml"
    assert run_quiz(["--client", "Ada", "--save", str(finished)], KEEP * 9).exit_code == 0
    assert run_quiz(["--client", "Ada", "--save", str(stopped)], KEEP + CTRL_C).exit_code == 130
    assert [p.name for p in tmp_path.iterdir() if "lock" in p.name] == []


def test_quizzes_started_in_the_same_second_get_different_autosave_files(isolated_home: Path) -> None:
    started = dt.datetime(2026, 11, 22, 9, 30, 0)
    first = quiz._autosave_path(started)
    quiz.Claim(first).take()
    assert quiz._autosave_path(started) != first
    assert quiz.autosave_name(started, 0, 1) != quiz.autosave_name(started, 0, 2)


def test_autosave_names_still_sort_by_start_time() -> None:
    earlier, later = dt.datetime(2026, 11, 22, 9, 30, 0), dt.datetime(2026, 11, 22, 9, 30, 1)
    assert quiz.autosave_name(earlier, 0, 99999) < quiz.autosave_name(later, 0, 1)


def test_answers_written_by_someone_else_during_the_quiz_are_never_overwritten(
        mini: DataPack, saved: Path, isolated_home: Path) -> None:
    store = quiz._Store(mini, saved, seen=quiz._fingerprint(saved))
    sheet = quiz.fresh_sheet(mini, "Ada", "2026-11-22T09:30:00+00:00")
    store.keep(dt_replace(sheet, {mini.questions[0].id: 4}))
    saved.write_text("answers:\n  written_by: someone else\n")
    store.keep(dt_replace(sheet, {mini.questions[0].id: 4, mini.questions[1].id: 2}))
    assert saved.read_text() == "answers:\n  written_by: someone else\n"
    [elsewhere] = (isolated_home / "autosave").glob("quiz-*.yaml")
    assert answers_in(elsewhere)["answers"] == {mini.questions[0].id: 4, mini.questions[1].id: 2}


def dt_replace(sheet, answers: dict):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(sheet, answers=answers)


COACHED = """\
# Sam's session, coach: Kim
# keep this header
id: client-0042
respondent: Sam
notes: prefers mornings
answers:
  help_stuck_users: 5
"""


def test_resume_keeps_what_rolefit_does_not_own(terminal: None, saved: Path) -> None:
    saved.write_text(COACHED, encoding="utf-8")
    result = run_quiz(["--resume", str(saved)], KEEP * 8)
    assert result.exit_code == 0, result.output
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# Sam's session, coach: Kim\n# keep this header\n")
    document = answers_in(saved)
    assert (document["id"], document["notes"]) == ("client-0042", "prefers mornings")
    assert list(document)[:2] == ["id", "respondent"] and len(document["answers"]) == 9


def test_resume_keeps_the_files_mode(terminal: None, saved: Path) -> None:
    import os
    import stat

    write_answers(saved, {"help_stuck_users": 5})
    os.chmod(saved, 0o644)
    run_quiz(["--resume", str(saved)], KEEP * 8)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o644
    assert len(answers_in(saved)["answers"]) == 9


def test_resume_writes_through_a_symlink(terminal: None, tmp_path: Path) -> None:
    target = write_answers(tmp_path / "real.yaml", {"help_stuck_users": 5})
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    result = run_quiz(["--resume", str(link)], KEEP * 8)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and len(answers_in(target)["answers"]) == 9


def test_resume_writes_nothing_until_an_answer_changes(terminal: None, saved: Path) -> None:
    saved.write_text(COACHED, encoding="utf-8")
    before = saved.stat()
    result = run_quiz(["--resume", str(saved), "--client", "Someone Else"], CTRL_C)
    assert result.exit_code == 130
    assert saved.read_text(encoding="utf-8") == COACHED
    assert saved.stat().st_mtime_ns == before.st_mtime_ns and saved.stat().st_ino == before.st_ino


def test_an_unwritable_save_folder_fails_before_the_first_question(terminal: None, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = run_quiz(["--client", "Ada", "--save", str(not_a_folder / "answers.yaml")])
    assert result.exit_code == 2 and "cannot be written" in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_unwritable_rolefit_home_fails_before_the_first_question(terminal: None, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    monkeypatch.setenv("ROLEFIT_HOME", str(not_a_folder / "home"))
    result = run_quiz(["--client", "Ada"])
    assert result.exit_code == 2 and "cannot be written" in result.stderr and "ROLEFIT_HOME" in result.stderr


def test_an_unwritable_export_path_fails_before_the_first_question(terminal: None, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = run_quiz(["--client", "Ada", "--export", str(not_a_folder / "report.md")])
    assert result.exit_code == 2 and "cannot be written" in result.stderr


def test_control_characters_in_client_reach_neither_the_terminal_nor_the_file(terminal: None, saved: Path) -> None:
    result = run_quiz(["--client", "Ada\x1b]0;pwned\x07\nEve", "--save", str(saved)], KEEP * 9)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert answers_in(saved)["respondent"] == "Ada]0;pwnedEve"


def test_resume_keeps_every_comment_of_a_filled_in_template(terminal: None, saved: Path, mini: DataPack) -> None:
    template = CliRunner().invoke(app, ["template", "--data-dir", str(MINI)]).stdout
    last_two = [q.id for q in mini.questions[-2:]]
    for qid in last_two:
        template = template.replace(f"  {qid}:\n", "")
    saved.write_text(template.replace("  help_stuck_users:\n", "  help_stuck_users: 5  # sure\n"), encoding="utf-8")
    comments = [line for line in saved.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
    result = run_quiz(["--resume", str(saved), "--client", "Ada"], KEEP * 2 + KEEP * 6)
    assert result.exit_code == 0, result.output
    text = saved.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == comments
    assert "  help_stuck_users: 5  # sure\n" in text
    document = answers_in(saved)
    assert [document["answers"][qid] for qid in last_two] == [3, "answer_forum"]
    assert document["respondent"] == "Ada"


def test_a_line_break_in_client_never_reaches_the_markdown_export(terminal: None, tmp_path: Path) -> None:
    exported = tmp_path / "report.md"
    result = run_quiz(["--client", "Ada\n# Injected heading", "--export", str(exported)], KEEP * 9)
    assert result.exit_code == 0, result.output
    markdown = exported.read_text(encoding="utf-8")
    client_line = next(line for line in markdown.splitlines() if "**Client:**" in line)
    assert "\n# Injected heading" not in markdown and "Injected heading" in client_line

# pick-all-that-apply questions -------------------------------------------------------------

SPACE = " "


@pytest.fixture
def multi_pack(tmp_path: Path) -> Path:
    """The mini pack with a pick-all-that-apply question added at the end."""
    import shutil

    folder = tmp_path / "multi"
    shutil.copytree(MINI, folder)
    return with_pick_all(folder)


PICK_ALL_QUESTION = """  - id: weekend_extras
    kind: multi
    section: craft
    text: Which would you do on a free weekend?
    options:
      - {value: meetup, label: Go to a meetup, traits: {empathy: 1.0}}
      - {value: side_project, label: Build a side project, traits: {technical_depth: 1.0}}
      - {value: hackathon, label: Join a hackathon, traits: {variety: 1.0}}
"""


def with_pick_all(folder: Path) -> Path:
    """The pack in `folder` with PICK_ALL_QUESTION added at the end of its questions."""
    questions = folder / "questions.yaml"
    questions.write_text(questions.read_text() + PICK_ALL_QUESTION)
    return folder


def run_multi_quiz(folder: Path, saved: Path, keys: str) -> Result:
    outcome: list[Result] = []
    with create_pipe_input() as typed:
        typed.send_text(keys)

        def invoke() -> None:
            with create_app_session(input=typed, output=DummyOutput()):
                outcome.append(CliRunner().invoke(app, ["quiz", "--full", "--client", "Ada", "--save", str(saved),
                                                        "--data-dir", str(folder)]))

        worker = threading.Thread(target=invoke, daemon=True)
        worker.start()
        worker.join(TIMEOUT)
        assert not worker.is_alive(), f"the quiz still waits for keys after {TIMEOUT}s"
    return outcome[0]


def test_a_pick_all_question_saves_the_ticked_options_as_a_list(terminal: None, saved: Path, multi_pack: Path) -> None:
    keys = KEEP * 9 + SPACE + DOWN + DOWN + SPACE + ENTER
    result = run_multi_quiz(multi_pack, saved, keys)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["answers"]["weekend_extras"] == ["meetup", "hackathon"]


def test_a_pick_all_question_with_nothing_ticked_means_none_apply(terminal: None, saved: Path, multi_pack: Path) -> None:
    result = run_multi_quiz(multi_pack, saved, KEEP * 9 + ENTER)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["answers"]["weekend_extras"] == []


def test_enter_on_back_or_skip_of_a_pick_all_question_moves_instead_of_answering(mini: DataPack) -> None:
    prompt = quiz.Prompt(3, (("A", "a"), ("B", "b"), (quiz.BACK_LABEL, Move.BACK), (quiz.SKIP_LABEL, Move.SKIP)),
                         multi=True, ticked=("a",))
    assert quiz.press(dataclasses.replace(prompt, cursor=2), "enter")[1] is Move.BACK
    assert quiz.press(dataclasses.replace(prompt, cursor=3), "enter")[1] is Move.SKIP


# the dealbreakers step ----------------------------------------------------------------------

def mini_with_dealbreakers(folder: Path, dealbreakers: str) -> Path:
    """A copy of the mini pack in `folder` whose roles.yaml lists `dealbreakers` (YAML list
    items) before its roles."""
    import shutil

    shutil.copytree(MINI, folder)
    roles = folder / "roles.yaml"
    roles.write_text(roles.read_text().replace("roles:\n  - id: advocate",
                                               f"dealbreakers:\n{dealbreakers}roles:\n  - id: advocate"))
    return folder


TWO_DEALBREAKERS = """  - id: crowds
    label: Spend my days among crowds
    roles: {advocate: {reason: the job is among users, source: art, where: the part on users}}
  - id: pager
    label: Carry a pager
    roles: {engineer: {reason: engineers are on call, source: art, where: the part on call}}
"""


@pytest.fixture
def dealbreaker_pack(tmp_path: Path) -> Path:
    """The mini pack with two dealbreakers, asked before the questions."""
    return mini_with_dealbreakers(tmp_path / "dealbreakers", TWO_DEALBREAKERS)


def test_a_new_quiz_asks_for_dealbreakers_first_and_ranks_the_roles_they_touch_last(
        terminal: None, saved: Path, dealbreaker_pack: Path) -> None:
    keys = SPACE + ENTER + KEEP * 9
    result = run_multi_quiz(dealbreaker_pack, saved, keys)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["dealbreakers"] == ["crowds"]
    assert "Advocate (ruled out)" in result.stdout


def test_skipping_the_dealbreakers_step_names_none(terminal: None, saved: Path, dealbreaker_pack: Path) -> None:
    result = run_multi_quiz(dealbreaker_pack, saved, "s" + KEEP * 9)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["dealbreakers"] == []


def test_a_pack_without_dealbreakers_asks_no_dealbreaker_step(mini: DataPack) -> None:
    assert quiz.dealbreaker_step(mini) is None


def next_json(answers_file: Path, folder: Path) -> dict:
    result = CliRunner().invoke(app, ["next", str(answers_file), "--json", "--data-dir", str(folder)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_next_asks_the_dealbreakers_first_while_the_answers_do_not_say_them(tmp_path: Path, dealbreaker_pack: Path) -> None:
    step = next_json(write_answers(tmp_path / "a.yaml", {}), dealbreaker_pack)
    assert step["question"]["id"] == "dealbreakers" and step["question"]["kind"] == "multi"
    assert [(o["value"], o["label"]) for o in step["question"]["options"]] == [
        ("crowds", "Spend my days among crowds"), ("pager", "Carry a pager")]


def test_an_empty_dealbreakers_list_answers_the_dealbreakers_step(tmp_path: Path, dealbreaker_pack: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("dealbreakers: []\nanswers: {}\n")
    assert next_json(path, dealbreaker_pack)["question"]["id"] != "dealbreakers"


def test_the_quiz_and_next_ask_the_same_dealbreakers_step(terminal: None, tmp_path: Path, saved: Path,
                                                           dealbreaker_pack: Path) -> None:
    from rolefit.data import load_pack

    drawn = quiz.dealbreaker_step(load_pack(dealbreaker_pack)).questions[0]
    asked = next_json(write_answers(tmp_path / "a.yaml", {}), dealbreaker_pack)["question"]
    assert (asked["text"], [o["value"] for o in asked["options"]]) == (drawn.text, [o.value for o in drawn.options])
    result = run_multi_quiz(dealbreaker_pack, saved, "s" + KEEP * 9)
    assert result.exit_code == 0, result.output
    assert next_json(saved, dealbreaker_pack)["question"] is None


def test_resuming_a_file_without_dealbreakers_keeps_its_comments(terminal: None, tmp_path: Path,
                                                                  dealbreaker_pack: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text("# Ada, first session\nrespondent: Ada\nanswers:\n  help_stuck_users: 4  # sure\n")
    result = run_quiz(["--resume", str(path)], SPACE + ENTER + KEEP * 9, data_dir=dealbreaker_pack)
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert text.startswith("# Ada, first session\n") and "help_stuck_users: 4  # sure" in text
    assert answers_in(path)["dealbreakers"] == ["crowds"]


def test_resuming_a_file_without_dealbreakers_asks_them_before_going_on(terminal: None, tmp_path: Path,
                                                                        dealbreaker_pack: Path) -> None:
    path = write_answers(tmp_path / "old.yaml", {"help_stuck_users": 4}, respondent="Ada")
    result = run_quiz(["--resume", str(path)], SPACE + ENTER + KEEP * 9, data_dir=dealbreaker_pack)
    assert result.exit_code == 0, result.output
    assert answers_in(path)["dealbreakers"] == ["crowds"]


def test_the_report_after_the_quiz_ends_with_where_the_answers_are_saved(terminal: None, saved: Path) -> None:
    result = run_quiz(["--client", "Ada", "--save", str(saved)], KEEP * 9)
    assert result.exit_code == 0, result.output
    footer = " ".join(result.stdout.split()).split("Your trait profile")[1]
    assert f"Your answers: {saved}" in footer and f"See this report again: rolefit score {saved} --data-dir {MINI}" in footer
