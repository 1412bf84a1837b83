"""The Markdown and HTML exports: the header they share, Markdown that no answers file or pack
can turn into live HTML or links, and HTML bars drawn as labelled SVG.

Markdown is checked by rendering it with markdown-it (CommonMark with GitHub's tables and
strikethrough, raw HTML allowed), as a reader's viewer would."""

from __future__ import annotations

import html as _html
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from rolefit import export, narrative
from rolefit.export import md, readable_date
from rolefit.model import AnswerSheet, DataPack, Result
from rolefit.scoring import score

RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
HOSTILE = {
    "html": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "link": "[link](javascript:alert(1))",
    "image": "![x](http://example.com/x.png)",
    "reference": "[x]: javascript:alert(1)",
    "autolink": "<javascript:alert(1)>",
    "code": "``sh -c `id` ``",
    "emphasis": "**bold** _it_ ~~gone~~",
    "heading": "# Ada {#id onclick=alert(1)}",
    "list": "1. first",
    "bullet": "- item",
    "quote": "> quoted",
    "entity": "&lt;b&gt; &#106;avascript",
    "backslash": "ends in \\",
    "math": "$x^2$",
}

MARKUP = ["<", ">", "&", "[", "]", "(", ")", "](", "!", "|", "`", "\\", "*", "_", "~", "#", "$", "{", "}", ":", "//", "@",
          "www.", "1.", "1)", "- ", "+ ", "=", " ", "\n", "\r\n", "\t", "\x00", "\u2028"]
markup_text = st.lists(st.sampled_from(MARKUP) | st.characters(), max_size=40).map("".join) | st.text()
"""Any text, often dense with Markdown's syntax."""


def sheet_for(pack: DataPack, **metadata: str | None) -> AnswerSheet:
    """An answers sheet built from the pack itself: likert items cycle through the scale, every
    choice takes its first option."""
    answers = {q.id: (1 + i % 5 if q.kind == "likert" else q.options[0].value) for i, q in enumerate(pack.questions)}
    return AnswerSheet(answers=answers, **metadata)


@pytest.fixture(scope="module")
def result(mini: DataPack) -> Result:
    return score(mini, sheet_for(mini, respondent="Ada Lovelace", taken_at="2026-11-22T10:04:00+00:00",
                                 quiz_version=mini.version))


@pytest.fixture(scope="module")
def one_answer(mini: DataPack) -> Result:
    """A result from the first question alone, which leaves traits unmeasured and roles unscored."""
    first = mini.questions[0]
    return score(mini, AnswerSheet(answers={first.id: 5 if first.kind == "likert" else first.options[0].value}))


def with_sheet(result: Result, **changes: object) -> Result:
    return replace(result, sheet=replace(result.sheet, **changes))


def folded(text: str) -> str:
    """Text on one line: whitespace runs as one space, control characters gone."""
    return " ".join("".join(ch for ch in text if ch.isprintable() or ch.isspace()).split())


def shown(markdown_line: str) -> str:
    """The text a renderer shows for one line of Markdown, which must render as a plain paragraph."""
    out = RENDERER.render("x " + markdown_line)
    assert out.startswith("<p>x") and out.endswith("</p>\n"), out
    inner = out[len("<p>x"):-len("</p>\n")]
    assert "<" not in inner, out
    return _html.unescape(inner).removeprefix(" ")


def cells(markdown_table: str) -> list[str]:
    out = RENDERER.render(markdown_table)
    found = re.findall(r"<td(?: [^>]*)?>(.*?)</td>", out, flags=re.S)
    assert all("<" not in cell for cell in found), out
    return [_html.unescape(cell) for cell in found]


# The header -------------------------------------------------------------------------------

@pytest.mark.parametrize("taken_at", ["2026-11-22T10:04:00+00:00", "2026-11-22", "2026-11-22T23:30:00Z"])
def test_readable_date_spells_out_an_iso_date(taken_at: str) -> None:
    assert readable_date(taken_at) == "22 November 2026"


def test_readable_date_keeps_text_that_is_not_a_date() -> None:
    assert readable_date("last Tuesday") == "last Tuesday"


def test_title_names_the_client_and_the_date_taken(result: Result) -> None:
    assert export.title(result) == "rolefit report for Ada Lovelace, 22 November 2026"


