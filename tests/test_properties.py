"""Whatever bytes or structures an answers file, a cohort file or a data pack holds, every
command answers with its output or a one-line error (exit 0, 1 for a cohort with bad lines,
or 2), never a traceback."""

from __future__ import annotations

import json
import shutil
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


def run(args: list[str], data_dir: Path = MINI_PACK, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Any command, as the shell would run it; the exit code and everything it printed."""
    result = CliRunner().invoke(app, [*args, "--data-dir", str(data_dir)], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout
    return result.exit_code, result.stderr


def invoke(path: Path, *extra: str) -> tuple[int, str]:
    return run(["score", str(path), *extra])


def check(code: int, stderr: str, codes: tuple[int, ...] = (0, 2)) -> None:
    assert code in codes
    assert "Traceback" not in stderr
    if code == 2:
        assert stderr.count("\n") == 1 and stderr.startswith("rolefit: ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_any_yaml_document_scores_or_fails_cleanly(tmp_path: Path, document: object) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(document))
    check(*invoke(path, "--json"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_next_on_any_document_answers_or_fails_cleanly(tmp_path: Path, document: object) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document, default=str))
    check(*run(["next", str(path), "--json"]))


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


# every other command ----------------------------------------------------------------------

PACK_COMMANDS = [["roles"], ["roles", "advocate"], ["roles", "--json"], ["questions"], ["questions", "--json"],
                 ["next", "-", "--json"],
                 ["template"], ["validate"]]
columns = st.sampled_from(["0", "1", "7", "80", "100000", "-5", "abc", ""])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents, documents, st.booleans(), columns)
def test_compare_of_any_two_documents_works_or_fails_cleanly(tmp_path: Path, before: object, after: object,
                                                            as_json: bool, width: str) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.json"
    first.write_text(yaml.safe_dump(before))
    second.write_text(json.dumps(after, default=str))
    check(*run(["compare", str(first), str(second), *(["--json"] if as_json else [])], env={"COLUMNS": width}))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(documents.map(lambda d: json.dumps(d, default=str)) | st.text(max_size=40), max_size=5),
       st.sampled_from(["jsonl", "csv"]))
def test_a_cohort_of_any_lines_scores_or_fails_cleanly(tmp_path: Path, lines: list[str], fmt: str) -> None:
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join(line.replace("\n", " ") for line in lines) + "\n")
    code, stderr = run(["score", str(path), "--format", fmt])
    assert code in (0, 1, 2) and "Traceback" not in stderr


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents, st.sampled_from(["--resume", "--save"]), st.text(max_size=20))
def test_quiz_without_input_refuses_in_one_line_whatever_it_is_given(tmp_path: Path, document: object, flag: str,
                                                                     client: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(document))
    code, stderr = run(["quiz", "--no-input", flag, str(path), "--client", client])
    check(code, stderr, codes=(2,))


def mangled(text: str, line: int, fragment: str, whole_line: bool) -> str:
    """The pack file with one line's value (or the whole line) replaced by `fragment`."""
    lines = text.splitlines()
    index = line % len(lines)
    head, colon, _ = lines[index].partition(": ")
    lines[index] = fragment if whole_line or not colon else f"{head}: {fragment}"
    return "\n".join(lines) + "\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["questions.yaml", "roles.yaml"]), st.integers(0, 500), yaml_fragments | st.text(max_size=20),
       st.booleans(), st.sampled_from(PACK_COMMANDS + [["score", "ANSWERS"], ["score", "ANSWERS", "--json"],
                                                       ["score", "COHORT", "--format", "jsonl"],
                                                       ["compare", "ANSWERS", "ANSWERS"]]), columns)
def test_every_command_on_a_mangled_pack_works_or_fails_cleanly(tmp_path: Path, filename: str, line: int,
                                                                fragment: str, whole_line: bool,
                                                                command: list[str], width: str) -> None:
    folder = tmp_path / "pack"
    if not folder.exists():
        shutil.copytree(MINI_PACK, folder)
    original = (MINI_PACK / filename).read_text()
    (folder / filename).write_text(mangled(original, line, fragment, whole_line))
    (tmp_path / "a.yaml").write_text("answers:\n  help_stuck_users: 4\n")
    (tmp_path / "c.jsonl").write_text('{"answers": {"help_stuck_users": 4}}\n')
    args = [str(tmp_path / "a.yaml") if a == "ANSWERS" else str(tmp_path / "c.jsonl") if a == "COHORT" else a
            for a in command]
    try:
        code, stderr = run(args, data_dir=folder, env={"COLUMNS": width})
    finally:
        (folder / filename).write_text(original)
    if command == ["validate"] and code == 2:
        *problems, last = stderr.splitlines()
        assert last.startswith("rolefit: ") and all(p.startswith(str(folder)) for p in problems), stderr
    else:
        check(code, stderr, codes=(0, 1, 2))
