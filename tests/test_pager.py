"""A pager never swallows the report: one that cannot start, or that fails (exits non-zero,
as PAGER=false does, without reading), leaves the report printed straight, after a line on
stderr saying why. Run in a real pseudo-terminal, as a person would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

PERSONA = Path(__file__).parent / "fixtures" / "engineer_with_blogging_habit.yaml"


def in_terminal(pager: str, *args: str, command: tuple[str, ...] = ("score", str(PERSONA))) -> tuple[int, str]:
    import pexpect

    env = {**os.environ, "PAGER": pager, "TERM": "xterm", "COLUMNS": "80", "LINES": "24"}
    child = pexpect.spawn(sys.executable, ["-m", "rolefit", *command, *args], env=env,
                          encoding="utf-8", timeout=30, dimensions=(24, 80))
    output = child.read()
    child.close()
    return child.exitstatus, output


@pytest.mark.parametrize("pager", ["false", "sh -c 'exit 3'"], ids=["false", "exit-3"])
def test_a_pager_that_fails_without_reading_leaves_the_report_printed(pager: str) -> None:
    status, output = in_terminal(pager)
    assert status == 0
    assert "How every role fits" in output and "Your trait profile" in output
    assert "rolefit: the pager" in output and "printing the report without it" in output


def test_a_pager_that_fails_after_reading_part_still_leaves_the_whole_report(tmp_path: Path) -> None:
    status, output = in_terminal("sh -c 'head -c 100 >/dev/null; exit 1'")
    assert status == 0 and "Your trait profile" in output and "exited with status 1" in output


def test_a_pager_that_shows_the_report_is_trusted_and_it_is_not_printed_twice(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    status, output = in_terminal(f"sh -c 'cat > {paged}'")
    assert status == 0 and "Your trait profile" in paged.read_text()
    assert "How every role fits" not in output and "rolefit: the pager" not in output


def test_a_pager_that_cannot_start_says_so_and_prints_the_report() -> None:
    status, output = in_terminal("no-such-pager-here --flag")
    assert status == 0 and "How every role fits" in output and "could not be started" in output


def test_the_note_about_a_failed_pager_shows_its_control_characters_escaped() -> None:
    status, output = in_terminal("false \x1b]0;title\x07")
    assert status == 0 and "\x1b]0;" not in output and "\\x1b]0;title\\x07" in output


@pytest.mark.parametrize("command", [("roles", "developer_advocate"), ("questions",)], ids=["roles-ROLE", "questions"])
def test_a_role_card_and_the_question_list_page_like_the_report(tmp_path: Path, command: tuple[str, ...]) -> None:
    paged = tmp_path / "paged.txt"
    status, output = in_terminal(f"sh -c 'cat > {paged}'", command=command)
    assert status == 0 and paged.read_text().count("\n") > 24 and output.count("\n") < 24


@pytest.mark.parametrize("command", [("roles", "developer_advocate"), ("questions",)], ids=["roles-ROLE", "questions"])
def test_no_pager_prints_a_role_card_and_the_question_list_straight(tmp_path: Path, command: tuple[str, ...]) -> None:
    paged = tmp_path / "paged.txt"
    status, output = in_terminal(f"sh -c 'cat > {paged}'", "--no-pager", command=command)
    assert status == 0 and not paged.exists() and output.count("\n") > 24
