"""The report as a file to hand over: Markdown, or one self-contained HTML page (no scripts,
no external styles or fonts) that reads well when emailed to a client."""

from __future__ import annotations

import html as _html

from rolefit import __version__, narrative
from rolefit.model import DataPack, Result, RoleFit
from rolefit.scoring import ranked_advice

CARDS = 3


def _advice(fit: RoleFit) -> list[tuple[str, str]]:
    return [(a.text, narrative.advice_credit(a.said_by, a.source.citation())) for a in ranked_advice(fit)[:3]]


def markdown(pack: DataPack, result: Result) -> str:
    lines = ["# rolefit report", "", f"**{narrative.headline(result)}**", "", narrative.coverage(result) + "."]
    for warning in (w for w in result.warnings if w.code != "close_call"):
        lines.append(f"\n> Note: {warning.message}.")
    lines += ["", "## How every role fits", "", "| # | Role | Fit | Range |", "| ---: | --- | ---: | ---: |"]
    for rank, fit in enumerate(result.ranking, start=1):
        lines.append(f"| {rank} | {fit.role.name} | {fit.fit:.0f} | {fit.interval[0]:.0f}-{fit.interval[1]:.0f} |")
    for rank, fit in enumerate(result.ranking[:CARDS], start=1):
        lines += ["", f"## {rank}. {fit.role.name}: {fit.fit:.0f}/100", "", fit.role.summary]
        lines += _md_list("Why it fits", narrative.why_it_fits(pack, fit))
        lines += _md_list("Where it would stretch you", narrative.gaps(pack, fit))
        lines += _md_list("Advice", [f"{text} *({credit})*" for text, credit in _advice(fit)])
        lines += ["", "**First steps**", ""] + [f"{n}. {s}" for n, s in enumerate(fit.role.first_steps[:3], 1)]
    lines += ["", "## Trait profile", "", "| Trait | Level | Answered |", "| --- | ---: | ---: |"]
    for level in result.profile:
        shown = "n/a" if level.level is None else str(narrative.percent(level.level))
        lines.append(f"| {pack.trait(level.trait).name} | {shown} | {level.answered}/{level.total} |")
    lines += ["", "## Sources", ""] + [f"- {s.citation()}" for s in pack.sources]
    lines += ["", f"*Made with rolefit {__version__}, quiz version {pack.version}.*"]
    return "\n".join(lines) + "\n"


def _md_list(title: str, items: list[str]) -> list[str]:
    return ["", f"**{title}**", ""] + [f"- {item}" for item in items] if items else []


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


def _bar(value: float) -> str:
    return f'<span class="bar" style="width:{max(0.0, min(1.0, value)) * 10:.1f}rem"></span>'


def _html_list(title: str, items: list[str], ordered: bool = False) -> str:
    if not items:
        return ""
    tag = "ol" if ordered else "ul"
    return f"<h3>{_e(title)}</h3><{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"


def _html_card(pack: DataPack, rank: int, fit: RoleFit) -> str:
    advice = [f'{_e(text)}<br><span class="credit">{_e(credit)}</span>' for text, credit in _advice(fit)]
    return (f'<section class="card"><h2>{rank}. {_e(fit.role.name)}: {fit.fit:.0f}/100</h2>'
            f"<p>{_e(fit.role.summary)}</p>"
            + _html_list("Why it fits", [_e(r) for r in narrative.why_it_fits(pack, fit)])
            + _html_list("Where it would stretch you", [_e(g) for g in narrative.gaps(pack, fit)])
            + _html_list("Advice", advice)
            + _html_list("First steps", [_e(s) for s in fit.role.first_steps[:3]], ordered=True)
            + "</section>")


def html(pack: DataPack, result: Result) -> str:
    notes = "".join(f'<p class="note">{_e(w.message)}.</p>' for w in result.warnings if w.code != "close_call")
    ranking = "".join(
        f'<tr><td class="num">{rank}</td><td>{_e(fit.role.name)}</td><td class="num">{fit.fit:.0f}</td>'
        f'<td class="num">{fit.interval[0]:.0f}-{fit.interval[1]:.0f}</td><td>{_bar(fit.fit / 100)}</td></tr>'
        for rank, fit in enumerate(result.ranking, start=1)
    )
    profile = "".join(
        f"<tr><td>{_e(pack.trait(level.trait).name)}</td><td>{_bar(level.level or 0.0)}</td>"
        f'<td class="num">{"n/a" if level.level is None else narrative.percent(level.level)}</td>'
        f'<td class="num">{level.answered}/{level.total}</td></tr>'
        for level in result.profile
    )
    cards = "".join(_html_card(pack, rank, fit) for rank, fit in enumerate(result.ranking[:CARDS], start=1))
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
<h2>Sources</h2><ul>{sources}</ul>
<p class="credit">Made with rolefit {_e(__version__)}, quiz version {_e(pack.version)}.</p>
</body></html>
"""
