"""The `rolefit` command: parse options, call the library, print. Nothing else lives here.

Rich and questionary are imported inside the commands that need them, so that scripted
paths such as `rolefit score FILE --json` start fast. Annotations here are real objects,
not strings (no `from __future__ import annotations`): Typer reads them on every run, and
evaluating strings would cost more start-up time than scoring does.
"""

import json
import shutil
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from rolefit import __version__, envelope, streams
from rolefit.answers import printable, read_sheet
from rolefit.completion import role_ids, with_completion
from rolefit.documents import write_atomically
from rolefit.data import check_pack, load_pack
from rolefit.delivery import (Format, check_report_options, export_comparison, export_report, report_format,
                              result_json)
from rolefit.errors import ExitCode, RolefitError, escaped, one_line
from rolefit.model import DataPack, Result, Role, role_key
from rolefit.scoring import score as score_sheet


class _Group(TyperGroup):
    """The one place errors become exit codes: a RolefitError is one line on stderr and its
    code; Ctrl-C is 130; a reader that stops reading (`| head`) ends the output quietly."""

    ORDER = ("quiz", "score", "roles", "compare", "template", "questions", "next", "answer", "validate", "schema")
    """The order `--help` lists the commands in: the order a newcomer needs them."""

    def list_commands(self, ctx: Any) -> list[str]:
        known = [name for name in self.ORDER if name in self.commands]
        return known + [name for name in self.commands if name not in known]

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            if sys.stdout is None:
                raise RolefitError("standard output is closed, so there is nowhere to print")
            streams.replace_what_cannot_be_encoded()
            return super().invoke(ctx)
        except RolefitError as error:
            typer.echo(f"rolefit: {one_line(str(error))}", err=True)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("rolefit: interrupted", err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            streams.discard_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except OSError as error:
            typer.echo(f"rolefit: cannot write the output ({error.strerror or error})", err=True)
            raise typer.Exit(ExitCode.BAD_INPUT) from None


class _Command(TyperCommand):
    """A command whose help reads as plain usage: `FILE`, not `{FILE}` (Typer's mark for a
    required argument) in the usage line, and no `<str>` type beside an argument's name."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
                for piece in super().collect_usage_pieces(ctx)]

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if isinstance(param, TyperArgument):
                param.display_type_rich = _no_type  # type: ignore[method-assign]
        return params


def _no_type(ctx: Any) -> None:
    return None


app = typer.Typer(
    cls=with_completion(_Group),
    help="A career-fit quiz for DevRel, product, technical marketing and the other technical bridge roles.",
    add_completion=False,
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


COHORT_SUFFIXES = (".jsonl", ".ndjson")



DataDir = Annotated[
    Optional[Path],
    typer.Option("--data-dir", envvar="ROLEFIT_DATA_DIR", metavar="DIR",
                 help="Use the data pack in DIR (questions.yaml, roles.yaml) instead of the built-in one."),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document for scripts instead of text; "
                                        "docs/scripting.md in the source describes its fields.")]
def _at_least_one(value: Optional[int]) -> Optional[int]:
    if value is not None and value < 1:
        raise typer.BadParameter(f"{value} is not a number of roles; give 1 or more")
    return value


Top = Annotated[Optional[int], typer.Option("--top", metavar="N", callback=_at_least_one,
                                            help="Show only the best N roles in the text report.")]
AllCards = Annotated[bool, typer.Option("--all-cards", help="Give every role a card in the text report, not only "
                                        "the best three (with --top N, the best N).")]
Explain = Annotated[Optional[str], typer.Option("--explain", metavar="ROLE", autocompletion=role_ids, help="Show every trait's and answer's effect on ROLE's fit (its id or name).")]
Export = Annotated[Optional[Path], typer.Option("--export", metavar="PATH", help="Also write the report to PATH: .md, .html or .json.")]
Force = Annotated[bool, typer.Option("--force", help="Let --export replace a file that already exists.")]
NoPager = Annotated[bool, typer.Option("--no-pager", help="Print long output straight to the terminal instead of through $PAGER.")]
def _known_format(value: str) -> str:
    if value not in {f.value for f in Format}:
        raise typer.BadParameter(f"{value!r} is not one of text, json, jsonl, csv")
    return value


FormatOption = Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", callback=_known_format,
                                           help="text, json, or for a cohort file (JSON Lines) jsonl or csv.")]


def _width() -> int:
    """The width for plain-text output: the terminal's (or COLUMNS), kept within 40..100."""
    try:
        columns = shutil.get_terminal_size((80, 24)).columns
    except (ValueError, OSError):
        columns = 80
    return max(40, min(100, columns))


def _print_json(document: dict[str, Any]) -> None:
    """JSON as UTF-8 text, or with \\u escapes where the output's encoding lacks a character."""
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if not streams.encodable(text):
        text = json.dumps(document, indent=2, ensure_ascii=True) + "\n"
    sys.stdout.write(text)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rolefit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """rolefit asks about your skills and preferences, scores them against eleven technical
    bridge roles, and explains the fit with advice drawn from five articles about those careers."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(ExitCode.OK)


def _role(pack: DataPack, text: str, what: str) -> Role:
    """A role by id or name, or an error that suggests the nearest one."""
    found = pack.find_role(text)
    if found is not None:
        return found
    from difflib import get_close_matches

    close = get_close_matches(role_key(text), list(pack.role_keys), n=1, cutoff=0.6) if len(text) <= 200 else []
    hint = f"; did you mean {pack.role_keys[close[0]].id!r}?" if close else ""
    shown = repr(text)
    if len(text) > 80:
        start = repr(text[:60])
        shown = f"{start[:-1]}...{start[-1]} ({len(text)} characters)"
    from rolefit.invocation import command

    raise RolefitError(f"{what}unknown role {shown}{hint} ('{command('roles')}' lists every id)")


@app.command(cls=_Command, short_help="Score an answers file, or a cohort of them, and print the fit report.")
def score(
    file: Annotated[str, typer.Argument(metavar="FILE", help="An answers file (YAML or JSON), or - for stdin.")],
    json_flag: JsonFlag = False,
    output: FormatOption = Format.text.value,
    top: Top = None,
    all_cards: AllCards = False,
    explain: Explain = None,
    export: Export = None,
    force: Force = False,
    no_pager: NoPager = False,
    data_dir: DataDir = None,
) -> None:
    """Score an answers file and print the ranked fit report.

    \b
    Examples:
      rolefit score answers.yaml
      rolefit score answers.yaml --json | jq .verdict
      rolefit score answers.yaml --explain "Developer Advocate" --export report.html
      rolefit score cohort.jsonl --format csv > results.csv
    """
    pack = load_pack(data_dir)
    fmt = report_format(json_flag, Format(output), top)
    if all_cards and fmt is not Format.text:
        raise RolefitError(f"--all-cards lengthens the text report; --format {fmt.value} always holds every role")
    explain = _role(pack, explain, "--explain: ").id if explain is not None else None
    if fmt not in (Format.jsonl, Format.csv) and str(file).lower().endswith(COHORT_SUFFIXES):
        raise RolefitError(f"{file}: looks like a cohort (JSON Lines); score it with --format jsonl or --format csv")
    if fmt in (Format.jsonl, Format.csv):
        from rolefit import batch

        for flag, value in (("--explain", explain), ("--export", export)):
            if value is not None:
                raise RolefitError(f"{flag} applies to one answers file, not to a cohort (--format {fmt.value})")
        if fmt is Format.jsonl:
            streams.escape_json_output()
        raise typer.Exit(batch.run(pack, file, fmt.value, sys.stdout))
    check_report_options(export, force, inputs=[file])
    _deliver(pack, score_sheet(pack, read_sheet(file, pack)), fmt, top, explain, export, pager=not no_pager,
             answers=None if file == "-" else file, data_dir=data_dir, all_cards=all_cards)


def _deliver(pack: DataPack, result: Result, fmt: Format, top: int | None, explain: str | None,
             export: Path | None, pager: bool = True, answers: str | None = None,
             data_dir: Path | None = None, all_cards: bool = False) -> None:
    """Print the report as text or JSON, then export it if asked: a failed export (a full
    disk, a folder removed meanwhile) still leaves the report on the screen. `answers` is
    where the answers file is, for the footer (None for stdin)."""
    if fmt is Format.json:
        _print_json(result_json(pack, result, explain))
    else:
        from rolefit import report

        report.print_result(pack, result, top=top, explain=explain, pager=pager, answers=answers,
                            data_dir=None if data_dir is None else str(data_dir), all_cards=all_cards)
    if export is not None:
        sys.stdout.flush()
        export_report(pack, result, export, explain)


@app.command(cls=_Command, short_help="List the roles, or show one role's card with its advice and sources.")
def roles(
    role: Annotated[Optional[str], typer.Argument(metavar="ROLE", show_default=False, autocompletion=role_ids,
                                                  help="A role's id or name, for that role's card.")] = None,
    json_flag: JsonFlag = False,
    no_pager: NoPager = False,
    data_dir: DataDir = None,
) -> None:
    """List the roles, or show one role's card: the work, what it asks of you and where that
    comes from, what is hard, first steps, advice and sources.

    \b
    Examples:
      rolefit roles
      rolefit roles developer_advocate
      rolefit roles "Technical Product Manager" --json
    """
    from rolefit import catalog

    pack = load_pack(data_dir)
    chosen = list(pack.roles) if role is None else [_role(pack, role, "")]
    if json_flag:
        _print_json(envelope.roles(pack, chosen))
    else:
        from rolefit import pager

        text = catalog.role_list(pack, _width()) if role is None else catalog.role_card(pack, chosen[0], _width())
        pager.print_text(text, enabled=not no_pager)


@app.command(cls=_Command, short_help="List every question with its id and the answers it takes.")
def questions(json_flag: JsonFlag = False, no_pager: NoPager = False, data_dir: DataDir = None) -> None:
    """List every question with its id and the answers it takes.

    \b
    Examples:
      rolefit questions
      rolefit questions --json | jq '.questions[].id'
    """
    from rolefit import catalog

    pack = load_pack(data_dir)
    if json_flag:
        _print_json(envelope.questions(pack))
    else:
        from rolefit import pager

        pager.print_text(catalog.question_list(pack, _width()), enabled=not no_pager)


@app.command(cls=_Command, short_help="Print a blank answers file to fill in by hand or by script.")
def template(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="PATH", help="Write to PATH instead of stdout.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Print a blank answers file to fill in and pass to 'rolefit score'.

    \b
    Examples:
      rolefit template -o answers.yaml
      rolefit template > answers.yaml
    """
    from rolefit import catalog

    text = catalog.template(load_pack(data_dir))
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    if output.exists():
        raise RolefitError(f"{output}: already exists; choose another path or remove it first")
    write_atomically(output, text)
    typer.echo(f"rolefit: template written to {escaped(str(output))}", err=True)


@app.command(cls=_Command, short_help="Check a data pack, naming the file and line of every problem.")
def validate(data_dir: DataDir = None) -> None:
    """Check a data pack: shapes, ids, sources, items per trait, and that every role can come first.

    \b
    Examples:
      rolefit validate
      rolefit validate --data-dir my-pack
    """
    pack, problems = check_pack(data_dir, reachability=True)
    for problem in problems:
        typer.echo(problem, err=True)
    if pack is None:
        raise RolefitError(f"{len(problems)} problem(s) found")
    typer.echo(f"{pack.location}: ok ({len(pack.questions)} questions, {len(pack.traits)} traits, "
               f"{len(pack.roles)} roles, {len(pack.sources)} sources)")


@app.command("next", cls=_Command, short_help="Say which question to ask next, for scripts and other front ends.")
def next_question(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The answers so far (YAML or JSON), or - for stdin.")],
    json_flag: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Say which question the adaptive engine would ask next, or that the result is settled.

    The answers file is the whole state: the same answers always give the same next question.
    The engine opens with one statement per trait, then asks what best separates the leading
    roles, and stops once the remaining questions are unlikely to change which role leads
    (docs/measurement.md in the source gives the rule and how often it holds).

    \b
    Examples:
      rolefit next answers.yaml --json
      echo '{"answers": {}}' | rolefit next - --json | jq .question.text
    """
    from rolefit.adaptive import next_step

    pack = load_pack(data_dir)
    step = next_step(pack, read_sheet(file, pack, require_answers=False))
    if json_flag:
        _print_json(envelope.next_question(pack, step))
    elif step.question is None:
        from rolefit.invocation import command

        names = [role.name for i in step.shortlist if (role := pack.role(i)) is not None]
        settled = f", with {' or '.join(names)} as the best fit" if names and step.verdict in ("clear_lead", "close_call") else ""
        typer.echo(f"done after {step.asked} questions{settled}; for the report, run: {command('score', file)}")
    else:
        from rolefit import catalog

        typer.echo(catalog.one_question(step.question, pack, _width(), step.about_remaining))


@app.command(cls=_Command, short_help="Record one answer in an answers file, for scripts that ask with 'next'.",
             context_settings={"ignore_unknown_options": True})  # '-1' is a value to refuse in one line, not an option
def answer(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The answers file (YAML, or JSON for a .json path); made if missing.")],
    question: Annotated[str, typer.Argument(metavar="QUESTION_ID", help="The question's id, as 'next' and 'questions' give it, or dealbreakers.")],
    values: Annotated[Optional[list[str]], typer.Argument(metavar="VALUE", show_default=False, help=(
        "1 to 5 for an agree/disagree statement, an option's value for a choose-one question, any of the options' "
        "values for a pick-all question or the dealbreakers (none for none)."))] = None,
    skip: Annotated[bool, typer.Option("--skip", help="Record the question as skipped (null).")] = False,
    json_flag: Annotated[bool, typer.Option("--json", help="Then print what 'rolefit next FILE --json' would: the "
                                            "question to ask next, or done.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Record one answer in FILE, checked against the question, keeping the file's comments and
    other keys; a file a quiz is saving to is left alone. With 'next', a script can take the
    whole quiz: ask what 'next' says, record the reply, and repeat until it says done.

    \b
    Examples:
      rolefit answer me.yaml dealbreakers regular_travel
      rolefit answer me.yaml rework_a_draft 4
      rolefit answer me.yaml next_month_extras talk_at_a_meetup how_to_article
      rolefit answer me.yaml project_slipping --skip --json
    """
    from rolefit import recording

    pack = load_pack(data_dir)
    asked = recording.question_for(pack, question)
    sheet = recording.record(pack, file, asked, recording.answer_from(pack, asked, list(values or []), skip))
    if json_flag:
        from rolefit.adaptive import next_step

        _print_json(envelope.next_question(pack, next_step(pack, sheet)))


@app.command(cls=_Command, short_help="Show how the profile and the ranking moved between two answers files.")
def compare(
    before: Annotated[str, typer.Argument(metavar="BEFORE", help="The first answers file (say, before coaching, or the client's self-view).")],
    after: Annotated[str, typer.Argument(metavar="AFTER", help="The second answers file (after, or the coach's view).")],
    json_flag: JsonFlag = False,
    export: Annotated[Optional[Path], typer.Option("--export", metavar="PATH", help="Also write the before-and-after to PATH: .md, .html or .json.")] = None,
    force: Force = False,
    data_dir: DataDir = None,
) -> None:
    """Show how the trait profile and the ranking moved between two answers files. Two files
    that name different people get a warning.

    \b
    Examples:
      rolefit compare sam-2026-11.yaml sam-2027-02.yaml
      rolefit compare self-view.yaml coach-view.yaml --json
      rolefit compare sam-2026-11.yaml sam-2027-02.yaml --export sam-progress.html
    """
    from rolefit import comparison

    pack = load_pack(data_dir)
    if before == "-" and after == "-":
        raise RolefitError("compare: only one of A and B can be - (stdin)")
    check_report_options(export, force, inputs=[before, after])
    moved = comparison.compare(pack, score_sheet(pack, read_sheet(before, pack)), score_sheet(pack, read_sheet(after, pack)),
                               files=(before, after))
    people = comparison.different_people(moved)
    if people is not None:
        typer.echo(f"rolefit: warning: {escaped(before)} has {escaped(people[0])}'s answers and {escaped(after)} has "
                   f"{escaped(people[1])}'s; compare is meant for one person's answers at two times", err=True)
    if json_flag:
        _print_json(envelope.comparison(pack, moved))
    else:
        from rolefit import report

        report.print_comparison(pack, moved)
    if export is not None:
        sys.stdout.flush()
        export_comparison(pack, moved, export)


@app.command(cls=_Command, short_help="Print the JSON Schema of a --json output, to check documents against.")
def schema(
    kind: Annotated[Optional[str], typer.Argument(metavar="KIND", show_default=False,
                                                  help="score, next, compare, roles, questions or cohort.")] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of what a command's --json prints: score, next,
    compare, roles, questions, or cohort (one line of 'score FILE.jsonl --format jsonl').

    \b
    Examples:
      rolefit schema score > rolefit-result.schema.json
      rolefit schema next | jq '.properties.question'
    """
    from rolefit.schema import schema_for

    _print_json(schema_for(kind))


@app.command(cls=_Command, short_help="Take the quiz in the terminal, then see your fit report.")
def quiz(
    save: Annotated[Optional[Path], typer.Option("--save", metavar="PATH", help="Save the answers to PATH after every answer.")] = None,
    resume: Annotated[Optional[Path], typer.Option("--resume", metavar="PATH", help="Carry on with a partial answers file, saving back to it unless --save says otherwise.")] = None,
    client: Annotated[Optional[str], typer.Option("--client", metavar="NAME", help="Record the answers as NAME's (for a coach) instead of asking for a name.")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt: stop at once with exit code 2 (scripts use 'rolefit score').")] = False,
    review: Annotated[bool, typer.Option("--review", help="With --resume: go through the questions already asked again (with --full, every question).")] = False,
    full: Annotated[bool, typer.Option("--full", help="Ask every question in order, instead of choosing each from the answers so far and stopping once the result is settled.")] = False,
    top: Top = None,
    all_cards: AllCards = False,
    explain: Explain = None,
    export: Export = None,
    force: Force = False,
    no_pager: NoPager = False,
    data_dir: DataDir = None,
) -> None:
    """Take the quiz in the terminal, then see the report. Ctrl-C stops; --resume carries on.

    Each question is chosen from the answers so far, and the quiz stops once the result is
    settled (it then offers a few more questions to sharpen it); --full asks the whole bank.

    \b
    Examples:
      rolefit quiz
      rolefit quiz --full
      rolefit quiz --save me.yaml
      rolefit quiz --client "Sam" --save sam.yaml --export sam.html
      rolefit quiz --resume me.yaml
      rolefit quiz --resume me.yaml --review
    """
    from rolefit.quiz import Plan, take_quiz

    pack = load_pack(data_dir)
    explain = _role(pack, explain, "--explain: ").id if explain is not None else None
    check_report_options(export, force, inputs=[save, resume])
    client = printable(client) if client is not None else None
    sheet, saved_at = take_quiz(pack, Plan(save=save, resume=resume, client=client, data_dir=data_dir,
                                           no_input=no_input, review=review, full=full))
    _deliver(pack, score_sheet(pack, sheet), Format.text, top, explain, export, pager=not no_pager,
             answers=str(saved_at), data_dir=data_dir, all_cards=all_cards)


def main() -> None:
    """The console script. `--help` and `--version` print before any command runs, so a
    failed write from them is caught here."""
    try:
        app(prog_name="rolefit")
    except OSError as error:
        print(f"rolefit: cannot write the output ({error.strerror or error})", file=sys.stderr)
        sys.exit(ExitCode.BAD_INPUT)

