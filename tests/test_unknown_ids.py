"""An unknown id is shown as it was written, with any invisible or control character escaped
(`'regular_travel\\u200b'`), never stripped: stripped, it would read exactly like the known id
it is not, and the message would make no sense."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.errors import escaped

PERSONA = Path(__file__).parent / "fixtures" / "docs_specialist.yaml"


def test_escaping_writes_invisible_and_control_characters_as_escapes() -> None:
    assert escaped("regular_travel\u200b") == "regular_travel\\u200b"
    assert escaped("a\x1b[2Jb\u202e") == "a\\x1b[2Jb\\u202e"
    assert escaped("plain text, kept as it is") == "plain text, kept as it is"


def test_an_unknown_role_is_shown_with_its_invisible_character_escaped(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(PERSONA), "--explain", "developer_advocate\u200b"])
    assert result.exit_code == 2 and "'developer_advocate\\u200b'" in result.stderr


def test_an_unknown_role_card_is_shown_with_its_invisible_character_escaped(runner: CliRunner) -> None:
    result = runner.invoke(app, ["roles", "developer_advocate\u200b"])
    assert result.exit_code == 2 and "'developer_advocate\\u200b'" in result.stderr


def test_an_unknown_dealbreaker_is_shown_with_its_invisible_character_escaped(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"answers": {"picture_first_time_user": 4}, "dealbreakers": ["regular_travel\u200b"]}))
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "unknown dealbreaker 'regular_travel\\u200b'" in result.stderr


def test_an_unknown_question_is_listed_with_its_invisible_character_escaped(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"answers": {"picture_first_time_user": 4, "picture_first_time_user\u200b": 2}}))
    document = json.loads(runner.invoke(app, ["score", str(path), "--json"]).stdout)
    notice = next(w["message"] for w in document["warnings"] if w["code"] == "unknown_question")
    assert notice.endswith("picture_first_time_user\\u200b")


def test_a_very_long_unknown_role_is_shown_cut_short_with_its_length(runner: CliRunner) -> None:
    result = runner.invoke(app, ["roles", "developer advocate " * 1000])
    assert result.exit_code == 2 and len(result.stderr) < 300
    assert "...' (19000 characters)" in result.stderr
