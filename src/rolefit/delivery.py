"""What the score, quiz and compare commands do with a report besides printing it: settle the
output format, refuse an --export path that cannot work before any work is done, build the
JSON document of a result (with its --explain part), and write the export.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from rolefit import envelope
from rolefit.documents import check_writable, same_file, write_atomically
from rolefit.errors import RolefitError, escaped
from rolefit.model import DataPack, Result, RoleFit
from rolefit.scoring import Influence, influences

if TYPE_CHECKING:
    from rolefit.comparison import Comparison


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def report_format(json_flag: bool, output: Format, top: int | None) -> Format:
    """The format --json and --format ask for together; --top only shortens the text report."""
    if json_flag and output not in (Format.text, Format.json):
        raise RolefitError(f"--json and --format {output.value} ask for different outputs; give one of them")
    fmt = Format.json if json_flag else output
    if top is not None and fmt is not Format.text:
        raise RolefitError(f"--top shortens the text report; --format {fmt.value} always lists every role")
    return fmt


def check_report_options(export: Path | None, force: bool, inputs: list[Any]) -> None:
    """Refuse an --export path that cannot work, before any work is done. Like --save and
    `template -o`, it replaces an existing file only when told to (--force), and it creates
    no folders: a mistyped folder should be an error, not a surprise."""
    if export is None:
        return
    from rolefit.export import kind_of

    kind_of(export)
    for path in inputs:
        if path is not None and (same_file(path, export) or (str(path) != "-" and Path(path).resolve() == export.resolve())):
            raise RolefitError(f"{export}: is the answers file; --export would overwrite it with the report")
    if not export.parent.exists():
        raise RolefitError(f"{export}: the folder {export.parent} does not exist; create it first")
    if export.exists() and not force:
        raise RolefitError(f"{export}: already exists; add --force to replace it, or choose another path")
    check_writable(export)


def explained(pack: DataPack, result: Result, explain: str | None) -> tuple[RoleFit, list[Influence]] | None:
    """The --explain role's fit and every answer's effect on it (None without --explain)."""
    fit = result.fit_for(explain) if explain is not None else None
    return None if fit is None else (fit, influences(pack, result.sheet, fit.role))


def result_json(pack: DataPack, result: Result, explain: str | None) -> dict[str, Any]:
    """The `score --json` document, with its `explanation` for --explain."""
    document = envelope.result(pack, result)
    found = explained(pack, result, explain)
    if found is not None:
        document["explanation"] = envelope.explanation(*found)
    return document


def export_report(pack: DataPack, result: Result, path: Path, explain: str | None) -> None:
    """Write the report to `path` as its suffix says (.md, .html or .json), and say so on stderr."""
    from rolefit import export

    kind = export.kind_of(path)
    if kind == "json":
        text = json.dumps(result_json(pack, result, explain), indent=2, ensure_ascii=False) + "\n"
    else:
        render = export.markdown if kind == "markdown" else export.html
        text = render(pack, result, explained(pack, result, explain))
    write_atomically(path, text)
    typer.echo(f"rolefit: report written to {escaped(str(path))}", err=True)


def export_comparison(pack: DataPack, moved: Comparison, path: Path) -> None:
    """Write `compare`'s before-and-after to `path` (.md, .html or .json), and say so on stderr."""
    from rolefit import export_comparison as exported

    kind = exported.kind_of(path)
    text = (json.dumps(envelope.comparison(pack, moved), indent=2, ensure_ascii=False) + "\n" if kind == "json"
            else exported.render(kind, pack, moved))
    write_atomically(path, text)
    typer.echo(f"rolefit: before-and-after written to {escaped(str(path))}", err=True)
