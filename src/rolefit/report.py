"""The fit report in a terminal, drawn with Rich.

Rich decides colour: none when stdout is not a terminal or NO_COLOR is set. Everything the
report says is in the words (and the bars), so it reads the same without colour.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from rolefit import comparison, narrative, numbers
from rolefit.comparison import Comparison
from rolefit.model import Advice, DataPack, Result, RoleFit, Source
from rolefit.invocation import program
from rolefit.scoring import influences

BAR_WIDTH = 20
MIN_BAR = 5
BLOCKS = ("█", "▌", "·")
ASCII = ("#", "+", ".")
"""Bars for an output whose encoding has no block characters (cp1252, ascii)."""
MIN_WIDTH, MAX_WIDTH = 40, 160
"""The report's width is kept within these, whatever COLUMNS or the terminal says: at 0 it
would print nothing, and at 100,000 megabytes of padding."""


def bar(value: float, width: int = BAR_WIDTH, glyphs: tuple[str, str, str] = BLOCKS) -> str:
    """A bar of `width` cells for a value 0..1, with half cells for precision."""
    full, half, empty = glyphs
    halves = round(max(0.0, min(1.0, value)) * width * 2)
    return (full * (halves // 2) + (half if halves % 2 else "")).ljust(width, empty)


def glyphs_for(encoding: str) -> tuple[str, str, str]:
    """Block characters where the output can encode them, else plain ASCII."""
    try:
        "".join(BLOCKS).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return ASCII
    return BLOCKS


class _Bar:
    """A bar drawn in whatever characters the console it is printed on can encode."""

    def __init__(self, value: float, style: str, width: int = BAR_WIDTH) -> None:
        self.value, self.style, self.width = value, style, width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text(bar(self.value, self.width, glyphs=glyphs_for(console.encoding)), style=self.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


class _Rule:
    """A line across the width, in whatever characters the console can encode."""

    def __init__(self, style: str) -> None:
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Rule(characters="─" if glyphs_for(console.encoding) is BLOCKS else "-", style=self.style)


_VERDICT_STYLE = {"clear_lead": "bold green", "close_call": "bold yellow", "tentative": "bold yellow",
                  "no_clear_fit": "bold red"}


def _headline(result: Result) -> RenderableType:
    return Group(Text(narrative.headline(result), style=_VERDICT_STYLE[result.verdict]),
                 Text(narrative.next_step(result, program())),
                 Text(narrative.coverage(result), style="dim"))


STACKED_BELOW = 60
"""Below this many columns the report stacks: a ranking row takes two lines, a card loses its
borders and its title wraps, and the trait tables become lists, so that no word is cut."""
RANGE_MEANING = ("Range: where the fit would likely fall (9 times in 10) given how precisely your answers "
                 "measure each trait.")
ANSWERED_MEANING = ("Answered: how many of the questions on a trait you answered; a level resting on few "
                    "answers is less sure.")


def _warnings(result: Result) -> RenderableType | None:
    shown = narrative.notes(result)
    if not shown:
        return None
    return _list([("!", Text(w.message, style="yellow")) for w in shown])


def _ranking_widths(shown: tuple[RoleFit, ...]) -> list[int]:
    return [len(str(len(shown))), max(len(narrative.role_name(f)) for f in shown), len("Fit"), len("100-100")]


def _ranking(result: Result, top: int | None, width: int, stacked: bool) -> RenderableType:
    """Every role with its fit, likely range and bar: a table where the names, the numbers and a
    bar of at least MIN_BAR cells fit on one line, else two lines per role."""
    shown = result.ranking[:top]
    widths = _ranking_widths(shown)
    room = width - sum(widths) - 2 * len(widths)
    if stacked or room < MIN_BAR:
        return _stacked_ranking(shown, width)
    table = Table(title="How every role fits", title_justify="left", expand=False, box=None, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Role", no_wrap=True)
    table.add_column("Fit", justify="right", min_width=3)
    table.add_column("Range", justify="right", style="dim", no_wrap=True)
    table.add_column("", no_wrap=True, overflow="crop")
    for rank, fit in enumerate(shown, start=1):
        table.add_row(str(rank), narrative.role_name(fit), narrative.fit_text(fit.fit), narrative.interval_text(fit),
                      _Bar((fit.fit or 0.0) / 100, "green" if rank == 1 else "cyan", min(BAR_WIDTH, room)))
    return table


def _stacked_ranking(shown: tuple[RoleFit, ...], width: int) -> RenderableType:
    """The ranking for a narrow terminal: the rank and name, then the fit, range and bar."""
    marker = len(str(len(shown))) + 1
    numbers_width = len("fit 100  range 100-100  ")
    bar_width = max(MIN_BAR, min(BAR_WIDTH, width - marker - 1 - numbers_width))
    rows = []
    for rank, fit in enumerate(shown, start=1):
        figures = Table.grid(padding=(0, 2, 0, 0))
        figures.add_row(Text(f"fit {narrative.fit_text(fit.fit)}"),
                        Text(f"range {narrative.interval_text(fit)}", style="dim"),
                        _Bar((fit.fit or 0.0) / 100, "green" if rank == 1 else "cyan", bar_width))
        rows.append((f"{rank}.".rjust(marker), Group(Text(narrative.role_name(fit), style="bold"), figures)))
    return Group(Text("How every role fits", style="italic"), _list(rows))


def _list(items: list[tuple[str, RenderableType]]) -> Table:
    """Marked items whose wrapped lines hang under the text, not under the marker."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for marker, item in items:
        grid.add_row(marker, item)
    return grid


