"""`rolefit quiz` keeps every answer given, whatever goes wrong around it: a skip kept by
Enter, a save that fails, dealbreakers ticked before a Ctrl-C, a resumed file's own layout,
and lock files that are not what a quiz left (a FIFO, a device, a race between quizzes).

The command runs in a thread that must finish within TIMEOUT, as in test_quiz.py, so a hang
fails the test instead of stalling the suite. The fixtures (a terminal, a file to save to, the
mini pack with a pick-all question or with dealbreakers) are test_quiz.py's."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from rolefit import quiz
from rolefit.errors import RolefitError
from rolefit.model import DataPack
from rolefit.quiz import Move, store
from test_quiz import (CTRL_C, ENTER, KEEP, MINI, SPACE, answers_in, dealbreaker_pack, multi_pack, run_quiz,  # noqa: F401
                       saved, terminal, write_answers)

def run(args: list[str], keys: str = "", data_dir: Path = MINI) -> Result:
    """`rolefit quiz ARGS --data-dir DATA_DIR` with `keys` already typed, within TIMEOUT."""
    return run_quiz(args, keys, full=False, data_dir=data_dir)


def every_answer(pack: DataPack) -> dict:
    return {q.id: 4 if q.kind == "likert" else q.options[0].value for q in pack.questions}


# Enter keeps a skip -----------------------------------------------------------------------

def test_a_pick_all_question_skipped_before_starts_with_the_cursor_on_skip(multi_pack: Path) -> None:
    from rolefit.data import load_pack

    pack = load_pack(multi_pack)
    index = next(i for i, q in enumerate(pack.questions) if q.kind == "multi")
    prompt = quiz.prompt_for(pack, index, quiz.highlighted(pack.questions[index], {"weekend_extras": None}), True)
    assert quiz.press(prompt, "enter")[1] is Move.SKIP


def test_enter_on_a_skipped_pick_all_question_keeps_it_skipped_in_the_pass_over_skips(
        terminal: None, saved: Path, multi_pack: Path, mini: DataPack) -> None:
    write_answers(saved, every_answer(mini) | {"weekend_extras": None})
    result = run(["--resume", str(saved), "--full"], ENTER, multi_pack)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["answers"]["weekend_extras"] is None


def test_enter_on_a_skipped_pick_all_question_keeps_it_skipped_in_a_review(
        terminal: None, saved: Path, multi_pack: Path, mini: DataPack) -> None:
    write_answers(saved, every_answer(mini) | {"weekend_extras": None})
    result = run(["--resume", str(saved), "--review", "--full"], ENTER * (len(mini.questions) + 1), multi_pack)
    assert result.exit_code == 0, result.output
    assert answers_in(saved)["answers"]["weekend_extras"] is None


# a save that fails ------------------------------------------------------------------------

def failing_saves(monkeypatch: pytest.MonkeyPatch, broken: Path | None, after: int = 0) -> None:
    """Saves to `broken` (every save, when None) fail as on a full disk, after `after` good ones."""
    real, done = store.save_sheet, [0]

    def save(path: Path, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if broken is None or Path(path) == broken:
            done[0] += 1
            if done[0] > after:
                raise RolefitError(f"{path}: cannot be written (No space left on device)")
        real(path, *args, **kwargs)

    monkeypatch.setattr(store, "save_sheet", save)


def test_a_save_that_fails_mid_quiz_moves_to_an_autosave_and_loses_no_answer(
        terminal: None, saved: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing_saves(monkeypatch, saved, after=2)
    result = run(["--client", "Ada", "--save", str(saved), "--full"], "5" * 4 + CTRL_C)
    assert result.exit_code == 130
    assert "No space left on device" in result.stderr
    [autosave] = (isolated_home / "autosave").iterdir()
    assert len(answers_in(autosave)["answers"]) == 4
    assert f"--resume {autosave}" in result.stderr.splitlines()[-1]


def test_a_quiz_whose_save_failed_finishes_and_says_where_the_answers_are(
        terminal: None, saved: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch, mini: DataPack) -> None:
    failing_saves(monkeypatch, saved, after=1)
    result = run(["--client", "Ada", "--save", str(saved), "--full"], KEEP * len(mini.questions))
    assert result.exit_code == 0, result.output
    [autosave] = (isolated_home / "autosave").iterdir()
    assert len(answers_in(autosave)["answers"]) == len(mini.questions)
    assert f"answers saved to {autosave}" in result.stderr


def test_when_no_autosave_can_be_written_either_the_answers_are_printed_not_lost(
        terminal: None, saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing_saves(monkeypatch, None, after=1)
    result = run(["--client", "Ada", "--save", str(saved), "--full"], "5" * 3)
    assert result.exit_code == 2
    printed = yaml.safe_load(result.stdout)
    assert list(printed["answers"].values()) == [5, 5]
    assert "printed above" in result.stderr.splitlines()[-1] and "--resume" in result.stderr.splitlines()[-1]


def test_a_lock_that_cannot_be_removed_is_left_without_hiding_what_went_wrong(
        saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claim = quiz.Claim(saved)
    claim.take()

    def read_only(self: Path, missing_ok: bool = False) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(Path, "unlink", read_only)
    claim.release()


# dealbreakers are answers -----------------------------------------------------------------

def test_dealbreakers_ticked_before_a_ctrl_c_are_saved_with_a_resume_command(
        terminal: None, saved: Path, dealbreaker_pack: Path) -> None:
    result = run(["--client", "Ada", "--save", str(saved), "--full"], SPACE + ENTER + CTRL_C, dealbreaker_pack)
    assert result.exit_code == 130
    assert answers_in(saved)["dealbreakers"] == ["crowds"]
    assert f"--resume {saved}" in result.stderr.splitlines()[-1]


def test_resuming_a_file_with_dealbreakers_in_its_own_order_keeps_its_lines_and_comments(
        terminal: None, saved: Path, dealbreaker_pack: Path, mini: DataPack) -> None:
    likert = [q for q in mini.questions if q.kind == "likert"]
    answers = "\n".join(f"  {q.id}: 4   # kept comment {n}" for n, q in enumerate(likert))
    saved.write_text(f"# my notes\nrespondent: Ada\ndealbreakers: [pager, crowds, pager]  # in my order\n"
                     f"answers:\n{answers}\n", encoding="utf-8")
    result = run(["--resume", str(saved), "--full"], ENTER, dealbreaker_pack)
    assert result.exit_code == 0, result.output
    after = saved.read_text()
    assert after.startswith("# my notes\n") and "dealbreakers: [pager, crowds, pager]  # in my order\n" in after
    assert all(f"# kept comment {n}" in after for n in range(len(likert)))


# lock files -------------------------------------------------------------------------------

def test_a_lock_that_is_a_fifo_is_refused_in_one_line_instead_of_hanging(
        terminal: None, saved: Path, mini: DataPack) -> None:
    write_answers(saved, {mini.questions[0].id: 4})
    os.mkfifo(quiz.lock_path(saved))
    result = run(["--resume", str(saved)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(quiz.lock_path(saved)) in result.stderr
    assert "FIFO" in result.stderr and "Traceback" not in result.output


def test_a_lock_that_points_at_an_endless_device_is_refused_without_reading_it(
        terminal: None, saved: Path, mini: DataPack) -> None:
    write_answers(saved, {mini.questions[0].id: 4})
    quiz.lock_path(saved).symlink_to("/dev/zero")
    result = run(["--resume", str(saved)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "device" in result.stderr


def test_a_lock_that_names_no_process_yet_is_not_taken_for_stale(saved: Path) -> None:
    quiz.lock_path(saved).write_text("")
    with pytest.raises(RolefitError, match="cannot claim"):
        quiz.Claim(saved).take()


def test_an_empty_lock_left_long_ago_is_taken_over(saved: Path) -> None:
    lock = quiz.lock_path(saved)
    lock.write_text("")
    os.utime(lock, (time.time() - 60, time.time() - 60))
    claim = quiz.Claim(saved)
    claim.take()
    assert lock.read_text().strip() == str(os.getpid())


def test_a_quiz_removes_only_its_own_lock(saved: Path) -> None:
    claim = quiz.Claim(saved)
    claim.take()
    lock = quiz.lock_path(saved)
    lock.unlink()
    lock.write_text("999999\n")
    claim.release()
    assert lock.read_text() == "999999\n"


def _claim_repeatedly(path: str, log: str, rounds: int) -> None:
    """Take and release the claim `rounds` times, logging each holding as start and end times."""
    for _ in range(rounds):
        claim = quiz.Claim(Path(path))
        try:
            claim.take()
        except RolefitError:
            continue
        start = time.monotonic()
        time.sleep(0.002)
        end = time.monotonic()
        claim.release()
        with open(log, "a", encoding="ascii") as out:
            out.write(f"{start} {end}\n")


def test_quizzes_racing_for_one_file_never_hold_it_at_the_same_time(saved: Path, tmp_path: Path) -> None:
    log = tmp_path / "held.log"
    context = multiprocessing.get_context("fork")
    racers = [context.Process(target=_claim_repeatedly, args=(str(saved), str(log), 60)) for _ in range(4)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(60)
    held = sorted(tuple(map(float, line.split())) for line in log.read_text().splitlines())
    assert len(held) > 4
    assert all(earlier[1] <= later[0] for earlier, later in zip(held, held[1:]))


# found by a hostile pass over the quiz ------------------------------------------------------

def test_save_to_a_folder_says_it_is_a_folder_rather_than_offering_to_resume_it(tmp_path: Path) -> None:
    problem = quiz.plan_problem(quiz.Plan(save=tmp_path))
    assert problem is not None and "is a folder" in problem and "--resume" not in problem


def test_resuming_a_file_of_an_older_quiz_names_a_few_unknown_questions_not_all_of_them(
        terminal: None, saved: Path, mini: DataPack) -> None:
    write_answers(saved, {f"old_question_{n}": 4 for n in range(40)})
    result = run(["--resume", str(saved)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "40 questions (old_question_0, old_question_1, old_question_2 and 37 more)" in result.stderr
    assert "--save NEW_PATH" in result.stderr


def test_the_offer_says_the_dealbreakers_rule_out_every_role_when_they_do(mini: DataPack) -> None:
    from rolefit.adaptive import Next

    text = quiz.settled_text(Next(True, None, 14, 0, "no_clear_fit", None, True, "ruled_out"), mini)
    assert "dealbreakers rule out every role" in text and "no role in particular" not in text
