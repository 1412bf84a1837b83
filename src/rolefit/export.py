"""The report as a file to hand over: Markdown, or one self-contained HTML page (no scripts,
no external styles or fonts) that reads well when emailed to a client.

The Markdown opens with a header: who took the quiz and when, the quiz version, the verdict
and the shortlist. Every string from an answers file or a data pack is escaped on the way
out: `_e` for HTML, `md` for Markdown.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import re
from pathlib import Path

from rolefit import __version__, narrative
from rolefit.errors import RolefitError
from rolefit.model import DataPack, Result, RoleFit
from rolefit.scoring import Influence

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json"}


def kind_of(path: Path) -> str:
    """Which export a path asks for, by its suffix."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise RolefitError(f"{path}: --export takes a .md, .html or .json path")
    return kind


Explanation = tuple[RoleFit, list[Influence]]
"""A role's fit and the answers that moved it, for `--explain`."""


# The header both exports share -------------------------------------------------------------

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def taken_on(taken_at: str | None) -> _dt.date | None:
    """The date an ISO 8601 `taken_at` names, in its own time zone; None for other text."""
    if not taken_at:
        return None
    text = taken_at.strip()
    try:
        return _dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text).date()
    except ValueError:
        return None


def readable_date(taken_at: str | None) -> str | None:
    """`2026-11-22T10:04:00+00:00` as `22 November 2026`, the same in every locale; text that
    is not an ISO date is shown as it was given."""
    day = taken_on(taken_at)
    if day is None:
        return (taken_at or "").strip() or None
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def title(result: Result) -> str:
    """The report's title: whose report and when, or, when the answers name neither, the shortlist."""
    who, when = result.sheet.respondent, readable_date(result.sheet.taken_at)
    if who or when:
        return "rolefit report" + (f" for {who}" if who else "") + (f", {when}" if when else "")
    shortlist = narrative.card_roles(result)
    return "rolefit report: " + (", ".join(f.role.name for f in shortlist) if shortlist else "no role scored")


def version_text(pack: DataPack, result: Result) -> str:
    """The quiz version that scored the answers, and the one they were given to if it differs."""
    given = result.sheet.quiz_version
    return pack.version if not given or given == pack.version else f"{pack.version} (answers given to {given})"


def answered_text(result: Result) -> str:
    text = f"{result.answered} of {result.total} questions"
    return text + (f", {result.skipped} skipped" if result.skipped else "")


# Markdown ---------------------------------------------------------------------------------

_MD_PUNCTUATION = frozenset("\\`*_[](){}#|~$@^")
"""Markdown syntax escaped with a backslash wherever it appears: emphasis, code, links and
images, tables, headings, strikethrough, math, mentions and attribute blocks."""
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
"""Written as entities, which every Markdown renderer shows as text: raw HTML, autolinks and
block quotes need a bare `<` or `>`, and `&` would start an entity of its own."""
_MD_LIST_START = re.compile(r"^(\d{1,9})\.(?= |$)")
"""An ordered list's marker; `)` is always escaped."""


def md(text: str) -> str:
    """Text from an answers file or a data pack, made safe to put anywhere in a Markdown line,
    table cells included: it renders as exactly this text, on one line, with no HTML, link,
    image, code, emphasis, heading or list made of it.

    Line breaks and other whitespace fold to single spaces and control characters go; `&<>`
    become entities; the rest of Markdown's syntax is backslash-escaped, as are `://` and
    `www.`, which GitHub would turn into links, and a list or heading marker at the start."""
    flat = " ".join("".join(ch if ch.isprintable() or ch.isspace() else "" for ch in text).split())
    out = []
    for i, ch in enumerate(flat):
        if ch in _MD_ENTITIES:
            out.append(_MD_ENTITIES[ch])
        elif (ch in _MD_PUNCTUATION or (ch == ":" and flat.startswith("//", i + 1))
              or (ch == "." and flat[max(0, i - 3):i].lower() == "www")):
            out.append("\\" + ch)
        else:
            out.append(ch)
    escaped = "".join(out)
    if escaped[:1] in ("-", "+", "="):
        return "\\" + escaped
    return _MD_LIST_START.sub(r"\1\\.", escaped, count=1)