def _section(title: str, items: list[tuple[str, RenderableType]]) -> list[RenderableType]:
    return [Text(""), Text(title, style="bold"), _list(items)] if items else []


def _cited(advice: Sequence[Advice], sources: tuple[Source, ...]) -> list[tuple[str, RenderableType]]:
    """Advice, each item followed by its numbered citation (and whom it is after)."""
    cites = [narrative.credit(a, sources) for a in advice]
    return [("*", Text.assemble(a.text, " ", (f"({cite})" if a.said_by else cite, "dim italic")))
            for a, cite in zip(advice, cites)]


def _card(pack: DataPack, rank: int, fit: RoleFit, sources: tuple[Source, ...], stacked: bool,
          width: int) -> RenderableType:
    """A role's card: in a panel titled with its rank, name and fit; stacked (or when the title
    would not fit on the panel's border), without the panel's borders (their four columns are a
    tenth of a narrow line), under a rule, its title wrapping."""
    title = f"{rank}. {fit.role.name}: {narrative.fit_text(fit.fit)}/100"
    stacked = stacked or len(title) > width - len("╭─  ─╮")
    border = "green" if rank == 1 else "blue"
    parts: list[RenderableType] = [_Rule(border), Text(title, style="bold")] if stacked else []
    parts += [Text(fit.role.summary)]
    if fit.role.evidence == "thin":
        parts += [Text(""), Text(narrative.evidence_note(fit.role), style="italic")]
    parts += _section("Why it fits", [("+", Text(r)) for r in narrative.why_it_fits(pack, fit)])
    parts += _section("Nearly there", [("~", Text(m)) for m in narrative.near_misses(pack, fit)])
    parts += _section("Where it would stretch you", [("-", Text(g)) for g in narrative.gaps(pack, fit)])
    parts += _section("Advice", _cited(narrative.card_advice(fit), sources))
    parts += _section("First steps", [(f"{n}.", Text(step)) for n, step in enumerate(narrative.first_steps(fit), 1)])
    for heading, notes in (("How people got here", narrative.paths_in(fit)), ("Good to know", narrative.good_to_know(fit))):
        parts += _section(heading, _cited(notes, sources))
    if stacked:
        return Group(*parts)
    return Panel(Group(*parts), title=title, title_align="left", border_style=border)


def _profile(pack: DataPack, result: Result, width: int, stacked: bool) -> RenderableType:
    names = [pack.trait(level.trait).name for level in result.profile]
    if stacked or width < max(map(len, names), default=0) + BAR_WIDTH + len("Level") + len("Answered") + 6:
        return _stacked_profile(pack, result, width)
    table = Table(title="Your trait profile", title_justify="left", box=None, pad_edge=False)
    table.add_column("Trait", no_wrap=True)
    table.add_column("", no_wrap=True, overflow="crop")
    table.add_column("Level", justify="right")
    table.add_column("Answered", justify="right", style="dim")
    for name, level in zip(names, result.profile):
        table.add_row(name, _Bar(level.level or 0.0, "magenta"), narrative.level_text(level.level),
                      f"{level.answered}/{level.total}")
    return Group(table, Text(ANSWERED_MEANING, style="dim"))


