"""`compare --export`: a before-and-after to hand over, as Markdown or one self-contained HTML
page in the report export's style.

Both say the same things in the same order: whose answers and the two sides (when each was
taken, from which file, how much was answered), a warning when the files name different
people, what moved at the top, each side's verdict and warnings, then how the ranking and the
trait profile moved. Every string from an answers file or a data pack is escaped on the way out.
"""

from __future__ import annotations

import html as _html
from pathlib import Path

from rolefit import __version__, comparison, narrative
from rolefit.comparison import Comparison
from rolefit.export import answered_text, kind_of, md, readable_date
from rolefit.export_style import STYLE
from rolefit.model import DataPack

__all__ = ["html", "kind_of", "markdown", "render"]


def _e(text: str) -> str:
    return _html.escape(text, quote=True)


def render(kind: str, pack: DataPack, moved: Comparison) -> str:
    return markdown(pack, moved) if kind == "markdown" else html(pack, moved)


def title(moved: Comparison) -> str:
    a, b = comparison.labels(moved)
    who = comparison.person(moved)
    return f"rolefit before and after{f' for {who}' if who else ''}: {a} and {b}"


def warning(moved: Comparison) -> str | None:
    people = comparison.different_people(moved)
    if people is None:
        return None
    return (f"These answers name two different people, {people[0]} and {people[1]}: compare is meant for one "
            "person's answers at two times, so the changes below are differences between people, not progress.")


def side_facts(moved: Comparison) -> list[tuple[str, list[str]]]:
    """Each side's label and what it rests on: who, when, the file, how much was answered."""
    sides = []
    for label, result, file in zip(comparison.labels(moved), (moved.before, moved.after), moved.files):
        facts = [result.sheet.respondent or "", readable_date(result.sheet.taken_at) or "",
                 f"from {'standard input' if file == '-' else Path(file).name}" if file else "",
                 f"answered {answered_text(result)}"]
        sides.append((label, [fact for fact in facts if fact]))
    return sides


def _rows(pack: DataPack, moved: Comparison) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """The ranking's rows (role, before, after, change) and the profile's (trait, before, after, change)."""
    roles = [(r.name, f"#{r.rank_before} {narrative.fit_text(r.fit_before)}",
              f"#{r.rank_after} {narrative.fit_text(r.fit_after)}", comparison.fit_change_text(r)) for r in moved.roles]
    traits = [(pack.trait(t.trait).name, narrative.level_text(t.before), narrative.level_text(t.after),
               comparison.level_change_text(t)) for t in comparison.traits_by_change(moved)]
    return roles, traits


_MEANS = ("Fit and level are out of 100; #1 is a side's best fit. Change is the second side's number less the "
          "first's, as both are shown.")


# Markdown ---------------------------------------------------------------------------------

def markdown(pack: DataPack, moved: Comparison) -> str:
    a, b = comparison.labels(moved)
    lines = [f"# {md(title(moved))}", ""]
    lines += [f"- **{md(label)}:** {md(', '.join(facts))}" for label, facts in side_facts(moved)]
    lines += [f"- **Quiz version:** {md(pack.version)}", ""]
    said = warning(moved)
    lines += [f"> **Warning:** {md(said)}", ""] if said else []
    lines += [f"**{md(comparison.summary(moved))}**", ""]
    lines += [f"- **{md(label)}:** {md(narrative.headline(result))}" for label, result in zip((a, b), (moved.before, moved.after))]
    for label, result in zip((a, b), (moved.before, moved.after)):
        lines += [f"- **{md(label)}, note:** {md(w.message)}." for w in narrative.notes(result)]
    roles, traits = _rows(pack, moved)
    for heading, first, rows in (("How the ranking moved", "Role", roles), ("How the trait profile moved", "Trait", traits)):
        lines += ["", f"## {heading}", "", f"| {first} | {md(a)} | {md(b)} | Change |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {md(row[0])} | " + " | ".join(row[1:]) + " |" for row in rows]  # the numbers are rolefit's own
    lines += ["", _MEANS, "", f"*Made with rolefit {md(__version__)}, quiz version {md(pack.version)}.*"]
    return "\n".join(lines) + "\n"


# HTML -------------------------------------------------------------------------------------

def _table(first: str, a: str, b: str, rows: list[tuple[str, ...]]) -> str:
    head = (f'<tr><th>{_e(first)}</th><th class="num">{_e(a)}</th><th class="num">{_e(b)}</th>'
            '<th class="num">Change</th></tr>')
    body = "".join(f"<tr><td>{_e(row[0])}</td>" + "".join(f'<td class="num">{_e(cell)}</td>' for cell in row[1:3])
                   + f'<td class="num change">{_e(row[3])}</td></tr>' for row in rows)
    return f"<table>{head}{body}</table>"


def _verdicts(moved: Comparison, labels: tuple[str, str]) -> str:
    items = []
    for label, result in zip(labels, (moved.before, moved.after)):
        notes = "".join(f'<p class="note">{_e(w.message)}.</p>' for w in narrative.notes(result))
        items.append(f"<li><strong>{_e(label)}:</strong> {_e(narrative.headline(result))}{notes}</li>")
    return '<ul class="verdicts">' + "".join(items) + "</ul>"


def _header(pack: DataPack, moved: Comparison) -> str:
    who = comparison.person(moved)
    facts = "".join(f"<div><dt>{_e(label)}</dt><dd>{_e(', '.join(facts))}</dd></div>" for label, facts in side_facts(moved))
    facts += f"<div><dt>Quiz version</dt><dd>{_e(pack.version)}</dd></div>"
    said = warning(moved)
    return ('<header class="masthead"><p class="kicker">rolefit before and after</p>'
            f'<h1>{_e(who) if who else "Before and after"}</h1><dl class="facts">{facts}</dl>'
            + (f'<p class="note" role="alert">{_e(said)}</p>' if said else "")
            + f'<p class="verdict">{_e(comparison.summary(moved))}</p></header>')


def html(pack: DataPack, moved: Comparison) -> str:
    """The before-and-after as one self-contained page, styled and printable like the report."""
    labels = comparison.labels(moved)
    roles, traits = _rows(pack, moved)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title(moved))}</title>
<style>{STYLE}</style></head>
<body><main>
{_header(pack, moved)}
<section><h2>Each side's verdict</h2>{_verdicts(moved, labels)}</section>
<section class="compare-ranking"><h2>How the ranking moved</h2>{_table("Role", *labels, roles)}</section>
<section class="compare-profile"><h2>How the trait profile moved</h2>{_table("Trait", *labels, traits)}</section>
<p class="legend">{_e(_MEANS)}</p>
<footer>Made with rolefit {_e(__version__)}, quiz version {_e(pack.version)}.</footer>
</main></body></html>
"""
