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
from rolefit.model import AnswerSheet, DataPack, Result, Source, TraitLevel
from rolefit.scoring import Z90, score

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
    assert len(labels) == len(result.profile)
    for label, level in zip(labels, result.profile):
        low, high = export.level_range(level)  # type: ignore[misc]
        assert label.startswith(f"{mini.trait(level.trait).name}: level {narrative.level_text(level.level)} out of "
                                f"100, likely between {narrative.percent(low)} and {narrative.percent(high)}")
        assert label.endswith(f", {level.answered} of {level.total} questions answered")


def test_html_says_an_unmeasured_trait_was_not_measured(mini: DataPack, one_answer: Result) -> None:
    page = export.html(mini, one_answer)
    unmeasured = [mini.trait(level.trait).name for level in one_answer.profile if level.level is None]
    assert unmeasured and all(f'aria-label="{name}: not measured' in page for name in unmeasured)


def test_html_lists_every_sources_full_citation_without_a_link_where_the_pack_gives_none(mini: DataPack, result: Result) -> None:
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


# What a coach needs: how sure each level is, what each trait means, the next step, the
# coach's own notes, the "How to read this" box, and sources that say what they lack -------

def with_sources(pack: DataPack, *sources: Source) -> DataPack:
    return replace(pack, sources=sources)


UNNAMED = Source("anon", "An Unsigned Post")
LINKED = Source("linked", "A Linked Article", author="A. Writer", outlet="Example Outlet", date="2022-03-16",
                url="https://example.com/a?x=1&y=2")


def test_level_range_is_the_middle_90_percent_of_plausible_levels_within_the_scale() -> None:
    assert export.level_range(TraitLevel("t", 0.5, 3, 5, error=0.1)) == pytest.approx((0.5 - Z90 * 0.1, 0.5 + Z90 * 0.1))
    assert export.level_range(TraitLevel("t", 0.95, 3, 5, error=0.1)) == pytest.approx((0.95 - Z90 * 0.1, 1.0))
    assert export.level_range(TraitLevel("t", None, 0, 5)) is None


def test_sureness_says_how_many_answers_a_level_rests_on_and_its_likely_range() -> None:
    assert export.sureness(TraitLevel("t", 0.6, 4, 5, error=0.05)) == "4 of 5 answered, likely 52-68"


def test_sureness_calls_a_level_rough_when_its_range_is_that_wide() -> None:
    assert export.sureness(TraitLevel("t", 1.0, 1, 5, error=0.21)) == "1 of 5 answered, likely 65-100, rough"


def test_sureness_says_an_unmeasured_trait_was_not_measured() -> None:
    assert export.sureness(TraitLevel("t", None, 0, 5)) == "not measured, 0 of 5 answered"


def test_a_level_from_one_answer_is_rough(mini: DataPack, one_answer: Result) -> None:
    measured = [level for level in one_answer.profile if level.level is not None]
    assert measured and all(level.answered == 1 and export.rough(level) for level in measured)


def test_html_trait_profile_shows_what_each_trait_measures(mini: DataPack, result: Result) -> None:
    profile = export.html(mini, result).split("<h2>Trait profile</h2>")[1]
    assert all(f'<span class="about">{_html.escape(t.description)}</span>' in profile for t in mini.traits)


def test_html_trait_profile_shows_how_sure_each_level_is(mini: DataPack, one_answer: Result) -> None:
    profile = export.html(mini, one_answer).split("<h2>Trait profile</h2>")[1]
    for level in one_answer.profile:
        assert f'<span class="sure">{export.sureness(level)}</span>' in profile
    assert profile.count('class="bar-row rough"') == sum(export.rough(level) for level in one_answer.profile) > 0


def test_html_header_gives_the_next_step(mini: DataPack, result: Result) -> None:
    header = export.html(mini, result).split("<header")[1].split("</header>")[0]
    step = narrative.next_step(result).removeprefix("Next: ")
    assert f'<p class="next"><strong>Next:</strong> {_html.escape(step)}</p>' in header


def test_markdown_header_gives_the_next_step(mini: DataPack, result: Result) -> None:
    head = export.markdown(mini, result).split("## How every role fits")[0]
    assert f"**Next:** {md(narrative.next_step(result).removeprefix('Next: '))}\n" in head


def test_html_shows_the_coachs_notes_escaped_in_their_own_section(mini: DataPack, result: Result) -> None:
    page = export.html(mini, with_sheet(result, notes=("Met twice.", "Wants <b>less</b> travel & more writing.")))
    notes = page.split("<h2>Coach's notes</h2>")[1].split("</section>")[0]
    assert "<p>Met twice.</p><p>Wants &lt;b&gt;less&lt;/b&gt; travel &amp; more writing.</p>" in notes


