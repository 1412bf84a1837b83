"""Archetypes drawn from the articles (tests/personas/*.yaml), each answered as that person
would: the role the articles describe for them must be in their top three."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rolefit.answers import read_sheet
from rolefit.model import DataPack
from rolefit.scoring import score

PERSONAS = sorted((Path(__file__).parent / "personas").glob("*.yaml"))


def test_there_is_a_persona_for_every_role(pack: DataPack) -> None:
    expected = {yaml.safe_load(p.read_text())["expect_top3"] for p in PERSONAS}
    assert expected == {r.id for r in pack.roles}


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.stem for p in PERSONAS])
def test_persona_gets_the_expected_role_in_the_top_three(pack: DataPack, persona: Path) -> None:
    expected = yaml.safe_load(persona.read_text())["expect_top3"]
    result = score(pack, read_sheet(persona, pack))
    assert result.answered == result.total
    assert expected in [f.role.id for f in result.ranking[:3]]
