"""A card's "Why it fits" lists only targets the person meets as the report shows them; a
target only just missed is a near miss, under a heading of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rolefit.answers import read_sheet
from rolefit.model import DataPack, Result
from rolefit.narrative import near_misses, why_it_fits
from rolefit.report import render_text
from rolefit.scoring import score

FIXTURES = Path(__file__).parent / "fixtures"
PEOPLE = ["engineer_with_blogging_habit.yaml", "docs_specialist.yaml", "answers-v2.0.yaml"]


def scored(pack: DataPack, name: str) -> Result:
    return score(pack, read_sheet(FIXTURES / name, pack))


@pytest.mark.parametrize("name", PEOPLE)
def test_every_reason_a_role_fits_is_a_target_met(pack: DataPack, name: str) -> None:
    for fit in scored(pack, name).scored:
        for reason in why_it_fits(pack, fit):
            have, side, need = re.search(r"\((\d+)\):.*asks for (at least|at most|about) (\d+)$", reason).groups()  # type: ignore[union-attr]
            assert {"at least": int(have) >= int(need), "at most": int(have) <= int(need)}.get(side, True), reason


def test_a_target_just_missed_is_a_near_miss_not_a_reason(pack: DataPack) -> None:
    fit = scored(pack, "engineer_with_blogging_habit.yaml").fit_for("developer_advocate")
    assert fit is not None
    assert not any(reason.startswith("Community") for reason in why_it_fits(pack, fit))
    assert near_misses(pack, fit) == ["Community (73): the role asks for at least 75, so you are 2 short",
                                      "Writing (74): the role asks for at least 75, so you are 1 short"]


def test_a_card_lists_near_misses_under_their_own_heading(pack: DataPack) -> None:
    text = render_text(pack, scored(pack, "engineer_with_blogging_habit.yaml"), 100)
    card = text.split("1. Developer Advocate")[1].split("2. ")[0]
    assert card.index("Why it fits") < card.index("Nearly there") < card.index("Community (73)")
