"""Answers files: read and check them against a data pack, and save them atomically.

An answers file is YAML or JSON: `{answers: {question_id: 1..5 | option value | null}}` plus
optional `respondent`, `taken_at` and `quiz_version`. null (or a blank) means skipped.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any, BinaryIO

from rolefit.documents import Mapping, label_for, load_document, write_atomically
from rolefit.errors import RolefitError, located
from rolefit.model import LIKERT_POINTS, Answer, AnswerSheet, DataPack, Question

METADATA = ("respondent", "taken_at", "quiz_version")


def _line(doc: dict[str, Any], key: Any) -> int | None:
    return doc.line_of(key) if isinstance(doc, Mapping) else None


def _metadata(doc: dict[str, Any], key: str, label: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise RolefitError(located(label, _line(doc, key), f"'{key}' must be text"))
    if not isinstance(value, str) and isinstance(doc, Mapping) and key in doc.texts:
        value = doc.texts[key]  # as written: YAML 1.1 reads 12:30:00 as 45000 and 0123 as 83
    return printable(str(value))


def printable(text: str) -> str:
    """Text without control or bidirectional-override characters, which could rewrite a
    terminal or a report when the text is shown back."""
    return "".join(ch for ch in text if ch.isprintable()).strip()


def check_answer(question: Question, value: Any) -> str | None:
    """Why `value` is not a valid answer to `question`, or None when it is."""
    if value is None:
        return None
    if question.kind == "likert":
        if isinstance(value, bool) or not isinstance(value, int) or value not in LIKERT_POINTS:
            return f"answer to {question.id!r} must be a whole number from 1 to 5, not {value!r}"
        return None
    if not isinstance(value, str) or question.option(value) is None:
        allowed = ", ".join(o.value for o in question.options)
        return f"answer to {question.id!r} must be one of {allowed}, not {value!r}"
    return None


def sheet_from_document(doc: Any, pack: DataPack, label: str, require_answers: bool = True) -> AnswerSheet:
    """Check a parsed answers document against the pack. The first bad answer is an error
    naming `label` (and the line, for YAML); answers to unknown questions are set aside as
    `unknown`, since a file from another quiz version should still score."""
    if not isinstance(doc, dict):
        raise RolefitError(f"{label}: expected a mapping with an 'answers' key")
    raw = doc.get("answers")
    if not isinstance(raw, dict):
        problem = "has no 'answers' mapping" if raw is None else "'answers' must be a mapping of question id to answer"
        raise RolefitError(located(label, _line(doc, "answers") if raw is not None else None, problem))
    answers: dict[str, Answer] = {}
    unknown: list[str] = []
    accepted = pack.accepted
    for qid, value in raw.items():
        allowed = accepted.get(qid) if isinstance(qid, str) else None
        if allowed is None:
            unknown.append(printable(str(qid)))
        elif value is None or (type(value) in (int, str) and value in allowed):
            answers[qid] = value
        else:
            problem = check_answer(pack.question(qid), value) or "invalid answer"  # type: ignore[arg-type]
            raise RolefitError(located(label, _line(raw, qid), problem))
    meta = {key: _metadata(doc, key, label) for key in METADATA}
    sheet = AnswerSheet(answers=answers, unknown=tuple(unknown), **meta)
    if require_answers and not sheet.given:
        raise RolefitError(f"{label}: answers none of this quiz's questions, so there is nothing to score")
    return sheet


def read_sheet(source: str | Path, pack: DataPack, require_answers: bool = True,
               stdin: BinaryIO | None = None) -> AnswerSheet:
    """Read an answers file; unless told otherwise, one that answers nothing is an error."""
    return sheet_from_document(load_document(source, stdin=stdin), pack, label_for(source), require_answers)


OWNED = (*METADATA, "answers")
"""The top-level keys rolefit writes; any other key in an answers file is someone else's."""


def sheet_to_document(sheet: AnswerSheet, pack: DataPack, kept: dict[str, Any] | None = None) -> dict[str, Any]:
    """The mapping an answers file holds, answers in the pack's question order. `kept` is the
    document the file held before: its other keys (a coach's `id:` or `notes:`) stay, in
    their places."""
    order = {q.id: i for i, q in enumerate(pack.questions)}
    ordered = dict(sorted(sheet.answers.items(), key=lambda item: order.get(item[0], len(order))))
    ours: dict[str, Any] = {key: getattr(sheet, key) for key in METADATA if getattr(sheet, key) is not None}
    ours["answers"] = ordered
    document: dict[str, Any] = {}
    for key, value in (kept or {}).items():
        if key not in OWNED:
            document[key] = value
        elif key in ours:
            document[key] = ours.pop(key)
    return {**document, **ours}


def _plain(value: Any) -> str:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def dump_sheet(sheet: AnswerSheet, pack: DataPack, as_json: bool = False, kept: dict[str, Any] | None = None,
               header: str = "") -> str:
    """An answers file's text, YAML or JSON, that `read_sheet` reads back to the same sheet;
    with `kept`, the file's other keys too, and for YAML the `header` comment lines."""
    document = sheet_to_document(sheet, pack, kept)
    if as_json:
        return json.dumps(document, indent=2, ensure_ascii=False, default=_plain) + "\n"
    import yaml

    return header + yaml.safe_dump(_plain_dicts(document), sort_keys=False, allow_unicode=True)


def _plain_dicts(value: Any) -> Any:
    """Mappings as plain dicts, which is what PyYAML's safe dumper knows how to write."""
    if isinstance(value, dict):
        return {key: _plain_dicts(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_dicts(item) for item in value]
    return value


def header_comments(text: str) -> str:
    """The comment lines (and blank lines) a YAML file starts with, to keep when it is saved."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line if line.endswith("\n") else line + "\n")
    return "".join(lines)


def save_sheet(path: Path, sheet: AnswerSheet, pack: DataPack, kept: dict[str, Any] | None = None,
               header: str = "") -> None:
    """Save atomically, as JSON for a .json path and YAML otherwise."""
    as_json = str(path).lower().endswith(".json")
    write_atomically(path, dump_sheet(sheet, pack, as_json, kept, "" if as_json else header))
