"""The report as a file to hand over: Markdown, or one self-contained HTML page (no scripts,
no external styles or fonts) that a coach can email to a client, read on a phone and print.

Both say the same things in the same order: how to read the report (when narrative has it),
who took the quiz and when, the quiz version, the verdict, the next step and the shortlist;
then the ranking, a coach's notes, the cards, the trait profile with what each trait means and
how sure each level is, the explanation if asked for, and the sources, linked where the pack
knows where they are. Every string from an answers file or a data pack is escaped on the way
out: `_e` for HTML, `md` for Markdown.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import re
from pathlib import Path

from rolefit import __version__, narrative, numbers
from rolefit.errors import RolefitError
from rolefit.export_style import FIT as _FIT
from rolefit.export_style import LEVEL as _LEVEL
from rolefit.export_style import RANGE as _RANGE
from rolefit.export_style import STYLE as _STYLE
from rolefit.export_style import TRACK as _TRACK
from rolefit.model import DataPack, Result, RoleFit, Source, TraitLevel
from rolefit.invocation import program
from rolefit.scoring import Z90, Influence

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
    return "rolefit report: " + (", ".join(f.role.name for f in shortlist) if shortlist else "no role to offer")


def version_text(pack: DataPack, result: Result) -> str:
    """The quiz version that scored the answers, and the one they were given to if it differs."""
    given = result.sheet.quiz_version
    return pack.version if not given or given == pack.version else f"{pack.version} (answers given to {given})"


def answered_text(result: Result) -> str:
    return f"{result.answered} of {result.total} questions{narrative.unanswered(result)}"


def how_to_read(result: Result) -> list[str]:
    """The "How to read this" box's paragraphs: `narrative.how_to_read(result)` (text, or a
    list of texts) where narrative has it, else none, and then the box is left out."""
    explain = getattr(narrative, "how_to_read", None)
    if explain is None:
        return []
    said = explain(result)
    return [said] if isinstance(said, str) else [str(part) for part in said]


def next_text(result: Result) -> tuple[str, str]:
    """The report's next step, split into its `Next:` label and what to do."""
    said = narrative.next_step(result, program())
    label, _, rest = said.partition(": ")
    return (label, rest) if rest and label == "Next" else ("Next", said)


ROUGH = 0.4
"""A level whose likely range would span this much of the scale (two of the five answer points,
or more) is called rough: it says which end a person is nearer, not where they are. One answer
always gives a rough level; five answers that agree never do."""


def level_range(level: TraitLevel) -> tuple[float, float] | None:
    """A trait level's likely range, 0..1: the middle 90% of plausible versions of the same
    answers, as a fit's range is; None for a level no answer measured."""
    if level.level is None or level.error is None:
        return None
    spread = Z90 * level.error
    return max(0.0, level.level - spread), min(1.0, level.level + spread)


def rough(level: TraitLevel) -> bool:
    """Whether a level's likely range is too wide to read as more than a leaning. The width is
    taken before the range is cut at the ends of the scale, so a 100 from one answer (likely
    66-100) is as rough as a 50 from one answer (likely 16-84)."""
    return level.level is not None and level.error is not None and 2 * Z90 * level.error >= ROUGH


def range_text(level: TraitLevel) -> str:
    band = level_range(level)
    return "n/a" if band is None else f"{narrative.percent(band[0])}-{narrative.percent(band[1])}"


def sureness(level: TraitLevel) -> str:
    """How much a level rests on: `1 of 5 answered, likely 66-100, rough`."""
    answered = f"{level.answered} of {level.total} answered"
    if level_range(level) is None:
        return f"not measured, {answered}"
    return f"{answered}, likely {range_text(level)}" + (", rough" if rough(level) else "")


NO_AUTHOR, NO_DATE = "author not named", "date not given"


def source_facts(source: Source) -> list[str]:
    """What a source list says of a source besides its title, naming what the article leaves out."""
    return [source.author or NO_AUTHOR, *([source.outlet] if source.outlet else []), source.date or NO_DATE]


_RANGE_MEANS = ("The likely range holds the middle 90% of the fits when the answers are resampled: "
                "the wider it is, the less sure the fit.")
