"""What pyproject.toml promises about versions is what CI tests: the oldest-dependencies
constraints pin exactly the minimum of every runtime dependency, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def runtime_minimums() -> dict[str, str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", text, re.M | re.S)
    assert block, "pyproject.toml has no dependencies list"
    found = re.findall(r'"([A-Za-z0-9_.-]+)>=([0-9][0-9.]*)"', block.group(1))
    assert len(found) == block.group(1).count('"') // 2, "every runtime dependency needs a >= minimum"
    return {name.lower(): version for name, version in found}


def pinned() -> dict[str, str]:
    lines = (ROOT / ".ci" / "oldest-dependencies.txt").read_text(encoding="utf-8").splitlines()
    pins = [re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][0-9.]*)", line.strip()) for line in lines
            if line.strip() and not line.lstrip().startswith("#")]
    assert all(pins), "every line of .ci/oldest-dependencies.txt is NAME==VERSION"
    return {pin.group(1).lower(): pin.group(2) for pin in pins if pin}


def same_release(one: str, other: str) -> bool:
    """6 and 6.0.0 are the same release."""
    def parts(version: str) -> list[int]:
        numbers = [int(p) for p in version.split(".")]
        while numbers and numbers[-1] == 0:
            numbers.pop()
        return numbers
    return parts(one) == parts(other)


def test_ci_pins_every_runtime_dependency_at_the_minimum_pyproject_allows() -> None:
    minimums, pins = runtime_minimums(), pinned()
    assert set(pins) == set(minimums)
    assert all(same_release(pins[name], minimums[name]) for name in minimums), (pins, minimums)


def test_ci_runs_the_tests_with_the_oldest_dependencies() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-c .ci/oldest-dependencies.txt" in script and "-m pytest" in script
