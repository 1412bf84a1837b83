"""Scoring: trait levels, fits, intervals, warnings and explanations, checked by hand on the
mini pack (tests/fixtures/mini)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolefit.model import AnswerSheet, DataPack, Target
from rolefit.scoring import (
    answers_ranking_first,
    compile_pack,
    evidence,
    fits_of,
    gap,
    influences,
    quick_fits,
    ranked_advice,
    role_fit,
    roles_never_first,
    score,
    trait_profile,
)

ALL_THREES = {"help_stuck_users": 3, "notice_frustration": 3, "people_drain_me": 3, "read_source": 3,
              "debug_for_fun": 3, "avoid_internals": 3, "many_hats": 3, "one_thing": 3, "free_day": "nap"}

ENGINEER_ANSWERS = {"read_source": 5, "debug_for_fun": 5, "avoid_internals": 1, "one_thing": 5, "many_hats": 1,
                    "free_day": "deep_dive", "help_stuck_users": 2, "notice_frustration": 2, "people_drain_me": 4}


def sheet(**answers: int | str | None) -> AnswerSheet:
    return AnswerSheet(answers=dict(answers))


def levels(pack: DataPack, answers: AnswerSheet) -> dict[str, float | None]:
    return {t.trait: t.level for t in trait_profile(pack, answers)}


def test_likert_answer_maps_onto_zero_to_one(mini: DataPack) -> None:
    question = mini.question("help_stuck_users")
    assert [evidence(question, a)[0][2] for a in (1, 2, 3, 4, 5)] == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_reverse_keyed_item_is_flipped(mini: DataPack) -> None:
    assert evidence(mini.question("people_drain_me"), 5) == (("empathy", 1.0, 0.0),)
    assert evidence(mini.question("people_drain_me"), 2) == (("empathy", 1.0, 0.75),)


def test_choice_answer_is_placed_between_the_options_lowest_and_highest_loading(mini: DataPack) -> None:
    free_day = mini.question("free_day")
    assert dict((t, (w, v)) for t, w, v in evidence(free_day, "deep_dive")) == {
        "empathy": (1.0, 0.0), "technical_depth": (1.0, 1.0), "variety": (0.5, 0.0)}
    assert dict((t, (w, v)) for t, w, v in evidence(free_day, "nap")) == {
        "empathy": (1.0, 0.0), "technical_depth": (1.0, 0.0), "variety": (0.5, 0.5)}


def test_trait_level_is_the_loading_weighted_mean(mini: DataPack) -> None:
    found = levels(mini, sheet(many_hats=5, one_thing=1, free_day="deep_dive"))
    assert found["variety"] == pytest.approx((1.0 + 1.0 + 0.5 * 0.0) / 2.5)


def test_unanswered_items_are_skipped_and_counted(mini: DataPack) -> None:
    profile = {t.trait: t for t in trait_profile(mini, sheet(help_stuck_users=5, notice_frustration=None))}
    assert profile["empathy"].level == 1.0
    assert (profile["empathy"].answered, profile["empathy"].total) == (1, 4)


def test_trait_without_answers_is_unmeasured(mini: DataPack) -> None:
    assert levels(mini, sheet(help_stuck_users=4))["technical_depth"] is None


def test_a_skill_above_the_target_costs_nothing() -> None:
    assert gap("skill", 0.6, 0.9) == 0.0
    assert gap("skill", 0.6, 0.4) == pytest.approx(0.2)


def test_a_preference_costs_on_either_side() -> None:
    assert gap("preference", 0.6, 0.9) == pytest.approx(0.3)
    assert gap("preference", 0.6, 0.3) == pytest.approx(0.3)


def test_fit_is_100_minus_the_weighted_gaps(mini: DataPack) -> None:
    engineer = mini.role("engineer")
    fit, contributions = role_fit(engineer, {"technical_depth": 0.5, "variety": 0.6, "empathy": 1.0},
                                  {t.id: t.kind for t in mini.traits})
    assert fit == pytest.approx(100 * (1 - (3 * 0.4 + 1 * 0.4) / 4))
    assert [round(c.points, 6) for c in contributions] == [-30.0, -10.0]


def test_unmeasured_traits_are_left_out_of_a_fit(mini: DataPack) -> None:
    engineer = mini.role("engineer")
    fit, contributions = role_fit(engineer, {"technical_depth": 0.9, "variety": None}, {t.id: t.kind for t in mini.traits})
    assert fit == 100.0
    assert contributions[1].level is None and contributions[1].points == 0.0


def test_ranking_holds_every_role_best_first(mini: DataPack) -> None:
    result = score(mini, sheet(read_source=5, debug_for_fun=5, one_thing=5, many_hats=1))
    assert [f.role.id for f in result.ranking][0] == "engineer"
    assert len(result.ranking) == len(mini.roles)
    assert [f.fit for f in result.ranking] == sorted((f.fit for f in result.ranking), reverse=True)


@pytest.fixture
def twin_pack(mini: DataPack) -> DataPack:
    """The mini pack with an exact copy of the engineer role, listed first."""
    twin = replace(mini.role("engineer"), id="engineer_twin", name="Engineer twin")
    return replace(mini, roles=(twin, *mini.roles))


def test_equal_fits_keep_the_packs_order(twin_pack: DataPack) -> None:
    result = score(twin_pack, AnswerSheet(answers=ENGINEER_ANSWERS))
    assert result.ranking[0].fit == result.ranking[1].fit
    assert [f.role.id for f in result.ranking[:2]] == ["engineer_twin", "engineer"]


def test_scoring_is_deterministic(mini: DataPack) -> None:
    answers = sheet(help_stuck_users=4, read_source=2, many_hats=5, free_day="answer_forum")
    first, second = score(mini, answers), score(mini, answers)
    assert [(f.role.id, f.fit, f.interval) for f in first.ranking] == [(f.role.id, f.fit, f.interval) for f in second.ranking]


def test_interval_contains_the_fit(mini: DataPack) -> None:
    result = score(mini, AnswerSheet(answers=dict(ALL_THREES, help_stuck_users=5, read_source=1)))
    for fit in result.ranking:
        assert fit.interval[0] <= fit.fit <= fit.interval[1]


def test_contradictory_answers_give_a_wider_interval_than_consistent_ones(mini: DataPack) -> None:
    consistent = score(mini, AnswerSheet(answers=ENGINEER_ANSWERS | {"help_stuck_users": 1, "notice_frustration": 1,
                                                                      "people_drain_me": 5}))
    contradictory = score(mini, AnswerSheet(answers=ENGINEER_ANSWERS | {"read_source": 1, "help_stuck_users": 5,
                                                                         "people_drain_me": 1, "many_hats": 5}))
    def width(result, role):  # type: ignore[no-untyped-def]
        low, high = result.fit_for(role).interval
        return high - low
    assert width(consistent, "advocate") < width(contradictory, "advocate")


def test_identical_top_roles_are_a_close_call(twin_pack: DataPack) -> None:
    result = score(twin_pack, AnswerSheet(answers=ENGINEER_ANSWERS))
    assert result.close_call
    assert "close_call" in [w.code for w in result.warnings]


def test_a_clear_leader_is_not_a_close_call(mini: DataPack) -> None:
    result = score(mini, AnswerSheet(answers=ENGINEER_ANSWERS))
    assert result.ranking[0].role.id == "engineer"
    assert not result.close_call


def test_few_answers_are_scored_with_a_warning(mini: DataPack) -> None:
    result = score(mini, sheet(help_stuck_users=4, read_source=4))
    assert "few_answers" in [w.code for w in result.warnings]


def test_half_the_questions_answered_is_not_few(mini: DataPack) -> None:
    answers = dict(list(ALL_THREES.items())[:5])
    result = score(mini, AnswerSheet(answers={**answers, "help_stuck_users": 4}))
    assert "few_answers" not in [w.code for w in result.warnings]


def test_every_likert_answer_the_same_is_straight_lining(mini: DataPack) -> None:
    assert "straight_lining" in [w.code for w in score(mini, AnswerSheet(answers=ALL_THREES)).warnings]


def test_varied_answers_are_not_straight_lining(mini: DataPack) -> None:
    varied = score(mini, AnswerSheet(answers={**ALL_THREES, "many_hats": 4}))
    assert "straight_lining" not in [w.code for w in varied.warnings]


def test_answers_from_another_quiz_version_are_flagged(mini: DataPack) -> None:
    result = score(mini, AnswerSheet(answers=ALL_THREES, quiz_version="0.9"))
    assert "version_mismatch" in [w.code for w in result.warnings]


def test_skipped_questions_are_counted(mini: DataPack) -> None:
    result = score(mini, AnswerSheet(answers={**ALL_THREES, "many_hats": None, "one_thing": None}))
    assert (result.answered, result.skipped, result.total) == (7, 2, 9)


def test_advice_for_the_costliest_gap_comes_first(mini: DataPack) -> None:
    result = score(mini, sheet(help_stuck_users=1, notice_frustration=1, people_drain_me=5, many_hats=4, one_thing=2))
    advocate = result.fit_for("advocate")
    assert advocate.gaps[0].trait == "empathy"
    assert ranked_advice(advocate)[0].trait == "empathy"


def test_influence_is_the_fit_with_an_answer_minus_the_fit_without_it(mini: DataPack) -> None:
    answers = sheet(read_source=5, debug_for_fun=1, one_thing=5)
    engineer = mini.role("engineer")
    moved = {i.question.id: i.points for i in influences(mini, answers, engineer)}
    without_debug = score(mini, sheet(read_source=5, one_thing=5)).fit_for("engineer").fit
    assert moved["debug_for_fun"] == pytest.approx(score(mini, answers).fit_for("engineer").fit - without_debug)
    assert moved["debug_for_fun"] < 0 < moved["read_source"] or moved["read_source"] == 0


likert = st.integers(min_value=1, max_value=5) | st.none()


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({q: likert for q in ALL_THREES if q != "free_day"},
                             optional={"free_day": st.sampled_from(["answer_forum", "deep_dive", "nap"])}))
def test_fast_path_agrees_with_the_documented_formula(mini: DataPack, answers: dict) -> None:
    sheet_ = AnswerSheet(answers=answers)
    documented = [role_fit(r, levels(mini, sheet_), {t.id: t.kind for t in mini.traits})[0] for r in mini.roles]
    assert quick_fits(mini, sheet_)[1] == pytest.approx(documented)
    compiled = compile_pack(mini)
    assert fits_of(compiled, quick_fits(mini, sheet_)[0]) == pytest.approx(documented)


def test_every_role_in_the_mini_pack_can_come_first(mini: DataPack) -> None:
    assert roles_never_first(mini) == []


def test_every_shipped_role_can_come_first(pack: DataPack) -> None:
    for role in pack.roles:
        answers = answers_ranking_first(pack, role)
        assert answers is not None, role.id
        assert score(pack, AnswerSheet(answers=answers)).ranking[0].role.id == role.id


def test_a_gap_of_exactly_the_threshold_counts_as_met(mini: DataPack) -> None:
    """0.55 - 0.5 is 0.05000000000000004 in floating point; it must still read as 0.05."""
    role = replace(mini.role("engineer"), profile=(Target("technical_depth", 0.55, 1.0),))
    _, (contribution,) = role_fit(role, {"technical_depth": 0.5}, {t.id: t.kind for t in mini.traits})
    assert contribution.gap == 0.05