_LEVEL_MEANS = ("Level is 0 to 100 from the answers, n/a where no answer measured the trait; answered "
                "counts the questions on that trait that were answered. The likely range is how far the level "
                f"could move over plausible versions of the same answers: a range {int(ROUGH * 100)} points wide "
                "or more (before it is cut at 0 or 100) is marked rough, so read that level as a leaning, not a "
                "measurement.")
_NOTES_MEAN = "Written by the coach in the answers file; rolefit shows them as they are and does not score them."


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
    guide = how_to_read(result)
    lines += ["> **How to read this**"] + [line for part in guide for line in (">", f"> {md(part)}")] + [""] if guide else []
    lines += _md_header(pack, result)
    lines += [f"> **Note:** {md(warning.message)}.\n" for warning in narrative.notes(result)]
    lines += ["## How every role fits", "", "| # | Role | Fit | Likely range |", "| ---: | --- | ---: | ---: |"]
    for rank, fit in enumerate(result.ranking, start=1):
        lines.append(f"| {rank} | {md(narrative.role_name(fit))} | {narrative.fit_text(fit.fit)} | "
                     f"{narrative.interval_text(fit)} |")
    lines += ["", f"Fit is out of 100. {_RANGE_MEANS}"]
    lines += _md_list("Your dealbreakers", [md(line) for line in narrative.dealbreaker_lines(pack, result)])
    if result.sheet.notes:
        lines += ["", "## Coach's notes", ""] + [line for note in result.sheet.notes for line in (md(note), "")]
        lines += [f"*{_NOTES_MEAN}*"]
    for rank, fit in enumerate(narrative.card_roles(result), start=1):
        lines += ["", f"## {rank}. {md(fit.role.name)}: {narrative.fit_text(fit.fit)}/100", "", md(fit.role.summary)]
        lines += _md_list("Why it fits", [md(reason) for reason in narrative.why_it_fits(pack, fit)])
        lines += _md_list("Where it would stretch you", [md(gap) for gap in narrative.gaps(pack, fit)])
        lines += _md_list("Advice", [f"{md(a.text)} *{md('(' + narrative.credit(a) + ')')}*"
                                     for a in narrative.card_advice(fit)])
        lines += ["", "**First steps**", ""] + [f"{n}. {md(s)}" for n, s in enumerate(narrative.first_steps(fit), 1)]
        for heading, notes in (("How people got here", narrative.paths_in(fit)), ("Good to know", narrative.good_to_know(fit))):
            lines += _md_list(heading, [f"{md(n.text)} *{md('(' + narrative.credit(n) + ')')}*" for n in notes])
    lines += ["", "## Trait profile", "", "| Trait | Level | Likely range | Answered | What it measures |",
              "| --- | ---: | ---: | ---: | --- |"]
    for level in result.profile:
        trait = pack.trait(level.trait)
        lines.append(f"| {md(trait.name)} | {narrative.level_text(level.level)} | "
                     f"{range_text(level)}{' (rough)' if rough(level) else ''} | "
                     f"{level.answered} of {level.total} | {md(trait.description)} |")
    lines += ["", _LEVEL_MEANS]
    if explained is not None:
        lines += _md_explanation(pack, *explained)
    lines += ["", "## Sources", ""] + [f"- {_md_source(s)}" for s in pack.sources]
    lines += ["", f"*Made with rolefit {md(__version__)}, quiz version {md(pack.version)}.*"]
    return "\n".join(lines) + "\n"


def _md_header(pack: DataPack, result: Result) -> list[str]:
    facts = [("Client", result.sheet.respondent), ("Taken", readable_date(result.sheet.taken_at)),
             ("Quiz version", version_text(pack, result)), ("Answered", answered_text(result))]
    lines = [f"- **{label}:** {md(value)}" for label, value in facts if value]
    label, step = next_text(result)
    lines += ["", f"**{md(narrative.headline(result))}**", "", f"**{md(label)}:** {md(step)}", ""]
    shortlist = narrative.card_roles(result)
    if shortlist:
        lines += ["**Shortlist**", ""]
        lines += [f"{n}. {md(fit.role.name)}: {narrative.fit_text(fit.fit)}/100" for n, fit in enumerate(shortlist, 1)]
        lines.append("")
    return lines