def test_title_without_client_or_date_names_the_shortlist(result: Result) -> None:
    anonymous = with_sheet(result, respondent=None, taken_at=None)
    names = ", ".join(fit.role.name for fit in narrative.card_roles(result))
    assert export.title(anonymous) == f"rolefit report: {names}"


def test_quiz_version_names_the_version_the_answers_were_given_to_when_it_differs(mini: DataPack, result: Result) -> None:
    assert export.version_text(mini, result) == mini.version
    assert export.version_text(mini, with_sheet(result, quiz_version="0.9")) == f"{mini.version} (answers given to 0.9)"


# Markdown ---------------------------------------------------------------------------------

def test_markdown_header_gives_client_date_version_verdict_and_shortlist(mini: DataPack, result: Result) -> None:
    head = export.markdown(mini, result).split("## How every role fits")[0]
    assert head.startswith("# rolefit report for Ada Lovelace, 22 November 2026\n")
    assert "- **Client:** Ada Lovelace\n- **Taken:** 22 November 2026\n" in head
    assert f"- **Quiz version:** {md(mini.version)}\n" in head
    assert f"**{md(narrative.headline(result))}**" in head
    shortlist = [f"{n}. {fit.role.name}: {narrative.fit_text(fit.fit)}/100"
                 for n, fit in enumerate(narrative.card_roles(result), start=1)]
    assert "**Shortlist**\n\n" + "\n".join(shortlist) + "\n" in head


def test_markdown_ranks_every_role_in_one_table(mini: DataPack, result: Result) -> None:
    text = export.markdown(mini, result)
    table = text.split("## How every role fits\n\n")[1].split("\n\n")[0]
    assert cells(table)[1::4] == [fit.role.name for fit in result.ranking]


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_md_renders_hostile_text_as_that_text(text: str) -> None:
    assert shown(md(text)) == text


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_md_renders_hostile_text_as_that_text_at_the_start_of_a_line(text: str) -> None:
    out = RENDERER.render(md(text))
    assert out.startswith("<p>") and out.count("<") == 2 and _html.unescape(out[3:-5]) == text


def test_md_folds_line_breaks_into_one_line() -> None:
    assert md("Ada\n# Heading\r\n\n- item\u2028end") == "Ada \\# Heading - item end"


def test_md_keeps_a_pipe_inside_its_table_cell() -> None:
    assert cells(f"| a | b |\n| --- | --- |\n| {md('x | y')} | z |") == ["x | y", "z"]


def test_md_keeps_bare_web_addresses_from_becoming_links() -> None:
    escaped = md("see https://example.com and www.example.com or ada@example.com")
    assert escaped == "see https\\://example.com and www\\.example.com or ada\\@example.com"


@settings(max_examples=300, deadline=None)
@given(markup_text)
def test_md_renders_any_text_as_that_text_on_one_line(text: str) -> None:
    assert shown(md(text)) == folded(text)


@settings(max_examples=200, deadline=None)
@given(markup_text)
def test_md_keeps_any_text_inside_one_table_cell(text: str) -> None:
    assert cells(f"| a | b |\n| --- | --- |\n| {md(text)} | z |") == [folded(text), "z"]


@settings(max_examples=200, deadline=None)
@given(markup_text)
def test_markdown_export_of_any_respondent_has_no_raw_angle_bracket_or_link(mini: DataPack, result: Result,
                                                                          respondent: str) -> None:
    text = export.markdown(mini, with_sheet(result, respondent=respondent))
    assert "<" not in text and "](" not in text


def test_markdown_export_escapes_an_unknown_answer_key(mini: DataPack, result: Result) -> None:
    text = export.markdown(mini, score(mini, replace(result.sheet, unknown=("[x](javascript:alert(1))",))))
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in text and "](" not in text


def test_markdown_export_escapes_the_quiz_version_the_answers_name(mini: DataPack, result: Result) -> None:
    text = export.markdown(mini, score(mini, replace(result.sheet, quiz_version="<b>0.9</b>")))
    assert "<b>" not in text and "&lt;b&gt;0.9&lt;/b&gt;" in text


def test_markdown_export_keeps_a_client_name_with_a_line_break_on_its_line(mini: DataPack, result: Result) -> None:
    text = export.markdown(mini, with_sheet(result, respondent="Ada\n# Pwned"))
    assert "- **Client:** Ada \\# Pwned\n" in text and "\n# Pwned" not in text


