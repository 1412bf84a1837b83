"""Cold start of `rolefit score FILE --json` against a minimal Typer app that reads the same
file and prints it, run alternately in one session so both see the same machine load.

    python benchmarks/startup.py [--runs 30] [--limit 1.3]

Prints both medians and their ratio; exits 1 when the ratio is over --limit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE_APP = '''
import typer

app = typer.Typer()


@app.command()
def show(path: str, json: bool = False) -> None:
    with open(path, encoding="utf-8") as handle:
        print(handle.read())


app()
'''


def answers_file(folder: Path) -> Path:
    """Answers to every question: the middle of the scale, or a choice's first option."""
    from rolefit.data import load_pack

    pack = load_pack()
    lines = ["answers:"]
    for question in pack.questions:
        answer = 3 if question.kind == "likert" else question.options[0].value
        lines.append(f"  {question.id}: {answer}")
    path = folder / "answers.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def environment() -> dict[str, str]:
    """This environment, but with bytecode caching on, as in any real install: without it
    every run recompiles rolefit's sources while the baseline's come precompiled."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment())
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--limit", type=float, default=1.3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        answers = answers_file(folder)
        baseline_app = folder / "baseline.py"
        baseline_app.write_text(BASELINE_APP, encoding="utf-8")
        baseline = [sys.executable, str(baseline_app), str(answers), "--json"]
        rolefit = [sys.executable, "-m", "rolefit", "score", str(answers), "--json"]
        for command in (baseline, rolefit, baseline, rolefit):
            run_once(command)
        times: dict[str, list[float]] = {"baseline": [], "rolefit": []}
        for _ in range(args.runs):
            times["baseline"].append(run_once(baseline))
            times["rolefit"].append(run_once(rolefit))
    base, ours = statistics.median(times["baseline"]), statistics.median(times["rolefit"])
    ratio = ours / base
    print(f"minimal typer app: {base * 1000:.1f} ms (median of {args.runs})")
    print(f"rolefit score --json: {ours * 1000:.1f} ms (median of {args.runs})")
    print(f"ratio: {ratio:.2f} (limit {args.limit})")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
