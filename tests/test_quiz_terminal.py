"""`rolefit quiz` in a real pseudo-terminal, answered key by key the way a person would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"


def test_a_person_can_take_the_whole_quiz_in_a_terminal_by_pressing_enter() -> None:
    """PROMPT_TOOLKIT_NO_CPR: a real terminal answers prompt_toolkit's cursor position
    request, pexpect's does not, and waiting for the answer would only slow the test."""
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "30", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(sys.executable, ["-m", "rolefit", "quiz", "--client", "Test", "--data-dir", str(MINI)],
                          cwd=str(ROOT), env=env, encoding="utf-8", timeout=30, dimensions=(30, 100))
    try:
        child.expect_exact("9 questions, about 2 minutes.")
        for number in range(1, 10):
            child.expect_exact(f"[{number}/9 · ")
            child.send("\r")
        child.expect_exact("How every role fits")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
