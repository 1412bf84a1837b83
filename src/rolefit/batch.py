"""Score a cohort: a JSON Lines file of answer sets, one result per line, streamed.

A bad line is reported on stderr with its line number and skipped; the rest still score.
Each line goes through the same `scoring.assess` as a single file, so it carries the same
fits, intervals and verdict.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterator, TextIO

from rolefit import envelope
from rolefit.answers import printable, sheet_from_document
from rolefit.documents import STDIN, label_for, open_source, unique_keys
from rolefit.errors import ExitCode, RolefitError, one_line
from rolefit.model import AnswerSheet, DataPack
from rolefit.scoring import assess, warnings

MAX_LINE_BYTES = 1024 * 1024
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))
"""Compact, and without the cycle check that plain dicts built here never need."""
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SPACED_QUOTE = re.compile(rb'"[ \t\r]').search
"""A closing quote followed by white space, as in a key written `"x" :` (one pass for all
three kinds of space)."""
_BOM = b"\xef\xbb\xbf"
"""The byte order mark some Windows editors put at the start of a UTF-8 file: a cohort saved
that way is read like any other, as a single answers file is."""


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Numbered lines, the first without a byte order mark; a line over the limit is cut
    there, and the rest of it is passed over so that the next line keeps its own number."""
    number = 0
    while raw := handle.readline(MAX_LINE_BYTES + 1):
        number += 1
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM):]
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
        yield number, raw


def _surely_unique(doc: Any, raw: bytes) -> bool:
    """Whether a line parsed without the duplicate-key check could have had no repeated key:
    true when its `":` separators are exactly the keys of the line and of its answers, and
    no closing quote is followed by white space (as a key written `"x" :` is, which the count
    would miss). A repeated key, any other mapping, a string holding `":` or white space after
    a quote breaks the count, and the line is parsed again with the check (which is slower, so
    it is not the first try)."""
    if not isinstance(doc, dict) or _SPACED_QUOTE(raw):
        return False
    answers = doc.get("answers")
    keys = len(doc) + (len(answers) if isinstance(answers, dict) else 0)
    return raw.count(b'":') == keys


def _spans_lines(raw: bytes) -> bool:
    """Whether a line is the start of a JSON object that goes on over the next lines (an
    indented answers file): it does not parse, and the parser ran out of line while the
    object was still open."""
    if len(raw) > MAX_LINE_BYTES:
        return False
    text = raw.rstrip()
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error.pos >= len(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return False


def _parse(raw: bytes, pack: DataPack, where: str) -> tuple[Any, AnswerSheet]:
    if len(raw) > MAX_LINE_BYTES:
        raise RolefitError(f"{where}: longer than the {MAX_LINE_BYTES // 1024} KiB line limit")
    try:
        doc = json.loads(raw)
        if not _surely_unique(doc, raw):
            doc = json.loads(raw, object_pairs_hook=unique_keys)
    except (UnicodeDecodeError, ValueError) as exc:
        raise RolefitError(f"{where}: not a JSON object ({exc})") from None
    except RecursionError:
        raise RolefitError(f"{where}: is nested too deeply") from None
    sheet = sheet_from_document(doc, pack, where)
    ident = doc.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int))):
        raise RolefitError(f"{where}: 'id' must be text or a whole number")
    return (printable(ident) if isinstance(ident, str) else ident), sheet


def _record(pack: DataPack, line: int, ident: Any, sheet: AnswerSheet) -> dict[str, Any]:
    found = assess(pack, sheet)
    return envelope.cohort_result(pack, line, ident, sheet, found, warnings(pack, sheet, found))


def _cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


class _CsvWriter:
    def __init__(self, pack: DataPack, out: TextIO) -> None:
        self.roles = [r.id for r in pack.roles]
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(["line", "id", "respondent", "answered", "total", "best", "verdict", "shortlist",
                              "coverage", *self.roles, "warnings"])

    def write(self, record: dict[str, Any]) -> None:
        fits = {entry["role"]: entry["fit"] for entry in record["ranking"]}
        self.writer.writerow([_cell(v) for v in (
            record["line"], record["id"], record["respondent"], record["answered"], record["total"], record["best"],
            record["verdict"], ";".join(record["shortlist"]), record["coverage"], *(fits[r] for r in self.roles),
            ";".join(w["code"] for w in record["warnings"]))])


def run(pack: DataPack, source: str | Path, fmt: str, out: TextIO, err: TextIO | None = None,
        stdin: BinaryIO | None = None) -> int:
    """Score every line of `source` to `out` as jsonl or csv; the exit code is 1 if any line failed."""
    err = err or sys.stderr
    label = label_for(source)
    handle = open_source(source, stdin)
    csv_out: _CsvWriter | None = None
    failed = seen = 0
    try:
        for number, raw in _lines(handle):
            if not raw.strip():
                continue
            if not seen and (not raw.lstrip().startswith(b"{") or _spans_lines(raw)):
                raise RolefitError(f"{label}:{number}: is not a JSON Lines cohort (one JSON object per line); "
                                   "to score a single answers file, leave out --format jsonl/csv")
            seen += 1
            if fmt == "csv" and csv_out is None:
                csv_out = _CsvWriter(pack, out)
            try:
                record = _record(pack, number, *_parse(raw, pack, f"{label}:{number}"))
            except RolefitError as problem:
                failed += 1
                err.write(f"rolefit: {one_line(str(problem))}\n")
                continue
            if csv_out:
                csv_out.write(record)
            else:
                out.write(_ENCODER.encode(record) + "\n")
            out.flush()
    finally:
        if str(source) != STDIN:
            handle.close()
    if not seen:
        err.write(f"rolefit: {label} holds no lines to score\n")
    if failed:
        err.write(f"rolefit: {failed} line(s) of {label} could not be scored\n")
    return ExitCode.SOME_LINES_FAILED if failed else ExitCode.OK