def _stacked_profile(pack: DataPack, result: Result, width: int) -> RenderableType:
    """The trait profile for a narrow terminal: each trait's name, then its bar, level and
    how many of its questions were answered."""
    rows: list[RenderableType] = [Text("Your trait profile", style="italic")]
    bar_width = max(MIN_BAR, min(BAR_WIDTH, width - len("  level 100  answered 999/999")))
    for level in result.profile:
        figures = Table.grid(padding=(0, 2, 0, 0))
        figures.add_row(_Bar(level.level or 0.0, "magenta", bar_width), Text(f"level {narrative.level_text(level.level)}"),
                        Text(f"answered {level.answered}/{level.total}", style="dim"))
        rows += [Text(pack.trait(level.trait).name, style="bold"), figures]
    return Group(*rows, Text(ANSWERED_MEANING, style="dim"))


def _sources(sources: tuple[Source, ...]) -> list[RenderableType]:
    listed = [(f"[{n}]", Text(source.citation())) for n, source in enumerate(sources, start=1)]
    return _section("Sources", listed)


def result_view(pack: DataPack, result: Result, top: int | None = None, explain: str | None = None,
                width: int = 80, all_cards: bool = False, stacked: bool | None = None) -> RenderableType:
    """The report at `width` columns: stacked below STACKED_BELOW, unless `stacked` says."""
    stacked = width < STACKED_BELOW if stacked is None else stacked
    cards = (result.scored if all_cards else narrative.card_roles(result))[:top]
    sources = narrative.references([*narrative.dealbreaker_reasons(pack, result), *narrative.cited_in_cards(cards)])
    parts: list[RenderableType | None] = [_headline(result), _warnings(result), Text(""), _ranking(result, top, width, stacked)]
    parts += _section("How to read this", [("*", Text(line, style="dim"))
                                           for line in [*narrative.how_to_read(result), RANGE_MEANING]])
    parts += _section("Your dealbreakers", [("x", Text(line))
                                            for line in narrative.numbered_dealbreaker_lines(pack, result, sources)])
    for rank, fit in enumerate(cards, start=1):
        parts += [Text(""), _card(pack, rank, fit, sources, stacked, width)]
    parts += [Text(""), _profile(pack, result, width, stacked)]
    if explain is not None:
        parts += [Text(""), explanation_view(pack, result, explain, width, stacked)]
    parts += _sources(sources)
    return Group(*(p for p in parts if p is not None))


_WHOLE = ("Your answers:", "See this report again:", "Export it for a coach:")


def print_footer(drawn: Console, result: Result, answers: str | None, data_dir: str | None) -> None:
    """The footer, printed after the report (and after the pager closes). A path or a command
    is printed in soft-wrap mode, never broken by a newline, so that it can be copied whole;
    a narrow terminal wraps it on screen only."""
    drawn.print()
    for line in narrative.footer(result, program(), answers, data_dir):
        drawn.print(Text(line, style="dim"), soft_wrap=line.startswith(_WHOLE))


EXPLAIN_COLUMNS = (("Trait", "left"), ("Kind", "left"), ("Needs", "right"), ("You", "right"), ("Weight", "right"),
                   ("Points", "right"))


def explanation_view(pack: DataPack, result: Result, role_id: str, width: int = 80,
                     stacked: bool = False) -> RenderableType:
    """Every trait's effect on one role's fit, then the answers that moved it most: tables,
    or below STACKED_BELOW columns lists."""
    fit = result.fit_for(role_id)
    assert fit is not None
    title = f"Why {fit.role.name} scores {narrative.fit_text(fit.fit)}"
    rows = [(pack.trait(c.trait).name, c.kind, str(narrative.percent(c.target)), narrative.level_text(c.level),
             f"{c.weight:g}", numbers.text(c.points, 1)) for c in sorted(fit.contributions, key=lambda c: c.points)]
    moved = [(numbers.text(item.points, 1, sign=True),
              f"{item.question.text} [{narrative.answer_label(pack, item.question, item.answer)}]")
             for item in influences(pack, result.sheet, fit.role)[:narrative.MOVED_ANSWERS]]
    moved_title = Text("Answers that moved it most (points, then the question and your answer)", style="italic")
    needed = sum(max(len(heading), *(len(row[i]) for row in rows)) + 2 for i, (heading, _) in enumerate(EXPLAIN_COLUMNS))
    if stacked or width < needed:
        traits: RenderableType = Group(Text(title, style="italic"), _list(
            [(points, Text(f"{name} ({kind}): needs {needs}, you {you}, weight {weight}"))
             for name, kind, needs, you, weight, points in rows]))
    else:
        table = Table(title=title, title_justify="left", box=None, pad_edge=False)
        for name, justify in EXPLAIN_COLUMNS:
            table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
        for row in rows:
            table.add_row(*row)
        traits = table
    return Group(traits, Text(""), moved_title, _list([(points, Text(text)) for points, text in moved]))


