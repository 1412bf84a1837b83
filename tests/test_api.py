"""The Python API gives a front end the documents the command line prints, without a process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import rolefit
from tests.conftest import FIXTURES, MINI_PACK

PERSONA = FIXTURES / "docs_specialist.yaml"


def cli_json(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "rolefit", *args, "--json"], capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(done.stdout)


def test_score_returns_what_score_json_prints() -> None:
    assert rolefit.score(PERSONA) == cli_json("score", str(PERSONA))


def test_score_takes_the_parsed_document_as_well_as_a_path() -> None:
    document = yaml.safe_load(PERSONA.read_text())
    assert rolefit.score(document) == rolefit.score(str(PERSONA))


def test_next_step_returns_what_next_json_prints(tmp_path: Path) -> None:
    document = yaml.safe_load(PERSONA.read_text())
    partial = {"dealbreakers": document.get("dealbreakers", []),
               "answers": dict(list(document["answers"].items())[:12])}
    path = tmp_path / "partial.json"
    path.write_text(json.dumps(partial))
    assert rolefit.next_step(partial) == cli_json("next", str(path))


def test_both_take_another_data_pack() -> None:
    step = rolefit.next_step({"answers": {}}, data_dir=MINI_PACK)
    mini_ids = {q["id"] for q in cli_json("questions", "--data-dir", str(MINI_PACK))["questions"]}
    assert step["question"]["id"] in mini_ids


def test_a_pack_changed_between_calls_is_read_again(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    first = rolefit.next_step({"answers": {}}, data_dir=folder)["question"]["text"]
    questions = folder / "questions.yaml"
    questions.write_text(questions.read_text().replace(first, "A reworded statement."))
    assert rolefit.next_step({"answers": {}}, data_dir=folder)["question"]["text"] == "A reworded statement."


def test_answers_that_do_not_fit_raise_rolefit_error_with_a_message() -> None:
    with pytest.raises(rolefit.RolefitError, match="none of this quiz's questions"):
        rolefit.score({"answers": {"no_such_question": 3}})


def test_dealbreakers_may_be_a_tuple_as_pick_all_answers_may() -> None:
    answers = {"answers": {}, "dealbreakers": ("regular_travel",)}
    assert rolefit.next_step(answers) == rolefit.next_step({**answers, "dealbreakers": ["regular_travel"]})


def test_a_data_dir_that_is_not_a_path_raises_rolefit_error() -> None:
    with pytest.raises(rolefit.RolefitError, match="data_dir: expected the path of a data folder"):
        rolefit.next_step({"answers": {}}, data_dir=123)  # type: ignore[arg-type]


def test_import_rolefit_loads_nothing_but_the_package_itself() -> None:
    probe = "import sys, rolefit; print(sorted(m for m in sys.modules if m.startswith('rolefit') or m in ('yaml', 'typer')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "['rolefit']"


def test_the_python_loop_in_the_scripting_docs_takes_the_quiz_to_a_result(capsys: pytest.CaptureFixture[str]) -> None:
    text = (Path(__file__).parents[1] / "docs" / "scripting.md").read_text(encoding="utf-8")
    loop = text.split("## From Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]

    def ask(question: dict) -> object:
        """Agree with every other statement, take each choice's first option, tick nothing."""
        if question["kind"] == "likert":
            return 4 if len(question["id"]) % 2 else 2
        return question["options"][0]["value"] if question["kind"] == "choice" else []

    found: dict = {"ask": ask}
    exec(loop, found)
    assert found["result"] == rolefit.score(found["document"])
    assert capsys.readouterr().out.strip() == found["result"]["headline"]
