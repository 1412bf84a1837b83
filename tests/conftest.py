"""Shared fixtures. Every test runs with ROLEFIT_HOME in a temporary folder, without
ROLEFIT_DATA_DIR or NO_COLOR from the developer's environment, and with PAGER=cat, so that a
report in a pseudo-terminal never waits in a pager (tests that page set PAGER themselves).

Every JSON document a test makes rolefit build or print is checked against the published
schema for its `kind` (`rolefit schema KIND`), and the test fails on a document that does
not follow it: no test can forget to, and the schemas cannot drift from the output."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from typer.testing import CliRunner

from rolefit import batch, cli, envelope, schema
from rolefit.data import default_data_dir, load_pack
from rolefit.model import DataPack

FIXTURES = Path(__file__).parent / "fixtures"
MINI_PACK = FIXTURES / "mini"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("rolefit-home")
    monkeypatch.setenv("ROLEFIT_HOME", str(home))
    monkeypatch.delenv("ROLEFIT_DATA_DIR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("PAGER", "cat")
    return home


BUILDERS = ("result", "cohort_result", "next_question", "roles", "questions", "comparison")
"""The functions of rolefit.envelope that build a whole document. The printer
(rolefit.cli._print_json) and the cohort writer's lines (rolefit.batch._record) are checked
too, in case either comes to build a document some other way."""


@cache
def validator(kind: str) -> Draft202012Validator | None:
    found = schema.for_document(kind)
    return None if found is None else Draft202012Validator(found)


_FOLLOWING: set[str] = set()
"""Documents already found to follow their schema, as JSON text: many tests make the same
document, and checking one is slower than making it."""


def schema_problems(document: Any) -> list[str]:
    """Where a document strays from the schema for its kind, one line each (none when it follows
    it). A printed JSON Schema (`rolefit schema`) is checked as a schema instead."""
    try:
        text = json.dumps(document, allow_nan=False)
    except (TypeError, ValueError) as error:
        return [f"a document that is not JSON ({error})"]
    if text in _FOLLOWING:
        return []
    problems = _problems(document)
    if not problems:
        _FOLLOWING.add(text)
    return problems


def _problems(document: Any) -> list[str]:
    if isinstance(document, dict) and "$schema" in document:
        try:
            Draft202012Validator.check_schema(document)
        except SchemaError as error:
            return [f"rolefit schema printed an invalid schema: {error}"]
        return []
    kind = document.get("kind") if isinstance(document, dict) else None
    check = validator(kind) if isinstance(kind, str) else None
    if check is None:
        return [f"a JSON document of no published kind ({kind!r})"]
    return [f"{kind} at /{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in check.iter_errors(document)]


@pytest.fixture(autouse=True)
def documents_follow_their_schemas(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Check every document the test builds or prints; fail the test, once it is over, on any
    that strays from its schema."""
    problems: list[str] = []

    def checked(function: Callable[..., Any], printed: bool = False) -> Callable[..., Any]:
        """`function`, checking the document it returns (or, for a printer, is given)."""
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            result = function(*args, **kwargs)
            problems.extend(schema_problems(args[0] if printed else result))
            return result
        return wrapper

    for name in BUILDERS:
        monkeypatch.setattr(envelope, name, checked(getattr(envelope, name)))
    monkeypatch.setattr(batch, "_record", checked(batch._record))
    monkeypatch.setattr(cli, "_print_json", checked(cli._print_json, printed=True))
    yield
    if problems:
        pytest.fail("documents that do not follow their schema:\n" + "\n".join(problems[:20]), pytrace=False)


@pytest.fixture(scope="session")
def pack() -> DataPack:
    """The data pack rolefit ships."""
    return load_pack(default_data_dir())


@pytest.fixture(scope="session")
def mini() -> DataPack:
    """A small hand-made pack whose numbers are easy to check by hand."""
    return load_pack(MINI_PACK)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
