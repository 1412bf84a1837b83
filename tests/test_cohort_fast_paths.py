"""The quicker paths every cohort line takes give what the plain ones give: the shared fold of
first places, and a sheet's trait levels summed in one pass."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolefit import batch, envelope
from rolefit.certainty import RIVALS, _below_zero, _fold, first_places
from rolefit.model import AnswerSheet, DataPack
from rolefit.scoring import answer_choices, answer_items, assess, compile_pack, estimate, sheet_traits, warnings

TRAITS = 5


def folded_afresh(fits: list[float], cov: list[list[float]], role: int) -> float:
    """A role's chance of coming first the plain way: fold the leads of its RIVALS best
    others over it, one role at a time, and take the chance that the largest is below 0."""
    others = [j for j in range(len(fits)) if j != role][:RIVALS]
    means = [fits[j] - fits[role] for j in others]
    leads = [[cov[j][k] - cov[role][j] - cov[role][k] + cov[role][role] for k in others] for j in others]
    state = (means[0], leads[0][0], leads[0])
    for j in range(1, len(others)):
        state = _fold(state, j, means, leads)
    return _below_zero(state[0], state[1])


def shares_afresh(fits: list[float], pulls: list[list[float]]) -> dict[int, float]:
    cov = [[sum(a * b for a, b in zip(p, q)) for q in pulls] for p in pulls]
    raw = [folded_afresh(fits, cov, role) for role in range(len(fits))]
    return {i: share / sum(raw) for i, share in enumerate(raw)}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.floats(40, 60), st.lists(st.floats(0.5, 4), min_size=TRAITS, max_size=TRAITS)),
                min_size=2, max_size=9))
def test_the_shared_fold_gives_the_shares_of_folding_each_role_afresh(roles: list) -> None:
    ranked = sorted(roles, key=lambda r: -r[0])
    fits, pulls = [f for f, _ in ranked], [p for _, p in ranked]
    shares = first_places(fits, pulls, list(range(len(fits))), spread=1.0)
    reach = list(shares)  # the roles within reach of the leader, best first
    if len(reach) > 1:
        expected = shares_afresh([fits[i] for i in reach], [pulls[i] for i in reach])
        assert [shares[i] for i in reach] == pytest.approx([expected[n] for n in range(len(reach))], abs=1e-9)


def random_sheet(pack: DataPack, rng: random.Random) -> AnswerSheet:
    answers = {}
    for question in pack.questions:
        if rng.random() < 0.8:
            answers[question.id] = rng.choice(answer_choices(question))
    return AnswerSheet(answers=answers)


def test_a_sheet_s_traits_in_one_pass_are_those_of_its_answers_evidence(pack: DataPack) -> None:
    compiled, rng = compile_pack(pack), random.Random(3)
    for _ in range(50):
        sheet = random_sheet(pack, rng)
        quick, plain = sheet_traits(compiled, sheet), estimate(compiled, answer_items(compiled, sheet).values())
        assert (quick.levels, quick.errors, quick.disagreement, quick.weights) == \
            (plain.levels, plain.errors, plain.disagreement, plain.weights)


def test_a_cohort_line_scores_as_the_same_answers_do_alone(pack: DataPack, tmp_path: Path) -> None:
    rng = random.Random(5)
    sheets = [random_sheet(pack, rng) for _ in range(20)]
    lines = [json.dumps({"id": n, "answers": {q: list(a) if isinstance(a, tuple) else a for q, a in s.answers.items()}})
             for n, s in enumerate(sheets)]
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text("\n".join(lines) + "\n")
    out = io.StringIO()
    batch.run(pack, cohort, "jsonl", out, io.StringIO())
    for number, (sheet, line) in enumerate(zip(sheets, out.getvalue().splitlines()), start=1):
        found = assess(pack, sheet)
        alone = envelope.cohort_result(pack, number, number - 1, sheet, found, warnings(pack, sheet, found))
        assert json.loads(line) == json.loads(json.dumps(alone))
