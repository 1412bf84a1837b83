"""A coach's `notes:` in an answers file: read as free text whatever shape they were written in,
never rewritten by rolefit, and shown in the exports' "Coach's notes" section."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rolefit.answers import read_sheet, save_sheet
from rolefit.cli import app
from rolefit.documents import load_document
from rolefit.model import DataPack

from conftest import MINI_PACK

MINI = ["--data-dir", str(MINI_PACK)]


def notes_of(mini: DataPack, tmp_path: Path, notes_yaml: str) -> tuple[str, ...]:
    path = tmp_path / "a.yaml"
    path.write_text(f"respondent: Sam\n{notes_yaml}\nanswers:\n  help_stuck_users: 4\n")
    return read_sheet(path, mini).notes


def test_notes_as_text_split_into_paragraphs_at_blank_lines(mini: DataPack, tmp_path: Path) -> None:
    text = 'notes: |\n  Met twice;\n  prefers mornings.\n\n  Ask about   the docs team.\n'
    assert notes_of(mini, tmp_path, text) == ("Met twice; prefers mornings.", "Ask about the docs team.")


def test_notes_as_a_list_give_a_paragraph_an_item(mini: DataPack, tmp_path: Path) -> None:
    assert notes_of(mini, tmp_path, "notes:\n  - first\n  - second\n") == ("first", "second")


def test_notes_by_session_keep_each_heading_with_its_note(mini: DataPack, tmp_path: Path) -> None:
    text = "notes:\n  first session: met\n  second session:\n    - set a goal\n    - booked a call\n"
    assert notes_of(mini, tmp_path, text) == ("first session: met", "second session", "set a goal", "booked a call")


def test_notes_lose_control_characters(mini: DataPack, tmp_path: Path) -> None:
    assert notes_of(mini, tmp_path, 'notes: "red \\e[31mtext\\u202e"') == ("red [31mtext",)


def test_a_note_yaml_would_read_as_true_is_kept_as_written(mini: DataPack, tmp_path: Path) -> None:
    assert notes_of(mini, tmp_path, "notes: yes") == ("yes",)


def test_a_file_without_notes_has_none(mini: DataPack, tmp_path: Path) -> None:
    assert notes_of(mini, tmp_path, "") == ()


def test_notes_survive_saving_the_answers_back(mini: DataPack, tmp_path: Path) -> None:
    """What `quiz --resume` does with a file: its own answers change, the coach's notes stay."""
    path = tmp_path / "sam.yaml"
    original = "respondent: Sam\nnotes: |\n  Met twice.\n\n  Wants less travel.\nanswers:\n  help_stuck_users: 4\n"
    path.write_text(original)
    sheet = read_sheet(path, mini)
    sheet.answers["notice_frustration"] = 5
    save_sheet(path, sheet, mini, kept=load_document(path), original=original)
    assert read_sheet(path, mini).notes == ("Met twice.", "Wants less travel.")


def test_notes_survive_an_answers_file_written_afresh(mini: DataPack, tmp_path: Path) -> None:
    path = tmp_path / "sam.json"
    path.write_text(json.dumps({"notes": ["Met twice."], "answers": {"help_stuck_users": 4}}))
    sheet = read_sheet(path, mini)
    save_sheet(path, sheet, mini, kept=load_document(path))
    assert read_sheet(path, mini).notes == ("Met twice.",)


def test_score_export_shows_the_coachs_notes(tmp_path: Path) -> None:
    path = tmp_path / "sam.yaml"
    path.write_text("respondent: Sam\nnotes: Wants <less> travel.\nanswers:\n  help_stuck_users: 4\n")
    target = tmp_path / "sam.html"
    done = CliRunner().invoke(app, ["score", str(path), "--export", str(target), *MINI])
    assert done.exit_code == 0, done.output
    assert "<h2>Coach's notes</h2><p>Wants &lt;less&gt; travel.</p>" in target.read_text()
