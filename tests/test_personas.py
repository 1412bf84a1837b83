"""Archetypes drawn from the articles (tests/personas/*.yaml). Each persona states its trait
levels as the article describes the person; the test answers every question as that person
would (a statement's agreement follows the traits it names, a choice goes to the option that
appeals most, a pick-all question ticks the options that appeal), and the role the articles
describe for them must be in their top three."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rolefit.model import Answer, AnswerSheet, DataPack, Question
from rolefit.scoring import score

PERSONAS = sorted((Path(__file__).parent / "personas").glob("*.yaml"))


def appeal(loadings: dict[str, float], traits: dict[str, float]) -> float:
    return sum(w * (traits[t] - 0.5) for t, w in loadings.items())


def answer_as(question: Question, traits: dict[str, float]) -> Answer:
    if question.kind == "likert":
        total = sum(abs(w) * (traits[t] if w > 0 else 1 - traits[t]) for t, w in question.loadings.items())
        return min(5, max(1, round(1 + 4 * total / sum(abs(w) for w in question.loadings.values()))))
    if question.kind == "choice":
        return max(question.options, key=lambda o: appeal(o.loadings, traits)).value
    return tuple(o.value for o in question.options if appeal(o.loadings, traits) > 0.1)


def persona_sheet(pack: DataPack, persona: Path) -> AnswerSheet:
    traits = yaml.safe_load(persona.read_text())["traits"]
    return AnswerSheet(answers={q.id: answer_as(q, traits) for q in pack.questions})


def named_persona_sheet(pack: DataPack, name: str) -> AnswerSheet:
    """The whole-bank sheet of the persona in `personas/NAME.yaml`."""
    return persona_sheet(pack, next(p for p in PERSONAS if p.stem == name))


def test_there_is_a_persona_for_every_role(pack: DataPack) -> None:
    expected = {yaml.safe_load(p.read_text())["expect_top3"] for p in PERSONAS}
    assert expected == {r.id for r in pack.roles}


def test_every_persona_describes_every_trait(pack: DataPack) -> None:
    for persona in PERSONAS:
        assert set(yaml.safe_load(persona.read_text())["traits"]) == {t.id for t in pack.traits}, persona.stem


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.stem for p in PERSONAS])
def test_persona_gets_the_expected_role_in_the_top_three(pack: DataPack, persona: Path) -> None:
    expected = yaml.safe_load(persona.read_text())["expect_top3"]
    result = score(pack, persona_sheet(pack, persona))
    assert result.answered == result.total
    assert expected in [f.role.id for f in result.ranking[:3]]


def test_most_personas_get_their_role_first(pack: DataPack) -> None:
    first = [yaml.safe_load(p.read_text())["expect_top3"] == score(pack, persona_sheet(pack, p)).ranking[0].role.id
             for p in PERSONAS]
    assert sum(first) >= 11, f"{sum(first)} of {len(first)} first"