def _md_source(source: Source) -> str:
    """A source as a list item: its title, linked where the pack gives a web address, then its
    author, outlet and date, saying which of them the article does not give."""
    shown = md(source.title)
    if source.url:
        shown = f"[{shown}](<{source.url.replace('<', '%3C').replace('>', '%3E')}>)"
    return f"{shown} ({md(', '.join(source_facts(source)))})"


def _md_list(title: str, items: list[str]) -> list[str]:
    """A bold title over a bulleted list of items already escaped; nothing when there are none."""
    return ["", f"**{title}**", ""] + [f"- {item}" for item in items] if items else []


def _md_explanation(pack: DataPack, fit: RoleFit, moved: list[Influence]) -> list[str]:
    lines = ["", f"## Why {md(fit.role.name)} scores {narrative.fit_text(fit.fit)}", "",
             "| Trait | Kind | Needs | You | Weight | Points |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for c in sorted(fit.contributions, key=lambda c: c.points):
        lines.append(f"| {md(pack.trait(c.trait).name)} | {md(c.kind)} | {narrative.percent(c.target)} | "
                     f"{narrative.level_text(c.level)} | {c.weight:g} | {numbers.text(c.points, 1)} |")
    lines += ["", "**Answers that moved it most**", ""]
    lines += [f"- {numbers.text(i.points, 1, sign=True)}: {md(i.question.text)} ({md(narrative.answer_label(pack, i.question, i.answer))})"
              for i in moved[:narrative.MOVED_ANSWERS]]
    return lines


# HTML -------------------------------------------------------------------------------------


def _e(text: str) -> str:
    return _html.escape(text, quote=True)


def _share(value: float) -> float:
    return max(0.0, min(1.0, value))


def _svg_bar(label: str, value: float | None, colour: str, band: tuple[float, float] | None = None) -> str:
    """A 0..1 value as an inline SVG bar, with an optional paler band behind it (a fit's likely
    range). Percent widths scale with the row and print as drawn; `label` is its accessible
    name. An unmeasured value gets the outline alone, dashed."""
    parts = [f'<svg role="img" aria-label="{_e(label)}" width="100%" height="14" focusable="false">',
             f"<title>{_e(label)}</title>"]
    dash = ' stroke-dasharray="3 3"' if value is None else ""
    parts.append(f'<rect x="0" y="0.5" width="100%" height="13" rx="3" fill="none" stroke="{_TRACK}"{dash}/>')
    if band is not None:
        low, high = _share(band[0]), _share(band[1])
        parts.append(f'<rect x="{low * 100:.1f}%" y="1" width="{(high - low) * 100:.1f}%" height="12" fill="{_RANGE}"/>')
    if value is not None:
        parts.append(f'<rect x="0" y="3" width="{_share(value) * 100:.1f}%" height="8" rx="2" fill="{colour}"/>')
    return "".join(parts) + "</svg>"


def _fit_row(rank: int, fit: RoleFit, shortlisted: bool) -> str:
    name, shown = narrative.role_name(fit), narrative.fit_text(fit.fit)
    if fit.fit is None:
        label, value = f"{name}: no fit, since no answer measured what this role asks for", shown
    else:
        label, value = f"{name}: fit {shown} out of 100", f"<strong>{shown}</strong>"
        if fit.interval is not None:
            label += f", likely between {numbers.text(fit.interval[0])} and {numbers.text(fit.interval[1])}"
            value += f"<small>{_e(narrative.interval_text(fit))}</small>"
    band = None if fit.interval is None else (fit.interval[0] / 100, fit.interval[1] / 100)
    return (f'<li class="bar-row{" shortlisted" if shortlisted else ""}"><span class="rank">{rank}</span>'
            f'<span class="label">{_e(name)}</span>'
            + _svg_bar(label, None if fit.fit is None else fit.fit / 100, _FIT, band)
            + f'<span class="value">{value}</span></li>')


def _level_row(pack: DataPack, level: TraitLevel) -> str:
    """A trait's level as a bar with its likely range behind it, its name over what it
    measures, and how much it rests on: a level from one answer is marked rough."""
    trait, shown = pack.trait(level.trait), narrative.level_text(level.level)
    band, wide = level_range(level), rough(level)
    if band is None:
        label = f"{trait.name}: not measured"
    else:
        label = (f"{trait.name}: level {shown} out of 100, likely between {narrative.percent(band[0])} and "
                 f"{narrative.percent(band[1])}" + (", rough" if wide else ""))
    label += f", {level.answered} of {level.total} questions answered"
    return (f'<li class="bar-row{" rough" if wide else ""}"><span class="label">{_e(trait.name)}</span>'
            + _svg_bar(label, level.level, _LEVEL, band)
            + f'<span class="value"><strong>{shown}</strong></span><span class="about">{_e(trait.description)}</span>'
            f'<span class="sure">{_e(sureness(level))}</span></li>')


def _html_list(title: str, items: list[str], ordered: bool = False) -> str:
    """A titled list as one part of a card, which print keeps whole: a long card breaks
    between its parts, never inside one."""
    if not items:
        return ""
    tag = "ol" if ordered else "ul"
    return (f'<div class="part"><h3>{_e(title)}</h3><{tag}>' + "".join(f"<li>{i}</li>" for i in items)
            + f"</{tag}></div>")


def _row(*cells: str, numeric: tuple[int, ...] = ()) -> str:
    return "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                            for i, c in enumerate(cells)) + "</tr>"


def _html_how_to_read(result: Result) -> str:
    """The "How to read this" box that leads the page (issue 16's `narrative.how_to_read`);
    nothing until narrative has it."""
    guide = how_to_read(result)
    if not guide:
        return ""
    return ('<aside class="how-to-read" aria-labelledby="how-to-read"><h2 id="how-to-read">How to read this</h2>'
            + "".join(f"<p>{_e(part)}</p>" for part in guide) + "</aside>")


def _html_notes(result: Result) -> str:
    if not result.sheet.notes:
        return ""
    return ('<section class="coach-notes"><h2>Coach\'s notes</h2>'
            + "".join(f"<p>{_e(note)}</p>" for note in result.sheet.notes)
            + f'<p class="legend">{_e(_NOTES_MEAN)}</p></section>')


def _html_header(pack: DataPack, result: Result) -> str:
    who = result.sheet.respondent
    day = taken_on(result.sheet.taken_at)
    taken = readable_date(result.sheet.taken_at)
    facts = []
    if taken:
        shown = f'<time datetime="{day.isoformat()}">{_e(taken)}</time>' if day else _e(taken)
        facts.append(("Taken", shown))
    facts += [("Quiz version", _e(version_text(pack, result))), ("Answered", _e(answered_text(result)))]
    shortlist = "".join(f'<li><a href="#card-{n}">{_e(fit.role.name)}</a> '
                        f'<span class="score">{narrative.fit_text(fit.fit)}/100</span></li>'
                        for n, fit in enumerate(narrative.card_roles(result), start=1))
    return ('<header class="masthead">'
            f'<p class="kicker">{"rolefit career-fit report" if who else "rolefit"}</p>'
            f'<h1>{_e(who) if who else "Career-fit report"}</h1>'
            '<dl class="facts">' + "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts) + "</dl>"
            f'<p class="verdict">{_e(narrative.headline(result))}</p>'
            '<p class="next"><strong>{}:</strong> {}</p>'.format(*(_e(part) for part in next_text(result)))
            + (f'<section class="shortlist"><h2>Shortlist</h2><ol>{shortlist}</ol></section>' if shortlist else "")
            + "</header>")


def _html_card(pack: DataPack, rank: int, fit: RoleFit) -> str:
    advice = [f'{_e(a.text)} <span class="credit">{_e(narrative.credit(a))}</span>'
              for a in narrative.card_advice(fit)]
    return (f'<section class="card" id="card-{rank}"><h2>{rank}. {_e(fit.role.name)}: '
            f'<span class="score">{narrative.fit_text(fit.fit)}/100</span></h2>'
            f'<p>{_e(fit.role.summary)}</p><div class="parts">'
            + _html_list("Why it fits", [_e(r) for r in narrative.why_it_fits(pack, fit)])
            + _html_list("Where it would stretch you", [_e(g) for g in narrative.gaps(pack, fit)])
            + _html_list("Advice", advice)
            + _html_list("First steps", [_e(s) for s in narrative.first_steps(fit)], ordered=True)
            + "".join(_html_list(heading, [f'{_e(n.text)} <span class="credit">{_e(narrative.credit(n))}</span>'
                                           for n in notes])
                      for heading, notes in (("How people got here", narrative.paths_in(fit)),
                                             ("Good to know", narrative.good_to_know(fit))))
            + "</div></section>")


def _html_explanation(pack: DataPack, fit: RoleFit, moved: list[Influence]) -> str:
    traits = "".join(_row(f'{_e(pack.trait(c.trait).name)} <span class="kind">{_e(c.kind)}</span>',
                          str(narrative.percent(c.target)), narrative.level_text(c.level), f"{c.weight:g}",
                          numbers.text(c.points, 1), numeric=(1, 2, 3, 4))
                     for c in sorted(fit.contributions, key=lambda c: c.points))
    answers = "".join(_row(numbers.text(i.points, 1, sign=True), _e(f"{i.question.text} ({narrative.answer_label(pack, i.question, i.answer)})"),
                           numeric=(0,)) for i in moved[:narrative.MOVED_ANSWERS])
    return (f"<section><h2>Why {_e(fit.role.name)} scores {narrative.fit_text(fit.fit)}</h2>"
            '<table><tr><th>Trait</th><th class="num">Needs</th><th class="num">You</th>'
            f'<th class="num">Weight</th><th class="num">Points</th></tr>{traits}</table>'
            "<h3>Answers that moved it most</h3>"
            f'<table><tr><th class="num">Points</th><th>Question (answer)</th></tr>{answers}</table></section>')


def _html_source(source: Source) -> str:
    """A source's full citation, its title set as a work's title and linked where the pack
    gives a web address, saying which of author and date the article does not give."""
    cited = f"<cite>{_e(source.title)}</cite>"
    if source.url:
        cited = f'<a href="{_e(source.url)}">{cited}</a>'
    facts = source_facts(source)
    known = [_e(part) for part in facts[:-1]] + [f'<span class="nowrap">{_e(facts[-1])}</span>']
    return f"<li>{cited} ({', '.join(known)})</li>"


def html(pack: DataPack, result: Result, explained: Explanation | None = None) -> str:
    """The report as one self-contained page: the header, the ranking and trait profile as
    inline SVG bars, the shortlisted roles' cards, the explanation if asked for, and the
    sources. It fits a phone's width, keeps to a readable width on a desktop, and prints on
    A4 or Letter with each card kept to one page where it can be."""
    notes = "".join(f'<p class="note">{_e(w.message)}.</p>' for w in narrative.notes(result))
    dealbreakers = _html_list("Your dealbreakers", [_e(line) for line in narrative.dealbreaker_lines(pack, result)])
    shortlisted = len(narrative.card_roles(result))
    ranking = "".join(_fit_row(rank, fit, rank <= shortlisted) for rank, fit in enumerate(result.ranking, start=1))
    profile = "".join(_level_row(pack, level) for level in result.profile)
    cards = "".join(_html_card(pack, rank, fit) for rank, fit in enumerate(narrative.card_roles(result), start=1))
    explanation = _html_explanation(pack, *explained) if explained is not None else ""
    sources = "".join(_html_source(s) for s in pack.sources)
    made_with = f"Made with rolefit {_e(__version__)}, quiz version {_e(pack.version)}."
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title(result))}</title>
<style>{_STYLE}</style></head>
<body><main>
<div class="summary">
<!-- The reading guide from issue 16's narrative.how_to_read(result), boxed, leads the page. -->
{_html_how_to_read(result)}
{_html_header(pack, result)}
{notes}
<section class="ranking-section"><h2>How every role fits</h2>
<ol class="bars ranking">{ranking}</ol>
<p class="legend">Fit is out of 100. {_e(_RANGE_MEANS)} The paler band on each bar shows it.</p></section>
<p class="colophon">{made_with}</p>
</div>
{_html_notes(result)}
{dealbreakers and f'<section class="dealbreakers">{dealbreakers}</section>'}
{cards}
<section class="profile-section"><h2>Trait profile</h2>
<ul class="bars profile">{profile}</ul>
<p class="legend">{_e(_LEVEL_MEANS)} The paler band on each bar shows the likely range.</p></section>
{explanation}
<section class="sources-section"><h2>Sources</h2><ol class="sources">{sources}</ol></section>
<footer>{made_with}</footer>
</main></body></html>
"""
