"""Dealbreakers: things a person will not do. A role they touch never leads while another
remains, the report says which dealbreaker touched which role and why, citing the article,
and what the articles do not say is said too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.answers import read_sheet
from rolefit.model import DataPack
from rolefit.report import render_text
from rolefit.scoring import score

FIXTURE = Path(__file__).parent / "fixtures" / "engineer_with_blogging_habit.yaml"


def with_dealbreakers(tmp_path: Path, *ids: str) -> Path:
    document = yaml.safe_load(FIXTURE.read_text())
    document["dealbreakers"] = list(ids)
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def test_the_pack_has_the_dealbreakers_the_articles_discuss(pack: DataPack) -> None:
    assert {d.id for d in pack.dealbreakers} == {"regular_travel", "on_stage", "manage_people", "sales_quota", "stop_coding"}


def test_every_dealbreaker_cites_an_article_for_every_role_it_touches_and_says_where_they_are_silent(pack: DataPack) -> None:
    for dealbreaker in pack.dealbreakers:
        assert dealbreaker.silent.startswith("The ")
        for role_id, reason in dealbreaker.roles.items():
            assert pack.role(role_id) is not None and reason.source in pack.sources and reason.where


def test_a_dealbreaker_the_articles_tie_to_no_role_rules_out_nothing_and_says_so(pack: DataPack, tmp_path: Path) -> None:
    """No article ties any role's pay to a sales target, so `sales_quota` touches no role."""
    result = score(pack, read_sheet(with_dealbreakers(tmp_path, "sales_quota"), pack))
    assert not any(f.ruled_out for f in result.ranking)
    assert "Have my pay tied to a sales target: rules out no role" in " ".join(render_text(pack, result, width=200).split())


def test_a_ruled_out_role_never_leads_while_another_remains(pack: DataPack, tmp_path: Path) -> None:
    before = score(pack, read_sheet(FIXTURE, pack))
    assert before.ranking[0].role.id == "developer_advocate"
    after = score(pack, read_sheet(with_dealbreakers(tmp_path, "regular_travel"), pack))
    assert after.ranking[0].role.id != "developer_advocate"
    ruled = [f.role.id for f in after.ranking if f.ruled_out]
    assert ruled == [f.role.id for f in after.ranking[-len(ruled):]]
    assert set(ruled) == {"developer_advocate", "community_manager"}


def test_ruled_out_roles_keep_their_fits(pack: DataPack, tmp_path: Path) -> None:
    before = score(pack, read_sheet(FIXTURE, pack)).fit_for("developer_advocate").fit
    after = score(pack, read_sheet(with_dealbreakers(tmp_path, "regular_travel"), pack)).fit_for("developer_advocate")
    assert after.fit == before and [d.id for d in after.ruled_out] == ["regular_travel"]


def test_the_shortlist_and_the_lead_leave_ruled_out_roles_out(pack: DataPack, tmp_path: Path) -> None:
    result = score(pack, read_sheet(with_dealbreakers(tmp_path, "regular_travel", "on_stage"), pack))
    assert not any(f.ruled_out for f in result.shortlist)
    assert "Developer Advocate" not in render_text(pack, result, 200).splitlines()[0]


def test_the_report_says_which_dealbreaker_touched_which_role_and_why(pack: DataPack, tmp_path: Path) -> None:
    result = score(pack, read_sheet(with_dealbreakers(tmp_path, "regular_travel"), pack))
    text = " ".join(render_text(pack, result, 200).split())
    assert "Your dealbreakers" in text
    assert "Travel regularly for work: rules out Developer Advocate (in Hoopy's 2020 survey of DevRel professionals" in text
    assert "What is a Developer Advocate? (Karl Hughes, Draft.dev, 2021-10-26)" in text
    assert "The articles do not say how much technical marketers" in text
    assert "Developer Advocate (ruled out)" in text


