"""How `rolefit validate`'s work grows with the size of the question bank.

    python benchmarks/validate_scaling.py [--questions 400] [--limit 2.6]

Builds two packs in a temporary folder from the shipped one: its questions repeated (with new
ids) up to N and 2N questions, and a twin of the first role (same profile, another id), which
can never come strictly first, so that the search for answers that put each role first runs
in full. Times `check_pack(..., reachability=True)` (what `rolefit validate` runs) on both and
prints the ratio: about 2 when the work grows linearly, about 4 when it grows with the square.
Exits 1 when the ratio is over --limit.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

import yaml

from rolefit.data import QUESTIONS_FILE, ROLES_FILE, check_pack, default_data_dir


def build(size: int, folder: Path) -> Path:
    source = default_data_dir()
    questions = yaml.safe_load((source / QUESTIONS_FILE).read_text(encoding="utf-8"))
    roles = yaml.safe_load((source / ROLES_FILE).read_text(encoding="utf-8"))
    bank = questions["questions"]
    grown = []
    while len(grown) < size:
        for question in bank[:size - len(grown)]:
            entry = copy.deepcopy(question)
            entry["id"] = f"{question['id']}_{len(grown)}"
            grown.append(entry)
    questions["questions"] = grown
    twin = copy.deepcopy(roles["roles"][0])
    twin["id"], twin["name"] = "twin_role", "Twin Role"
    roles["roles"].append(twin)
    folder.mkdir()
    (folder / QUESTIONS_FILE).write_text(yaml.safe_dump(questions, sort_keys=False), encoding="utf-8")
    (folder / ROLES_FILE).write_text(yaml.safe_dump(roles, sort_keys=False), encoding="utf-8")
    return folder


def timed(folder: Path) -> float:
    started = time.perf_counter()
    _, problems = check_pack(folder, reachability=True)
    elapsed = time.perf_counter() - started
    assert any("twin_role" in p for p in problems), "the twin should never come first"
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--limit", type=float, default=2.6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = build(args.questions, Path(tmp) / "small")
        large = build(2 * args.questions, Path(tmp) / "large")
        first, second = timed(small), timed(large)
    ratio = second / first
    print(f"validate, {args.questions} questions: {first:.2f} s")
    print(f"validate, {2 * args.questions} questions: {second:.2f} s")
    print(f"ratio: {ratio:.2f} (linear is 2, quadratic 4; limit {args.limit})")
    return 1 if ratio > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
