"""The commands, through typer's CliRunner: what they print, where, and with which exit code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rolefit import __version__
from rolefit.cli import app
from rolefit.model import DataPack

from conftest import MINI_PACK

MINI = ["--data-dir", str(MINI_PACK)]
ADVOCATE_ANSWERS = """\
respondent: Ada
taken_at: "2026-11-01T10:00:00"
answers:
  help_stuck_users: 5
  notice_frustration: 5
  people_drain_me: 1
  read_source: 3
  debug_for_fun: 3
  avoid_internals: 3
  many_hats: 4
  one_thing: 3
  free_day: answer_forum
"""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "ada.yaml"
    path.write_text(ADVOCATE_ANSWERS)
    return path


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"rolefit {__version__}\n"


def test_no_arguments_shows_help_and_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ") and "score" in result.stdout and "quiz" in result.stdout


def test_score_prints_a_ranked_text_report(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), *MINI])
    assert result.exit_code == 0
    assert "Best fit: Advocate (" in result.stdout.splitlines()[0]
    assert "How every role fits" in result.stdout
    assert result.stderr == ""


def test_score_json_follows_the_documented_schema(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), "--json", *MINI])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema_version"] == 2 and document["kind"] == "result"
    assert {"quiz_version", "respondent", "taken_at", "answered", "total", "skipped", "close_call",
            "ranking", "profile", "warnings"} <= document.keys()
    assert document["respondent"] == "Ada" and document["taken_at"] == "2026-11-01T10:00:00"
    assert [r["role"] for r in document["ranking"]][0] == "advocate"
    assert sorted(r["role"] for r in document["ranking"]) == ["advocate", "engineer", "generalist"]
    fits = [r["fit"] for r in document["ranking"]]
    assert fits == sorted(fits, reverse=True)
    entry = document["ranking"][0]
    assert {"rank", "role", "name", "fit", "interval", "strengths", "gaps", "contributions", "advice",
            "first_steps"} <= entry.keys()
    assert entry["interval"][0] <= entry["fit"] <= entry["interval"][1]
    assert document["profile"].keys() == {"empathy", "technical_depth", "variety"}


def test_every_advice_entry_in_json_carries_its_source(runner: CliRunner, answers: Path) -> None:
    document = json.loads(runner.invoke(app, ["score", str(answers), "--json", *MINI]).stdout)
    for entry in document["ranking"]:
        for advice in entry["advice"]:
            assert advice["text"]
            assert advice["source"] == {"id": "art", "title": "An Article", "author": "A. Writer",
                                        "outlet": "Example Outlet", "date": "2022-03-16"}


def test_format_json_is_the_same_as_the_json_flag(runner: CliRunner, answers: Path) -> None:
    flag = runner.invoke(app, ["score", str(answers), "--json", *MINI]).stdout
    option = runner.invoke(app, ["score", str(answers), "--format", "json", *MINI]).stdout
    assert flag == option


def test_score_reads_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "-", "--json", *MINI], input=ADVOCATE_ANSWERS)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["ranking"][0]["role"] == "advocate"


def test_score_reads_json_answers(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(yaml.safe_load(ADVOCATE_ANSWERS)))
    result = runner.invoke(app, ["score", str(path), "--json", *MINI])
    assert json.loads(result.stdout)["ranking"][0]["role"] == "advocate"


def test_top_shortens_the_text_report(runner: CliRunner, answers: Path) -> None:
    full = runner.invoke(app, ["score", str(answers), *MINI]).stdout
    short = runner.invoke(app, ["score", str(answers), "--top", "1", *MINI]).stdout
    assert "3. Engineer" in full and "Engineer" not in short.split("Your trait profile")[0]


def test_explain_shows_each_traits_and_answers_effect(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), "--explain", "engineer", *MINI])
    assert result.exit_code == 0
    assert "Why Engineer scores" in result.stdout
    assert "Answers that moved it most" in result.stdout
    assert "I read the source to understand a library." in result.stdout


def test_explain_in_json(runner: CliRunner, answers: Path) -> None:
    document = json.loads(runner.invoke(app, ["score", str(answers), "--json", "--explain", "engineer", *MINI]).stdout)
    explanation = document["explanation"]
    assert explanation["role"] == "engineer"
    assert {a["question"] for a in explanation["answers"]} == set(yaml.safe_load(ADVOCATE_ANSWERS)["answers"])


def test_explain_unknown_role_is_an_error(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), "--explain", "wizard", *MINI])
    assert result.exit_code == 2
    assert "unknown role 'wizard'" in result.stderr


@pytest.mark.parametrize("suffix", [".md", ".html", ".json"])
def test_export_writes_the_report_by_suffix(runner: CliRunner, answers: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"report{suffix}"
    result = runner.invoke(app, ["score", str(answers), "--export", str(target), *MINI])
    assert result.exit_code == 0
    text = target.read_text()
    assert "Advocate" in text
    assert f"report written to {target}" in result.stderr


def test_html_export_is_self_contained(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    runner.invoke(app, ["score", str(answers), "--export", str(target), *MINI])
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "An Article (A. Writer, Example Outlet, 2022-03-16)" in page


def test_html_export_escapes_what_it_is_given(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ADVOCATE_ANSWERS.replace("respondent: Ada", "respondent: <b>Ada</b>"))
    target = tmp_path / "report.html"
    runner.invoke(app, ["score", str(path), "--export", str(target), *MINI])
    assert "&lt;b&gt;Ada&lt;/b&gt;" in target.read_text()


def test_export_with_an_unknown_suffix_is_an_error(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), "--export", str(tmp_path / "report.pdf"), *MINI])
    assert result.exit_code == 2
    assert "--export takes a .md, .html or .json path" in result.stderr


def test_roles_lists_every_role(runner: CliRunner, mini: DataPack) -> None:
    result = runner.invoke(app, ["roles", *MINI])
    assert result.exit_code == 0
    for role in mini.roles:
        assert role.id in result.stdout and role.name in result.stdout


def test_role_card_shows_advice_with_sources(runner: CliRunner) -> None:
    result = runner.invoke(app, ["roles", "advocate", *MINI], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "Spend time with users." in result.stdout
    assert "Source: after Someone, in An Article (A. Writer, Example Outlet, 2022-03-16)" in result.stdout
    assert "First steps:" in result.stdout and "Adjacent roles: Engineer" in result.stdout


def test_unknown_role_card_is_an_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["roles", "wizard", *MINI])
    assert result.exit_code == 2
    assert "unknown role 'wizard'" in result.stderr


def test_roles_json(runner: CliRunner) -> None:
    document = json.loads(runner.invoke(app, ["roles", "engineer", "--json", *MINI]).stdout)
    assert document["kind"] == "roles" and [r["id"] for r in document["roles"]] == ["engineer"]


def test_questions_lists_every_question_id(runner: CliRunner, mini: DataPack) -> None:
    result = runner.invoke(app, ["questions", *MINI])
    for question in mini.questions:
        assert f"[{question.id}]" in result.stdout


def test_questions_json(runner: CliRunner, mini: DataPack) -> None:
    document = json.loads(runner.invoke(app, ["questions", "--json", *MINI]).stdout)
    assert [q["id"] for q in document["questions"]] == [q.id for q in mini.questions]


def test_template_is_a_blank_answers_file_with_every_question(runner: CliRunner, mini: DataPack) -> None:
    text = runner.invoke(app, ["template", *MINI]).stdout
    document = yaml.safe_load(text)
    assert document["answers"] == {q.id: None for q in mini.questions}
    assert "# 9. You have a free day. What do you do?" in text
    assert "# one of: answer_forum, deep_dive, nap" in text


def test_filled_in_template_scores(runner: CliRunner, tmp_path: Path) -> None:
    text = runner.invoke(app, ["template", *MINI]).stdout
    filled = text.replace("help_stuck_users:", "help_stuck_users: 5").replace("free_day:", "free_day: nap")
    path = tmp_path / "filled.yaml"
    path.write_text(filled)
    result = runner.invoke(app, ["score", str(path), "--json", *MINI])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["answered"] == 2


def test_template_to_a_file_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "t.yaml"
    assert runner.invoke(app, ["template", "-o", str(target), *MINI]).exit_code == 0
    again = runner.invoke(app, ["template", "-o", str(target), *MINI])
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_validate_accepts_a_good_pack(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", *MINI])
    assert result.exit_code == 0
    assert "ok (9 questions, 3 traits, 3 roles, 1 sources)" in result.stdout


def test_data_dir_from_the_environment(runner: CliRunner) -> None:
    result = runner.invoke(app, ["roles"], env={"ROLEFIT_DATA_DIR": str(MINI_PACK)})
    assert "generalist" in result.stdout


def test_compare_shows_how_ranking_and_profile_moved(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    after = tmp_path / "after.yaml"
    after.write_text(ADVOCATE_ANSWERS.replace("help_stuck_users: 5", "help_stuck_users: 1")
                     .replace("notice_frustration: 5", "notice_frustration: 1").replace("read_source: 3", "read_source: 5")
                     .replace("debug_for_fun: 3", "debug_for_fun: 5").replace("one_thing: 3", "one_thing: 5")
                     .replace("many_hats: 4", "many_hats: 1"))
    result = runner.invoke(app, ["compare", str(answers), str(after), *MINI])
    assert result.exit_code == 0
    assert "The best fit moved from Advocate" in result.stdout
    assert "How the trait profile moved" in result.stdout


def test_compare_json(runner: CliRunner, answers: Path) -> None:
    document = json.loads(runner.invoke(app, ["compare", str(answers), str(answers), "--json", *MINI]).stdout)
    assert document["kind"] == "comparison" and document["best_changed"] is False
    assert all(t["change"] == 0 for t in document["traits"])
    assert all(r["fit_change"] == 0 for r in document["ranking"])


def test_compare_with_a_bad_file_names_it(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", str(answers), str(tmp_path / "missing.yaml"), *MINI])
    assert result.exit_code == 2
    assert "missing.yaml: no such file" in result.stderr


def test_text_report_has_no_colour_codes_when_piped(runner: CliRunner, answers: Path) -> None:
    assert "\x1b[" not in runner.invoke(app, ["score", str(answers), *MINI]).stdout


def colour_codes(text: str) -> list[str]:
    """SGR parameters that set a foreground or background colour (bold and italic are not colour)."""
    params = [p for group in re.findall(r"\x1b\[([0-9;]*)m", text) for p in group.split(";") if p]
    return [p for p in params if 30 <= int(p) <= 49 or 90 <= int(p) <= 107]


def test_colour_on_a_terminal(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), *MINI], env={"FORCE_COLOR": "1"}, color=True)
    assert colour_codes(result.stdout)


def test_no_color_is_respected_even_on_a_terminal(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), *MINI], env={"NO_COLOR": "1", "FORCE_COLOR": "1"}, color=True)
    assert colour_codes(result.stdout) == []


def test_export_refuses_to_overwrite_the_answers_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(yaml.safe_load(ADVOCATE_ANSWERS)))
    before = path.read_text()
    result = runner.invoke(app, ["score", str(path), "--export", str(path), *MINI])
    assert result.exit_code == 2
    assert "--export would overwrite it" in result.stderr
    assert path.read_text() == before


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_export_carries_the_explanation(runner: CliRunner, answers: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"report{suffix}"
    runner.invoke(app, ["score", str(answers), "--explain", "engineer", "--export", str(target), *MINI])
    text = target.read_text()
    assert "Why Engineer scores" in text and "Answers that moved it most" in text


@pytest.mark.parametrize("options, problem", [
    (["--json", "--format", "csv"], "ask for different outputs"),
    (["--json", "--top", "2"], "--top shortens the text report"),
    (["--format", "jsonl", "--explain", "engineer"], "--explain applies to one answers file"),
    (["--format", "csv", "--export", "r.md"], "--export applies to one answers file"),
])
def test_options_that_cannot_work_together_are_refused(runner: CliRunner, answers: Path, options: list[str],
                                                       problem: str) -> None:
    result = runner.invoke(app, ["score", str(answers), *options, *MINI])
    assert result.exit_code == 2
    assert problem in result.stderr


def test_template_to_dash_goes_to_stdout(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["template", "-o", "-", *MINI])
    assert result.stdout.startswith("# rolefit answers file")
    assert not (tmp_path / "-").exists()


def test_json_has_no_negative_zero(runner: CliRunner, answers: Path) -> None:
    assert "-0.0" not in runner.invoke(app, ["score", str(answers), "--json", *MINI]).stdout


def test_json_optional_fields_are_present_as_null(runner: CliRunner, answers: Path) -> None:
    document = json.loads(runner.invoke(app, ["score", str(answers), "--json", *MINI]).stdout)
    for advice in document["ranking"][0]["advice"]:
        assert {"text", "trait", "said_by", "source"} <= advice.keys()
        assert advice["source"].keys() == {"id", "title", "author", "outlet", "date"}


def test_skipped_counts_only_the_questions_skipped_on_purpose(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  help_stuck_users: 4\n  many_hats: null\n")
    document = json.loads(runner.invoke(app, ["score", str(path), "--json", *MINI]).stdout)
    assert (document["answered"], document["skipped"], document["total"]) == (1, 1, 9)


def test_answered_skipped_and_not_asked_add_up_to_the_total(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  help_stuck_users: 4\n  many_hats: null\n  one_thing: null\n")
    document = json.loads(runner.invoke(app, ["score", str(path), "--json", *MINI]).stdout)
    assert document["answered"] + document["skipped"] + document["not_asked"] == document["total"]


def test_questions_the_file_does_not_mention_are_not_asked_apart_from_those_skipped(runner: CliRunner,
                                                                                   tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  help_stuck_users: 4\n  many_hats: null\n")
    document = json.loads(runner.invoke(app, ["score", str(path), "--json", *MINI]).stdout)
    assert document["not_asked"] == 7
    text = runner.invoke(app, ["score", str(path), *MINI]).stdout
    assert "1 of 9 questions answered, 1 skipped, 7 not asked" in text


def test_a_role_nothing_was_measured_for_has_no_fit(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  help_stuck_users: 4\n")
    document = json.loads(runner.invoke(app, ["score", str(path), "--json", *MINI]).stdout)
    engineer = document["ranking"][-1]
    assert (engineer["role"], engineer["fit"], engineer["interval"]) == ("engineer", None, None)
    text = runner.invoke(app, ["score", str(path), *MINI]).stdout
    assert "3  Engineer" in text and "n/a" in text


def test_few_answers_never_claim_a_clear_lead(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  many_hats: 5\n")
    first_line = runner.invoke(app, ["score", str(path), *MINI], env={"COLUMNS": "200"}).stdout.splitlines()[0]
    assert first_line.startswith("Tentative:")
    assert "clear lead" not in first_line


def test_control_characters_in_the_respondent_are_dropped(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ADVOCATE_ANSWERS.replace("respondent: Ada", 'respondent: "Ada\\e[31m\\u202e"'))
    document = json.loads(runner.invoke(app, ["score", str(path), "--json", *MINI]).stdout)
    assert document["respondent"] == "Ada[31m"


def test_compare_changes_are_the_difference_of_the_numbers_shown(runner: CliRunner, answers: Path,
                                                                  tmp_path: Path) -> None:
    after = tmp_path / "after.yaml"
    after.write_text(ADVOCATE_ANSWERS.replace("read_source: 3", "read_source: 5").replace("many_hats: 4", "many_hats: 2"))
    document = json.loads(runner.invoke(app, ["compare", str(answers), str(after), "--json", *MINI]).stdout)
    for entry in document["ranking"]:
        assert entry["fit_change"] == round(entry["fit_after"] - entry["fit_before"], 1)
        assert entry["rank_change"] == entry["rank_before"] - entry["rank_after"]
    for trait in document["traits"]:
        assert trait["change"] == round(trait["after"] - trait["before"], 3)


def test_a_reader_that_stops_early_ends_the_output_quietly(answers: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(f"'{sys.executable}' -m rolefit score '{answers}' --json --data-dir '{MINI_PACK}' | head -c 10",
                          shell=True, capture_output=True, text=True, timeout=60)
    assert done.stdout == "{\n  \"schem"
    assert done.stderr == ""


def test_role_list_fits_60_columns(runner: CliRunner) -> None:
    result = runner.invoke(app, ["roles"], env={"COLUMNS": "60"})
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


def test_export_refuses_to_overwrite_the_answers_file_read_from_stdin(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "ans.json"
    path.write_text(json.dumps(yaml.safe_load(ADVOCATE_ANSWERS)))
    before = path.read_text()
    with path.open("rb") as stdin:
        done = subprocess.run([sys.executable, "-m", "rolefit", "score", "-", "--export", str(path), *MINI],
                              stdin=stdin, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "is the answers file" in done.stderr
    assert path.read_text() == before


def test_export_refuses_to_overwrite_the_answers_file_under_another_name(runner: CliRunner, answers: Path,
                                                                        tmp_path: Path) -> None:
    import os

    other_name = tmp_path / "same.md"
    os.link(answers, other_name)
    result = runner.invoke(app, ["score", str(answers), "--export", str(other_name), *MINI])
    assert result.exit_code == 2 and "is the answers file" in result.stderr
    assert other_name.read_text() == ADVOCATE_ANSWERS


def test_an_unwritable_export_path_is_refused_before_scoring(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = runner.invoke(app, ["score", str(answers), "--export", str(not_a_folder / "report.md"), *MINI])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "cannot be written" in result.stderr


def test_a_failed_export_still_shows_the_report(runner: CliRunner, answers: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from rolefit import delivery
    from rolefit.errors import RolefitError

    def full_disk(path: Path, text: str) -> None:
        raise RolefitError(f"{path}: cannot be written (No space left on device)")

    monkeypatch.setattr(delivery, "write_atomically", full_disk)
    result = runner.invoke(app, ["score", str(answers), "--export", str(tmp_path / "report.md"), *MINI])
    assert "How every role fits" in result.stdout
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "No space left" in result.stderr


def test_taken_at_is_kept_as_written_even_where_yaml_reads_a_number(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("taken_at: 12:30:00\nrespondent: 0123\nanswers:\n  help_stuck_users: 4\n")
    result = runner.invoke(app, ["score", str(path), "--json", *MINI])
    document = json.loads(result.stdout)
    assert (document["taken_at"], document["respondent"]) == ("12:30:00", "0123")


def test_a_respondent_yaml_reads_as_false_is_kept_as_written(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("respondent: No\nanswers:\n  help_stuck_users: 4\n")
    result = runner.invoke(app, ["score", str(path), "--json", *MINI])
    assert json.loads(result.stdout)["respondent"] == "No"


OLD_AND_THIN = """\
quiz_version: "0.9"
taken_at: "2025-06-01T09:00:00"
answers:
  help_stuck_users: 4
  retired_question: 3
