"""One rounding rule everywhere: a number is shown the same way in `score --json`, cohort
lines, `--explain`, `compare` and the text, whichever output shows it (halves round up)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rolefit import envelope, narrative
from rolefit.answers import read_sheet
from rolefit.comparison import change, compare
from rolefit.model import DataPack, Result
from rolefit.scoring import assess, score, warnings

PERSONA = Path(__file__).parent / "fixtures" / "docs_specialist.yaml"
HALF = 91.25
"""A fit exactly halfway between two tenths."""


def with_leader_fit(pack: DataPack, fit: float) -> Result:
    result = score(pack, read_sheet(PERSONA, pack))
    return replace(result, ranking=(replace(result.ranking[0], fit=fit), *result.ranking[1:]))


def test_score_json_shows_a_half_tenth_rounded_up(pack: DataPack) -> None:
    assert envelope.result(pack, with_leader_fit(pack, HALF))["ranking"][0]["fit"] == 91.3


def test_the_explanation_shows_the_same_fit_as_the_ranking(pack: DataPack) -> None:
    result = with_leader_fit(pack, HALF)
    assert envelope.explanation(result.ranking[0], [])["fit"] == 91.3


def test_compare_json_shows_the_same_fit_as_score_json(pack: DataPack) -> None:
    result = with_leader_fit(pack, HALF)
    row = envelope.comparison(pack, compare(pack, result, result))["ranking"][0]
    assert (row["fit_before"], row["fit_after"], row["fit_change"]) == (91.3, 91.3, 0.0)


def test_a_cohort_line_shows_the_same_fit_as_score_json(pack: DataPack) -> None:
    sheet = read_sheet(PERSONA, pack)
    found = assess(pack, sheet)
    found.fits[found.ranked[0]] = HALF
    line = envelope.cohort_result(pack, 1, None, sheet, found, warnings(pack, sheet, found))
    assert line["ranking"][0]["fit"] == 91.3


def test_a_change_is_the_difference_of_the_numbers_shown() -> None:
    assert change(91.25, 91.35, 1) == 0.1 and change(0.1125, 0.1135, 3) == 0.001


def test_the_text_rounds_halves_up_like_the_json() -> None:
    assert narrative.fit_text(92.5) == "93" and narrative.fit_text(91.5) == "92"
    assert narrative.percent(0.125) == 13


def test_negative_points_round_by_the_same_rule() -> None:
    from rolefit.numbers import shown, text

    assert shown(-1.25, 1) == -1.2 and text(-1.25, 1) == "-1.2" and text(1.25, 1, sign=True) == "+1.3"
    assert text(-0.04, 1) == "0.0" and shown(-0.04, 1) == 0.0
