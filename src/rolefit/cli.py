"""The `rolefit` command: parse options, call the library, print. Nothing else lives here.

Rich and questionary are imported inside the commands that need them, so that scripted
paths such as `rolefit score FILE --json` start fast. Annotations here are real objects,
not strings (no `from __future__ import annotations`): Typer reads them on every run, and
evaluating strings would cost more start-up time than scoring does.
"""

import json
import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from rolefit import __version__, envelope
from rolefit.answers import read_sheet
from rolefit.documents import write_atomically
from rolefit.data import check_pack, load_pack
from rolefit.errors import ExitCode, RolefitError, one_line
from rolefit.model import DataPack, Result
from rolefit.scoring import influences, roles_never_first, score as score_sheet


class _Group(TyperGroup):
    """Turns a RolefitError into one line on stderr and its exit code, for every command."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RolefitError as error:
            typer.echo(f"rolefit: {one_line(str(error))}", err=True)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("rolefit: interrupted", err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None


app = typer.Typer(
    cls=_Group,
    help="A career-fit quiz for DevRel, product, technical marketing and the other technical bridge roles.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


DataDir = Annotated[
    Optional[Path],
    typer.Option("--data-dir", envvar="ROLEFIT_DATA_DIR", metavar="DIR",
                 help="Use the data pack in DIR (questions.yaml, roles.yaml) instead of the built-in one."),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (see README, 'JSON output').")]


def _width() -> int:
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns))


def _print_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rolefit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """rolefit asks about your skills and preferences, scores them against eleven technical
    bridge roles, and explains the fit with advice drawn from five articles about those careers."""


@app.command()
def score(
    file: Annotated[str, typer.Argument(metavar="FILE", help="An answers file (YAML or JSON), or - for stdin.")],
    json_flag: JsonFlag = False,
    output: Annotated[Format, typer.Option("--format", "-f", help="text, json, or for a cohort file jsonl or csv.")] = Format.text,
    top: Annotated[Optional[int], typer.Option("--top", min=1, metavar="N", help="Show only the best N roles in the text report.")] = None,
    explain: Annotated[Optional[str], typer.Option("--explain", metavar="ROLE", help="Show every trait's and answer's effect on ROLE's fit.")] = None,
    export: Annotated[Optional[Path], typer.Option("--export", metavar="PATH", help="Also write the report to PATH: .md, .html or .json.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Score an answers file and print the ranked fit report."""
    pack = load_pack(data_dir)
    fmt = Format.json if json_flag else output
    if fmt in (Format.jsonl, Format.csv):
        from rolefit import batch

        raise typer.Exit(batch.run(pack, file, fmt.value, sys.stdout))
    result = score_sheet(pack, read_sheet(file, pack))
    if explain is not None and result.fit_for(explain) is None:
        raise RolefitError(f"--explain: unknown role {explain!r} (see 'rolefit roles')")
    if export is not None:
        _export(pack, result, export, explain)
    if fmt is Format.json:
        _print_json(_result_json(pack, result, explain))
    else:
        from rolefit import report

        report.print_result(pack, result, top=top, explain=explain)


def _result_json(pack: DataPack, result: Result, explain: str | None) -> dict[str, Any]:
    document = envelope.result(pack, result)
    if explain is not None:
        fit = result.fit_for(explain)
        assert fit is not None
        document["explanation"] = envelope.explanation(fit, influences(pack, result.sheet, fit.role))
    return document


def _export(pack: DataPack, result: Result, path: Path, explain: str | None) -> None:
    suffix = path.suffix.lower()
    if suffix == ".json":
        text = json.dumps(_result_json(pack, result, explain), indent=2, ensure_ascii=False) + "\n"
    elif suffix in (".md", ".markdown", ".html", ".htm"):
        from rolefit import export

        text = export.markdown(pack, result) if suffix in (".md", ".markdown") else export.html(pack, result)
    else:
        raise RolefitError(f"{path}: --export takes a .md, .html or .json path")
    write_atomically(path, text)
    typer.echo(f"rolefit: report written to {path}", err=True)