def markdown(pack: DataPack, result: Result, explained: Explanation | None = None) -> str:
    """The report as a Markdown document: the header, a ranking table, the shortlisted roles'
    cards, the trait profile, the explanation if asked for, and the sources."""
    lines = [f"# {md(title(result))}", ""]
    lines += _md_header(pack, result)
    lines += [f"> **Note:** {md(warning.message)}.\n" for warning in narrative.notes(result)]
    lines += ["## How every role fits", "", "| # | Role | Fit | Likely range |", "| ---: | --- | ---: | ---: |"]
    for rank, fit in enumerate(result.ranking, start=1):
        lines.append(f"| {rank} | {md(fit.role.name)} | {narrative.fit_text(fit.fit)} | "
                     f"{md(narrative.interval_text(fit))} |")
    lines += ["", f"Fit is out of 100. {_RANGE_MEANS}"]
    for rank, fit in enumerate(narrative.card_roles(result), start=1):
        lines += ["", f"## {rank}. {md(fit.role.name)}: {narrative.fit_text(fit.fit)}/100", "", md(fit.role.summary)]
        lines += _md_list("Why it fits", narrative.why_it_fits(pack, fit))
        lines += _md_list("Where it would stretch you", narrative.gaps(pack, fit))
        lines += _md_list("Advice", [f"{md(a.text)} *{md('(' + narrative.credit(a) + ')')}*"
                                     for a in narrative.card_advice(fit)], escape=False)
        lines += ["", "**First steps**", ""] + [f"{n}. {md(s)}" for n, s in enumerate(narrative.first_steps(fit), 1)]
    lines += ["", "## Trait profile", "", "| Trait | Level | Answered |", "| --- | ---: | ---: |"]
    for level in result.profile:
        lines.append(f"| {md(pack.trait(level.trait).name)} | {narrative.level_text(level.level)} | "
                     f"{level.answered} of {level.total} |")
    lines += ["", _LEVEL_MEANS]
    if explained is not None:
        lines += _md_explanation(pack, *explained)
    lines += ["", "## Sources", ""] + [f"- {md(s.citation())}" for s in pack.sources]
    lines += ["", f"*Made with rolefit {md(__version__)}, quiz version {md(pack.version)}.*"]
    return "\n".join(lines) + "\n"


def _md_header(pack: DataPack, result: Result) -> list[str]:
    facts = [("Client", result.sheet.respondent), ("Taken", readable_date(result.sheet.taken_at)),
             ("Quiz version", version_text(pack, result)), ("Answered", answered_text(result))]
    lines = [f"- **{label}:** {md(value)}" for label, value in facts if value]
    lines += ["", f"**{md(narrative.headline(result))}**", ""]
    shortlist = narrative.card_roles(result)
    if shortlist:
        lines += ["**Shortlist**", ""]
        lines += [f"{n}. {md(fit.role.name)}: {narrative.fit_text(fit.fit)}/100" for n, fit in enumerate(shortlist, 1)]
        lines.append("")
    return lines


def _md_list(title: str, items: list[str], escape: bool = True) -> list[str]:
    return ["", f"**{title}**", ""] + [f"- {md(item) if escape else item}" for item in items] if items else []


