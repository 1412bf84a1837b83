"""Answers files: read and check them against a data pack, and save them atomically.

An answers file is YAML or JSON: `{answers: {question_id: 1..5 | option value | [option
values] | null}}` plus optional `respondent`, `taken_at` and `quiz_version`. null (or a blank)
means skipped; for a pick-all-that-apply question, [] means none of the options apply.

A coach's `notes:` are read as free text for the exports (text, a list, or `date: text` pairs)
and are never written by rolefit: like any key it does not own, they stay as they were.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from pathlib import Path
from typing import Any, BinaryIO

from rolefit.documents import Mapping, label_for, load_document, write_atomically
from rolefit.errors import RolefitError, escaped, located
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
    if isinstance(value, (bool, int, float)) and isinstance(doc, Mapping) and key in doc.texts:
        value = doc.texts[key]  # as written: YAML 1.1 reads 12:30:00 as 45000, 0123 as 83, No as false
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise RolefitError(located(label, _line(doc, key), f"'{key}' must be text"))
    return printable(str(value))


def _dealbreakers(doc: dict[str, Any], pack: DataPack, label: str) -> tuple[str, ...]:
    """The things this person will not do: a list of the pack's dealbreaker ids (or none; a
    tuple from the Python API is a list, as for a pick-all answer)."""
    value = doc.get("dealbreakers")
    if value is None:
        return ()
    known = [d.id for d in pack.dealbreakers]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise RolefitError(located(label, _line(doc, "dealbreakers"), f"'dealbreakers' must be a list of ids: {', '.join(known)}"))
    unknown = [v for v in value if v not in known]
    if unknown:
        raise RolefitError(located(label, _line(doc, "dealbreakers"), f"unknown dealbreaker {unknown[0]!r}; "
                                                                        f"known: {', '.join(known) or 'none in this pack'}"))
    return tuple(d for d in known if d in value)


def _as_written(doc: dict[str, Any], key: str) -> Any:
    """A top-level value, or for a YAML scalar that is not text (`yes`, `12:30`), the text
    it was written as."""
    value = doc.get(key)
    if isinstance(value, (bool, int, float)) and isinstance(doc, Mapping) and key in doc.texts:
        return doc.texts[key]
    return value


def _notes(value: Any) -> tuple[str, ...]:
    """A coach's `notes:` as paragraphs of plain text, whatever shape they were written in:
    text splits at its blank lines, a list gives one paragraph an item, a mapping gives
    `key: value` (its key over its own items, when the value is a list or a mapping)."""
    if value is None:
        return ()
    if isinstance(value, dict):
        found: list[str] = []
        for key, item in value.items():
            inner = _notes(item)
            if len(inner) == 1 and not isinstance(item, (dict, list)):
                found.append(f"{_plain(key)}: {inner[0]}")
            else:
                found += [printable(_plain(key))] + list(inner)
        return tuple(part for part in found if part)
    if isinstance(value, list):
        return tuple(part for item in value for part in _notes(item))
    paragraphs = re.split(r"\n[ \t]*\n", _plain(value))
    return tuple(text for text in (printable(" ".join(p.split())) for p in paragraphs) if text)


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
            return f"answer to {question.id!r} must be a whole number from 1 to 5, not {_shown(value)}"
        return None
    allowed = ", ".join(o.value for o in question.options)
    if question.kind == "multi":
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and question.option(v) for v in value):
            return f"answer to {question.id!r} must be a list of any of {allowed} (or [] for none), not {_shown(value)}"
        if len(set(value)) != len(value):
            return f"answer to {question.id!r} names an option twice: {_shown(value)}"
        return None
    if not isinstance(value, str) or question.option(value) is None:
        return f"answer to {question.id!r} must be one of {allowed}, not {_shown(value)}"
    return None


def _shown(value: Any) -> str:
    """A wrong answer as a message shows it: its repr, cut short when long (an integer too long
    to write out at all, which only the Python API can pass, is named by its size)."""
    try:
        shown = repr(value)
    except ValueError:
        if isinstance(value, int):
            return f"a number of about {int(math.log10(abs(value))) + 1} digits"
        return f"a {type(value).__name__} too long to show"
    return shown if len(shown) <= 80 else shown[:60] + "..."


def picked(question: Question, values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """A pick-all answer in the question's own order, so the same picks are the same answer."""
    chosen = set(values)
    return tuple(o.value for o in question.options if o.value in chosen)