"""


def test_compare_text_shows_each_sides_warnings(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(OLD_AND_THIN)
    text = runner.invoke(app, ["compare", str(old), str(answers), *MINI]).stdout
    document = json.loads(runner.invoke(app, ["compare", str(old), str(answers), "--json", *MINI]).stdout)
    for warning in document["before"]["warnings"]:
        assert f"[{warning['code']}]" in text
    assert "retired_question" in text and "0.9" in text


def test_the_question_list_of_a_pack_with_thirty_thousand_sections_takes_linear_time(mini: DataPack) -> None:
    import signal
    from dataclasses import replace

    from rolefit.catalog import question_list
    from rolefit.model import Question, Section

    sections = tuple(Section(f"s{n}", "S") for n in range(30_000))
    questions = tuple(Question(f"q{n}", "likert", f"s{n}", "Q", loadings={"empathy": 1.0}) for n in range(30_000))
    large = replace(mini, sections=sections, questions=questions)

    def too_slow(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("listing 30,000 questions took over 10 seconds")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(10)
    try:
        listed = question_list(large, 80)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert listed.count("[q") == 30_000


# finding roles, --export and help --------------------------------------------------------

@pytest.mark.parametrize("asked", ["advocate", "Advocate", "ADVOCATE", " advocate "])
def test_roles_finds_a_role_by_id_or_name_in_any_case(runner: CliRunner, asked: str) -> None:
    result = runner.invoke(app, ["roles", asked, *MINI])
    assert result.exit_code == 0 and result.stdout.startswith("Advocate\n")


@pytest.mark.parametrize("asked", ["Developer Advocate", "developer-advocate", "Developer_Advocate", "developer advocate"])
def test_a_shipped_role_is_found_by_its_name_or_with_hyphens(runner: CliRunner, asked: str) -> None:
    result = runner.invoke(app, ["roles", asked])
    assert result.exit_code == 0 and result.stdout.startswith("Developer Advocate\n")


def test_an_unknown_role_gets_a_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(app, ["roles", "developer advocat"])
    assert result.exit_code == 2
    assert "did you mean 'developer_advocate'?" in result.stderr


def test_explain_takes_a_role_name_too(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), "--explain", "Engineer", "--json", *MINI])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["explanation"]["role"] == "engineer"


def test_explain_suggests_the_nearest_role(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), "--explain", "enginer", *MINI])
    assert result.exit_code == 2 and "--explain: unknown role 'enginer'; did you mean 'engineer'?" in result.stderr


def test_export_refuses_an_existing_file_without_force(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("keep me")
    result = runner.invoke(app, ["score", str(answers), "--export", str(report), *MINI])
    assert result.exit_code == 2 and "already exists; add --force" in result.stderr
    assert report.read_text() == "keep me"


def test_export_with_force_replaces_an_existing_file(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("old")
    result = runner.invoke(app, ["score", str(answers), "--export", str(report), "--force", *MINI])
    assert result.exit_code == 0 and report.read_text().startswith("# rolefit report")


def test_export_creates_no_folders(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    report = tmp_path / "new" / "dir" / "report.html"
    result = runner.invoke(app, ["score", str(answers), "--export", str(report), *MINI])
    assert result.exit_code == 2 and "does not exist; create it first" in result.stderr
    assert not (tmp_path / "new").exists()


def test_an_unknown_format_is_named_without_the_validators_words(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), "--format", "xml", *MINI])
    assert result.exit_code == 2
    assert "'xml' is not one of text, json, jsonl, csv" in result.output and "Value error" not in result.output


def test_help_lists_the_quiz_first_with_whole_descriptions(runner: CliRunner) -> None:
    lines = runner.invoke(app, ["--help"]).stdout.split("Commands:")[1].splitlines()
    assert lines[1].split()[0] == "quiz"
    assert "..." not in "\n".join(lines) and "…" not in "\n".join(lines)


@pytest.mark.parametrize("command", ["quiz", "score", "roles", "compare", "template", "questions", "validate"])
def test_every_command_shows_an_example(runner: CliRunner, command: str) -> None:
    assert f"Examples:\n    rolefit {command}" in runner.invoke(app, [command, "--help"]).stdout


def test_top_must_be_one_or_more_and_says_so_in_words(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), "--top", "0", *MINI])
    assert result.exit_code == 2 and "give 1 or more" in result.output
    assert "x>=1" not in runner.invoke(app, ["score", "--help"]).stdout


@pytest.mark.parametrize("width", ["40", "60", "80"])
def test_every_role_card_fits_the_terminal(runner: CliRunner, width: str) -> None:
    from rolefit.data import load_pack

    for role in load_pack().roles:
        card = runner.invoke(app, ["roles", role.id], env={"COLUMNS": width}).stdout
        assert max(len(line) for line in card.splitlines()) <= int(width), (role.id, width)


@pytest.mark.parametrize("command", [["roles"], ["questions"]])
@pytest.mark.parametrize("width", ["40", "60", "80"])
def test_role_and_question_lists_fit_the_terminal(runner: CliRunner, command: list[str], width: str) -> None:
    text = runner.invoke(app, command, env={"COLUMNS": width}).stdout
    assert max(len(line) for line in text.splitlines()) <= int(width)


def test_all_cards_gives_every_role_a_card_in_the_text_report(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), "--all-cards", *MINI], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert result.stdout.count("Where it would stretch you") + result.stdout.count("Why it fits") >= 2


def test_all_cards_is_refused_with_json(runner: CliRunner, answers: Path) -> None:
    result = runner.invoke(app, ["score", str(answers), "--all-cards", "--json", *MINI])
    assert result.exit_code == 2 and "--all-cards" in result.stderr