def _md_explanation(pack: DataPack, fit: RoleFit, moved: list[Influence]) -> list[str]:
    lines = ["", f"## Why {md(fit.role.name)} scores {narrative.fit_text(fit.fit)}", "",
             "| Trait | Kind | Needs | You | Weight | Points |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for c in sorted(fit.contributions, key=lambda c: c.points):
        lines.append(f"| {md(pack.trait(c.trait).name)} | {md(c.kind)} | {narrative.percent(c.target)} | "
                     f"{narrative.level_text(c.level)} | {c.weight:g} | {c.points:.1f} |")
    lines += ["", "**Answers that moved it most**", ""]
    lines += [f"- {i.points:+.1f}: {md(i.question.text)} ({md(narrative.answer_label(pack, i.question, i.answer))})"
              for i in moved[:narrative.MOVED_ANSWERS]]
    return lines


_RANGE_MEANS = ("The likely range holds the middle 90% of the fits when the answers are resampled: "
                "the wider it is, the less sure the fit.")
_LEVEL_MEANS = ("Level is 0 to 100 from the answers, n/a where no answer measured the trait; answered "
                "counts the questions on that trait that were answered.")


# HTML -------------------------------------------------------------------------------------

_STYLE = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; }
td.num, th.num { text-align: right; }
.bar { display: inline-block; height: .8rem; background: #3a7; border-radius: 2px; }
.headline { font-size: 1.15rem; font-weight: bold; }
.note { background: #fff6dd; padding: .5rem .8rem; border-left: 4px solid #e6b800; }
.card { border: 1px solid #ccc; border-radius: 6px; padding: .5rem 1rem 1rem; margin-top: 1rem; }
.card h2 { margin-top: .5rem; } h3 { font-size: 1rem; margin-bottom: .3rem; }
.credit { color: #666; font-size: .9rem; }
"""


def _e(text: str) -> str:
    return _html.escape(text, quote=True)


def _bar(value: float | None) -> str:
    return f'<span class="bar" style="width:{max(0.0, min(1.0, value or 0.0)) * 10:.1f}rem"></span>'


def _html_list(title: str, items: list[str], ordered: bool = False) -> str:
    if not items:
        return ""
    tag = "ol" if ordered else "ul"
    return f"<h3>{_e(title)}</h3><{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"


def _row(*cells: str, numeric: tuple[int, ...] = ()) -> str:
    return "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                            for i, c in enumerate(cells)) + "</tr>"


def _html_card(pack: DataPack, rank: int, fit: RoleFit) -> str:
    advice = [f'{_e(a.text)}<br><span class="credit">{_e(narrative.credit(a))}</span>'
              for a in narrative.card_advice(fit)]
    return (f'<section class="card"><h2>{rank}. {_e(fit.role.name)}: {narrative.fit_text(fit.fit)}/100</h2>'
            f"<p>{_e(fit.role.summary)}</p>"
            + _html_list("Why it fits", [_e(r) for r in narrative.why_it_fits(pack, fit)])
            + _html_list("Where it would stretch you", [_e(g) for g in narrative.gaps(pack, fit)])
            + _html_list("Advice", advice)
            + _html_list("First steps", [_e(s) for s in narrative.first_steps(fit)], ordered=True)
            + "</section>")


def _html_explanation(pack: DataPack, fit: RoleFit, moved: list[Influence]) -> str:
    traits = "".join(_row(_e(pack.trait(c.trait).name), c.kind, str(narrative.percent(c.target)),
                          narrative.level_text(c.level), f"{c.weight:g}", f"{c.points:.1f}", numeric=(2, 3, 4, 5))
                     for c in sorted(fit.contributions, key=lambda c: c.points))
    answers = "".join(_row(f"{i.points:+.1f}", _e(f"{i.question.text} ({narrative.answer_label(pack, i.question, i.answer)})"),
                           numeric=(0,)) for i in moved[:narrative.MOVED_ANSWERS])
    return (f"<h2>Why {_e(fit.role.name)} scores {narrative.fit_text(fit.fit)}</h2>"
            '<table><tr><th>Trait</th><th>Kind</th><th class="num">Needs</th><th class="num">You</th>'
            f'<th class="num">Weight</th><th class="num">Points</th></tr>{traits}</table>'
            f"<h3>Answers that moved it most</h3><table>{answers}</table>")


def html(pack: DataPack, result: Result, explained: Explanation | None = None) -> str:
    notes = "".join(f'<p class="note">{_e(w.message)}.</p>' for w in narrative.notes(result))
    ranking = "".join(_row(str(rank), _e(fit.role.name), narrative.fit_text(fit.fit), narrative.interval_text(fit),
                           _bar(None if fit.fit is None else fit.fit / 100), numeric=(0, 2, 3))
                      for rank, fit in enumerate(result.ranking, start=1))
    profile = "".join(_row(_e(pack.trait(level.trait).name), _bar(level.level), narrative.level_text(level.level),
                           f"{level.answered}/{level.total}", numeric=(2, 3))
                      for level in result.profile)
    cards = "".join(_html_card(pack, rank, fit) for rank, fit in enumerate(narrative.card_roles(result), start=1))
    explanation = _html_explanation(pack, *explained) if explained is not None else ""
    sources = "".join(f"<li>{_e(s.citation())}</li>" for s in pack.sources)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>rolefit report{_e(" for " + result.sheet.respondent) if result.sheet.respondent else ""}</title>
<style>{_STYLE}</style></head>
<body>
<h1>rolefit report</h1>
<p class="headline">{_e(narrative.headline(result))}</p>
<p>{_e(narrative.coverage(result))}.</p>
{notes}
<h2>How every role fits</h2>
<table><tr><th class="num">#</th><th>Role</th><th class="num">Fit</th><th class="num">Range</th><th></th></tr>{ranking}</table>
{cards}
<h2>Trait profile</h2>
<table><tr><th>Trait</th><th></th><th class="num">Level</th><th class="num">Answered</th></tr>{profile}</table>
{explanation}
<h2>Sources</h2><ul>{sources}</ul>
<p class="credit">Made with rolefit {_e(__version__)}, quiz version {_e(pack.version)}.</p>
</body></html>
"""
