"""How sure a result is, in one voice: each role's share of plausible retakes in which it
comes first, and the shortlist those shares promise. Pure functions over fits and pulls.

A retake is the same person answering the same questions again on another day. Each fit
would move with every trait's error (its *pulls*, in fit points, from `scoring`), today's and
the retake's alike, and two fits that ask about the same traits move together. So the fits of
a retake are jointly normal around today's, and the chance that a role comes first is the
chance that it beats every rival at once. That chance is worked out analytically, with
Clark's (1961) approximation to the largest of correlated normal variables: it is
deterministic, agrees with a 3,000-draw simulation of the same retakes to within 2.5
points on 9 sheets in 10 (and 5 at worst, over simulated and random sheets), and is cheap
enough for a cohort of thousands.

The shortlist is the fewest roles, best first, that between them come first in at least
COVER of retakes: one role is a clear lead, two or more are a close call among them.
"""

from __future__ import annotations

import math
from operator import mul
from typing import Sequence

COVER = 0.90
"""A shortlist holds the best fit of a retake in at least this share of plausible retakes."""
LONGEST = 4
"""A shortlist longer than this is too long to help: no clear fit."""
RETAKE = math.sqrt(2.0)
"""A retake carries its own noise as well as today's."""
CALIBRATION = 0.85
"""The analytic errors overstate how far fits move on a retake (they add each trait's worst
case at its target's edge); the validity benchmark measured the shortlist's promise to hold
in at least 90% of retakes, for ordinary and role-typical people under both response models,
with the spread scaled by this (docs/measurement.md)."""
SPREAD = RETAKE * CALIBRATION
PARTIAL = 1.0
"""How much wider a partly answered sheet's retakes spread than its errors alone say: a retake
of an adaptive quiz may ask other questions, each with its own slant, and stop at another
point. Scaled by the share of the bank left unasked; measured on the adaptive benchmark."""


def retake_spread(answered: int, total: int) -> float:
    """How far fits move on a retake, as a factor on their pulls."""
    unasked = 1.0 - answered / total if total else 0.0
    return SPREAD * (1.0 + PARTIAL * max(0.0, unasked))


REACH = 0.01
"""A rival that would beat the leader in fewer than 1 in 100 retakes is passed over: its
share of first places could hardly move the shortlist, and leaving it out keeps cohorts quick."""

RIVALS = 5
"""How many of the best other roles a role's first place is weighed against (see `_first`):
it keeps a cohort line's cost from growing with the cube of the roles in reach."""

_ROOT_HALF = math.sqrt(0.5)
_ROOT_TAU = math.sqrt(2.0 * math.pi)


def normal_below(z: float) -> float:
    """The standard normal distribution function: the chance of falling below z."""
    return 0.5 * (1.0 + math.erf(z * _ROOT_HALF))


def _below_zero(mean: float, variance: float) -> float:
    """The chance that a normal variable with this mean and variance falls below 0 (a tie
    counts half)."""
    if variance > 1e-12:
        return normal_below(-mean / math.sqrt(variance))
    return 1.0 if mean < 0 else (0.5 if mean == 0 else 0.0)


_State = tuple[float, float, Sequence[float]]
"""A running largest of some variables: its mean, its variance, and its covariance with each
of the variables (folded in or not)."""


def _fold(state: _State, j: int, means: Sequence[float], cov: Sequence[Sequence[float]]) -> _State:
    """The largest of `state`'s variables and variable j, by Clark's approximation: a normal
    variable matching the two moments of the larger of two jointly normal ones."""
    mean, variance, with_rest = state
    mean_j, var_j = means[j], cov[j][j]
    gap2 = variance + var_j - 2.0 * with_rest[j]
    if gap2 <= 1e-12:
        return (mean_j, var_j, cov[j]) if mean_j > mean else state
    gap = math.sqrt(gap2)
    alpha = (mean - mean_j) / gap
    above = 0.5 * (1.0 + math.erf(alpha * _ROOT_HALF))  # normal_below(alpha), without the call
    below = 1.0 - above
    density = math.exp(-0.5 * alpha * alpha) / _ROOT_TAU
    new_mean = mean * above + mean_j * below + gap * density
    second = ((mean * mean + variance) * above + (mean_j * mean_j + var_j) * below
              + (mean + mean_j) * gap * density)
    return (new_mean, max(0.0, second - new_mean * new_mean),
            [c * above + d * below for c, d in zip(with_rest, cov[j])])


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(map(mul, a, b))