def sheet_from_document(doc: Any, pack: DataPack, label: str, require_answers: bool = True) -> AnswerSheet:
    """Check a parsed answers document against the pack. Bad answers are one error naming
    `label` and every bad answer (with its line, for YAML), so that a file can be fixed in
    one go; answers to unknown questions are set aside as `unknown`, since a file from
    another quiz version should still score."""
    if not isinstance(doc, dict):
        raise RolefitError(f"{label}: expected a mapping with an 'answers' key")
    raw = doc.get("answers")
    if not isinstance(raw, dict):
        problem = "has no 'answers' mapping" if raw is None else "'answers' must be a mapping of question id to answer"
        raise RolefitError(located(label, _line(doc, "answers") if raw is not None else None, problem))
    answers: dict[str, Answer] = {}
    unknown: list[str] = []
    bad: list[tuple[int | None, str]] = []
    version = _metadata(doc, "quiz_version", label)
    # A file from another quiz version may hold an option this version retired: it is set
    # aside like an answer to a retired question, not refused.
    older = version is not None and version != pack.version
    accepted, multi = pack.accepted.get, pack.multi
    for qid, value in raw.items():
        allowed = accepted(qid) if type(qid) is str else None
        if allowed is None:
            unknown.append(escaped(str(qid)))
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
            if older and problem is not None:
                unknown.append(f"{escaped(str(qid))}: {escaped(str(value))}")
            elif problem is not None or question.kind != "multi":  # type: ignore[union-attr]
                bad.append((_line(raw, qid), problem or "invalid answer"))
            else:
                answers[qid] = picked(question, value)  # type: ignore[arg-type]
    if len(bad) == 1:
        raise RolefitError(located(label, *bad[0]))
    if bad:
        listed = "; ".join(f"line {line}: {problem}" if line else problem for line, problem in bad)
        raise RolefitError(f"{label}: {len(bad)} bad answers: {listed}")
    meta = {key: _metadata(doc, key, label) for key in METADATA}
    sheet = AnswerSheet(answers=answers, unknown=tuple(unknown), dealbreakers=_dealbreakers(doc, pack, label),
                        dealbreakers_asked=doc.get("dealbreakers") is not None,
                        notes=_notes(_as_written(doc, "notes")), **meta)
    if require_answers and not sheet.given:
        raise RolefitError(f"{label}: answers none of this quiz's questions, so there is nothing to score")
    return sheet


def read_sheet(source: str | Path, pack: DataPack, require_answers: bool = True,
               stdin: BinaryIO | None = None) -> AnswerSheet:
    """Read an answers file; unless told otherwise, one that answers nothing is an error."""
    return sheet_from_document(load_document(source, stdin=stdin), pack, label_for(source), require_answers)


OWNED = (*METADATA, "dealbreakers", "answers")
"""The top-level keys rolefit writes; any other key in an answers file is someone else's."""


def same_answers(one: AnswerSheet, other: AnswerSheet) -> bool:
    """Whether two sheets record the same answers and dealbreakers (so a save can be spared)."""
    return ((one.answers, one.dealbreakers, one.dealbreakers_asked)
            == (other.answers, other.dealbreakers, other.dealbreakers_asked))


def _says_dealbreakers(sheet: AnswerSheet, pack: DataPack) -> bool:
    """Whether the file should hold a `dealbreakers` list even when it is empty: the pack has
    dealbreakers and they were asked, so that `rolefit next` does not ask them again."""
    return sheet.dealbreakers_asked and bool(pack.dealbreakers)


def sheet_to_document(sheet: AnswerSheet, pack: DataPack, kept: dict[str, Any] | None = None) -> dict[str, Any]:
    """The mapping an answers file holds, answers in the pack's question order. `kept` is the
    document the file held before: its other keys (a coach's `id:` or `notes:`) stay, in
    their places."""
    order = {q.id: i for i, q in enumerate(pack.questions)}
    ordered = {qid: list(answer) if isinstance(answer, tuple) else answer
               for qid, answer in sorted(sheet.answers.items(), key=lambda item: order.get(item[0], len(order)))}
    ours: dict[str, Any] = {key: getattr(sheet, key) for key in METADATA if getattr(sheet, key) is not None}
    if sheet.dealbreakers or _says_dealbreakers(sheet, pack):
        ours["dealbreakers"] = list(sheet.dealbreakers)
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


_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*?))?[ \t]*$")
_ANSWER_LINE = re.compile(r"^([ ]+)([a-z][a-z0-9_]*):(?:[ \t]+(.*?))?[ \t]*$")
_EMPTY_FLOW = re.compile(r"^answers:[ \t]+\{[ \t]*\}((?:[ \t]+#.*)?)[ \t]*$")
_COMMENT = re.compile(r"(?:^|[ \t])(#.*)$")


def _scalar(value: Any) -> str:
    """A value as YAML that reads back the same: answers are whole numbers, plain words (the
    pack's checks allow no word YAML would misread) or flow lists of them; text is
    double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_]*", value) and value not in _YAML_WORDS:
        return value
    return json.dumps(str(value), ensure_ascii=False)


_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _with_value(prefix: str, old_rest: str | None, value: Any) -> str:
    """`prefix` (indentation and key) with a new value, keeping the line's trailing comment."""
    comment = _COMMENT.search(old_rest or "")
    return f"{prefix} {_scalar(value)}" + (f"  {comment.group(1)}" if comment else "")