def test_markdown_export_escapes_the_packs_strings(mini: DataPack) -> None:
    hostile = replace(mini, roles=tuple(replace(r, name=f"<i>{r.name}</i> | [x](y)") for r in mini.roles))
    text = export.markdown(hostile, score(hostile, sheet_for(hostile)))
    assert "<" not in text and "](" not in text
    table = text.split("## How every role fits\n\n")[1].split("\n\n")[0]
    assert cells(table)[1::4] == [fit.role.name for fit in score(hostile, sheet_for(hostile)).ranking]


# HTML -------------------------------------------------------------------------------------

def test_html_title_names_the_client_and_the_date_taken(mini: DataPack, result: Result) -> None:
    assert "<title>rolefit report for Ada Lovelace, 22 November 2026</title>" in export.html(mini, result)


def test_html_header_shows_client_date_version_verdict_and_shortlist(mini: DataPack, result: Result) -> None:
    header = export.html(mini, result).split("<header")[1].split("</header>")[0]
    assert "<h1>Ada Lovelace</h1>" in header
    assert '<time datetime="2026-11-22">22 November 2026</time>' in header
    assert f"<dt>Quiz version</dt><dd>{mini.version}</dd>" in header
    assert f'<p class="verdict">{_html.escape(narrative.headline(result))}</p>' in header
    assert [f.role.name for f in narrative.card_roles(result)] == re.findall(r'<a href="#card-\d">([^<]+)</a>', header)


def test_html_shortlist_links_to_each_card(mini: DataPack, result: Result) -> None:
    page = export.html(mini, result)
    for n in range(1, len(narrative.card_roles(result)) + 1):
        assert f'href="#card-{n}"' in page and f'id="card-{n}"' in page


def test_html_draws_the_ranking_as_one_labelled_svg_bar_per_role(mini: DataPack, result: Result) -> None:
    labels = re.findall(r'<svg role="img" aria-label="([^"]+: fit [^"]+)"', export.html(mini, result))
    assert labels == [f"{fit.role.name}: fit {narrative.fit_text(fit.fit)} out of 100, likely between "
                      f"{fit.interval[0]:.0f} and {fit.interval[1]:.0f}" for fit in result.ranking]


def test_html_draws_the_trait_profile_as_one_labelled_svg_bar_per_trait(mini: DataPack, result: Result) -> None:
    labels = re.findall(r'<svg role="img" aria-label="([^"]+: level [^"]+)"', export.html(mini, result))
    assert labels == [f"{mini.trait(level.trait).name}: level {narrative.level_text(level.level)} out of 100, "
                      f"{level.answered} of {level.total} questions answered" for level in result.profile]


def test_html_says_an_unmeasured_trait_was_not_measured(mini: DataPack, one_answer: Result) -> None:
    page = export.html(mini, one_answer)
    unmeasured = [mini.trait(level.trait).name for level in one_answer.profile if level.level is None]
    assert unmeasured and all(f'aria-label="{name}: not measured' in page for name in unmeasured)


def test_html_lists_every_sources_full_citation_without_a_link(mini: DataPack, result: Result) -> None:
    sources = export.html(mini, result).split("<h2>Sources</h2>")[1]
    assert "<cite>An Article</cite> (A. Writer, Example Outlet, <span class=\"nowrap\">2022-03-16</span>)" in sources
    assert "href" not in sources


def test_html_escapes_the_client_in_the_title_and_the_header(mini: DataPack, result: Result) -> None:
    page = export.html(mini, with_sheet(result, respondent="<img src=x onerror=alert(1)>"))
    assert "<img" not in page and page.count("&lt;img src=x onerror=alert(1)&gt;") == 2


def test_html_escapes_a_date_that_is_not_a_date(mini: DataPack, result: Result) -> None:
    page = export.html(mini, with_sheet(result, taken_at="<b>soon</b>"))
    assert "<b>" not in page and "<dd>&lt;b&gt;soon&lt;/b&gt;</dd>" in page


def test_html_says_a_role_nothing_measured_has_no_fit(mini: DataPack, one_answer: Result) -> None:
    page = export.html(mini, one_answer)
    unscored = [fit.role.name for fit in one_answer.ranking if fit.fit is None]
    assert unscored and all(f'aria-label="{name}: no fit, since no answer measured what this role asks for"' in page
                            for name in unscored)
