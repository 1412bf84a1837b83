"""Cohort scoring throughput against merely reading and writing the same JSON lines.

    python benchmarks/batch_throughput.py [--lines 5000] [--repeat 5] [--limit 4]

Both sides run in this process over the same file: the baseline parses each line with
json.loads and writes it back with json.dumps; rolefit scores each line to a jsonl result.
Prints the best time of each and their ratio; exits 1 when the ratio is over --limit.

The limit is issue 18's target (it was 6 before): scoring a line may cost at most 4 times
the floor of reading and writing it, the part no scoring can save, so that the limit tracks
the scoring's own cost and not the machine's. docs/development.md has the figures measured;
on a shared, noisy machine, run it several times and read the spread, not one figure.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rolefit import batch
from rolefit.data import load_pack
from rolefit.model import DataPack, Question


def _answer(question: Question, rng: random.Random) -> Any:
    if question.kind == "likert":
        return rng.randint(1, 5)
    if question.kind == "choice":
        return rng.choice(question.options).value
    return [o.value for o in question.options if rng.random() < 0.4]


def cohort(pack: DataPack, lines: int, path: Path) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for number in range(lines):
            answers = {q.id: _answer(q, rng) for q in pack.questions if rng.random() > 0.05}
            out.write(json.dumps({"id": f"p{number}", "answers": answers}) + "\n")


def baseline(path: Path, out: io.TextIOBase) -> None:
    with path.open("rb") as handle:
        for raw in handle:
            out.write(json.dumps(json.loads(raw)) + "\n")
            out.flush()


def best_of(repeat: int, action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=float, default=4.0)
    args = parser.parse_args()
    pack = load_pack()
    with tempfile.TemporaryDirectory() as temporary, open(os.devnull, "w") as sink:
        path = Path(temporary) / "cohort.jsonl"
        cohort(pack, args.lines, path)
        base = best_of(args.repeat, lambda: baseline(path, sink))
        ours = best_of(args.repeat, lambda: batch.run(pack, path, "jsonl", sink))
    ratio = ours / base
    print(f"read and write {args.lines} JSON lines: {base * 1000:.0f} ms ({args.lines / base:,.0f} lines/s)")
    print(f"rolefit batch scoring: {ours * 1000:.0f} ms ({args.lines / ours:,.0f} lines/s)")
    print(f"ratio: {ratio:.2f} (limit {args.limit})")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
