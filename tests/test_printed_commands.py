"""A command rolefit prints for the user to copy works when pasted into a shell: a path in it
is quoted when it needs to be (a space, a quote, a `$`)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import MINI_PACK
from rolefit.cli import app


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
