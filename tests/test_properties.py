"""Whatever bytes or structures an answers file holds, rolefit answers with a report or a
one-line error (exit 0 or 2), never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rolefit.cli import app

from conftest import MINI_PACK

QUESTION_IDS = ["help_stuck_users", "people_drain_me", "many_hats", "free_day", "unknown_one"]
scalars = (st.none() | st.booleans() | st.integers(-10, 10) | st.integers() | st.floats(allow_nan=True)
           | st.text(max_size=12) | st.dates() | st.datetimes())
yaml_fragments = st.sampled_from(["2024-13-45", "2024-02-30 25:61:00", "9" * 5000, "-.inf", ".nan", "0x1F", "0o17",
                                  "1_000", "~", "!!binary aGk=", "&a [1]", "*a", "? complex", "|\n  block", "'quote"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                      max_leaves=8)
answer_maps = st.dictionaries(st.sampled_from(QUESTION_IDS) | st.text(max_size=8), values, max_size=6)
documents = st.fixed_dictionaries({"answers": answer_maps | values},
                                  optional={"respondent": values, "taken_at": values, "quiz_version": values}) | values


def invoke(path: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["score", str(path), "--data-dir", str(MINI_PACK), *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stderr


def check(code: int, stderr: str) -> None:
    assert code in (0, 2)
    assert "Traceback" not in stderr
    if code == 2:
        assert stderr.count("\n") == 1 and stderr.startswith("rolefit: ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_any_yaml_document_scores_or_fails_cleanly(tmp_path: Path, document: object) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(document))
    check(*invoke(path, "--json"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_any_json_document_scores_or_fails_cleanly(tmp_path: Path, document: object) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document, default=str))
    check(*invoke(path))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_score_or_fail_cleanly(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    check(*invoke(path, "--json"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_scores_or_fails_cleanly(tmp_path: Path, content: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(content.encode("utf-8", errors="replace"))
    check(*invoke(path))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["respondent", "taken_at", "quiz_version"] + QUESTION_IDS), yaml_fragments)
def test_tricky_yaml_values_score_or_fail_cleanly(tmp_path: Path, key: str, fragment: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(f"answers:\n  help_stuck_users: 4\n  {key}: {fragment}\n" if key in QUESTION_IDS
                    else f"{key}: {fragment}\nanswers:\n  help_stuck_users: 4\n")
    check(*invoke(path))
