"""The headline agrees with the verdict, and offers only roles the person could take: a role a
dealbreaker rules out is never called the best fit or put on the shortlist, and a result with
one role to offer is as tentative, or as unclear, as its verdict says."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.model import AnswerSheet, DataPack, Dealbreaker, Reason
from rolefit.narrative import headline
from rolefit.scoring import assess, score

EVERY_DEALBREAKER = ["regular_travel", "on_stage", "manage_people", "sales_quota", "stop_coding"]
# strategy and leadership only: no role left open by every dealbreaker carries either trait
FEW_ANSWERS = {"decide_what_gets_built": 4, "hours_of_one_to_ones": 2}


def every_role_ruled_out(mini: DataPack) -> DataPack:
    everything = Dealbreaker("all", "Everything", {r.id: Reason("x", mini.sources[0], "y") for r in mini.roles})
    return replace(mini, dealbreakers=(everything,))


def test_every_dealbreaker_ticked_offers_no_ruled_out_role(pack: DataPack) -> None:
    result = score(pack, AnswerSheet(answers=dict(FEW_ANSWERS), dealbreakers=tuple(EVERY_DEALBREAKER)))
    ruled_out = [f.role.name for f in result.ranking if f.ruled_out]
    assert ruled_out and not result.shortlist
    assert not any(name in headline(result) for name in ruled_out)
    assert "dealbreakers rule out every role" in headline(result)


def test_every_dealbreaker_ticked_leaves_the_json_shortlist_empty(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": FEW_ANSWERS, "dealbreakers": EVERY_DEALBREAKER}))
    document = json.loads(runner.invoke(app, ["score", str(path), "--json"]).stdout)
    assert document["shortlist"] == []
    assert document["verdict"] == "no_clear_fit" and document["verdict_reason"] == "ruled_out"


def test_when_dealbreakers_rule_out_every_role_the_headline_says_so_and_what_to_do(mini: DataPack) -> None:
    pack = every_role_ruled_out(mini)
    result = score(pack, AnswerSheet(answers={"read_source": 5, "debug_for_fun": 5, "one_thing": 5}, dealbreakers=("all",)))
    assert result.verdict == "no_clear_fit" and result.reason == "ruled_out" and not result.shortlist
    assert headline(result).startswith("No role is left: your dealbreakers rule out every role")
    assert "Best fit" not in headline(result) and "closest" not in headline(result)
    from rolefit.narrative import next_step

    assert "drop it" in next_step(result)


def test_a_cohort_line_whose_dealbreakers_rule_out_every_role_has_no_best(mini: DataPack) -> None:
    from rolefit import envelope
    from rolefit.scoring import warnings

    pack = every_role_ruled_out(mini)
    sheet = AnswerSheet(answers={"read_source": 5, "debug_for_fun": 5, "one_thing": 5}, dealbreakers=("all",))
    found = assess(pack, sheet)
    line = envelope.cohort_result(pack, 1, None, sheet, found, warnings(pack, sheet, found))
    assert line["best"] is None and line["shortlist"] == []
    assert set(line["ruled_out"]) == {r.id for r in mini.roles}


def test_a_one_role_pack_with_a_poor_fit_is_not_called_a_best_fit(mini: DataPack) -> None:
    alone = replace(mini, roles=(mini.role("advocate"),))
    answers = {"help_stuck_users": 1, "notice_frustration": 1, "people_drain_me": 5, "many_hats": 1, "one_thing": 5,
               "read_source": 5, "debug_for_fun": 5, "avoid_internals": 1}
    result = score(alone, AnswerSheet(answers=answers))
    assert result.verdict == "no_clear_fit"
    assert headline(result).startswith("No clear fit") and "The closest role is Advocate" in headline(result)


def test_one_scorable_role_with_few_answers_is_tentative_in_the_headline_too(mini: DataPack) -> None:
    two = replace(mini, roles=(mini.role("advocate"), mini.role("engineer")))
    result = score(two, AnswerSheet(answers={"help_stuck_users": 5}))
    assert [f.role.id for f in result.scored] == ["advocate"]
    assert result.verdict == "tentative"
    assert headline(result).startswith("Tentative:") and "the only role your answers can score so far" in headline(result)


def test_a_one_role_pack_with_a_clear_lead_says_it_is_the_only_role(mini: DataPack) -> None:
    alone = replace(mini, roles=(mini.role("engineer"),))
    answers = {"read_source": 5, "debug_for_fun": 5, "avoid_internals": 1, "many_hats": 1, "one_thing": 5,
               "help_stuck_users": 4, "notice_frustration": 2, "people_drain_me": 3}
    result = score(alone, AnswerSheet(answers=answers))
    assert result.verdict == "clear_lead"
    assert headline(result).startswith("Best fit: Engineer (") and "the only role" in headline(result)
