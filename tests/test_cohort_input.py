"""A cohort file is judged the way a single answers file is: a key given twice is refused
however it is spaced, and an indented JSON answers file given as a cohort is one clear error
(exit 2), not a row of per-line errors or a header without rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from conftest import MINI_PACK

MINI = ["--data-dir", str(MINI_PACK)]
ANSWERS = {"respondent": "Ada", "answers": {"help_stuck_users": 4, "many_hats": 2, "read_source": 5}}


@pytest.mark.parametrize("spacing", ['"help_stuck_users" : 1', '"help_stuck_users"\t: 1', '"help_stuck_users"  :1'],
                         ids=["space", "tab", "two-spaces"])
def test_a_cohort_line_repeating_a_key_with_space_before_the_colon_is_refused(
        runner: CliRunner, tmp_path: Path, spacing: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"answers": {"help_stuck_users": 4, ' + spacing + "}}\n")
    result = runner.invoke(app, ["score", str(path), "-f", "jsonl", *MINI])
    assert result.exit_code == 1 and result.stdout == ""
    assert "duplicate key 'help_stuck_users'" in result.stderr


def test_a_single_file_and_a_cohort_line_agree_on_a_spaced_repeated_key(runner: CliRunner, tmp_path: Path) -> None:
    text = '{"answers": {"help_stuck_users": 4, "help_stuck_users" : 1}}\n'
    (tmp_path / "a.json").write_text(text)
    (tmp_path / "c.jsonl").write_text(text)
    single = runner.invoke(app, ["score", str(tmp_path / "a.json"), "--json", *MINI])
    cohort = runner.invoke(app, ["score", str(tmp_path / "c.jsonl"), "-f", "jsonl", *MINI])
    assert single.exit_code != 0 and cohort.exit_code != 0
    assert "duplicate key" in single.stderr and "duplicate key" in cohort.stderr


def test_a_spaced_line_without_repeats_still_scores(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"answers" : {"help_stuck_users" : 4, "many_hats" : 2}}\n')
    result = runner.invoke(app, ["score", str(path), "-f", "jsonl", *MINI])
    assert result.exit_code == 0 and json.loads(result.stdout)["answered"] == 2


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_an_indented_json_answers_file_given_as_a_cohort_is_one_clear_error(
        runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS, indent=2) + "\n")
    result = runner.invoke(app, ["score", str(path), "--format", fmt, *MINI])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "is not a JSON Lines cohort" in result.stderr


def test_a_json_file_opening_with_an_unfinished_line_is_not_a_cohort(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"respondent": "Ada", "answers": {\n  "help_stuck_users": 4\n}}\n')
    result = runner.invoke(app, ["score", str(path), "--format", "csv", *MINI])
    assert result.exit_code == 2 and result.stdout == "" and "is not a JSON Lines cohort" in result.stderr


def test_a_cohort_whose_first_line_is_broken_in_the_middle_still_scores_the_rest(
        runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"answers": {"help_stuck_users": 4,, "many_hats": 2}}\n' + json.dumps(ANSWERS) + "\n")
    result = runner.invoke(app, ["score", str(path), "-f", "jsonl", *MINI])
    assert result.exit_code == 1 and [json.loads(l)["line"] for l in result.stdout.splitlines()] == [2]


def test_a_cohort_saved_with_a_byte_order_mark_scores_like_one_without(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (json.dumps(ANSWERS) + "\n").encode() * 2)
    result = runner.invoke(app, ["score", str(path), "-f", "jsonl", *MINI])
    assert result.exit_code == 0 and [json.loads(l)["line"] for l in result.stdout.splitlines()] == [1, 2]


def test_a_first_line_over_the_limit_is_its_own_error_and_the_rest_still_score(runner: CliRunner, tmp_path: Path) -> None:
    from rolefit.batch import MAX_LINE_BYTES

    path = tmp_path / "c.jsonl"
    huge = '{"answers": {"help_stuck_users": 4}, "note": [' + "1, " * (MAX_LINE_BYTES // 3) + "1]}"
    path.write_text(huge + "\n" + json.dumps(ANSWERS) + "\n")
    result = runner.invoke(app, ["score", str(path), "-f", "jsonl", *MINI])
    assert result.exit_code == 1 and "longer than the" in result.stderr
    assert [json.loads(l)["line"] for l in result.stdout.splitlines()] == [2]
