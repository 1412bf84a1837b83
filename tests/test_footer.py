"""Under the report, after the pager closes too: where the answers are, how to see the report
again and export it for a coach, and the role ids `roles` and `--explain` take."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from rolefit.answers import read_sheet
from rolefit.cli import app
from rolefit.model import DataPack
from rolefit.report import render_text
from rolefit.scoring import score
from conftest import MINI_PACK
from test_report import PERSONA, run_in_terminal


def test_the_footer_names_where_the_answers_are_and_how_to_see_and_export_the_report(pack: DataPack) -> None:
    text = render_text(pack, score(pack, read_sheet(PERSONA, pack)), 200, answers="my answers.yaml")
    footer = text.split("How every role fits")[1].split("Your trait profile")[1]
    assert "Your answers: my answers.yaml" in footer
    again = footer.split("See this report again: ")[1].splitlines()[0]
    assert shlex.split(again) == ["rolefit", "score", "my answers.yaml"]
    export = footer.split("Export it for a coach: ")[1].splitlines()[0]
    assert shlex.split(export) == ["rolefit", "score", "my answers.yaml", "--export", "report.html"]


def test_the_footer_lists_every_role_id_in_the_ranking_order(pack: DataPack) -> None:
    result = score(pack, read_sheet(PERSONA, pack))
    text = " ".join(render_text(pack, result, 100).split())
    ids = text.split("what moved its fit): ")[1]
    assert ids.split(", ") == [fit.role.id for fit in result.ranking]


def test_answers_from_stdin_get_no_command_that_cannot_run(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "-", "--top", "1"], input=PERSONA.read_text())
    assert result.exit_code == 0
    assert "came from standard input" in result.stdout and "See this report again" not in result.stdout


def see_again(runner: CliRunner, folder: Path, columns: str) -> tuple[Path, list[str]]:
    """Score a small answers file in `folder` against the mini pack at `columns`; the file and
    the words of the footer's "See this report again" command."""
    sheet = folder / "answers.json"
    sheet.write_text('{"answers": {"help_stuck_users": 4, "read_source": 2, "many_hats": 5}}')
    result = runner.invoke(app, ["score", str(sheet), "--data-dir", str(MINI_PACK)], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    return sheet, shlex.split(result.stdout.split("See this report again: ")[1].splitlines()[0])


def test_the_footer_carries_the_data_pack_into_its_commands(runner: CliRunner, tmp_path: Path) -> None:
    sheet, again = see_again(runner, tmp_path, "200")
    assert again == ["rolefit", "score", str(sheet), "--data-dir", str(MINI_PACK)]


def test_the_footer_is_printed_after_the_pager_closes(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    status, output = run_in_terminal(["score", str(PERSONA)], f"sh -c 'cat > {paged}'")
    assert status == 0
    assert "Your answers:" not in paged.read_text()
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert "Your answers: " in plain and "Export it for a coach" in plain


def test_a_long_command_in_the_footer_is_never_broken_across_lines(runner: CliRunner, tmp_path: Path) -> None:
    deep = tmp_path / ("a-rather-long-folder-name-" * 4)
    deep.mkdir()
    sheet, again = see_again(runner, deep, "60")
    assert again == ["rolefit", "score", str(sheet), "--data-dir", str(MINI_PACK)]
