"""How rolefit rounds a number to show it: one rule everywhere (the JSON, cohort lines, the text
report, comparisons and the exports), so that no two outputs show the same number differently.

The rule is round half up, at a number of decimal places, on the number as computed: a fit of
exactly 91.25 is 91.3 everywhere it is shown to a tenth, and 91 where it is shown whole.
"""

from __future__ import annotations

import math
from typing import Iterable

_floor = math.floor


def rounded(values: Iterable[float | None], scale: float) -> list[float | None]:
    """Each value to the nearest 1 / scale (10.0 for tenths), halves upward; None stays None.
    The one rounding function: every number rolefit shows goes through it. It is written for
    lists because every cohort line rounds dozens of numbers, and one call for all of them is
    several times quicker than round() on each."""
    return [None if v is None else _floor(v * scale + 0.5) / scale for v in values]


def shown(value: float | None, digits: int = 0) -> float | None:
    """One value to `digits` decimal places, by the one rule."""
    return rounded((value,), 10.0 ** digits)[0]


def text(value: float, digits: int = 0, sign: bool = False) -> str:
    """A number as text at `digits` decimal places, by the one rule (`+` before a positive
    number with `sign`)."""
    return f"{shown(value, digits):{'+' if sign else ''}.{digits}f}"


def in_ten(share: float) -> str:
    """A share of retakes in words a person can weigh: "about 7 of 10 retakes", or "nearly
    every retake". The one voice for how sure a result is: reports, offers and warnings all
    use it."""
    tenths = int(shown(10 * share))  # type: ignore[arg-type]
    if tenths >= 10:
        return "nearly every retake"
    return f"about {max(1, tenths)} of 10 retakes"