@app.command()
def roles(
    role_id: Annotated[Optional[str], typer.Argument(metavar="[ID]", help="A role id, for that role's card.")] = None,
    json_flag: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """List the roles, or show one role's card with its advice and sources."""
    from rolefit import catalog

    pack = load_pack(data_dir)
    chosen = list(pack.roles)
    if role_id is not None:
        found = pack.role(role_id)
        if found is None:
            raise RolefitError(f"unknown role {role_id!r}; known roles: {', '.join(r.id for r in pack.roles)}")
        chosen = [found]
    if json_flag:
        _print_json(envelope.roles(pack, chosen))
    elif role_id is None:
        typer.echo(catalog.role_list(pack, _width()))
    else:
        typer.echo(catalog.role_card(pack, chosen[0], _width()))


@app.command()
def questions(json_flag: JsonFlag = False, data_dir: DataDir = None) -> None:
    """List every question with its id and the answers it takes."""
    from rolefit import catalog

    pack = load_pack(data_dir)
    if json_flag:
        _print_json(envelope.questions(pack))
    else:
        typer.echo(catalog.question_list(pack, _width()))


@app.command()
def template(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="PATH", help="Write to PATH instead of stdout.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Print a blank answers file to fill in and pass to 'rolefit score'."""
    from rolefit import catalog

    text = catalog.template(load_pack(data_dir))
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists():
        raise RolefitError(f"{output}: already exists; choose another path or remove it first")
    write_atomically(output, text)
    typer.echo(f"rolefit: template written to {output}", err=True)


@app.command()
def validate(data_dir: DataDir = None) -> None:
    """Check a data pack: shapes, ids, items per trait, and that every role can come first."""
    pack, problems = check_pack(data_dir)
    if pack is not None:
        problems = [f"{pack.location}/roles.yaml: role {r.id!r} never comes first, even for answers written for it"
                    for r in roles_never_first(pack)]
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        typer.echo(f"rolefit: {len(problems)} problem(s) found", err=True)
        raise typer.Exit(ExitCode.BAD_INPUT)
    assert pack is not None
    typer.echo(f"{pack.location}: ok ({len(pack.questions)} questions, {len(pack.traits)} traits, "
               f"{len(pack.roles)} roles, {len(pack.sources)} sources)")


@app.command()
def compare(
    before: Annotated[str, typer.Argument(metavar="A", help="The first answers file (say, before coaching, or the client's self-view).")],
    after: Annotated[str, typer.Argument(metavar="B", help="The second answers file (after, or the coach's view).")],
    json_flag: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Show how the trait profile and the ranking moved between two answers files."""
    from rolefit import comparison

    pack = load_pack(data_dir)
    if before == "-" and after == "-":
        raise RolefitError("compare: only one of A and B can be - (stdin)")
    moved = comparison.compare(pack, score_sheet(pack, read_sheet(before, pack)), score_sheet(pack, read_sheet(after, pack)))
    if json_flag:
        _print_json(envelope.comparison(pack, moved))
    else:
        from rolefit import report

        report.print_comparison(pack, moved)


@app.command()
def quiz(
    save: Annotated[Optional[Path], typer.Option("--save", metavar="PATH", help="Save the answers to PATH after every answer.")] = None,
    resume: Annotated[Optional[Path], typer.Option("--resume", metavar="PATH", help="Carry on with a partial answers file, saving back to it unless --save says otherwise.")] = None,
    client: Annotated[Optional[str], typer.Option("--client", metavar="NAME", help="Record the answers as NAME's (for a coach) instead of asking for a name.")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt: stop at once with exit code 2 (scripts use 'rolefit score').")] = False,
    top: Annotated[Optional[int], typer.Option("--top", min=1, metavar="N", help="Show only the best N roles in the report.")] = None,
    explain: Annotated[Optional[str], typer.Option("--explain", metavar="ROLE", help="Show every trait's and answer's effect on ROLE's fit.")] = None,
    export: Annotated[Optional[Path], typer.Option("--export", metavar="PATH", help="Also write the report to PATH: .md, .html or .json.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Take the quiz in the terminal, then see the report. Ctrl-C stops; --resume carries on."""
    from rolefit.quiz import Plan, take_quiz

    pack = load_pack(data_dir)
    if explain is not None and pack.role(explain) is None:
        raise RolefitError(f"--explain: unknown role {explain!r} (see 'rolefit roles')")
    if export is not None and export.suffix.lower() not in (".json", ".md", ".markdown", ".html", ".htm"):
        raise RolefitError(f"{export}: --export takes a .md, .html or .json path")
    sheet = take_quiz(pack, Plan(save=save, resume=resume, client=client, data_dir=data_dir, no_input=no_input))
    result = score_sheet(pack, sheet)
    if export is not None:
        _export(pack, result, export, explain)
    from rolefit import report

    report.print_result(pack, result, top=top, explain=explain)


def main() -> None:
    app(prog_name="rolefit")

