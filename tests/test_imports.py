"""Scripted paths stay lean: they never import the interactive or rendering libraries.

This checks what is imported, not how long it takes; benchmarks/startup.py measures time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("rich", "questionary", "prompt_toolkit")
PERSONA = Path(__file__).parent / "fixtures" / "docs_specialist.yaml"


def imported_by(*args: str, stdin: str | None = None) -> set[str]:
    probe = ("import runpy, sys, json, atexit\n"
             "atexit.register(lambda: sys.__stderr__.write('MODULES=' + json.dumps(sorted(sys.modules)) + '\\n'))\n"
             f"sys.argv = ['rolefit', *{list(args)!r}]\n"
             "runpy.run_module('rolefit', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", probe], input=stdin, capture_output=True, text=True, timeout=60)
    line = next(l for l in done.stderr.splitlines() if l.startswith("MODULES="))
    return {name.split(".")[0] for name in json.loads(line.removeprefix("MODULES="))}


@pytest.mark.parametrize("args", [
    ["score", str(PERSONA), "--json"],
    ["roles", "--json"],
    ["questions", "--json"],
    ["template"],
    ["next", str(PERSONA), "--json"],
    ["schema", "score"],
], ids=["score-json", "roles-json", "questions-json", "template", "next-json", "schema"])
def test_scripted_commands_import_no_interactive_or_rendering_library(args: list[str]) -> None:
    assert imported_by(*args).isdisjoint(HEAVY)


def test_cohort_scoring_imports_no_interactive_or_rendering_library(tmp_path: Path) -> None:
    cohort = tmp_path / "c.jsonl"
    cohort.write_text(json.dumps({"answers": {"write_tutorial_first": 4}}) + "\n")
    assert imported_by("score", str(cohort), "--format", "csv").isdisjoint(HEAVY)


def test_the_text_report_does_use_rich() -> None:
    assert "rich" in imported_by("score", str(PERSONA))
