"""Score a cohort: a JSON Lines file of answer sets, one result per line, streamed.

A bad line is reported on stderr with its line number and skipped; the rest still score.
Batches skip the resampling behind intervals and close calls, which costs a hundred times
more than the score itself; score one file for those.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterator, TextIO

from rolefit.answers import sheet_from_document
from rolefit.documents import STDIN, label_for
from rolefit.envelope import SCHEMA_VERSION
from rolefit.errors import ExitCode, RolefitError, one_line
from rolefit.model import AnswerSheet, DataPack
from rolefit.scoring import quick_fits, warnings

MAX_LINE_BYTES = 1024 * 1024


def _open(source: str | Path, stdin: BinaryIO | None) -> BinaryIO:
    label = label_for(source)
    if str(source) == STDIN:
        return stdin or sys.stdin.buffer
    try:
        return open(source, "rb")  # noqa: SIM115
    except FileNotFoundError:
        raise RolefitError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise RolefitError(f"{label}: is a folder, not a file") from None
    except OSError as exc:
        raise RolefitError(f"{label}: cannot be read ({exc.strerror or exc})") from None


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    with handle:
        yield from enumerate(iter(lambda: handle.readline(MAX_LINE_BYTES + 1), b""), start=1)


def _parse(raw: bytes, pack: DataPack, where: str) -> tuple[Any, AnswerSheet]:
    if len(raw) > MAX_LINE_BYTES:
        raise RolefitError(f"{where}: longer than the {MAX_LINE_BYTES // 1024} KiB line limit")
    try:
        doc = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise RolefitError(f"{where}: not a JSON object ({exc})") from None
    except RecursionError:
        raise RolefitError(f"{where}: is nested too deeply") from None
    sheet = sheet_from_document(doc, pack, where)
    ident = doc.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int))):
        raise RolefitError(f"{where}: 'id' must be text or a whole number")
    return ident, sheet


def _record(pack: DataPack, line: int, ident: Any, sheet: AnswerSheet) -> dict[str, Any]:
    levels, fits = quick_fits(pack, sheet)
    order = sorted(range(len(fits)), key=lambda i: (-fits[i], i))
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "cohort_result",
        "line": line,
        "id": ident,
        "respondent": sheet.respondent,
        "answered": len(sheet.given),
        "total": len(pack.questions),
        "best": pack.roles[order[0]].id,
        "ranking": [{"role": pack.roles[i].id, "fit": round(fits[i], 1)} for i in order],
        "profile": {t.id: (None if v is None else round(v, 3)) for t, v in zip(pack.traits, levels)},
        "warnings": [{"code": w.code, "message": w.message} for w in warnings(pack, sheet, levels)],
    }


class _CsvWriter:
    def __init__(self, pack: DataPack, out: TextIO) -> None:
        self.roles = [r.id for r in pack.roles]
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(["line", "id", "respondent", "answered", "total", "best", *self.roles, "warnings"])

    def write(self, record: dict[str, Any]) -> None:
        fits = {entry["role"]: entry["fit"] for entry in record["ranking"]}
        self.writer.writerow([record["line"], record["id"] if record["id"] is not None else "", record["respondent"] or "",
                              record["answered"], record["total"], record["best"], *(fits[r] for r in self.roles),
                              ";".join(w["code"] for w in record["warnings"])])


def run(pack: DataPack, source: str | Path, fmt: str, out: TextIO, err: TextIO | None = None,
        stdin: BinaryIO | None = None) -> int:
    """Score every line of `source` to `out` as jsonl or csv; the exit code is 1 if any line failed."""
    err = err or sys.stderr
    label = label_for(source)
    lines = _lines(_open(source, stdin))
    csv_out = _CsvWriter(pack, out) if fmt == "csv" else None
    failed = 0
    for number, raw in lines:
        if not raw.strip():
            continue
        try:
            record = _record(pack, number, *_parse(raw, pack, f"{label}:{number}"))
        except RolefitError as problem:
            failed += 1
            err.write(f"rolefit: {one_line(str(problem))}\n")
            continue
        if csv_out:
            csv_out.write(record)
        else:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    if failed:
        err.write(f"rolefit: {failed} line(s) of {label} could not be scored\n")
    return ExitCode.SOME_LINES_FAILED if failed else ExitCode.OK
