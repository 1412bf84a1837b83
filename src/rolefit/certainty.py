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


def _largest(means: list[float], cov: list[list[float]]) -> tuple[float, float]:
    """The mean and variance of the largest of jointly normal variables (Clark's
    approximation: fold them in one at a time, largest mean first, matching two moments)."""
    mean, variance = means[0], cov[0][0]
    with_rest = list(cov[0])
    for j in range(1, len(means)):
        gap2 = variance + cov[j][j] - 2.0 * with_rest[j]
        if gap2 <= 1e-12:
            if means[j] > mean:
                mean, variance, with_rest = means[j], cov[j][j], list(cov[j])
            continue
        gap = math.sqrt(gap2)
        alpha = (mean - means[j]) / gap
        above = normal_below(alpha)
        density = math.exp(-0.5 * alpha * alpha) / _ROOT_TAU
        new_mean = mean * above + means[j] * (1.0 - above) + gap * density
        second = ((mean * mean + variance) * above + (means[j] * means[j] + cov[j][j]) * (1.0 - above)
                  + (mean + means[j]) * gap * density)
        with_rest = [c * above + d * (1.0 - above) for c, d in zip(with_rest, cov[j])]
        mean, variance = new_mean, max(0.0, second - new_mean * new_mean)
    return mean, variance


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
    if len(contenders) == 1:
        return {leader: 1.0}
    square = spread * spread
    lead_pulls, lead_fit = pulls[leader], fits[leader] or 0.0
    own = {leader: _dot(lead_pulls, lead_pulls) * square}
    lead_spread = math.sqrt(own[leader])
    reach = [leader]
    for rival in contenders[1:]:
        theirs = pulls[rival]
        own[rival] = mine = _dot(theirs, theirs) * square
        margin = lead_fit - (fits[rival] or 0.0)
        if margin > 4.5 * (lead_spread + math.sqrt(mine)):
            continue
        variance = own[leader] + mine - 2.0 * square * _dot(lead_pulls, theirs)
        if _below_zero(margin, variance) > REACH:
            reach.append(rival)
    if len(reach) == 1:
        return {leader: 1.0}
    size = len(reach)
    cov = [[0.0] * size for _ in range(size)]
    for a in range(size):
        cov[a][a] = own[reach[a]]
        for b in range(a + 1, size):
            cov[a][b] = cov[b][a] = square * _dot(pulls[reach[a]], pulls[reach[b]])
    leads = [fits[i] or 0.0 for i in reach]
    raw = [_first(p, leads, cov) for p in range(size)]
    total = sum(raw)
    if total <= 0.0:
        return {leader: 1.0}
    return {i: share / total for i, share in zip(reach, raw)}


def _first(role: int, fits: list[float], cov: list[list[float]]) -> float:
    """The chance that the role at position `role` beats every other one (positions best
    first): that the largest of the others' leads over it falls below 0. Only the RIVALS
    best of the others count: the largest lead is almost always theirs."""
    others = [j for j in range(len(fits)) if j != role][:RIVALS]
    base, row, mine = fits[role], cov[role], cov[role][role]
    means = [fits[j] - base for j in others]
    matrix = [[cov[j][k] - row[j] - row[k] + mine for k in others] for j in others]
    return _below_zero(*_largest(means, matrix))


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
