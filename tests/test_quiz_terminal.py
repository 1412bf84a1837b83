"""`rolefit quiz` in a real pseudo-terminal, answered key by key the way a person would; the
screen tests read what a person sees through pyte, a terminal emulator."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pyte
import pytest
import yaml

from rolefit import quiz
from rolefit.data import load_pack

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"


def test_a_person_can_take_the_whole_quiz_in_a_terminal_by_pressing_enter() -> None:
    """PROMPT_TOOLKIT_NO_CPR: a real terminal answers prompt_toolkit's cursor position
    request, pexpect's does not, and waiting for the answer would only slow the test."""
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "30", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(sys.executable, ["-m", "rolefit", "quiz", "--full", "--client", "Test", "--data-dir", str(MINI)],
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


def test_a_key_pressed_as_soon_as_the_first_question_shows_is_not_lost(tmp_path: Path) -> None:
    """The first question is drawn before prompt_toolkit has loaded; a key pressed then waits
    in the terminal until prompt_toolkit reads it."""
    saved = tmp_path / "answers.yaml"
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(sys.executable, ["-m", "rolefit", "quiz", "--full", "--client", "Test", "--save", str(saved),
                                           "--data-dir", str(MINI)],
                          cwd=str(ROOT), env=env, encoding="utf-8", timeout=30, dimensions=(30, 100))
    try:
        child.expect_exact("I like helping stuck users.")
        child.send("5")
        child.expect_exact("[2/9 · ")
        child.send("\r" * 8)
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert yaml.safe_load(saved.read_text(encoding="utf-8"))["answers"]["help_stuck_users"] == 5


# the screen at 40, 60, 80 and 120 columns --------------------------------------------------

ROWS = 60


class Terminal:
    """`rolefit quiz` in a pty of a given size, its output drawn by a terminal emulator
    (pyte), so a test reads the screen a person sees."""

    def __init__(self, args: list[str], columns: int, full: bool = True) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env |= {"TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
        self.screen = pyte.Screen(columns, ROWS)
        self.stream = pyte.Stream(self.screen)
        flags = ["--full"] if full else []
        self.seen = ""
        self.child = pexpect.spawn(sys.executable, ["-m", "rolefit", "quiz", *flags, *args], cwd=str(ROOT), env=env,
                                   encoding="utf-8", timeout=30)
        self.child.setwinsize(ROWS, columns)

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def wait_for(self, *texts: str) -> list[str]:
        """Read until one of `texts` is on the screen and the output has settled; the screen's lines."""
        deadline = 200
        while deadline and not any(text in line for line in self.lines() for text in texts):
            self._read(0.1)
            deadline -= 1
        assert deadline, f"{texts!r} never appeared:\n" + "\n".join(self.lines())
        while self._read(0.3):
            pass
        return self.lines()

    def _read(self, timeout: float) -> bool:
        try:
            text = self.child.read_nonblocking(65536, timeout=timeout)
            self.seen += text
            self.stream.feed(text)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return False
        return True


def shown_whole(lines: list[str], text: str) -> bool:
    """Whether `text` is on the screen word for word: wrapped only at spaces, never inside a
    word, and nothing cut off."""
    return " ".join(text.split()) in " ".join(" ".join(lines).split())


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_questions_options_and_intro_wrap_at_spaces_and_nothing_is_cut_off(columns: int, tmp_path: Path) -> None:
    """The first question and every choice and pick-all question of the real pack, whose
    options are the longest; the rest of the file is answered already."""
    pack = load_pack()
    asked = [0] + [i for i, q in enumerate(pack.questions) if q.kind != "likert"]
    answers = {q.id: 3 for i, q in enumerate(pack.questions) if i not in asked}
    saved = tmp_path / "answers.yaml"
    saved.write_text(yaml.safe_dump({"respondent": "Test", "dealbreakers": [], "answers": answers}), encoding="utf-8")
    term = Terminal(["--resume", str(saved)], columns)
    try:
        intro = term.wait_for(f"[1/{len(pack.questions)}")
        assert shown_whole(intro, quiz.AT_THE_END) and shown_whole(intro, quiz.AS_YOU_ARE)
        for index in asked:
            label = quiz.progress(pack, index)
            lines = term.wait_for(label)
            current = lines[max(i for i, line in enumerate(lines) if line == label):]
            assert all(len(line) <= columns for line in lines)
            question = pack.questions[index]
            assert shown_whole(current, question.text), "\n".join(current)
            for option in question.options:
                assert shown_whole(current, option.label), f"{option.label!r}:\n" + "\n".join(current)
            term.child.send("1" if question.kind != "multi" else "\r")
        term.wait_for("Export it for a coach")
    finally:
        term.child.close(force=True)


def test_a_person_takes_the_adaptive_quiz_end_to_end_and_gets_the_full_banks_best_fit(tmp_path: Path) -> None:
    """A persona answers each question the adaptive quiz shows, key by key, as they would
    answer it in the whole bank; the quiz settles in well under the bank's length and names
    the best fit the whole bank gives."""
    from test_personas import named_persona_sheet

    from rolefit.model import AnswerSheet
    from rolefit.scoring import score

    pack = load_pack()
    answers = named_persona_sheet(pack, "docs_specialist").answers
    by_text = {q.text: q for q in pack.questions}
    saved = tmp_path / "answers.yaml"
    term = Terminal(["--client", "Test", "--save", str(saved), "--no-pager"], 200, full=False)
    try:
        term.wait_for("[Before the questions]")
        term.child.send("\r")
        number = 1
        while True:
            lines = term.wait_for(f"[{number} · ", "settled after")
            labels = [i for i, line in enumerate(lines) if line.startswith(f"[{number} · ") and line.endswith("]")]
            if not labels:
                break
            question = by_text[lines[labels[-1] + 1].strip()]
            answer = answers[question.id]
            if question.kind == "likert":
                term.child.send(str(answer))
            else:
                values = [o.value for o in question.options]
                picked = answer if question.kind == "multi" else (answer,)
                term.child.send("".join(str(values.index(v) + 1) for v in picked) + ("\r" if question.kind == "multi" else ""))
            number += 1
        term.child.send("1")
        term.wait_for("Export it for a coach")
    finally:
        term.child.close(force=True)
    given = yaml.safe_load(saved.read_text(encoding="utf-8"))["answers"]
    assert number - 1 == len(given) < len(pack.questions) / 2
    best = score(pack, AnswerSheet(answers=answers)).ranking[0].role
    assert score(pack, AnswerSheet(answers={q: answers[q] for q in given})).ranking[0].role == best
    assert f"Best fit: {best.name}" in " ".join(term.seen.split())


@pytest.mark.parametrize("columns", [40, 60])
def test_the_name_prompt_wraps_at_spaces(columns: int, tmp_path: Path) -> None:
    from rolefit.quiz.prompt import NAME_QUESTION

    term = Terminal(["--save", str(tmp_path / "answers.yaml")], columns, full=False)
    try:
        lines = term.wait_for("Your name")
        assert shown_whole(lines[next(i for i, line in enumerate(lines) if "Your name" in line):], NAME_QUESTION)
    finally:
        term.child.close(force=True)
