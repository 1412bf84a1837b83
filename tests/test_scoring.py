"""Scoring: trait levels, fits, verdicts, warnings and explanations, checked by hand on the
mini pack (tests/fixtures/mini), and the properties that hold for the shipped pack."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolefit import envelope
from rolefit.model import AnswerSheet, DataPack, Target
from test_personas import named_persona_sheet
from rolefit.reachability import answers_ranking_first, roles_never_first
from rolefit.scoring import (
    FIT_SCALE,
    SETTLED,
    assess,
    compile_pack,
    contributions,
    evidence,
    fits_of,
    gap,
    influences,
    ranked_advice,
    score,
    warnings,
)

ALL_THREES = {"help_stuck_users": 3, "notice_frustration": 3, "people_drain_me": 3, "read_source": 3,
              "debug_for_fun": 3, "avoid_internals": 3, "many_hats": 3, "one_thing": 3, "free_day": "nap"}

ENGINEER_ANSWERS = {"read_source": 5, "debug_for_fun": 5, "avoid_internals": 1, "one_thing": 5, "many_hats": 1,
                    "free_day": "deep_dive", "help_stuck_users": 2, "notice_frustration": 2, "people_drain_me": 4}


def sheet(**answers: int | str | None) -> AnswerSheet:
    return AnswerSheet(answers=dict(answers))


def levels(pack: DataPack, answers: AnswerSheet) -> dict[str, float | None]:
    return {t.trait: t.level for t in score(pack, answers).profile}


def kinds(pack: DataPack) -> dict[str, str]:
    return {t.id: t.kind for t in pack.traits}


# evidence and trait levels -----------------------------------------------------------------

def test_likert_answer_maps_onto_zero_to_one(mini: DataPack) -> None:
    question = mini.question("help_stuck_users")
    assert [evidence(question, a)[0][2] for a in (1, 2, 3, 4, 5)] == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_reverse_keyed_item_is_flipped(mini: DataPack) -> None:
    assert evidence(mini.question("people_drain_me"), 5) == (("empathy", 1.0, 0.0),)
    assert evidence(mini.question("people_drain_me"), 2) == (("empathy", 1.0, 0.75),)


def test_a_choice_moves_the_chosen_options_traits_up_and_the_others_down_around_the_middle(mini: DataPack) -> None:
    found = {t: (w, v) for t, w, v in evidence(mini.question("free_day"), "deep_dive")}
    assert found["technical_depth"] == pytest.approx((0.5, 0.5 + 0.5 * (1 - 1 / 3)))
    assert found["empathy"] == pytest.approx((0.5, 0.5 - 0.5 / 3))
    assert found["variety"] == pytest.approx((0.25, 0.0))


def test_an_option_not_chosen_is_not_evidence_of_the_bottom_of_the_scale(mini: DataPack) -> None:
    """The old rule read every unchosen option as the lowest level of its traits."""
    found = {t: v for t, _, v in evidence(mini.question("free_day"), "answer_forum")}
    assert found["technical_depth"] > 0.0


def test_the_average_choice_evidence_sits_at_the_middle(mini: DataPack) -> None:
    question = mini.question("free_day")
    values = [dict((t, v) for t, _, v in evidence(question, o.value))["technical_depth"] for o in question.options]
    assert sum(values) / len(values) == pytest.approx(0.5)


def test_a_ticked_option_of_a_pick_all_question_is_evidence_for_its_trait(pack: DataPack) -> None:
    question = next(q for q in pack.questions if q.kind == "multi")
    first = question.options[0]
    trait = next(iter(first.loadings))
    ticked = dict((t, v) for t, _, v in evidence(question, (first.value,)))
    none = dict((t, v) for t, _, v in evidence(question, ()))
    assert ticked[trait] > 0.5 > none[trait]


def test_trait_level_is_the_loading_weighted_mean(mini: DataPack) -> None:
    found = levels(mini, sheet(many_hats=5, one_thing=1, free_day="deep_dive"))
    assert found["variety"] == pytest.approx((1.0 + 1.0 + 0.25 * 0.0) / 2.25)


def test_unanswered_items_are_skipped_and_counted(mini: DataPack) -> None:
    profile = {t.trait: t for t in score(mini, sheet(help_stuck_users=5, notice_frustration=None)).profile}
    assert profile["empathy"].level == 1.0
    assert (profile["empathy"].answered, profile["empathy"].total) == (1, 4)


def test_trait_without_answers_is_unmeasured(mini: DataPack) -> None:
    assert levels(mini, sheet(help_stuck_users=4))["technical_depth"] is None


def test_answers_that_disagree_on_a_trait_give_it_a_larger_error(mini: DataPack) -> None:
    agree = score(mini, sheet(help_stuck_users=5, notice_frustration=5, people_drain_me=1))
    clash = score(mini, sheet(help_stuck_users=5, notice_frustration=1, people_drain_me=5))
    def error(result):  # type: ignore[no-untyped-def]
        return next(t.error for t in result.profile if t.trait == "empathy")
    assert error(agree) < error(clash)


# gaps and fits ------------------------------------------------------------------------------

def test_an_at_least_target_costs_only_below_it() -> None:
    assert gap("at_least", 0.6, 0.9) == 0.0
    assert gap("at_least", 0.6, 0.4) == pytest.approx(0.2)


def test_an_at_most_target_costs_only_above_it() -> None:
    assert gap("at_most", 0.3, 0.1) == 0.0
    assert gap("at_most", 0.3, 0.5) == pytest.approx(0.2)


def test_an_about_target_costs_on_either_side() -> None:
    assert gap("about", 0.6, 0.9) == pytest.approx(0.3)
    assert gap("about", 0.6, 0.3) == pytest.approx(0.3)


def test_a_trait_takes_its_direction_from_its_kind_unless_the_profile_says_otherwise(mini: DataPack) -> None:
    engineer = {t.trait: t.direction for t in mini.role("engineer").profile}
    advocate = {t.trait: t.direction for t in mini.role("advocate").profile}
    assert engineer == {"technical_depth": "at_least", "variety": "at_most"}
    assert advocate["variety"] == "about"


def test_fit_is_100_minus_the_scaled_mean_gap_and_contributions_add_up_to_it(mini: DataPack) -> None:
    engineer = mini.role("engineer")
    found = contributions(engineer, {"technical_depth": 0.5, "variety": 0.6}, kinds(mini))
    mean_gap = (3 * 0.4 + 1 * 0.4) / 4
    assert [round(c.points, 6) for c in found] == [-100 * FIT_SCALE * 3 * 0.4 / 4, -100 * FIT_SCALE * 0.4 / 4]
    assert 100 + sum(c.points for c in found) == pytest.approx(100 * (1 - FIT_SCALE * mean_gap))


def test_a_fit_never_falls_below_zero_and_its_contributions_still_add_up(mini: DataPack) -> None:
    engineer = mini.role("engineer")
    found = contributions(engineer, {"technical_depth": 0.0, "variety": 1.0}, kinds(mini))
    assert sum(c.points for c in found) == pytest.approx(-100.0)
    answers = sheet(read_source=1, debug_for_fun=1, avoid_internals=5, many_hats=5, one_thing=1)
    assert score(mini, answers).fit_for("engineer").fit == 0.0


def test_unmeasured_traits_are_left_out_of_a_fit(mini: DataPack) -> None:
    found = contributions(mini.role("engineer"), {"technical_depth": 0.9, "variety": None}, kinds(mini))
    assert found[1].level is None and found[1].points == 0.0
    assert score(mini, sheet(read_source=5, debug_for_fun=5)).fit_for("engineer").fit == 100.0


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
    assert first.lead_holds == second.lead_holds


def test_interval_contains_the_fit_and_stays_within_the_scale(mini: DataPack) -> None:
    result = score(mini, AnswerSheet(answers=dict(ALL_THREES, help_stuck_users=5, read_source=1)))
    for fit in result.ranking:
        assert 0.0 <= fit.interval[0] <= fit.fit <= fit.interval[1] <= 100.0


def test_contradictory_answers_give_a_wider_interval_than_consistent_ones(mini: DataPack) -> None:
    consistent = score(mini, AnswerSheet(answers=ENGINEER_ANSWERS | {"help_stuck_users": 1, "notice_frustration": 1,
                                                                      "people_drain_me": 5}))
    contradictory = score(mini, AnswerSheet(answers=ENGINEER_ANSWERS | {"read_source": 1, "help_stuck_users": 5,
                                                                         "people_drain_me": 1, "many_hats": 5}))
    def width(result, role):  # type: ignore[no-untyped-def]
        low, high = result.fit_for(role).interval
        return high - low
    assert width(consistent, "advocate") < width(contradictory, "advocate")


# the verdict --------------------------------------------------------------------------------

def test_identical_top_roles_are_a_close_call(twin_pack: DataPack) -> None:
    result = score(twin_pack, AnswerSheet(answers=ENGINEER_ANSWERS))
    assert result.verdict == "close_call" and result.close_call
    assert result.lead_holds <= 0.5
    assert "close_call" in [w.code for w in result.warnings]


def test_a_close_call_names_the_fewest_roles_that_come_first_in_nine_of_ten_retakes(twin_pack: DataPack) -> None:
    result = score(twin_pack, AnswerSheet(answers=ENGINEER_ANSWERS))
    assert [f.role.id for f in result.shortlist] == [f.role.id for f in result.ranking[:2]]
    assert {f.role.id for f in result.shortlist} == {"engineer", "engineer_twin"}
    assert result.coverage >= 0.9 and result.shortlist[0].first < 0.9


def test_a_lead_that_holds_in_nine_of_ten_retakes_is_a_clear_lead(mini: DataPack) -> None:
    result = score(mini, AnswerSheet(answers=ENGINEER_ANSWERS))
    assert result.ranking[0].role.id == "engineer"
    assert result.verdict == "clear_lead" and result.lead_holds >= 0.9
    assert [f.role.id for f in result.shortlist] == ["engineer"]


def test_fewer_than_half_the_questions_answered_is_tentative(mini: DataPack) -> None:
    result = score(mini, sheet(help_stuck_users=4, read_source=4))
    assert result.verdict == "tentative"
    assert "few_answers" in [w.code for w in result.warnings]


def test_a_sheet_under_half_answered_is_not_tentative_once_the_rest_could_not_change_the_leader(pack: DataPack) -> None:
    from rolefit.adaptive import next_step

    answers = named_persona_sheet(pack, "docs_specialist").answers
    given: dict = {}
    while not (step := next_step(pack, AnswerSheet(answers=dict(given)))).done:
        given[step.question.id] = answers[step.question.id]
    found = assess(pack, AnswerSheet(answers=given))
    assert len(given) * 2 < len(pack.questions)
    assert found.settled is not None and found.settled >= SETTLED and found.verdict != "tentative"
    assert "few_answers" not in [w.code for w in score(pack, AnswerSheet(answers=given)).warnings]


def test_half_the_questions_answered_is_not_few(mini: DataPack) -> None:
    answers = dict(list(ALL_THREES.items())[:5])
    result = score(mini, AnswerSheet(answers={**answers, "help_stuck_users": 4}))
    assert "few_answers" not in [w.code for w in result.warnings]


def test_every_likert_answer_the_same_is_straight_lining_and_no_clear_fit(mini: DataPack) -> None:
    result = score(mini, AnswerSheet(answers={**ALL_THREES, "help_stuck_users": 4, "notice_frustration": 4,
                                             "people_drain_me": 4, "read_source": 4, "debug_for_fun": 4,
                                             "avoid_internals": 4, "many_hats": 4, "one_thing": 4}))
    assert (result.verdict, result.reason) == ("no_clear_fit", "straight_lining")
    assert "straight_lining" in [w.code for w in result.warnings]


def test_the_straight_lining_warning_names_the_answer_in_words(mini: DataPack) -> None:
    notice = next(w for w in score(mini, AnswerSheet(answers=ALL_THREES)).warnings if w.code == "straight_lining")
    assert "Neither agree nor disagree" in notice.message


def test_varied_answers_are_not_straight_lining(mini: DataPack) -> None:
    varied = score(mini, AnswerSheet(answers={**ALL_THREES, "many_hats": 4}))
    assert "straight_lining" not in [w.code for w in varied.warnings]


def test_the_all_middle_sheet_of_the_shipped_pack_is_no_clear_fit(pack: DataPack) -> None:
    result = score(pack, AnswerSheet(answers={q.id: 3 for q in pack.questions if q.kind == "likert"}))
    assert result.verdict == "no_clear_fit"


def test_a_flat_profile_is_no_clear_fit(pack: DataPack) -> None:
    """Middle answers with a little wobble are not straight-lining, but still describe nobody."""
    answers = {q.id: (3 if i % 5 else 4) for i, q in enumerate(pack.questions) if q.kind == "likert"}
    result = score(pack, AnswerSheet(answers=answers))
    assert (result.verdict, result.reason) == ("no_clear_fit", "flat")


def test_agreeing_with_every_statement_and_its_opposite_is_contradictory(pack: DataPack) -> None:
    likert = [q for q in pack.questions if q.kind == "likert"]
    answers = {q.id: 5 for q in likert} | {likert[0].id: 4}
    result = score(pack, AnswerSheet(answers=answers))
    assert (result.verdict, result.reason) == ("no_clear_fit", "contradictory")


def test_answers_from_another_quiz_version_are_flagged(mini: DataPack) -> None:
    result = score(mini, AnswerSheet(answers=ALL_THREES, quiz_version="0.9"))
    assert "version_mismatch" in [w.code for w in result.warnings]


def test_skipped_questions_are_counted(mini: DataPack) -> None:
    result = score(mini, AnswerSheet(answers={**ALL_THREES, "many_hats": None, "one_thing": None}))
    assert (result.answered, result.skipped, result.total) == (7, 2, 9)


# advice and explanations --------------------------------------------------------------------

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


def test_a_gap_of_exactly_the_threshold_counts_as_met(mini: DataPack) -> None:
    """0.55 - 0.5 is 0.05000000000000004 in floating point; it must still read as met."""
    role = replace(mini.role("engineer"), profile=(Target("technical_depth", 0.55, 1.0, "at_least"),))
    result = score(replace(mini, roles=(role,)), sheet(read_source=3))
    assert [c.trait for c in result.ranking[0].strengths] == ["technical_depth"]


# properties ---------------------------------------------------------------------------------

likert = st.integers(min_value=1, max_value=5) | st.none()


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({q: likert for q in ALL_THREES if q != "free_day"},
                             optional={"free_day": st.sampled_from(["answer_forum", "deep_dive", "nap"])}))
def test_every_fit_equals_100_plus_its_contributions(mini: DataPack, answers: dict) -> None:
    result = score(mini, AnswerSheet(answers=answers))
    for fit in result.scored:
        assert fit.fit == pytest.approx(100 + sum(c.points for c in fit.contributions), abs=1e-9)


def _answer(question, draw):  # type: ignore[no-untyped-def]
    if question.kind == "likert":
        return draw(likert)
    values = [o.value for o in question.options]
    if question.kind == "choice":
        return draw(st.sampled_from(values) | st.none())
    return draw(st.lists(st.sampled_from(values), unique=True).map(tuple) | st.none())


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_single_file_and_a_cohort_line_give_the_same_ranking_and_fits(pack: DataPack, data: st.DataObject) -> None:
    answers = {q.id: _answer(q, data.draw) for q in pack.questions}
    sheet_ = AnswerSheet(answers=answers)
    if not sheet_.given:
        return
    single = envelope.result(pack, score(pack, sheet_))
    found = assess(pack, sheet_)
    line = envelope.cohort_result(pack, 1, None, sheet_, found, warnings(pack, sheet_, found))
    assert [(e["role"], e["fit"], e["interval"]) for e in single["ranking"]] == \
        [(e["role"], e["fit"], e["interval"]) for e in line["ranking"]]
    assert (single["verdict"], single["shortlist"], single["coverage"]) == \
        (line["verdict"], line["shortlist"], line["coverage"])
    assert single["warnings"] == line["warnings"]


def test_the_fast_fits_match_the_documented_contributions(pack: DataPack) -> None:
    answers = {q.id: (i % 5) + 1 if q.kind == "likert" else None for i, q in enumerate(pack.questions)}
    found = assess(pack, AnswerSheet(answers=answers))
    levels_ = dict(zip((t.id for t in pack.traits), found.levels))
    for role, fit in zip(pack.roles, fits_of(compile_pack(pack), found.levels)):
        assert fit == pytest.approx(max(0.0, 100 + sum(c.points for c in contributions(role, levels_, kinds(pack)))))


# reachability -------------------------------------------------------------------------------

def test_every_role_in_the_mini_pack_can_come_first(mini: DataPack) -> None:
    assert roles_never_first(mini) == []


def test_every_shipped_role_can_come_first(pack: DataPack) -> None:
    for role in pack.roles:
        answers = answers_ranking_first(pack, role)
        assert answers is not None, role.id
        assert score(pack, AnswerSheet(answers=answers)).ranking[0].role.id == role.id


def test_an_exact_tie_reads_as_level_not_ahead(twin_pack: DataPack) -> None:
    from rolefit.narrative import headline

    result = score(twin_pack, sheet(read_source=5))
    assert result.verdict == "tentative" and result.ranking[0].fit == result.ranking[1].fit
    assert "leads for now, level with Advocate (100)" in headline(result) and "ahead of" not in headline(result)


def test_an_answers_file_from_quiz_version_one_still_scores_with_warnings(pack: DataPack) -> None:
    from pathlib import Path

    from rolefit.answers import read_sheet

    result = score(pack, read_sheet(Path(__file__).parent / "fixtures" / "answers-v1.0.yaml", pack))
    codes = [w.code for w in result.warnings]
    assert "unknown_question" in codes and "version_mismatch" in codes
    assert "meetups_are_draining" in result.sheet.unknown and result.answered > 0


def test_an_answers_file_from_quiz_version_two_still_scores_with_warnings(pack: DataPack) -> None:
    from pathlib import Path

    from rolefit.answers import read_sheet

    result = score(pack, read_sheet(Path(__file__).parent / "fixtures" / "answers-v2.0.yaml", pack))
    codes = [w.code for w in result.warnings]
    assert "unknown_question" in codes and "version_mismatch" in codes
    assert "see_it_click" in result.sheet.unknown and result.sheet.given["rework_a_draft"] == 4
    assert result.answered > 0 and result.ranking[0].fit is not None


def test_an_option_retired_since_an_older_version_is_set_aside_not_refused(pack: DataPack) -> None:
    from rolefit.answers import sheet_from_document

    sheet_ = sheet_from_document({"quiz_version": "1.0", "answers": {"hackathon_job": "booth_demos",
                                                                    "rework_a_draft": 4}}, pack, "old.yaml")
    assert sheet_.unknown == ("hackathon_job: booth_demos",) and sheet_.given == {"rework_a_draft": 4}
