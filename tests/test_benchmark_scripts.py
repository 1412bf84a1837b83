"""The speed benchmarks are scripts, not tests; these keep them runnable as the code moves."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(p.stem for p in BENCHMARKS.glob("*.py")))
def test_every_benchmark_script_imports(name: str) -> None:
    assert callable(script(name).main)


def test_the_quiz_startup_benchmark_waits_for_the_words_the_quiz_draws_first() -> None:
    from rolefit.adaptive import DEALBREAKER_TEXT

    assert script("quiz_startup").first_words() == " ".join(DEALBREAKER_TEXT.split()[:3])
