"""The report as a file to hand over: Markdown, or one self-contained HTML page (no scripts,
no external styles or fonts) that reads well when emailed to a client."""

from __future__ import annotations

import html as _html
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


# Markdown ---------------------------------------------------------------------------------

def markdown(pack: DataPack, result: Result, explained: Explanation | None = None) -> str:
    lines = ["# rolefit report", "", f"**{narrative.headline(result)}**", "", narrative.coverage(result) + "."]
    lines += [f"\n> Note: {warning.message}." for warning in narrative.notes(result)]
    lines += ["", "## How every role fits", "", "| # | Role | Fit | Range |", "| ---: | --- | ---: | ---: |"]
    for rank, fit in enumerate(result.ranking, start=1):
        lines.append(f"| {rank} | {fit.role.name} | {narrative.fit_text(fit.fit)} | {narrative.interval_text(fit)} |")
    for rank, fit in enumerate(narrative.card_roles(result), start=1):
        lines += ["", f"## {rank}. {fit.role.name}: {narrative.fit_text(fit.fit)}/100", "", fit.role.summary]
        lines += _md_list("Why it fits", narrative.why_it_fits(pack, fit))
        lines += _md_list("Where it would stretch you", narrative.gaps(pack, fit))
        lines += _md_list("Advice", [f"{a.text} *({narrative.credit(a)})*" for a in narrative.card_advice(fit)])
        lines += ["", "**First steps**", ""] + [f"{n}. {s}" for n, s in enumerate(narrative.first_steps(fit), 1)]
    lines += ["", "## Trait profile", "", "| Trait | Level | Answered |", "| --- | ---: | ---: |"]
    for level in result.profile:
        lines.append(f"| {pack.trait(level.trait).name} | {narrative.level_text(level.level)} | "
                     f"{level.answered}/{level.total} |")
    if explained is not None:
        lines += _md_explanation(pack, *explained)
    lines += ["", "## Sources", ""] + [f"- {s.citation()}" for s in pack.sources]
    lines += ["", f"*Made with rolefit {__version__}, quiz version {pack.version}.*"]
    return "\n".join(lines) + "\n"


def _md_list(title: str, items: list[str]) -> list[str]:
    return ["", f"**{title}**", ""] + [f"- {item}" for item in items] if items else []


def _md_explanation(pack: DataPack, fit: RoleFit, moved: list[Influence]) -> list[str]:
    lines = ["", f"## Why {fit.role.name} scores {narrative.fit_text(fit.fit)}", "",
             "| Trait | Kind | Needs | You | Weight | Points |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for c in sorted(fit.contributions, key=lambda c: c.points):
        lines.append(f"| {pack.trait(c.trait).name} | {c.kind} | {narrative.percent(c.target)} | "
                     f"{narrative.level_text(c.level)} | {c.weight:g} | {c.points:.1f} |")
    lines += ["", "**Answers that moved it most**", ""]
    lines += [f"- {i.points:+.1f}: {i.question.text} ({narrative.answer_label(pack, i.question, i.answer)})"
              for i in moved[:narrative.MOVED_ANSWERS]]
    return lines


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
