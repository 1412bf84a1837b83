"""The text report: snapshots at 40, 60, 80, 100 and 120 columns, no word split or cut off at
any width from 40 to 200, no line wider than the terminal, and plain text without colour.

Regenerate the snapshots after an intended change with ROLEFIT_UPDATE_SNAPSHOTS=1.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from rolefit.answers import read_sheet
from rolefit.model import AnswerSheet, DataPack
from rolefit.report import bar, render_text
from rolefit.scoring import score

SNAPSHOTS = Path(__file__).parent / "snapshots"
PERSONA = Path(__file__).parent / "fixtures" / "engineer_with_blogging_habit.yaml"


@pytest.fixture(scope="module")
def persona_result(pack: DataPack):  # type: ignore[no-untyped-def]
    return score(pack, read_sheet(PERSONA, pack))


@pytest.fixture(scope="module")
def three_way(pack: DataPack):  # type: ignore[no-untyped-def]
    """A persona whose shortlist holds three roles (the generalist founder)."""
    from test_personas import named_persona_sheet

    return score(pack, named_persona_sheet(pack, "founder_generalist"))


def matches_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("ROLEFIT_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120])
def test_report_matches_its_snapshot(pack: DataPack, persona_result, width: int) -> None:  # type: ignore[no-untyped-def]
    matches_snapshot(f"report-{width}.txt", render_text(pack, persona_result, width))


def test_explanation_matches_its_snapshot(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    text = render_text(pack, persona_result, 80, top=1, explain="developer_advocate")
    matches_snapshot("explain-80.txt", text.split("Why Developer Advocate scores")[1])


@pytest.mark.parametrize("width", [40, 60, 80, 100, 140])
def test_no_line_is_wider_than_the_terminal(pack: DataPack, persona_result, width: int) -> None:  # type: ignore[no-untyped-def]
    """Save the footer's paths and commands, which are never broken so that they copy whole."""
    from rolefit.report import _WHOLE

    text = render_text(pack, persona_result, width, explain="software_engineer")
    assert max(len(line) for line in text.splitlines() if not line.startswith(_WHOLE)) <= width


