"""The published JSON Schemas: `rolefit schema KIND` prints a valid draft 2020-12 schema for
every document `--json` prints, what rolefit prints follows it, and a document that breaks
one of rolefit's promises does not. (Every document a test builds or prints in-process is
also checked, by the autouse fixture in conftest.py; here, the commands run as a script would
run them.)"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from rolefit import envelope, schema
from rolefit.adaptive import next_step
from rolefit.answers import read_sheet
from rolefit.cli import app
from rolefit.model import AnswerSheet, DataPack, Option, Question
from rolefit.scoring import score

FIXTURES = Path(__file__).parent / "fixtures"
PERSONA = FIXTURES / "docs_specialist.yaml"
OTHER = FIXTURES / "engineer_with_blogging_habit.yaml"
ENVELOPE_SOURCE = Path(envelope.__file__).read_text(encoding="utf-8")


def follows(document: Any, kind: str) -> bool:
    return Draft202012Validator(schema.schema_for(kind)).is_valid(document)


def rolefit(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", "rolefit", *args], input=stdin, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def result(pack: DataPack) -> dict[str, Any]:
    return envelope.result(pack, score(pack, read_sheet(PERSONA, pack)))


@pytest.mark.parametrize("kind", list(schema.KINDS))
def test_every_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    Draft202012Validator.check_schema(schema.schema_for(kind))


@pytest.mark.parametrize("kind", list(schema.KINDS))
def test_rolefit_schema_prints_the_schema_of_each_kind(runner: CliRunner, kind: str) -> None:
    done = runner.invoke(app, ["schema", kind])
    assert done.exit_code == 0
    assert json.loads(done.stdout) == schema.schema_for(kind)


def test_every_kind_of_document_rolefit_builds_has_a_schema() -> None:
    built = set(re.findall(r'_envelope\("(\w+)"', ENVELOPE_SOURCE)) | set(re.findall(r'"kind": "(\w+)"',
                                                                                      ENVELOPE_SOURCE))
    assert built == set(schema.KINDS.values())


def test_the_schemas_describe_the_schema_version_rolefit_prints() -> None:
    assert schema.SCHEMA_VERSION == envelope.SCHEMA_VERSION
    for kind in schema.KINDS:
        published = schema.schema_for(kind)
        assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert f"v{envelope.SCHEMA_VERSION}" in published["$id"]
        assert published["properties"]["schema_version"]["const"] == envelope.SCHEMA_VERSION


@pytest.mark.parametrize("kind", list(schema.KINDS))
def test_every_field_of_every_document_is_titled_and_described(kind: str) -> None:
    published = schema.schema_for(kind)
    assert published["title"] and published["description"]
    assert all(field.get("description") for field in published["properties"].values())


@pytest.mark.parametrize("kind", list(schema.KINDS))
def test_every_reference_in_a_schema_resolves_within_it(kind: str) -> None:
    published = schema.schema_for(kind)
    for name in re.findall(r'"\$ref": "#/\$defs/(\w+)"', json.dumps(published)):
        assert name in published["$defs"], name


@pytest.mark.parametrize("args", [[], ["result"], ["bogus"]], ids=["none", "a-document-kind", "unknown"])
def test_schema_without_a_known_kind_is_a_one_line_error_listing_the_kinds(runner: CliRunner,
                                                                           args: list[str]) -> None:
    done = runner.invoke(app, ["schema", *args])
    assert done.exit_code == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert all(kind in done.stderr for kind in schema.KINDS)


def test_a_result_follows_its_schema(result: dict[str, Any]) -> None:
    assert follows(result, "score")


def test_a_result_with_an_unknown_verdict_is_rejected(result: dict[str, Any]) -> None:
    assert not follows({**result, "verdict": "best_fit"}, "score")


def test_a_result_without_a_field_rolefit_always_prints_is_rejected(result: dict[str, Any]) -> None:
    assert not follows({k: v for k, v in result.items() if k != "shortlist"}, "score")


def test_a_result_with_a_field_rolefit_does_not_print_is_rejected(result: dict[str, Any]) -> None:
    assert not follows({**result, "lead_holds": 0.9}, "score")


def test_a_result_of_another_kind_or_schema_version_is_rejected(result: dict[str, Any]) -> None:
    assert not follows({**result, "kind": "cohort_result"}, "score")
    assert not follows({**result, "schema_version": 1}, "score")


def test_a_verdict_reason_beside_a_clear_lead_is_rejected(result: dict[str, Any]) -> None:
    assert result["verdict"] == "clear_lead"
    assert not follows({**result, "verdict_reason": "flat"}, "score")


def test_a_negative_skipped_count_is_rejected(result: dict[str, Any]) -> None:
    assert not follows({**result, "skipped": -1}, "score")


def test_a_fit_outside_0_to_100_is_rejected(result: dict[str, Any]) -> None:
    broken = copy.deepcopy(result)
    broken["ranking"][0]["fit"] = 101.0
    assert not follows(broken, "score")


def test_a_source_that_leaves_out_an_unknown_author_is_rejected(result: dict[str, Any]) -> None:
    broken = copy.deepcopy(result)
    source = broken["ranking"][0]["advice"][0]["source"]
    del source["author"]
    assert not follows(broken, "score")


def test_a_finished_step_that_still_asks_a_question_is_rejected(pack: DataPack) -> None:
    done = envelope.next_question(pack, next_step(pack, read_sheet(PERSONA, pack)))
    first = envelope.next_question(pack, next_step(pack, AnswerSheet(answers={})))
    assert done["done"] and follows(done, "next")
    assert not follows({**done, "question": first["question"]}, "next")


def test_the_dealbreakers_question_asked_before_the_others_is_accepted(pack: DataPack) -> None:
    """`rolefit next` is to ask for the dealbreakers first, as a pick-all question whose options
    are the dealbreakers and load on no trait."""
    asking = Question("dealbreakers", "multi", "dealbreakers", "Which of these would you refuse to do?",
                      options=tuple(Option(d.id, d.label, {}) for d in pack.dealbreakers))
    step = envelope.next_question(pack, next_step(pack, AnswerSheet(answers={})))
    assert follows({**step, "question": envelope.question(asking)}, "next")


SCRIPTED = {
    "score": (["score", str(PERSONA), "--json"], "score"),
    "score-explain": (["score", str(PERSONA), "--json", "--explain", "Developer Advocate"], "score"),
    "next-first": (["next", "-", "--json"], "next"),
    "next-done": (["next", str(PERSONA), "--json"], "next"),
    "compare": (["compare", str(PERSONA), str(OTHER), "--json"], "compare"),
    "roles": (["roles", "--json"], "roles"),
    "roles-one": (["roles", "technical_writer", "--json"], "roles"),
    "questions": (["questions", "--json"], "questions"),
}


@pytest.mark.parametrize("case", list(SCRIPTED))
def test_what_each_command_prints_for_scripts_follows_its_schema(case: str) -> None:
    args, kind = SCRIPTED[case]
    assert follows(json.loads(rolefit(*args, stdin='{"answers": {}}')), kind)


def test_every_line_a_cohort_prints_follows_its_schema(pack: DataPack, tmp_path: Path) -> None:
    """A clear lead, dealbreakers that rule roles out, and no clear fit (every statement
    answered alike), each with or without an id of its own."""
    persona = yaml.safe_load(PERSONA.read_text(encoding="utf-8"))
    alike = {q.id: 3 for q in pack.questions if q.kind == "likert"}
    lines = [{"id": "a", "answers": persona["answers"]},
             {"answers": {"picture_first_time_user": 4}, "dealbreakers": ["on_stage", "regular_travel"]},
             {"id": 3, "respondent": "Sam", "answers": alike}]
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text("".join(json.dumps(line) + "\n" for line in lines))
    printed = [json.loads(line) for line in rolefit("score", str(cohort), "--format", "jsonl").splitlines()]
    assert [line["verdict"] for line in printed] == ["clear_lead", "tentative", "no_clear_fit"]
    assert printed[1]["ruled_out"]
    assert all(follows(line, "cohort") for line in printed)