def edited_in_place(text: str, sheet: AnswerSheet, pack: DataPack, kept: dict[str, Any], label: str) -> str | None:
    """The YAML file's own text with only the changed answers and metadata rewritten, line by
    line, so its comments, layout and other keys stay as they were; None when the file is
    laid out in a way this cannot follow (flow style, block scalars), or when the edited text
    would not read back as exactly `sheet` with `kept`'s other keys. Dealbreakers are compared
    as read (in the pack's order, once each), so a file that lists them otherwise keeps its
    line; changed ones are written as a one-line list."""
    from rolefit.documents import parse_text

    try:
        dealbreakers_changed = sheet.dealbreakers != _dealbreakers(kept, pack, label) or _says_dealbreakers(
            sheet, pack) != (kept.get("dealbreakers") is not None)
    except RolefitError:
        return None
    if dealbreakers_changed and not _says_dealbreakers(sheet, pack):
        return None
    lines = text.splitlines()
    top = {m.group(1): i for i, line in enumerate(lines) if (m := _TOP_KEY.match(line))}
    at = top.get("answers")
    if at is not None:
        lines[at] = _EMPTY_FLOW.sub(r"answers:\1", lines[at])  # `answers: {}`, as a new file starts, opens as a block
    if at is None or (_TOP_KEY.match(lines[at]).group(2) or "#").lstrip()[:1] != "#":  # type: ignore[union-attr]
        return None
    before: dict[str, Any] = kept.get("answers") or {}
    found: dict[str, int] = {}
    end = at + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (" ", "\t")):
        m = _ANSWER_LINE.match(lines[end])
        if m:
            found[m.group(2)] = end
        end += 1
    indent = next((_ANSWER_LINE.match(lines[i]).group(1) for i in found.values()), "  ")  # type: ignore[union-attr]
    last = max(found.values(), default=at)
    added: list[str] = []
    for qid, value in sheet_to_document(sheet, pack)["answers"].items():
        if qid in found:
            if not (qid in before and before[qid] == value and type(before[qid]) is type(value)):
                line = _ANSWER_LINE.match(lines[found[qid]])
                lines[found[qid]] = _with_value(f"{indent}{qid}:", line.group(3), value)  # type: ignore[union-attr]
        else:
            added.append(f"{indent}{qid}: {_scalar(value)}")
    lines[last + 1:last + 1] = added
    inserted: list[str] = []
    for key in METADATA:
        value = getattr(sheet, key)
        if value is None or _metadata(kept, key, label) == value:
            continue
        if key in top:
            lines[top[key]] = _with_value(f"{key}:", _TOP_KEY.match(lines[top[key]]).group(2), value)  # type: ignore[union-attr]
        else:
            inserted.append(f"{key}: {_scalar(value)}")
    if dealbreakers_changed:
        listed = f"dealbreakers: [{', '.join(sheet.dealbreakers)}]"
        if "dealbreakers" in top:
            comment = _COMMENT.search(_TOP_KEY.match(lines[top["dealbreakers"]]).group(2) or "")  # type: ignore[union-attr]
            lines[top["dealbreakers"]] = listed + (f"  {comment.group(1)}" if comment else "")
        else:
            inserted.append(listed)
    lines[at:at] = inserted
    edited = "\n".join(lines) + "\n"
    try:
        reread = parse_text(edited, label, as_json=False)
        again = sheet_from_document(reread, pack, label, require_answers=False)
    except RolefitError:
        return None
    same = (again.answers == sheet.answers and again.dealbreakers == sheet.dealbreakers
            and _says_dealbreakers(again, pack) == _says_dealbreakers(sheet, pack) and all(getattr(again, k) == getattr(sheet, k) for k in METADATA)
            and {k: v for k, v in reread.items() if k not in OWNED} == {k: v for k, v in kept.items() if k not in OWNED})
    return edited if same else None


def save_sheet(path: Path, sheet: AnswerSheet, pack: DataPack, kept: dict[str, Any] | None = None,
               original: str | None = None) -> None:
    """Save atomically, as JSON for a .json path and YAML otherwise. With the `original` text
    and document (`kept`) of a YAML file being saved back, only what changed is rewritten;
    where that cannot be done safely, the file is written afresh, keeping its other keys and
    the comments at its top."""
    as_json = str(path).lower().endswith(".json")
    if not as_json and original is not None and kept is not None:
        edited = edited_in_place(original, sheet, pack, kept, str(path))
        if edited is not None:
            write_atomically(path, edited)
            return
    header = header_comments(original) if original is not None and not as_json else ""
    write_atomically(path, dump_sheet(sheet, pack, as_json, kept, header))