def test_plain_text_has_no_escape_codes(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    assert "\x1b" not in render_text(pack, persona_result, 80)


def test_headline_names_the_best_fit_and_whether_it_is_a_clear_lead(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    first_line = render_text(pack, persona_result, 100).splitlines()[0]
    best = persona_result.ranking[0].role.name
    assert best in first_line
    assert ("close call" in first_line) == (persona_result.close_call and len(persona_result.shortlist) > 2)


def test_a_close_call_says_so_and_names_the_shortlist(pack: DataPack, three_way) -> None:  # type: ignore[no-untyped-def]
    assert three_way.close_call and len(three_way.shortlist) >= 3
    first = " ".join(render_text(pack, three_way, 100).split("Next:")[0].split())
    assert first.startswith("A close call between")
    assert all(fit.role.name in first for fit in three_way.shortlist)
    assert "comes first in about 9 of 10 retakes" in first or "comes first in nearly every retake" in first


def test_a_close_call_of_two_reads_as_one_role_or_the_other(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from rolefit.narrative import headline

    two = replace(persona_result, shortlist=persona_result.shortlist[:2], coverage=0.91)
    first, second = (f.role.name for f in two.shortlist)
    text = headline(two)
    assert text.startswith(f"Your best fit is {first} (") and f" or {second} (" in text
    assert "one of the two comes first in about 9 of 10 retakes" in text


def test_a_clear_lead_says_how_often_it_comes_first(pack: DataPack) -> None:
    from rolefit.numbers import in_ten

    result = score(pack, read_sheet(Path(__file__).parent / "fixtures" / "docs_specialist.yaml", pack))
    assert result.verdict == "clear_lead"
    first = " ".join(render_text(pack, result, 200).split("Next:")[0].split())
    assert first.startswith(f"Best fit: {result.ranking[0].role.name}") and "a clear lead" in first
    assert f"it comes first in {in_ten(result.coverage)}" in first


def test_the_report_says_what_to_do_next_and_what_a_fit_means(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    text = render_text(pack, persona_result, 100)
    assert "\nNext: " in text and text.index("Next: ") < text.index("How every role fits")
    assert "Fit is 0-100" in text


def test_a_thin_role_card_says_its_evidence_is_thin(pack: DataPack) -> None:
    result = score(pack, read_sheet(Path(__file__).parent / "fixtures" / "docs_specialist.yaml", pack))
    assert result.ranking[0].role.evidence == "thin"
    assert "Thin evidence: the articles say only a sentence or two about Technical Writer" in \
        " ".join(render_text(pack, result, 200).split())


def test_no_clear_fit_says_why(pack: DataPack) -> None:
    middle = AnswerSheet(answers={q.id: 3 for q in pack.questions if q.kind == "likert"})
    first = render_text(pack, score(pack, middle), 200).splitlines()[0]
    assert first.startswith("No clear fit: every agree/disagree answer was the same")


def test_the_top_three_roles_get_cards(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    text = render_text(pack, persona_result, 100)
    for rank, fit in enumerate(persona_result.ranking[:3], start=1):
        assert f"{rank}. {fit.role.name}: " in text
    assert text.count("First steps") == 3
    assert "What is a Developer Advocate? (Karl Hughes, Draft.dev, 2021-10-26)" in text


def test_warnings_are_shown_in_words_without_their_codes(pack: DataPack) -> None:
    from rolefit.narrative import notes

    result = score(pack, AnswerSheet(answers={q.id: 3 for q in pack.questions[:3]}, quiz_version="1.0"))
    text = " ".join(render_text(pack, result, 100).split())
    assert {"version_mismatch", "few_answers"} <= {w.code for w in notes(result)}
    for warning in notes(result):
        assert " ".join(warning.message.split()) in text and f"[{warning.code}]" not in text


def test_bar_is_proportional() -> None:
    assert bar(0.0, 10) == "··········"
    assert bar(0.5, 10) == "█████·····"
    assert bar(1.0, 10) == "██████████"
    assert bar(0.25, 10) == "██▌·······"


@pytest.mark.parametrize("width", [40, 60])
def test_every_role_name_stays_on_one_line_in_a_narrow_terminal(pack: DataPack, persona_result, width: int) -> None:  # type: ignore[no-untyped-def]
    text = render_text(pack, persona_result, width)
    for fit in persona_result.ranking:
        assert any(fit.role.name in line for line in text.splitlines()), (width, fit.role.name)


def run_in_terminal(args: list[str], pager: str, rows: int = 24):  # type: ignore[no-untyped-def]
    import sys

    import pexpect

    env = {**os.environ, "PAGER": pager, "TERM": "xterm", "COLUMNS": "80", "LINES": str(rows)}
    child = pexpect.spawn(sys.executable, ["-m", "rolefit", *args], env=env, encoding="utf-8", timeout=30,
                          dimensions=(rows, 80))
    output = child.read()
    child.close()
    return child.exitstatus, output


def test_a_report_taller_than_the_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    status, _ = run_in_terminal(["score", str(PERSONA)], f"sh -c 'cat > {paged}'")
    assert status == 0
    plain = re.sub(r"\x1b\[[0-9;]*m", "", paged.read_text())
    assert plain.startswith("A close call between") and "\x1b[" in paged.read_text()


def test_no_pager_prints_straight_to_the_terminal(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    status, output = run_in_terminal(["score", str(PERSONA), "--no-pager"], f"sh -c 'cat > {paged}'")
    assert status == 0 and not paged.exists() and "How every role fits" in output


def test_a_report_that_fits_the_screen_is_not_paged(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    status, output = run_in_terminal(["score", str(PERSONA), "--top", "1"], f"sh -c 'cat > {paged}'", rows=200)
    assert status == 0 and not paged.exists() and "How every role fits" in output


def test_a_pager_that_cannot_start_falls_back_to_printing(tmp_path: Path) -> None:
    status, output = run_in_terminal(["score", str(PERSONA)], "no-such-pager-here")
    assert status == 0 and "How every role fits" in output


GLYPHS = "│╭╮╰╯─█▌·#+."
WIDTHS = [40, 41, 45, 50, 55, 59, 60, 61, 70, 80, 100, 120, 160, 200]


def words(text: str) -> set[str]:
    """The words of a rendered report, without its borders and bars, in lower case."""
    cleaned = "".join(" " if ch in "│╭╮╰╯─█▌" else ch for ch in text)
    found = {word.strip(".,;:()[]'\"!?").lower() for word in cleaned.split()}
    return {word for word in found if word.strip("·")}


@pytest.mark.parametrize("fixture", ["engineer_with_blogging_habit.yaml", "docs_specialist.yaml"])
def test_no_word_is_split_at_any_width_from_40_to_200(pack: DataPack, fixture: str) -> None:
    result = score(pack, read_sheet(Path(__file__).parent / "fixtures" / fixture, pack))
    whole = (words(render_text(pack, result, 200, explain="software_engineer", stacked=False))
             | words(render_text(pack, result, 200, explain="software_engineer", stacked=True)))
    for width in WIDTHS:
        split = words(render_text(pack, result, width, explain="software_engineer")) - whole
        assert not split, (width, sorted(split))


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_cut_off_at_any_width_from_40_to_200(pack: DataPack, persona_result, width: int) -> None:  # type: ignore[no-untyped-def]
    layout = render_text(pack, persona_result, 200, explain="software_engineer", stacked=width < 60)
    missing = words(layout) - words(render_text(pack, persona_result, width, explain="software_engineer"))
    assert not missing, (width, sorted(missing))


@pytest.mark.parametrize("width", [40, 59])
def test_a_narrow_report_stacks_each_ranking_row_on_two_lines_with_its_number_fit_and_range(
        pack: DataPack, persona_result, width: int) -> None:  # type: ignore[no-untyped-def]
    lines = render_text(pack, persona_result, width).splitlines()
    for rank, fit in enumerate(persona_result.ranking, start=1):
        at = next(i for i, line in enumerate(lines) if line.strip() == f"{rank}. {fit.role.name}")
        assert f"fit {fit.fit:.0f}" in lines[at + 1] and "range " in lines[at + 1]


def test_a_narrow_report_keeps_card_titles_whole(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    text = render_text(pack, persona_result, 40)
    for rank, fit in enumerate(persona_result.ranking[:3], start=1):
        assert f"{rank}. {fit.role.name}: {fit.fit:.0f}/100" in " ".join(text.replace("│", " ").split())


def test_a_narrow_report_lists_the_trait_profile_with_whole_names(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    lines = [line.strip() for line in render_text(pack, persona_result, 40).splitlines()]
    for level in persona_result.profile:
        assert pack.trait(level.trait).name in lines


def test_advice_cites_a_numbered_source_listed_once_at_the_end(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    from rolefit.narrative import card_roles, cited_in_cards, references

    text = render_text(pack, persona_result, 200)
    sources = references(cited_in_cards(card_roles(persona_result)))
    listed = text.split("\nSources\n")[1].split("\n\n")[0].splitlines()
    assert [line.strip() for line in listed] == [f"[{n}] {s.citation()}" for n, s in enumerate(sources, start=1)]
    for source in sources:
        assert text.count(source.citation()) == 1
    assert "after Joel Lord [1]" in text


def test_the_number_of_a_source_is_its_place_in_first_citation_order(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    from rolefit.narrative import card_roles, cited_in_cards, credit, references

    cited = cited_in_cards(card_roles(persona_result))
    sources = references(cited)
    assert len({s.id for s in sources}) == len(sources) and sources[0] is cited[0].source
    assert all(credit(a, sources).endswith(f"[{[s.id for s in sources].index(a.source.id) + 1}]") for a in cited)


def test_all_cards_gives_every_scored_role_a_card(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    text = render_text(pack, persona_result, 100, all_cards=True)
    for rank, fit in enumerate(persona_result.scored, start=1):
        assert f"{rank}. {fit.role.name}: " in text
    assert text.count("Why it fits") + text.count("Nearly there") >= len(persona_result.scored)


def test_dealbreakers_cite_their_articles_by_number_too(pack: DataPack) -> None:
    from dataclasses import replace

    sheet = replace(read_sheet(PERSONA, pack), dealbreakers=("regular_travel",))
    text = render_text(pack, score(pack, sheet), 200)
    section = text.split("Your dealbreakers")[1].split("\n\n")[0]
    assert "[1]" in section and "Draft.dev" not in section
    assert text.split("\nSources\n")[1].splitlines()[0].startswith("[1] What is a Developer Advocate?")


def test_a_card_title_too_long_for_the_border_wraps_instead_of_being_cut(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    best = persona_result.ranking[0]
    name = "Developer Advocate for Open Source Infrastructure and Platform Engineering Communities"
    renamed = replace(persona_result, ranking=(replace(best, role=replace(best.role, name=name)),
                                               *persona_result.ranking[1:]))
    text = " ".join(render_text(pack, renamed, 80).split())
    assert f"1. {name}: {best.fit:.0f}/100" in text
