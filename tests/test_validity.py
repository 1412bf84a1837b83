"""The validity benchmark (benchmarks/validity.py) at a small, seeded size: the measurement
promises that hold at any sample size. The full run, with its figures, is in the README."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import validity  # noqa: E402


@pytest.fixture(scope="module")
def report() -> dict:
    return validity.run(None, people=300, per_role=20, seed=11)


@pytest.mark.parametrize("model", ["linear", "graded"])
def test_every_trait_is_recovered_without_bias(report: dict, model: str) -> None:
    for trait, found in report["models"][model]["recovery"].items():
        assert found["r"] >= 0.85 and abs(found["bias"]) <= 0.05, (model, trait, found)


@pytest.mark.parametrize("model", ["linear", "graded"])
def test_one_items_retest_correlation_is_about_a_half(report: dict, model: str) -> None:
    assert 0.45 <= report["models"][model]["item_retest_r"] <= 0.6


@pytest.mark.parametrize("model", ["linear", "graded"])
def test_fits_spread_between_a_persons_best_and_worst_role(report: dict, model: str) -> None:
    assert report["models"][model]["fits"]["spread_median"] >= 35


def test_the_all_middle_sheet_is_no_clear_fit_and_scores_no_higher_than_an_ordinary_best(report: dict) -> None:
    middle = report["all_middle"]
    assert middle["verdict"] == "no_clear_fit"
    assert all(middle["best_fit"] <= found["fits"]["best_median"] for found in report["models"].values())


@pytest.mark.parametrize("model", ["linear", "graded"])
def test_role_typical_people_mostly_get_their_role_first(report: dict, model: str) -> None:
    assert report["models"][model]["typical_top1"] >= 0.55


@pytest.mark.parametrize("model", ["linear", "graded"])
def test_no_role_comes_first_for_more_than_a_fifth_of_ordinary_people(report: dict, model: str) -> None:
    """Version 1 put the technical program manager first for 18%, twice its share."""
    assert max(report["models"][model]["first_share"].values()) <= 0.2
