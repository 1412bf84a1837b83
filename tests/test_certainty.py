"""How sure a result is: each role's share of plausible retakes in which it comes first, and
the shortlist those shares promise (rolefit.certainty)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolefit.certainty import COVER, first_places, shortlist

TRAITS = 4


def simulated(fits: list[float], pulls: list[list[float]], draws: int = 20000) -> dict[int, float]:
    """First places over fixed-seed draws of the same jointly normal retakes."""
    rng = random.Random(1)
    counts = [0] * len(fits)
    for _ in range(draws):
        z = [rng.gauss(0, 1) for _ in range(TRAITS)]
        values = [f + sum(p * x for p, x in zip(row, z)) for f, row in zip(fits, pulls)]
        counts[values.index(max(values))] += 1
    return {i: c / draws for i, c in enumerate(counts)}


def test_a_role_far_ahead_comes_first_in_every_retake() -> None:
    shares = first_places([90.0, 40.0, 30.0], [[1.0, 0, 0, 0], [0, 1.0, 0, 0], [0, 0, 1.0, 0]], [0, 1, 2], spread=1.0)
    assert shares == {0: 1.0}


def test_two_identical_roles_share_first_place_evenly() -> None:
    same = [2.0, 1.0, 0.0, 0.0]
    shares = first_places([70.0, 70.0], [same, [v * 0.5 for v in same]], [0, 1], spread=1.0)
    assert shares[0] == pytest.approx(0.5, abs=0.01) and shares[1] == pytest.approx(0.5, abs=0.01)


def test_shares_agree_with_a_simulation_of_the_same_retakes() -> None:
    fits = [72.0, 70.0, 67.0, 60.0]
    pulls = [[3.0, 1.0, 0.0, 2.0], [1.0, 3.0, 1.0, 0.0], [0.0, 2.0, 3.0, 1.0], [2.0, 0.0, 0.0, 3.0]]
    shares, truth = first_places(fits, pulls, [0, 1, 2, 3], spread=1.0), simulated(fits, pulls)
    for role in range(4):
        assert shares.get(role, 0.0) == pytest.approx(truth[role], abs=0.03)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(30, 90), st.lists(st.floats(0, 4), min_size=TRAITS, max_size=TRAITS)),
                min_size=1, max_size=6))
def test_shares_add_up_to_one_and_favour_no_role_out_of_reach(roles: list) -> None:
    fits = [f for f, _ in roles]
    pulls = [p for _, p in roles]
    ranked = sorted(range(len(fits)), key=lambda i: -fits[i])
    shares = first_places(fits, pulls, ranked, spread=1.0)
    assert sum(shares.values()) == pytest.approx(1.0)
    assert all(0.0 <= v <= 1.0 for v in shares.values()) and ranked[0] in shares


def test_the_same_fits_always_give_the_same_shares() -> None:
    fits, pulls = [70.0, 68.0, 65.0], [[2.0, 1.0, 0, 0], [1.0, 2.0, 0, 0], [0, 1.0, 2.0, 0]]
    assert first_places(fits, pulls, [0, 1, 2]) == first_places(fits, pulls, [0, 1, 2])


def test_a_shortlist_is_the_fewest_roles_best_first_that_reach_the_cover() -> None:
    assert shortlist({0: 0.6, 1: 0.25, 2: 0.1, 3: 0.05}, [0, 1, 2, 3]) == [0, 1, 2]
    assert shortlist({0: 0.95, 1: 0.05}, [0, 1]) == [0]
    assert COVER == 0.9


def test_a_shortlist_keeps_the_ranking_order_even_when_a_later_role_has_more_first_places() -> None:
    assert shortlist({0: 0.40, 1: 0.45, 2: 0.15}, [0, 1, 2]) == [0, 1, 2]