def _side_warnings(label: str, result: Result) -> list[RenderableType]:
    if not result.warnings:
        return []
    return [Text(f"{label}:", style="bold"),
            _list([("!", Text(f"{w.message} [{w.code}]", style="yellow")) for w in result.warnings])]


def _comparison_table(title: str, first: str, a: str, b: str) -> Table:
    """A before-and-after table; the two sides' labels (`2 Dec 10:04`) never wrap."""
    table = Table(title=title, title_justify="left", box=None, pad_edge=False)
    table.add_column(first, overflow="fold")
    for label in (a, b):
        table.add_column(label, justify="right", no_wrap=True)
    table.add_column("Change", justify="right", overflow="fold")
    return table


def comparison_view(pack: DataPack, moved: Comparison) -> RenderableType:
    a, b = comparison.labels(moved)
    roles = _comparison_table("How the ranking moved", "Role", a, b)
    for r in moved.roles:
        roles.add_row(r.name, f"#{r.rank_before} {narrative.fit_text(r.fit_before)}",
                      f"#{r.rank_after} {narrative.fit_text(r.fit_after)}", comparison.fit_change_text(r))
    traits = _comparison_table("How the trait profile moved", "Trait", a, b)
    for t in comparison.traits_by_change(moved):
        traits.add_row(pack.trait(t.trait).name, narrative.level_text(t.before), narrative.level_text(t.after),
                       comparison.level_change_text(t))
    warned = _side_warnings(a, moved.before) + _side_warnings(b, moved.after)
    notes: list[RenderableType] = [*warned, Text("")] if warned else []
    return Group(Text(comparison.sides_text(moved)), Text(comparison.summary(moved), style="bold"), Text(""), *notes,
                 roles, Text(""), traits)


def print_comparison(pack: DataPack, moved: Comparison) -> None:
    console().print(comparison_view(pack, moved))


def console(file: io.TextIOBase | None = None, width: int | None = None) -> Console:
    """A console for stdout (or `file`), at `width` or the width Rich finds (COLUMNS, then the
    terminal), kept within MIN_WIDTH..MAX_WIDTH."""
    drawn = Console(file=file, width=width, highlight=False, emoji=False, markup=False,
                    color_system=None if file is not None else "auto")
    drawn.width = max(MIN_WIDTH, min(MAX_WIDTH, drawn.width))
    return drawn


def print_result(pack: DataPack, result: Result, top: int | None = None, explain: str | None = None,
                 pager: bool = True, answers: str | None = None, data_dir: str | None = None,
                 all_cards: bool = False) -> None:
    """Print the report; on a terminal, a report taller than the screen goes through the
    pager, as git and gh do: $PAGER, else `less -FRX` (which quits at once when it all fits).
    A pager that cannot start, or that fails (exits non-zero, as `PAGER=false` does), does
    not swallow the report: it is printed straight, after a line on stderr saying why. The
    footer follows, outside the pager, so it is what stays on the screen."""
    drawn = console()
    _show(drawn, result_view(pack, result, top, explain, drawn.width, all_cards), pager)
    print_footer(drawn, result, answers, data_dir)


def _show(drawn: Console, view: RenderableType, pager: bool) -> None:
    from rolefit import pager as paging

    if not paging.wanted(pager, drawn.is_terminal):
        drawn.print(view)
        return
    with drawn.capture() as captured:
        drawn.print(view)
    paging.show(captured.get(), drawn.file.write, drawn.height)


def render_text(pack: DataPack, result: Result, width: int, top: int | None = None, explain: str | None = None,
                answers: str | None = "answers.yaml", stacked: bool | None = None, all_cards: bool = False) -> str:
    """The report and its footer as plain text at a given width (for snapshots and tests)."""
    buffer = io.StringIO()
    drawn = console(buffer, width)
    drawn.print(result_view(pack, result, top, explain, drawn.width, all_cards, stacked))
    print_footer(drawn, result, answers, None)
    return buffer.getvalue()