def first_places(fits: Sequence[float | None], pulls: Sequence[Sequence[float]], contenders: Sequence[int],
                 spread: float = SPREAD) -> dict[int, float]:
    """Each contender's share of plausible retakes in which it comes first (they add up to 1;
    a rival out of reach gets none). `contenders` are best first; `spread` scales the pulls
    (SPREAD for a retake; the adaptive quiz passes other movements).

    It runs for every cohort line, so a rival is first passed over cheaply when it is further
    behind than 4.5 times the two fits' spreads added (its chance is then under 1 in 100,000,
    below REACH), before the exact test."""
    if not contenders:
        return {}
    leader = contenders[0]
    reach, own = _in_reach(fits, pulls, contenders, spread * spread) if len(contenders) > 1 else ([leader], [])
    if len(reach) == 1:
        return {leader: 1.0}
    raw = _firsts([fits[i] or 0.0 for i in reach], _covariances([pulls[i] for i in reach], own, spread * spread))
    total = sum(raw)
    if total <= 0.0:
        return {leader: 1.0}
    return {i: share / total for i, share in zip(reach, raw)}


def _in_reach(fits: Sequence[float | None], pulls: Sequence[Sequence[float]], contenders: Sequence[int],
              square: float) -> tuple[list[int], list[float]]:
    """The leader and the rivals that beat it in more than REACH of retakes, best first, and
    the variance of each one's fit on a retake (`square` scales the pulls' sum of squares)."""
    leader = contenders[0]
    lead_pulls, lead_fit = pulls[leader], fits[leader] or 0.0
    lead_variance = _dot(lead_pulls, lead_pulls) * square
    lead_spread = math.sqrt(lead_variance)
    reach, own = [leader], [lead_variance]
    for rival in contenders[1:]:
        theirs = pulls[rival]
        mine = _dot(theirs, theirs) * square
        margin = lead_fit - (fits[rival] or 0.0)
        if margin > 4.5 * (lead_spread + math.sqrt(mine)):
            continue
        variance = lead_variance + mine - 2.0 * square * _dot(lead_pulls, theirs)
        if _below_zero(margin, variance) > REACH:
            reach.append(rival)
            own.append(mine)
    return reach, own


def _covariances(rows: Sequence[Sequence[float]], own: Sequence[float], square: float) -> list[list[float]]:
    """The covariance matrix of fits on a retake, from their pulls (`own` is its diagonal)."""
    size = len(rows)
    cov = [[0.0] * size for _ in range(size)]
    for a, pulls in enumerate(rows):
        row = cov[a]
        row[a] = own[a]
        for b in range(a + 1, size):
            row[b] = cov[b][a] = square * sum(map(mul, pulls, rows[b]))  # _dot, without the call
    return cov


def _firsts(fits: Sequence[float], cov: Sequence[Sequence[float]]) -> list[float]:
    """For each role (positions best first), the chance that it beats every other one: that
    the largest of the others' leads over it falls below 0. Only the RIVALS best of the others
    count: the largest lead is almost always theirs.

    The largest lead over a role is the largest of the others less the role itself, so the
    others are folded (Clark's approximation, largest mean first) as they are, keeping their
    covariance with each role, and the role is taken off at the end: in exact arithmetic the
    same as folding the leads themselves, and every role after the RIVALS best shares one
    fold, and each of the best shares its prefix (the fold of the roles before it)."""
    size = len(fits)
    rivals = min(RIVALS, size - 1)
    prefix = [(fits[0], cov[0][0], cov[0])]
    for j in range(1, rivals):
        prefix.append(_fold(prefix[-1], j, fits, cov))
    found = []
    for role in range(size):
        if role >= rivals:
            state = prefix[rivals - 1]
        else:
            state = prefix[role - 1] if role else (fits[1], cov[1][1], cov[1])
            for j in range(max(role + 1, 2), rivals + 1):
                state = _fold(state, j, fits, cov)
        mean, variance, with_rest = state
        found.append(_below_zero(mean - fits[role], variance + cov[role][role] - 2.0 * with_rest[role]))
    return found


def shortlist(shares: dict[int, float], contenders: Sequence[int], cover: float = COVER) -> list[int]:
    """The fewest contenders, best first, whose shares add up to `cover`."""
    found: list[int] = []
    total = 0.0
    for role in contenders:
        found.append(role)
        total += shares.get(role, 0.0)
        if total >= cover - 1e-9:
            break
    return found
