"""A command rolefit prints for the user to copy works when pasted into a shell: a path in it
is quoted when it needs to be (a space, a quote, a `$`)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import MINI_PACK
from rolefit.cli import app
from rolefit.invocation import program


@pytest.mark.parametrize("name", ["my answers.json", "it's $HOME.json", "plain.json"])
def test_next_when_done_suggests_a_score_command_that_pastes_as_is(runner: CliRunner, tmp_path: Path, name: str) -> None:
    questions = yaml.safe_load((MINI_PACK / "questions.yaml").read_text())["questions"]
    path = tmp_path / name
    path.write_text(json.dumps({"answers": {q["id"]: None for q in questions}}))
    result = runner.invoke(app, ["next", str(path), "--data-dir", str(MINI_PACK)])
    assert result.exit_code == 0 and "done after" in result.stdout
    command = result.stdout.split("run: ", 1)[1].strip()
    assert shlex.split(command) == ["rolefit", "score", str(path)]


def test_a_broken_pack_in_a_folder_with_a_space_suggests_a_validate_command_that_pastes_as_is(
        runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "my pack"
    folder.mkdir()
    (folder / "questions.yaml").write_text("version: 1\n")
    (folder / "roles.yaml").write_text("roles: []\n")
    result = runner.invoke(app, ["questions", "--data-dir", str(folder)])
    assert result.exit_code == 2 and "more: run " in result.stderr
    command = result.stderr.split("more: run ", 1)[1].rsplit(")", 1)[0]
    assert shlex.split(command) == ["rolefit", "validate", "--data-dir", str(folder)]


def test_the_export_confirmation_is_one_line_whatever_the_path(runner: CliRunner, tmp_path: Path) -> None:
    from conftest import FIXTURES

    path = tmp_path / "a\nb.md"
    result = runner.invoke(app, ["score", str(FIXTURES / "docs_specialist.yaml"), "--export", str(path)])
    assert result.exit_code == 0 and path.exists()
    assert result.stderr.count("\n") == 1 and "a\\nb.md" in result.stderr


def installed_script() -> Path:
    script = Path(sys.executable).parent / "rolefit"
    if not script.exists():
        pytest.skip("rolefit is not installed beside this Python")
    return script


def done_sheet(tmp_path: Path) -> Path:
    questions = yaml.safe_load((MINI_PACK / "questions.yaml").read_text())["questions"]
    path = tmp_path / "my answers.json"
    answers = {q["id"]: 4 if q["kind"] == "likert" else q["options"][0]["value"] for q in questions}
    path.write_text(json.dumps({"answers": answers}))
    return path


def printed_score_command(args: list[str], path: Path, env: dict[str, str]) -> str:
    printed = subprocess.run([*args, "next", str(path), "--data-dir", str(MINI_PACK)], env=env,
                             capture_output=True, text=True, check=True).stdout
    return printed.split("run: ", 1)[1].strip() + f" --data-dir {shlex.quote(str(MINI_PACK))} --json"


def test_a_command_printed_by_a_rolefit_not_on_path_names_the_script_and_runs_as_printed(tmp_path: Path) -> None:
    script = installed_script()
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    command = printed_score_command([str(script)], done_sheet(tmp_path), env)
    assert shlex.split(command)[0] == str(script)
    ran = subprocess.run(command, shell=True, env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr


def test_a_command_printed_by_python_m_rolefit_runs_as_printed(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    command = printed_score_command([sys.executable, "-m", "rolefit"], done_sheet(tmp_path), env)
    assert shlex.split(command)[:3] == [sys.executable, "-m", "rolefit"]
    ran = subprocess.run(command, shell=True, env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr


def test_a_command_printed_by_the_rolefit_on_path_says_rolefit(tmp_path: Path) -> None:
    script = installed_script()
    env = {**os.environ, "PATH": f"{script.parent}:/usr/bin:/bin"}
    command = printed_score_command([str(script)], done_sheet(tmp_path), env)
    assert shlex.split(command)[0] == "rolefit"


def test_the_program_is_rolefit_when_the_script_started_is_the_one_on_path(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "rolefit"
    assert program(started=str(script), on_path=str(script)) == "rolefit"


def test_the_program_is_the_quoted_path_started_when_path_finds_another_rolefit(tmp_path: Path) -> None:
    script = tmp_path / "my env" / "bin" / "rolefit"
    assert shlex.split(program(started=str(script), on_path="/usr/bin/rolefit")) == [str(script)]


def test_the_program_is_the_path_started_when_path_finds_no_rolefit(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "rolefit"
    assert program(started=str(script), on_path="") == str(script)


def test_python_m_rolefit_is_named_rolefit_when_its_environment_has_rolefit_on_path(tmp_path: Path) -> None:
    main = tmp_path / "site-packages" / "rolefit" / "__main__.py"
    python = tmp_path / "bin" / "python"
    assert program(started=str(main), on_path=str(tmp_path / "bin" / "rolefit"), executable=str(python)) == "rolefit"


def test_a_host_program_running_rolefit_prints_the_plain_name() -> None:
    assert program(started="/usr/lib/python3/bin/pytest", on_path="") == "rolefit"
