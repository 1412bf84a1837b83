"""The documentation cannot drift: every command is in the README, and docs/cli.md is the
`--help` of every command. Regenerate it after a change with ROLEFIT_UPDATE_DOCS=1."""

from __future__ import annotations

import os
import re
from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from rolefit.cli import app

ROOT = Path(__file__).resolve().parents[1]


def commands() -> list[str]:
    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


def reference() -> str:
    runner = CliRunner()
    parts = ["# rolefit command reference", "",
             "Generated from `--help` by tests/test_docs.py; do not edit by hand.", ""]
    for args in [[], *([c] for c in commands())]:
        title = " ".join(["rolefit", *args])
        text = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "100"}, prog_name="rolefit").stdout
        parts += [f"## {title}", "", "```", text.rstrip(), "```", ""]
    return "\n".join(parts)


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for command in commands():
        assert f"`rolefit {command}" in readme, command


def test_every_command_has_help() -> None:
    for command in commands():
        assert get_command(app).commands[command].help, command  # type: ignore[attr-defined]


def test_cli_reference_is_generated_from_help() -> None:
    path = ROOT / "docs" / "cli.md"
    if os.environ.get("ROLEFIT_UPDATE_DOCS"):
        path.write_text(reference())
    assert path.read_text() == reference()


def test_readme_exit_codes_match_the_code() -> None:
    from rolefit.errors import ExitCode

    readme = (ROOT / "README.md").read_text()
    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \|", readme, re.M), code
