"""`rolefit compare` for a coach: what the two sides are called, a warning when the files are two
different people's, and `--export`, a before-and-after to send as Markdown, HTML or JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from rolefit import comparison, export_comparison
from rolefit.cli import app
from rolefit.comparison import Comparison
from rolefit.model import AnswerSheet, DataPack
from rolefit.scoring import score

from conftest import MINI_PACK

MINI = ["--data-dir", str(MINI_PACK)]
ANSWERS = "answers:\n  help_stuck_users: {0}\n  notice_frustration: {0}\n  read_source: 3\n  many_hats: 4\n"


def answers_file(folder: Path, name: str, level: int = 4, respondent: str | None = "Ada",
                 taken_at: str | None = None) -> Path:
    path = folder / name
    head = (f"respondent: {json.dumps(respondent)}\n" if respondent else "") + (
        f"taken_at: {json.dumps(taken_at)}\n" if taken_at else "")
    path.write_text(head + ANSWERS.format(level))
    return path


def moved(mini: DataPack, before: str | None, after: str | None,
          files: tuple[str | None, str | None] = (None, None), names: tuple[str | None, str | None] = ("Ada", "Ada")
          ) -> Comparison:
    def result(taken_at: str | None, name: str | None):  # type: ignore[no-untyped-def]
        return score(mini, AnswerSheet(answers={"help_stuck_users": 4}, taken_at=taken_at, respondent=name))

    return comparison.compare(mini, result(before, names[0]), result(after, names[1]), files=files)


def header_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("Role"))


# What the sides are called ----------------------------------------------------------------

def test_sides_taken_on_different_days_are_labelled_by_the_day(mini: DataPack) -> None:
    labels = comparison.labels(moved(mini, "2025-06-01T09:00:00", "2026-11-01T10:00:00"))
    assert labels == ("1 Jun 2025", "1 Nov 2026")


def test_two_quizzes_on_the_same_day_are_told_apart_by_the_time(mini: DataPack) -> None:
    labels = comparison.labels(moved(mini, "2026-12-02T10:04:00+00:00", "2026-12-02T14:30:00+00:00"))
    assert labels == ("2 Dec 10:04", "2 Dec 14:30")


def test_sides_without_timestamps_are_labelled_by_their_file_names(mini: DataPack) -> None:
    labels = comparison.labels(moved(mini, None, None, files=("coach/sam-before.yaml", "sam-after.json")))
    assert labels == ("sam-before", "sam-after")


def test_a_side_without_a_timestamp_labels_both_by_file_name(mini: DataPack) -> None:
    labels = comparison.labels(moved(mini, "2026-12-02T10:04:00", None, files=("sam-1.yaml", "sam-2.yaml")))
    assert labels == ("sam-1", "sam-2")


def test_the_same_moment_twice_labels_the_sides_by_file_name(mini: DataPack) -> None:
    labels = comparison.labels(moved(mini, "2026-12-02", "2026-12-02", files=("self.yaml", "coach.yaml")))
    assert labels == ("self", "coach")


def test_the_same_file_name_twice_is_told_apart_by_a_and_b(mini: DataPack) -> None:
    labels = comparison.labels(moved(mini, None, None, files=("one/ada.yaml", "two/ada.yaml")))
    assert labels == ("ada (A)", "ada (B)")


def test_standard_input_is_labelled_stdin(mini: DataPack) -> None:
    assert comparison.labels(moved(mini, None, None, files=("-", "ada.yaml"))) == ("stdin", "ada")


def test_sides_with_neither_dates_nor_files_are_labelled_a_and_b(mini: DataPack) -> None:
    assert comparison.labels(moved(mini, None, None)) == ("A", "B")


def test_a_long_file_name_is_shortened_in_the_middle(mini: DataPack) -> None:
    long = "sam-after-the-second-coaching-session-in-february"
    label = comparison.labels(moved(mini, None, None, files=(f"{long}.yaml", "b.yaml")))[0]
    assert len(label) == comparison.LONGEST_FILE_LABEL - 1 and label.startswith("sam-after") and label.endswith("february")


@pytest.mark.parametrize("columns", ["40", "80"])
def test_compare_labels_stay_on_one_line(runner: CliRunner, tmp_path: Path, columns: str) -> None:
    first = answers_file(tmp_path, "a.yaml", 4, taken_at="2026-12-02T10:04:00")
    second = answers_file(tmp_path, "b.yaml", 2, taken_at="2026-12-02T14:30:00")
    done = runner.invoke(app, ["compare", str(first), str(second), *MINI], env={"COLUMNS": columns})
    assert done.exit_code == 0, done.output
    headers = [line for line in done.stdout.splitlines() if line.startswith(("Role", "Trait"))]
    assert len(headers) == 2 and all("2 Dec 10:04" in line and "2 Dec 14:30" in line for line in headers)
    assert re.findall(r"2 Dec(?! 10:04| 14:30)", done.stdout) == []


# Two different people ---------------------------------------------------------------------

def test_compare_warns_on_one_line_when_the_files_name_different_people(runner: CliRunner, tmp_path: Path) -> None:
    ada, grace = answers_file(tmp_path, "ada.yaml", 4), answers_file(tmp_path, "grace.yaml", 2, respondent="Grace")
    done = runner.invoke(app, ["compare", str(ada), str(grace), *MINI])
    assert done.exit_code == 0 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("rolefit: warning: ") and "Ada's" in done.stderr and "Grace's" in done.stderr


def test_compare_warns_about_different_people_with_json_too(runner: CliRunner, tmp_path: Path) -> None:
    ada, grace = answers_file(tmp_path, "ada.yaml", 4), answers_file(tmp_path, "grace.yaml", 2, respondent="Grace")
    done = runner.invoke(app, ["compare", str(ada), str(grace), "--json", *MINI])
    assert json.loads(done.stdout)["kind"] == "comparison" and "warning" in done.stderr


def test_one_name_written_in_other_case_or_spacing_is_one_person(mini: DataPack) -> None:
    assert comparison.different_people(moved(mini, None, None, names=("Ada  Lovelace", "ada lovelace"))) is None


def test_a_file_that_names_nobody_is_not_taken_for_someone_else(mini: DataPack) -> None:
    assert comparison.different_people(moved(mini, None, None, names=("Ada", None))) is None


def test_compare_does_not_warn_about_one_person(runner: CliRunner, tmp_path: Path) -> None:
    first, second = answers_file(tmp_path, "a.yaml", 4), answers_file(tmp_path, "b.yaml", 2)
    assert runner.invoke(app, ["compare", str(first), str(second), *MINI]).stderr == ""


# --export ---------------------------------------------------------------------------------

@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return (answers_file(tmp_path, "sam-before.yaml", 4, taken_at="2026-11-01T10:00:00"),
            answers_file(tmp_path, "sam-after.yaml", 2, taken_at="2027-02-03T10:00:00"))


def test_compare_export_writes_a_markdown_before_and_after(runner: CliRunner, pair: tuple[Path, Path],
                                                           tmp_path: Path) -> None:
    target = tmp_path / "progress.md"
    done = runner.invoke(app, ["compare", *map(str, pair), "--export", str(target), *MINI])
    assert done.exit_code == 0 and f"written to {target}" in done.stderr
    text = target.read_text()
    assert text.startswith("# rolefit before and after for Ada: 1 Nov 2026 and 3 Feb 2027\n")
    assert "| Role | 1 Nov 2026 | 3 Feb 2027 | Change |" in text and "## How the trait profile moved" in text


def test_compare_export_writes_an_html_before_and_after(runner: CliRunner, pair: tuple[Path, Path],
                                                        tmp_path: Path, mini: DataPack) -> None:
    target = tmp_path / "progress.html"
    assert runner.invoke(app, ["compare", *map(str, pair), "--export", str(target), *MINI]).exit_code == 0
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<title>rolefit before and after for Ada: 1 Nov 2026 and 3 Feb 2027</title>" in page
    assert len(re.findall(r"<tr><td>", page)) == len(mini.roles) + len(mini.traits)


def test_compare_export_writes_the_json_document(runner: CliRunner, pair: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "progress.json"
    done = runner.invoke(app, ["compare", *map(str, pair), "--export", str(target), *MINI])
    assert json.loads(target.read_text())["kind"] == "comparison" and "written to" in done.stderr


def test_compare_export_does_not_replace_a_file_without_force(runner: CliRunner, pair: tuple[Path, Path],
                                                              tmp_path: Path) -> None:
    target = tmp_path / "progress.md"
    target.write_text("mine")
    done = runner.invoke(app, ["compare", *map(str, pair), "--export", str(target), *MINI])
    assert done.exit_code == 2 and "already exists" in done.stderr and target.read_text() == "mine"
    assert runner.invoke(app, ["compare", *map(str, pair), "--export", str(target), "--force", *MINI]).exit_code == 0


def test_compare_export_will_not_overwrite_an_answers_file(runner: CliRunner, pair: tuple[Path, Path],
                                                           tmp_path: Path) -> None:
    after = tmp_path / "after.json"
    after.write_text(json.dumps({"answers": {"help_stuck_users": 2}}))
    done = runner.invoke(app, ["compare", str(pair[0]), str(after), "--export", str(after), "--force", *MINI])
    assert done.exit_code == 2 and "is the answers file" in done.stderr


def test_compare_export_refuses_a_path_it_cannot_write_as_before_reading_anything(runner: CliRunner,
                                                                                   pair: tuple[Path, Path],
                                                                                   tmp_path: Path) -> None:
    done = runner.invoke(app, ["compare", *map(str, pair), "--export", str(tmp_path / "progress.pdf"), *MINI])
    assert done.exit_code == 2 and done.stdout == "" and "takes a .md, .html or .json path" in done.stderr


def test_html_before_and_after_says_the_files_are_two_people(mini: DataPack) -> None:
    page = export_comparison.html(mini, moved(mini, None, None, names=("Ada", "<b>Grace</b>")))
    assert 'role="alert">These answers name two different people, Ada and &lt;b&gt;Grace&lt;/b&gt;' in page
    assert "<b>" not in page and "<h1>Before and after</h1>" in page


def test_markdown_before_and_after_renders_names_as_text(mini: DataPack) -> None:
    text = export_comparison.markdown(mini, moved(mini, None, None, files=("[x](javascript:1).yaml", "b.yaml"),
                                                  names=("<img src=x>", "Ada")))
    rendered = MarkdownIt("commonmark").enable(["table"]).render(text)
    assert "<img" not in rendered and "<a " not in rendered


def test_before_and_after_uses_the_reports_stylesheet(mini: DataPack) -> None:
    from rolefit.export_style import STYLE

    assert f"<style>{STYLE}</style>" in export_comparison.html(mini, moved(mini, None, None))


def test_compare_opens_by_naming_whose_answers_and_the_two_sides(mini: DataPack) -> None:
    same = moved(mini, "2025-06-01T09:00:00", "2026-11-01T10:00:00")
    assert comparison.sides_text(same) == "Ada: 1 Jun 2025, then 1 Nov 2026"


def test_compare_opens_by_naming_each_side_when_they_are_two_people(mini: DataPack) -> None:
    two = moved(mini, "2025-06-01T09:00:00", "2026-11-01T10:00:00", names=("Ada", "Grace"))
    assert comparison.sides_text(two) == "Ada (1 Jun 2025) and Grace (1 Nov 2026)"


# judging a move against a retake (issue 16) ------------------------------------------------

ENGINEER = {"read_source": 5, "debug_for_fun": 5, "avoid_internals": 1, "many_hats": 1, "one_thing": 5,
            "help_stuck_users": 2, "notice_frustration": 2, "people_drain_me": 4}
ADVOCATE = {"read_source": 2, "debug_for_fun": 2, "avoid_internals": 4, "many_hats": 5, "one_thing": 1,
            "help_stuck_users": 5, "notice_frustration": 5, "people_drain_me": 1}


def test_a_best_fit_that_moves_off_the_first_shortlist_moved_more_than_a_retake_would(mini: DataPack) -> None:
    before, after = score(mini, AnswerSheet(answers=ENGINEER)), score(mini, AnswerSheet(answers=ADVOCATE))
    assert before.shortlist[0].role.id == "engineer" and after.scored[0].role.id != "engineer"
    change = comparison.compare(mini, before, after)
    assert not comparison.within_retake(change)
    assert comparison.summary(change).endswith("more than a retake would.")
    moved_far = [r for r in change.roles if comparison.beyond_retake(before.fit_for(r.role), after.fit_for(r.role))]
    assert any(r.role == "engineer" for r in moved_far)


def test_the_same_answers_twice_move_no_fit_beyond_a_retake(mini: DataPack) -> None:
    once, again = score(mini, AnswerSheet(answers=ENGINEER)), score(mini, AnswerSheet(answers=ENGINEER))
    assert not any(comparison.beyond_retake(once.fit_for(r.role.id), again.fit_for(r.role.id)) for r in once.ranking)


def test_compare_json_says_whether_each_move_is_beyond_a_retake(runner: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("answers:\n" + "".join(f"  {k}: {v}\n" for k, v in ENGINEER.items()))
    second.write_text("answers:\n" + "".join(f"  {k}: {v}\n" for k, v in ADVOCATE.items()))
    document = json.loads(runner.invoke(app, ["compare", str(first), str(second), "--json", *MINI]).stdout)
    assert document["within_retake"] is False
    assert any(r["beyond_retake"] for r in document["ranking"])
