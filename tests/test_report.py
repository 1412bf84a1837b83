"""The text report: snapshots at 60 and 100 columns, no line wider than the terminal, and
plain text when there is no colour.

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


def matches_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("ROLEFIT_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [60, 100])
def test_report_matches_its_snapshot(pack: DataPack, persona_result, width: int) -> None:  # type: ignore[no-untyped-def]
    matches_snapshot(f"report-{width}.txt", render_text(pack, persona_result, width))


def test_explanation_matches_its_snapshot(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    text = render_text(pack, persona_result, 80, top=1, explain="developer_advocate")
    matches_snapshot("explain-80.txt", text.split("Why Developer Advocate scores")[1])


@pytest.mark.parametrize("width", [40, 60, 80, 100, 140])
def test_no_line_is_wider_than_the_terminal(pack: DataPack, persona_result, width: int) -> None:  # type: ignore[no-untyped-def]
    text = render_text(pack, persona_result, width, explain="software_engineer")
    assert max(len(line) for line in text.splitlines()) <= width


def test_plain_text_has_no_escape_codes(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    assert "\x1b" not in render_text(pack, persona_result, 80)


def test_headline_names_the_best_fit_and_whether_it_is_a_clear_lead(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    first_line = render_text(pack, persona_result, 100).splitlines()[0]
    best = persona_result.ranking[0].role.name
    assert best in first_line
    assert ("close call" in first_line) == persona_result.close_call


def test_a_close_call_says_so_and_names_the_shortlist(pack: DataPack, persona_result) -> None:  # type: ignore[no-untyped-def]
    assert persona_result.close_call and len(persona_result.shortlist) >= 3
    first = " ".join(render_text(pack, persona_result, 100).split("Next:")[0].split())
    assert first.startswith("A close call between")
    assert all(fit.role.name in first for fit in persona_result.shortlist)
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
    assert text.count("Why it fits") == 3 and text.count("First steps") == 3
    assert "What is a Developer Advocate? (Karl Hughes, Draft.dev, 2021-10-26)" in text


def test_warnings_are_shown(pack: DataPack) -> None:
    old = AnswerSheet(answers={q.id: 3 for q in pack.questions[:3]}, quiz_version="1.0")
    text = render_text(pack, score(pack, old), 100)
    assert "[version_mismatch]" in text and "[few_answers]" in text


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
