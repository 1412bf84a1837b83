"""Cohort files: one answers object per line in, one result per line out, bad lines skipped."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit import batch
from rolefit.cli import app
from rolefit.model import DataPack

from conftest import MINI_PACK

MINI = ["--data-dir", str(MINI_PACK)]
GOOD = {"id": "p1", "answers": {"help_stuck_users": 5, "notice_frustration": 5, "many_hats": 4}}
ENGINEER = {"id": 7, "respondent": "Bo", "answers": {"read_source": 5, "debug_for_fun": 5, "one_thing": 5,
                                                     "free_day": "deep_dive"}}


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    path = tmp_path / "cohort.jsonl"
    lines = [json.dumps(GOOD), '{"answers": {"help_stuck_users": 9}}', "not json at all", "",
             json.dumps(ENGINEER)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_each_good_line_gives_one_jsonl_result(runner: CliRunner, cohort: Path) -> None:
    result = runner.invoke(app, ["score", str(cohort), "--format", "jsonl", *MINI])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["line"], r["id"], r["best"]) for r in records] == [(1, "p1", "advocate"), (5, 7, "engineer")]
    assert records[1]["respondent"] == "Bo"
    assert all(r["schema_version"] == 2 and r["kind"] == "cohort_result" for r in records)
    assert len(records[0]["ranking"]) == 3


def test_a_bad_line_is_reported_with_its_number_and_skipped(runner: CliRunner, cohort: Path) -> None:
    result = runner.invoke(app, ["score", str(cohort), "--format", "jsonl", *MINI])
    assert f"{cohort}:2: answer to 'help_stuck_users' must be a whole number from 1 to 5" in result.stderr
    assert f"{cohort}:3: not a JSON object" in result.stderr
    assert "2 line(s)" in result.stderr


def test_exit_code_is_1_when_any_line_failed(runner: CliRunner, cohort: Path) -> None:
    assert runner.invoke(app, ["score", str(cohort), "-f", "jsonl", *MINI]).exit_code == 1


def test_exit_code_is_0_when_every_line_scored(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps(ENGINEER) + "\n")
    result = runner.invoke(app, ["score", str(path), "-f", "jsonl", *MINI])
    assert result.exit_code == 0 and result.stderr == ""


def test_an_unreadable_cohort_file_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(tmp_path / "missing.jsonl"), "-f", "csv", *MINI])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "missing.jsonl: no such file" in result.stderr


def test_csv_has_a_column_per_role(runner: CliRunner, cohort: Path) -> None:
    result = runner.invoke(app, ["score", str(cohort), "--format", "csv", *MINI])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["best"] for row in rows] == ["advocate", "engineer"]
    assert float(rows[1]["engineer"]) > float(rows[1]["advocate"])
    assert rows[0]["warnings"] == "few_answers;unmeasured_traits"
    assert [row["verdict"] for row in rows][0] == "tentative"


def test_batch_fits_match_single_scoring(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(ENGINEER) + "\n")
    single = tmp_path / "one.json"
    single.write_text(json.dumps(ENGINEER))
    line = json.loads(runner.invoke(app, ["score", str(path), "-f", "jsonl", *MINI]).stdout)
    full = json.loads(runner.invoke(app, ["score", str(single), "--json", *MINI]).stdout)
    assert line["ranking"] == [{k: r[k] for k in ("rank", "role", "fit", "interval")} for r in full["ranking"]]
    assert line["profile"] == full["profile"]
    assert (line["verdict"], line["coverage"], line["shortlist"]) == (full["verdict"], full["coverage"], full["shortlist"])


def test_results_are_streamed_line_by_line(mini: DataPack, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps(ENGINEER) + "\n")

    class Recorder(io.StringIO):
        flushes: list[int] = []

        def flush(self) -> None:
            self.flushes.append(self.getvalue().count("\n"))

    out = Recorder()
    batch.run(mini, path, "jsonl", out, io.StringIO())
    assert out.flushes == [1, 2]


def test_stdin_cohort(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "-", "-f", "jsonl", *MINI], input=json.dumps(GOOD) + "\n")
    assert json.loads(result.stdout)["id"] == "p1"


def test_cohort_results_carry_the_envelope(runner: CliRunner, cohort: Path) -> None:
    record = json.loads(runner.invoke(app, ["score", str(cohort), "-f", "jsonl", *MINI]).stdout.splitlines()[0])
    assert {"rolefit_version", "quiz_version"} <= record.keys()
    assert record["ranking"][0].keys() == {"rank", "role", "fit", "interval"}
    assert record["verdict"] in ("clear_lead", "close_call", "no_clear_fit", "tentative")
    assert {"coverage", "shortlist", "verdict_reason"} <= record.keys()


def test_a_line_over_the_limit_keeps_later_line_numbers_right(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    huge = json.dumps({"answers": {"help_stuck_users": 4}, "note": "x" * (batch.MAX_LINE_BYTES + 10)})
    path.write_text(huge + "\n" + json.dumps(ENGINEER) + "\n")
    result = runner.invoke(app, ["score", str(path), "-f", "jsonl", *MINI])
    assert f"{path}:1: longer than the" in result.stderr
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [2]
    assert "1 line(s)" in result.stderr


def test_a_cohort_line_with_a_key_given_twice_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"answers": {"help_stuck_users": 4, "help_stuck_users": 1}}\n')
    result = runner.invoke(app, ["score", str(path), "-f", "jsonl", *MINI])
    assert result.exit_code == 1
    assert "duplicate key 'help_stuck_users'" in result.stderr


def test_csv_cells_cannot_become_spreadsheet_formulas(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({**GOOD, "id": "=HYPERLINK(1)", "respondent": "@me"}) + "\n")
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["score", str(path), "-f", "csv", *MINI]).stdout)))
    assert (rows[0]["id"], rows[0]["respondent"]) == ("'=HYPERLINK(1)", "'@me")


def test_a_jsonl_file_without_format_gets_a_hint(runner: CliRunner, cohort: Path) -> None:
    result = runner.invoke(app, ["score", str(cohort), *MINI])
    assert result.exit_code == 2
    assert "looks like a cohort (JSON Lines); score it with --format jsonl" in result.stderr


def test_an_answers_file_given_as_a_cohort_is_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("respondent: Ada\nanswers:\n  help_stuck_users: 4\n  many_hats: 2\n")
    result = runner.invoke(app, ["score", str(path), "--format", "jsonl", *MINI])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "is not a JSON Lines cohort" in result.stderr


def test_an_empty_cohort_says_so(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    result = runner.invoke(app, ["score", str(path), "--format", "csv", *MINI])
    assert result.exit_code == 0 and result.stdout == ""
    assert "holds no lines to score" in result.stderr