def test_markdown_shows_the_coachs_notes_escaped_in_their_own_section(mini: DataPack, result: Result) -> None:
    text = export.markdown(mini, with_sheet(result, notes=("Met twice.", "Wants <b>less</b> [travel](x)")))
    notes = text.split("## Coach's notes\n\n")[1].split("\n\n")
    assert [shown(line) for line in notes[:2]] == ["Met twice.", "Wants <b>less</b> [travel](x)"]


def test_exports_have_no_coachs_notes_section_without_notes(mini: DataPack, result: Result) -> None:
    assert "Coach's notes" not in export.html(mini, result) and "Coach's notes" not in export.markdown(mini, result)


def how_to_read(result: Result) -> list[str]:
    return [f"Fits are out of 100; {result.answered} answers <so far>.", "A second paragraph."]


def test_html_leads_with_the_how_to_read_box_when_narrative_has_one(mini: DataPack, result: Result,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(narrative, "how_to_read", how_to_read, raising=False)
    body = export.html(mini, result).split("<body><main>")[1]
    box = body.split('<aside class="how-to-read"')[1].split("</aside>")[0]
    assert body.index('<aside class="how-to-read"') < body.index("<header")
    assert f"<p>Fits are out of 100; {result.answered} answers &lt;so far&gt;.</p><p>A second paragraph.</p>" in box


def test_html_takes_the_how_to_read_text_as_one_paragraph(mini: DataPack, result: Result,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(narrative, "how_to_read", lambda result: "One paragraph.", raising=False)
    assert '<h2 id="how-to-read">How to read this</h2><p>One paragraph.</p></aside>' in export.html(mini, result)


def test_markdown_leads_with_the_how_to_read_box_when_narrative_has_one(mini: DataPack, result: Result,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(narrative, "how_to_read", how_to_read, raising=False)
    text = export.markdown(mini, result)
    assert text.split("\n\n")[1] == ("> **How to read this**\n>\n"
                                     f"> Fits are out of 100; {result.answered} answers &lt;so far&gt;.\n"
                                     ">\n> A second paragraph.")


def test_exports_have_no_how_to_read_box_until_narrative_has_one(mini: DataPack, result: Result,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(narrative, "how_to_read", raising=False)
    assert "How to read this" not in export.html(mini, result) + export.markdown(mini, result)


def test_html_links_a_source_the_pack_gives_a_web_address_for(mini: DataPack, result: Result) -> None:
    sources = export.html(with_sources(mini, LINKED), result).split("<h2>Sources</h2>")[1]
    assert ('<li><a href="https://example.com/a?x=1&amp;y=2"><cite>A Linked Article</cite></a> '
            '(A. Writer, Example Outlet, <span class="nowrap">2022-03-16</span>)</li>') in sources


def test_html_says_when_a_source_names_no_author_and_gives_no_date(mini: DataPack, result: Result) -> None:
    sources = export.html(with_sources(mini, UNNAMED), result).split("<h2>Sources</h2>")[1]
    assert '<li><cite>An Unsigned Post</cite> (author not named, <span class="nowrap">date not given</span>)</li>' in sources


def test_markdown_links_a_source_the_pack_gives_a_web_address_for(mini: DataPack, result: Result) -> None:
    item = export.markdown(with_sources(mini, LINKED), result).split("## Sources\n\n")[1].split("\n")[0]
    assert RENDERER.render(item) == ('<ul>\n<li><a href="https://example.com/a?x=1&amp;y=2">A Linked Article</a> '
                                     "(A. Writer, Example Outlet, 2022-03-16)</li>\n</ul>\n")


def test_markdown_says_when_a_source_names_no_author_and_gives_no_date(mini: DataPack, result: Result) -> None:
    item = export.markdown(with_sources(mini, UNNAMED), result).split("## Sources\n\n")[1].split("\n")[0]
    assert item == "- An Unsigned Post (author not named, date not given)"


def test_the_exports_count_questions_skipped_apart_from_those_not_asked(mini: DataPack) -> None:
    first, second = mini.questions[0], mini.questions[1]
    skipped_one = score(mini, AnswerSheet(answers={first.id: 5, second.id: None}))
    line = f"1 of {len(mini.questions)} questions, 1 skipped, {len(mini.questions) - 2} not asked"
    assert line in export.markdown(mini, skipped_one) and line in export.html(mini, skipped_one)
