"""Time to the quiz's first question in a pseudo-terminal, against a minimal Typer app.

    python benchmarks/quiz_startup.py [--runs 20] [--limit 1.5]

Each run spawns a command in a pty (pexpect) and times from the spawn until a known text
appears on the screen: for `rolefit quiz --client X --save TMP`, the first question's text;
for the baseline, a minimal Typer app that reads an answers-sized file and prints a line.
The two alternate, so both see the same machine load. Prints both medians and their ratio;
exits 1 when the ratio is over --limit.

The quiz draws its first question as plain text before prompt_toolkit has loaded, then
prompt_toolkit draws it again in place and starts taking keys (keys pressed in between wait
in the terminal). For the record, the time to that interactive frame (prompt_toolkit turning
on bracketed paste) is printed too; the limit applies to the question appearing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

BASELINE_APP = '''
import typer

app = typer.Typer()


@app.command()
def show(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    print(f"read {len(text)} characters: ready")


app()
'''


def answers_file(folder: Path) -> Path:
    """An answers file for every question, as big as a finished quiz's."""
    from rolefit.data import load_pack

    pack = load_pack()
    lines = ["respondent: X", "answers:"]
    for question in pack.questions:
        answer = 3 if question.kind == "likert" else question.options[0].value
        lines.append(f"  {question.id}: {answer}")
    path = folder / "answers.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def first_words() -> str:
    """The opening words of the first question, which appear only once it is drawn: the
    dealbreakers step when the pack has dealbreakers, else the adaptive quiz's first question."""
    from rolefit.adaptive import DEALBREAKER_TEXT, next_step
    from rolefit.data import load_pack
    from rolefit.model import AnswerSheet

    pack = load_pack()
    first = next_step(pack, AnswerSheet(answers={})).question
    text = DEALBREAKER_TEXT if pack.dealbreakers or first is None else first.text
    return " ".join(text.split()[:3])


def environment() -> dict[str, str]:
    """Bytecode caching on, as in a real install; no cursor position request, which a
    pexpect pty never answers (a real terminal answers it at once)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "COLUMNS": "100", "LINES": "30"}


INTERACTIVE = "\x1b[?2004h"
"""What prompt_toolkit writes as its application starts: bracketed paste on."""


def run_once(command: list[str], shows: str, then: str | None = None) -> tuple[float, float | None]:
    """Seconds from the spawn until `shows` appears and, if given, until `then` appears after it."""
    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env=environment(), encoding="utf-8",
                          timeout=30, dimensions=(30, 100))
    try:
        child.expect_exact(shows)
        elapsed = time.perf_counter() - start
        later = None
        if then is not None and then in child.before:  # drawn by prompt_toolkit itself
            later = elapsed
        elif then is not None:
            child.expect_exact(then)
            later = time.perf_counter() - start
    finally:
        child.terminate(force=True)
        child.close()
    return elapsed, later


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--limit", type=float, default=1.5)
    args = parser.parse_args()
    words = first_words()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        answers = answers_file(folder)
        baseline_app = folder / "baseline.py"
        baseline_app.write_text(BASELINE_APP, encoding="utf-8")
        baseline = ([sys.executable, str(baseline_app), str(answers)], "ready")
        times: dict[str, list[float]] = {"baseline": [], "quiz": [], "interactive": []}
        for run in range(args.runs + 2):
            saved = folder / f"quiz-{run}.yaml"
            quiz = [sys.executable, "-m", "rolefit", "quiz", "--client", "X", "--save", str(saved)]
            base_time, _ = run_once(*baseline)
            quiz_time, interactive = run_once(quiz, words, INTERACTIVE)
            if run >= 2:  # the first two of each warm the caches
                times["baseline"].append(base_time)
                times["quiz"].append(quiz_time)
                times["interactive"].append(interactive or 0.0)
    base, ours = statistics.median(times["baseline"]), statistics.median(times["quiz"])
    keys = statistics.median(times["interactive"])
    ratio = ours / base
    print(f"minimal typer app reading the file: {base * 1000:.1f} ms (median of {args.runs})")
    print(f"rolefit quiz, first question shown: {ours * 1000:.1f} ms (median of {args.runs})")
    print(f"rolefit quiz, prompt_toolkit taking keys: {keys * 1000:.1f} ms (ratio {keys / base:.2f}, for the record)")
    print(f"ratio: {ratio:.2f} (limit {args.limit})")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
