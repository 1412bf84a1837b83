"""Whatever the output can hold: an encoding without block characters or accents, and a
terminal width of 0 or 100,000 columns. Every command degrades instead of failing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.report import MAX_WIDTH, MIN_WIDTH

from conftest import MINI_PACK

ANSWERS = "respondent: Zoë\ntaken_at: '2026-11-01'\nanswers:\n  help_stuck_users: 5\n  read_source: 2\n  free_day: nap\n"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "zoe.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


@pytest.fixture
def accented_pack(tmp_path: Path) -> Path:
    """The mini pack with a role name that neither ascii nor cp1252 can encode."""
    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    roles = folder / "roles.yaml"
    roles.write_text(roles.read_text().replace("name: Engineer", "name: Engineer ✓ Zoë → ★"), encoding="utf-8")
    return folder


def run_with_encoding(encoding: str, *args: str, columns: str | None = None) -> subprocess.CompletedProcess[str]:
    width = {"COLUMNS": columns} if columns is not None else {}
    return subprocess.run([sys.executable, "-m", "rolefit", *args], capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": encoding, **width}, text=True, encoding="latin-1")


COMMANDS = ("score", "score-explain", "score-json", "score-jsonl", "score-csv", "roles", "role-card", "roles-json",
            "questions", "template", "validate", "compare", "compare-json", "quiz")


def command_line(name: str, answers: Path, pack: Path) -> list[str]:
    cohort = answers.with_name("cohort.jsonl")
    cohort.write_text(json.dumps({"id": "Zoë", "answers": {"help_stuck_users": 4}}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    data = ["--data-dir", str(pack)]
    return {
        "score": ["score", str(answers), *data],
        "score-explain": ["score", str(answers), "--explain", "engineer", *data],
        "score-json": ["score", str(answers), "--json", *data],
        "score-jsonl": ["score", str(cohort), "--format", "jsonl", *data],
        "score-csv": ["score", str(cohort), "--format", "csv", *data],
        "roles": ["roles", *data],
        "role-card": ["roles", "engineer", *data],
        "roles-json": ["roles", "--json", *data],
        "questions": ["questions", *data],
        "template": ["template", *data],
        "validate": ["validate", *data],
        "compare": ["compare", str(answers), str(answers), *data],
        "compare-json": ["compare", str(answers), str(answers), "--json", *data],
        "quiz": ["quiz", "--no-input", *data],
    }[name]


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_degrades_on_an_output_that_cannot_encode_its_text(
        encoding: str, command: str, answers: Path, accented_pack: Path) -> None:
    done = run_with_encoding(encoding, *command_line(command, answers, accented_pack))
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == (2 if command == "quiz" else 0), done.stderr


def test_the_report_draws_ascii_bars_where_the_output_has_no_block_characters(answers: Path) -> None:
    done = run_with_encoding("cp1252", "score", str(answers), "--data-dir", str(MINI_PACK))
    assert done.returncode == 0, done.stderr
    assert "####" in done.stdout and "█" not in done.stdout


def test_json_escapes_what_an_ascii_output_cannot_encode(answers: Path) -> None:
    done = run_with_encoding("ascii", "score", str(answers), "--json", "--data-dir", str(MINI_PACK))
    assert done.returncode == 0, done.stderr
    assert '"respondent": "Zo\\u00eb"' in done.stdout
    assert json.loads(done.stdout)["respondent"] == "Zoë"


def test_the_report_keeps_its_block_bars_on_a_utf8_output(answers: Path) -> None:
    done = run_with_encoding("utf-8", "score", str(answers), "--data-dir", str(MINI_PACK))
    assert "█" in done.stdout.encode("latin-1").decode("utf-8")


@pytest.mark.parametrize("columns", ["0", "1", "100000"])
@pytest.mark.parametrize("command", ["score", "compare", "roles", "questions"])
def test_every_command_keeps_its_width_within_bounds_whatever_columns_says(
        columns: str, command: str, answers: Path, runner: CliRunner) -> None:
    args = {"score": ["score", str(answers)], "compare": ["compare", str(answers), str(answers)],
            "roles": ["roles"], "questions": ["questions"]}[command]
    result = runner.invoke(app, [*args, "--data-dir", str(MINI_PACK)], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    from rolefit.report import _WHOLE

    # the footer's paths and commands are never broken, so they may run past the width
    widest = max(len(line) for line in result.stdout.splitlines() if not line.startswith(_WHOLE))
    assert MIN_WIDTH // 2 <= widest <= MAX_WIDTH
    assert len(result.stdout) < 100_000


def test_cohort_json_lines_escape_what_an_ascii_output_cannot_encode(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text(json.dumps({"id": "Zoë 😀", "answers": {"help_stuck_users": 4}}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    done = run_with_encoding("ascii", "score", str(cohort), "--format", "jsonl", "--data-dir", str(MINI_PACK))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "Zoë 😀"


def test_a_narrow_report_draws_its_card_rules_in_ascii_where_the_output_has_no_box_characters(answers: Path) -> None:
    done = run_with_encoding("ascii", "score", str(answers), "--data-dir", str(MINI_PACK), columns="40")
    assert done.returncode == 0, done.stderr
    assert "-" * 40 in done.stdout and "?" * 40 not in done.stdout