def test_json_lists_the_dealbreakers_hit_per_role(runner: CliRunner, tmp_path: Path) -> None:
    document = json.loads(runner.invoke(app, ["score", str(with_dealbreakers(tmp_path, "manage_people")), "--json"]).stdout)
    assert document["dealbreakers"] == ["manage_people"]
    entries = {e["role"]: e["dealbreakers"] for e in document["ranking"]}
    assert entries["engineering_manager"] == ["manage_people"] and entries["developer_advocate"] == []
    assert document["ranking"][-1]["role"] == "engineering_manager"


def test_a_cohort_line_takes_dealbreakers_too(runner: CliRunner, tmp_path: Path) -> None:
    answers = yaml.safe_load(FIXTURE.read_text())["answers"]
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"answers": answers, "dealbreakers": ["regular_travel"]}) + "\n")
    line = json.loads(runner.invoke(app, ["score", str(path), "--format", "jsonl"]).stdout)
    assert line["ruled_out"] == ["developer_advocate", "community_manager"]
    assert line["best"] not in line["ruled_out"] and line["ranking"][0]["role"] == line["best"]


def test_an_unknown_dealbreaker_is_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(with_dealbreakers(tmp_path, "wear_a_suit"))])
    assert result.exit_code == 2
    assert "unknown dealbreaker 'wear_a_suit'; known: regular_travel" in result.stderr


def test_when_every_role_is_ruled_out_the_ranking_still_orders_them_by_fit(mini: DataPack) -> None:
    from dataclasses import replace

    from rolefit.model import AnswerSheet, Dealbreaker, Reason

    everything = Dealbreaker("all", "Everything", {r.id: Reason("x", mini.sources[0], "y") for r in mini.roles})
    pack = replace(mini, dealbreakers=(everything,))
    result = score(pack, AnswerSheet(answers={"read_source": 5, "debug_for_fun": 5, "one_thing": 5}, dealbreakers=("all",)))
    assert result.ranking[0].role.id == "engineer"
    assert "every role" in next(w.message for w in result.warnings if w.code == "dealbreakers")


def test_the_role_card_shows_how_people_got_in_what_to_know_and_its_dealbreakers(runner: CliRunner) -> None:
    card = " ".join(runner.invoke(app, ["roles", "developer_advocate"]).stdout.split())
    assert "How people got here: - Lorna Mitchell was a long-time software engineer" in card
    assert "Good to know:" in card and "23% of DevRel people leaving their city" in card
    assert "Dealbreakers that rule it out: - Travel regularly for work" in card


@pytest.mark.parametrize("role", ["technical_marketing", "technical_product_manager"])
def test_the_report_card_carries_what_the_articles_say_about_getting_there(pack: DataPack, role: str) -> None:
    fit = next(f for f in score(pack, read_sheet(FIXTURE, pack)).ranking if f.role.id == role)
    assert fit.role.paths_in and fit.role.good_to_know


def test_roles_json_lists_the_dealbreakers(runner: CliRunner) -> None:
    document = json.loads(runner.invoke(app, ["roles", "--json"]).stdout)
    travel = next(d for d in document["dealbreakers"] if d["id"] == "regular_travel")
    assert {r["role"] for r in travel["roles"]} == {"developer_advocate", "community_manager"}
    assert document["roles"][0]["paths_in"][0]["source"]["id"] == "draft_devrel_career_insights"


def test_the_template_lists_the_dealbreakers_and_reads_back(runner: CliRunner, tmp_path: Path) -> None:
    text = runner.invoke(app, ["template"]).stdout
    assert "#   regular_travel: Travel regularly for work" in text and "\ndealbreakers: []\n" in text
    path = tmp_path / "t.yaml"
    path.write_text(text.replace("dealbreakers: []", "dealbreakers: [manage_people]").replace(
        "  enjoy_boiling_it_down:\n", "  enjoy_boiling_it_down: 4\n"))
    document = json.loads(runner.invoke(app, ["score", str(path), "--json"]).stdout)
    assert document["dealbreakers"] == ["manage_people"]
