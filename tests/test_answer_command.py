"""`rolefit answer FILE QUESTION_ID [VALUE...]`: one answer recorded, checked against the
question, in a file a quiz could carry on with; with `rolefit next`, a script takes the whole
quiz."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from rolefit.cli import app
from rolefit.data import load_pack
from rolefit.locking import lock_path

from conftest import MINI_PACK
from test_quiz import TWO_DEALBREAKERS, mini_with_dealbreakers, with_pick_all

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def quiz_pack(tmp_path: Path) -> Path:
    """The mini pack with every kind of question: agree/disagree, choose-one, a pick-all
    question added at the end, and two dealbreakers."""
    return with_pick_all(mini_with_dealbreakers(tmp_path / "pack", TWO_DEALBREAKERS))


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    return tmp_path / "me.yaml"


def answer(pack: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["answer", *args, "--data-dir", str(pack)])


def held(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def refused(result: Result) -> bool:
    """An error as rolefit gives one: exit 2, one line on stderr, nothing on stdout."""
    return result.exit_code == 2 and result.stderr.count("\n") == 1 and result.stdout == ""


# recording each kind of answer ---------------------------------------------------------------

def test_an_agree_disagree_answer_is_recorded_as_its_scale_point(quiz_pack: Path, saved: Path) -> None:
    assert answer(quiz_pack, str(saved), "help_stuck_users", "4").exit_code == 0
    assert held(saved)["answers"] == {"help_stuck_users": 4}


def test_a_choose_one_answer_is_recorded_as_the_option_value(quiz_pack: Path, saved: Path) -> None:
    assert answer(quiz_pack, str(saved), "free_day", "deep_dive").exit_code == 0
    assert held(saved)["answers"] == {"free_day": "deep_dive"}


def test_a_pick_all_answer_is_recorded_in_the_question_order(quiz_pack: Path, saved: Path) -> None:
    assert answer(quiz_pack, str(saved), "weekend_extras", "hackathon", "meetup").exit_code == 0
    assert held(saved)["answers"] == {"weekend_extras": ["meetup", "hackathon"]}


def test_a_pick_all_question_given_no_values_records_that_none_apply(quiz_pack: Path, saved: Path) -> None:
    assert answer(quiz_pack, str(saved), "weekend_extras").exit_code == 0
    assert held(saved)["answers"] == {"weekend_extras": []}


def test_skip_records_the_question_as_skipped(quiz_pack: Path, saved: Path) -> None:
    assert answer(quiz_pack, str(saved), "free_day", "--skip").exit_code == 0
    assert held(saved)["answers"] == {"free_day": None}


def test_dealbreakers_go_in_the_dealbreakers_list_not_in_the_answers(quiz_pack: Path, saved: Path) -> None:
    assert answer(quiz_pack, str(saved), "dealbreakers", "pager", "crowds").exit_code == 0
    assert (held(saved)["dealbreakers"], held(saved)["answers"]) == (["crowds", "pager"], {})


def test_no_dealbreakers_are_recorded_as_an_empty_list_that_next_takes_as_answered(
        runner: CliRunner, quiz_pack: Path, saved: Path) -> None:
    assert answer(quiz_pack, str(saved), "dealbreakers").exit_code == 0
    assert held(saved)["dealbreakers"] == []
    step = json.loads(runner.invoke(app, ["next", str(saved), "--json", "--data-dir", str(quiz_pack)]).stdout)
    assert step["question"]["id"] != "dealbreakers"


def test_skipping_the_dealbreakers_names_none_as_the_quiz_does(quiz_pack: Path, saved: Path) -> None:
    assert answer(quiz_pack, str(saved), "dealbreakers", "--skip").exit_code == 0
    assert held(saved)["dealbreakers"] == []


def test_answering_a_question_again_replaces_its_answer(quiz_pack: Path, saved: Path) -> None:
    answer(quiz_pack, str(saved), "help_stuck_users", "4")
    assert answer(quiz_pack, str(saved), "help_stuck_users", "2").exit_code == 0
    assert held(saved)["answers"] == {"help_stuck_users": 2}


# the file -----------------------------------------------------------------------------------

def test_a_missing_file_is_made_with_the_quiz_version_and_dealbreakers_still_to_ask(
        quiz_pack: Path, saved: Path) -> None:
    assert answer(quiz_pack, str(saved), "help_stuck_users", "4").exit_code == 0
    document = held(saved)
    assert document["quiz_version"] == load_pack(quiz_pack).version and document["taken_at"]
    assert "dealbreakers" not in document


def test_a_json_path_is_written_as_json(quiz_pack: Path, tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    assert answer(quiz_pack, str(path), "help_stuck_users", "4").exit_code == 0
    assert json.loads(path.read_text())["answers"] == {"help_stuck_users": 4}


def test_an_empty_file_is_taken_for_a_new_one(quiz_pack: Path, saved: Path) -> None:
    saved.write_text("")
    assert answer(quiz_pack, str(saved), "help_stuck_users", "4").exit_code == 0
    assert held(saved)["answers"] == {"help_stuck_users": 4}


def test_a_file_with_only_a_name_takes_answers(quiz_pack: Path, saved: Path) -> None:
    saved.write_text("respondent: Ada\n")
    assert answer(quiz_pack, str(saved), "help_stuck_users", "4").exit_code == 0
    assert held(saved) == {"respondent": "Ada", "answers": {"help_stuck_users": 4}}


def test_the_file_keeps_its_comments_layout_and_other_keys(quiz_pack: Path, saved: Path) -> None:
    saved.write_text("# Ada's answers\nid: client-7  # the coach's id\nanswers:\n"
                     "  help_stuck_users: 4   # sure of this\n  free_day: nap\n")
    assert answer(quiz_pack, str(saved), "read_source", "2").exit_code == 0
    assert saved.read_text() == ("# Ada's answers\nid: client-7  # the coach's id\nanswers:\n"
                                 "  help_stuck_users: 4   # sure of this\n  free_day: nap\n  read_source: 2\n")


def test_recording_the_dealbreakers_keeps_the_files_comments(quiz_pack: Path, saved: Path) -> None:
    saved.write_text("# Ada's answers\nid: client-7  # the coach's id\nanswers:\n  help_stuck_users: 4   # sure of this\n")
    assert answer(quiz_pack, str(saved), "dealbreakers", "crowds").exit_code == 0
    assert saved.read_text() == ("# Ada's answers\nid: client-7  # the coach's id\ndealbreakers: [crowds]\nanswers:\n"
                                 "  help_stuck_users: 4   # sure of this\n")


def test_changing_the_dealbreakers_rewrites_only_their_line(quiz_pack: Path, saved: Path) -> None:
    saved.write_text("dealbreakers: []  # none at first\nanswers:\n  help_stuck_users: 4   # sure of this\n")
    assert answer(quiz_pack, str(saved), "dealbreakers", "crowds").exit_code == 0
    assert saved.read_text() == "dealbreakers: [crowds]  # none at first\nanswers:\n  help_stuck_users: 4   # sure of this\n"


def test_nothing_is_printed_on_stdout_by_default(quiz_pack: Path, saved: Path) -> None:
    result = answer(quiz_pack, str(saved), "help_stuck_users", "4")
    assert (result.stdout, result.stderr) == ("", "")


def test_json_prints_the_document_next_prints_for_the_file(runner: CliRunner, quiz_pack: Path, saved: Path) -> None:
    printed = answer(quiz_pack, str(saved), "dealbreakers", "crowds", "--json").stdout
    assert printed == runner.invoke(app, ["next", str(saved), "--json", "--data-dir", str(quiz_pack)]).stdout


# what is refused ---------------------------------------------------------------------------

def test_an_unknown_question_id_is_refused_with_the_nearest_one(quiz_pack: Path, saved: Path) -> None:
    result = answer(quiz_pack, str(saved), "help_stuck_user", "4")
    assert refused(result) and "'help_stuck_user'" in result.stderr and "did you mean 'help_stuck_users'" in result.stderr
    assert not saved.exists()


def test_a_scale_point_outside_one_to_five_is_refused(quiz_pack: Path, saved: Path) -> None:
    result = answer(quiz_pack, str(saved), "help_stuck_users", "6")
    assert refused(result) and "'help_stuck_users'" in result.stderr and "from 1" in result.stderr


def test_a_negative_scale_point_is_refused_in_one_line_as_a_value_not_an_option(quiz_pack: Path, saved: Path) -> None:
    result = answer(quiz_pack, str(saved), "help_stuck_users", "-1")
    assert refused(result) and "'-1' is not a point of the scale" in result.stderr
    assert not saved.exists()


def test_an_option_a_choose_one_question_lacks_is_refused_with_its_options(quiz_pack: Path, saved: Path) -> None:
    result = answer(quiz_pack, str(saved), "free_day", "sleep")
    assert refused(result) and "'sleep'" in result.stderr and "deep_dive" in result.stderr


def test_two_values_for_a_choose_one_question_are_refused(quiz_pack: Path, saved: Path) -> None:
    assert refused(answer(quiz_pack, str(saved), "free_day", "nap", "deep_dive"))


def test_an_agree_disagree_question_without_a_value_is_refused(quiz_pack: Path, saved: Path) -> None:
    result = answer(quiz_pack, str(saved), "help_stuck_users")
    assert refused(result) and "--skip" in result.stderr


def test_a_value_given_with_skip_is_refused(quiz_pack: Path, saved: Path) -> None:
    result = answer(quiz_pack, str(saved), "help_stuck_users", "4", "--skip")
    assert refused(result) and "--skip" in result.stderr


def test_a_pick_all_option_named_twice_is_refused(quiz_pack: Path, saved: Path) -> None:
    result = answer(quiz_pack, str(saved), "weekend_extras", "meetup", "meetup")
    assert refused(result) and "twice" in result.stderr


def test_an_unknown_dealbreaker_is_refused_with_the_known_ones(quiz_pack: Path, saved: Path) -> None:
    result = answer(quiz_pack, str(saved), "dealbreakers", "travel")
    assert refused(result) and "'travel'" in result.stderr and "crowds" in result.stderr


def test_dealbreakers_are_refused_by_a_pack_without_any(saved: Path) -> None:
    result = answer(MINI_PACK, str(saved), "dealbreakers")
    assert refused(result) and "no dealbreakers" in result.stderr


def test_a_file_that_is_not_an_answers_file_is_refused_and_left_alone(quiz_pack: Path, tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text('{"kind": "result", "ranking": []}\n')
    result = answer(quiz_pack, str(path), "help_stuck_users", "4")
    assert refused(result) and str(path) in result.stderr and "answers" in result.stderr
    assert path.read_text() == '{"kind": "result", "ranking": []}\n'


def test_another_packs_answers_file_is_refused_and_left_alone(quiz_pack: Path, saved: Path) -> None:
    saved.write_text("answers:\n  rework_a_draft: 4\n")
    result = answer(quiz_pack, str(saved), "help_stuck_users", "4")
    assert refused(result) and str(saved) in result.stderr and "rework_a_draft" in result.stderr
    assert saved.read_text() == "answers:\n  rework_a_draft: 4\n"


def test_stdin_is_refused_since_the_answer_must_be_written_somewhere(quiz_pack: Path) -> None:
    assert refused(answer(quiz_pack, "-", "help_stuck_users", "4"))


# the lock a quiz holds ------------------------------------------------------------------------

def test_a_file_a_running_quiz_is_saving_to_is_refused_and_left_alone(quiz_pack: Path, saved: Path) -> None:
    saved.write_text("answers:\n  help_stuck_users: 4\n")
    lock_path(saved).write_text(f"{os.getpid()}\n")
    result = answer(quiz_pack, str(saved), "read_source", "2")
    assert refused(result) and "quiz" in result.stderr and str(saved) in result.stderr
    assert saved.read_text() == "answers:\n  help_stuck_users: 4\n"


def test_the_lock_is_gone_once_the_answer_is_recorded(quiz_pack: Path, saved: Path) -> None:
    answer(quiz_pack, str(saved), "help_stuck_users", "4")
    assert not lock_path(saved).exists()


def test_a_lock_left_by_a_process_that_no_longer_runs_is_taken_over(quiz_pack: Path, saved: Path) -> None:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    lock_path(saved).write_text(f"{finished.pid}\n")
    assert answer(quiz_pack, str(saved), "help_stuck_users", "4").exit_code == 0


def test_another_answer_writing_the_file_is_waited_for(quiz_pack: Path, saved: Path) -> None:
    lock = lock_path(saved)
    lock.write_text(f"{os.getpid()} answer\n")
    threading.Timer(0.3, lock.unlink).start()
    assert answer(quiz_pack, str(saved), "help_stuck_users", "4").exit_code == 0
    assert held(saved)["answers"] == {"help_stuck_users": 4}


# a whole quiz from a script -------------------------------------------------------------------

def person(pack: Path, seed: int) -> dict[str, str]:
    """A simulated person's reply to every question, as the words a script passes to
    `rolefit answer`: some skipped, some pick-all questions answered with none."""
    rng = random.Random(seed)
    loaded = load_pack(pack)
    replies = {"dealbreakers": " ".join(d.id for d in loaded.dealbreakers if rng.random() < 0.5)}
    for question in loaded.questions:
        if rng.random() < 0.15:
            replies[question.id] = "--skip"
        elif question.kind == "likert":
            replies[question.id] = str(rng.randint(1, 5))
        elif question.kind == "choice":
            replies[question.id] = rng.choice(question.options).value
        else:
            replies[question.id] = " ".join(o.value for o in question.options if rng.random() < 0.5)
    return replies


def as_recorded(reply: str, kind: str) -> object:
    """What the file should hold for a reply."""
    if reply == "--skip":
        return None
    return int(reply) if kind == "likert" else reply if kind == "choice" else reply.split()


def documented_loop() -> str:
    """The loop in docs/scripting.md's "Taking the quiz from a script", as printed there."""
    text = (ROOT / "docs" / "scripting.md").read_text()
    section = text.split("## Taking the quiz from a script", 1)[1]
    return re.search(r"```bash\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


SIMULATED_ASK = """ask() {  # the simulated person: the reply person.json holds for the question asked
  local id; id=$(jq -r .question.id <<<"$1")
  echo "$id" >> asked.txt
  jq -r --arg id "$id" '.[$id]' person.json
}
"""


@pytest.mark.skipif(shutil.which("jq") is None or shutil.which("bash") is None, reason="needs bash and jq")
@pytest.mark.parametrize("seed", [1, 2])
def test_the_documented_loop_takes_the_whole_quiz_with_next_and_answer(
        runner: CliRunner, quiz_pack: Path, tmp_path: Path, seed: int) -> None:
    replies = person(quiz_pack, seed)
    (tmp_path / "person.json").write_text(json.dumps(replies))
    env = {**os.environ, "ROLEFIT_DATA_DIR": str(quiz_pack),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", SIMULATED_ASK + documented_loop()], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "How every role fits" in done.stdout
    asked = (tmp_path / "asked.txt").read_text().split()
    recorded = held(tmp_path / "me.yaml")
    kinds = {q.id: q.kind for q in load_pack(quiz_pack).questions}
    assert asked[0] == "dealbreakers" and recorded["dealbreakers"] == replies["dealbreakers"].split()
    assert recorded["answers"] == {qid: as_recorded(replies[qid], kinds[qid]) for qid in asked[1:]}
    final = json.loads(runner.invoke(app, ["next", str(tmp_path / "me.yaml"), "--json", "--data-dir", str(quiz_pack)]).stdout)
    assert final["done"] is True
    scored = json.loads(runner.invoke(app, ["score", str(tmp_path / "me.yaml"), "--json", "--data-dir", str(quiz_pack)]).stdout)
    skips = sum(1 for qid in asked[1:] if replies[qid] == "--skip")
    assert (scored["answered"], scored["skipped"]) == (len(asked) - 1 - skips, skips)


def test_answer_json_gives_the_same_next_step_as_next_at_every_step(
        runner: CliRunner, quiz_pack: Path, saved: Path) -> None:
    replies = person(quiz_pack, 3)
    step = json.loads(runner.invoke(app, ["next", "-", "--json", "--data-dir", str(quiz_pack)],
                                    input='{"answers": {}}').stdout)
    while not step["done"]:
        printed = answer(quiz_pack, str(saved), step["question"]["id"], *replies[step["question"]["id"]].split(), "--json")
        assert printed.stdout == runner.invoke(app, ["next", str(saved), "--json", "--data-dir", str(quiz_pack)]).stdout
        step = json.loads(printed.stdout)


def test_recording_an_answer_imports_no_interactive_or_rendering_library(saved: Path) -> None:
    from test_imports import HEAVY, imported_by

    assert imported_by("answer", str(saved), "rework_a_draft", "4").isdisjoint(HEAVY)


def test_a_quiz_that_finds_an_answer_writing_the_file_waits_for_it(saved: Path) -> None:
    from rolefit.locking import Claim

    lock = lock_path(saved)
    lock.write_text(f"{os.getpid()} answer\n")
    threading.Timer(0.3, lock.unlink).start()
    claim = Claim(saved)
    claim.take()
    assert lock.read_text() == f"{os.getpid()}\n"
    claim.release()


def test_a_file_in_a_folder_that_does_not_exist_is_refused_and_no_folder_made(quiz_pack: Path, tmp_path: Path) -> None:
    result = answer(quiz_pack, str(tmp_path / "typo" / "me.yaml"), "help_stuck_users", "4")
    assert refused(result) and "does not exist" in result.stderr
    assert not (tmp_path / "typo").exists()
