"""Answers files: read and check them against a data pack, and save them atomically.

An answers file is YAML or JSON: `{answers: {question_id: 1..5 | option value | [option
values] | null}}` plus optional `respondent`, `taken_at` and `quiz_version`. null (or a blank)
means skipped; for a pick-all-that-apply question, [] means none of the options apply.
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
    allowed = ", ".join(o.value for o in question.options)
    if question.kind == "multi":
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and question.option(v) for v in value):
            return f"answer to {question.id!r} must be a list of any of {allowed} (or [] for none), not {value!r}"
        if len(set(value)) != len(value):
            return f"answer to {question.id!r} names an option twice: {value!r}"
        return None
    if not isinstance(value, str) or question.option(value) is None:
        return f"answer to {question.id!r} must be one of {allowed}, not {value!r}"
    return None


def picked(question: Question, values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """A pick-all answer in the question's own order, so the same picks are the same answer."""
    chosen = set(values)
    return tuple(o.value for o in question.options if o.value in chosen)


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
    accepted, multi = pack.accepted.get, pack.multi
    for qid, value in raw.items():
        allowed = accepted(qid) if type(qid) is str else None
        if allowed is None:
            unknown.append(printable(str(qid)))
        elif value is None:
            answers[qid] = None
        elif (type(value) is int or type(value) is str) and value in allowed:
            answers[qid] = (value,) if qid in multi else value
        elif (type(value) is list and qid in multi and all(type(v) is str for v in value)
              and allowed.issuperset(value) and len(set(value)) == len(value)):
            answers[qid] = picked(pack.question(qid), value)  # type: ignore[arg-type]
        else:
            question = pack.question(qid)
            problem = check_answer(question, value)  # type: ignore[arg-type]
            if problem is not None or question.kind != "multi":  # type: ignore[union-attr]
                raise RolefitError(located(label, _line(raw, qid), problem or "invalid answer"))
            answers[qid] = picked(question, value)  # type: ignore[arg-type]
    meta = {key: _metadata(doc, key, label) for key in METADATA}
    sheet = AnswerSheet(answers=answers, unknown=tuple(unknown), **meta)
    if require_answers and not sheet.given:
        raise RolefitError(f"{label}: answers none of this quiz's questions, so there is nothing to score")
    return sheet


def read_sheet(source: str | Path, pack: DataPack, require_answers: bool = True,
               stdin: BinaryIO | None = None) -> AnswerSheet:
    """Read an answers file; unless told otherwise, one that answers nothing is an error."""
    return sheet_from_document(load_document(source, stdin=stdin), pack, label_for(source), require_answers)


def sheet_to_document(sheet: AnswerSheet, pack: DataPack) -> dict[str, Any]:
    """The mapping an answers file holds, answers in the pack's question order."""
    order = {q.id: i for i, q in enumerate(pack.questions)}
    ordered = {qid: list(answer) if isinstance(answer, tuple) else answer
               for qid, answer in sorted(sheet.answers.items(), key=lambda item: order.get(item[0], len(order)))}
    meta = {key: getattr(sheet, key) for key in METADATA if getattr(sheet, key) is not None}
    return {**meta, "answers": ordered}


def dump_sheet(sheet: AnswerSheet, pack: DataPack, as_json: bool = False) -> str:
    """An answers file's text, YAML or JSON, that `read_sheet` reads back to the same sheet."""
    document = sheet_to_document(sheet, pack)
    if as_json:
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    import yaml

    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def save_sheet(path: Path, sheet: AnswerSheet, pack: DataPack) -> None:
    """Save atomically, as JSON for a .json path and YAML otherwise."""
    write_atomically(path, dump_sheet(sheet, pack, as_json=str(path).lower().endswith(".json")))
