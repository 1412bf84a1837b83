"""The HTML export in a real browser: the system's Chromium, driven by Playwright, at a desktop's
width, at two phones' widths and in print.

Chromium comes from the distribution's packages (Debian's `chromium`; `.ci/run` installs it),
because Playwright's own browser download is not available everywhere these tests run. The
tests skip, saying so, only when no Chromium binary can be found. Set ROLEFIT_SCREENSHOTS to a
folder to keep a full-page screenshot at each width, to look at.
"""

from __future__ import annotations

import math
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, sync_playwright
from typer.testing import CliRunner

from rolefit import narrative
from rolefit.answers import read_sheet
from rolefit.cli import app
from rolefit.model import DataPack, Result
from rolefit.scoring import score

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
"""Without the background-networking flags Chromium's own connections are refused on a closed
network, and it waits on them."""
WIDTHS = {"desktop-1280": 1280, "phone-390": 390, "phone-360": 360}
PAPER_POINTS = {"A4": (595.92, 842.88), "Letter": (612.0, 792.0)}
LIKERT = (4, 2, 5, 3, 4, 1, 5, 2)
CLIENT = "Ada Lovelace"
NOTES = "First session on 22 November.\n\nWants less travel and more writing; ask about the docs team."
A4_PRINTABLE_PX = (184 / 25.4 * 96, 269 / 25.4 * 96)
"""A4 less the stylesheet's @page margins (13 mm at the sides, 14 mm top and bottom), in CSS pixels."""
STAND_IN_GUIDE = ("Fit is out of 100: how closely your answers match what each role asks for. The range after "
                  "each fit is how far it could move if you took the quiz again; where two ranges overlap, "
                  "the ranking between those roles is not settled.",
                  "The verdict says how sure the order is. Read the cards for the roles near the top, and treat "
                  "the trait profile's rough levels as leanings.")
"""A "How to read this" box of a plausible length, for the page-count tests until narrative has its own."""


def chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def answers(pack: DataPack, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole answers file built from the pack's own questions, so it follows the question
    bank: likert items in a varied pattern, every choice's first option, the first question
    skipped."""
    given = {q.id: (LIKERT[i % len(LIKERT)] if q.kind == "likert" else q.options[0].value)
             for i, q in enumerate(pack.questions)}
    given[pack.questions[0].id] = None
    path = tmp_path_factory.mktemp("browser") / "ada.yaml"
    path.write_text(yaml.safe_dump({"respondent": CLIENT, "taken_at": "2026-11-22T10:04:00+00:00",
                                    "quiz_version": pack.version, "notes": NOTES, "answers": given}, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def result(pack: DataPack, answers: Path) -> Result:
    return score(pack, read_sheet(answers, pack))


@pytest.fixture(scope="module")
def report(pack: DataPack, answers: Path) -> Path:
    """The HTML export of that file, with an explanation, as `rolefit score` writes it: a
    typical coach's report, with notes and a "How to read this" box."""
    target = answers.with_name("ada.html")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROLEFIT_HOME", str(answers.parent / "home"))
        if not hasattr(narrative, "how_to_read"):
            patch.setattr(narrative, "how_to_read", lambda result: list(STAND_IN_GUIDE), raising=False)
        done = CliRunner().invoke(app, ["score", str(answers), "--explain", pack.roles[0].id, "--export", str(target)])
    assert done.exit_code == 0, done.output
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium()
    if executable is None:
        pytest.skip("no chromium: install the distribution's package (apt-get install chromium) or put it on PATH")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module", params=WIDTHS.values(), ids=WIDTHS.keys())
def page(request: pytest.FixtureRequest, browser: Browser, report: Path) -> Iterator[Page]:
    opened = browser.new_page(viewport={"width": request.param, "height": 900})
    opened.goto(report.as_uri())
    if os.environ.get("ROLEFIT_SCREENSHOTS"):
        folder = Path(os.environ["ROLEFIT_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        opened.screenshot(path=str(folder / f"report-{request.param}.png"), full_page=True)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def printed(browser: Browser, report: Path) -> Iterator[Page]:
    """The page as it is laid out for paper."""
    opened = browser.new_page()
    opened.goto(report.as_uri())
    opened.emulate_media(media="print")
    yield opened
    opened.close()


def whole_and_visible(page: Page, selector: str) -> list[bool]:
    """For each element, whether it is drawn with some size and lies wholly inside the window's width."""
    return page.eval_on_selector_all(selector, """elements => elements.map(e => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= window.innerWidth
            && getComputedStyle(e).visibility === "visible";
    })""")


def test_page_does_not_scroll_sideways(page: Page) -> None:
    scroll_width, window_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= window_width


def test_ranking_draws_a_whole_visible_svg_bar_for_every_role(page: Page, pack: DataPack) -> None:
    assert whole_and_visible(page, ".ranking svg[role=img]") == [True] * len(pack.roles)


def test_trait_profile_draws_a_whole_visible_svg_bar_for_every_trait(page: Page, pack: DataPack) -> None:
    assert whole_and_visible(page, ".profile svg[role=img]") == [True] * len(pack.traits)


def test_header_shows_the_client_and_the_verdict(page: Page, result: Result) -> None:
    header = page.inner_text("header")
    assert CLIENT in header and narrative.headline(result) in " ".join(header.split())


def test_desktop_keeps_the_text_to_a_readable_width(browser: Browser, report: Path) -> None:
    wide = browser.new_page(viewport={"width": 1920, "height": 900})
    wide.goto(report.as_uri())
    assert wide.evaluate("document.querySelector('main').getBoundingClientRect().width") <= 800
    wide.close()


@pytest.mark.parametrize("paper", PAPER_POINTS)
def test_print_renders_a_pdf_of_at_least_one_page_of_that_paper(printed: Page, paper: str) -> None:
    pdf = printed.pdf(format=paper)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    sizes = {tuple(float(n) for n in box.split()[2:]) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)}
    assert len(pages) >= 1
    assert sizes and all(abs(w - PAPER_POINTS[paper][0]) < 1 and abs(h - PAPER_POINTS[paper][1]) < 1 for w, h in sizes)


def test_print_keeps_the_svg_bars(printed: Page, pack: DataPack) -> None:
    assert whole_and_visible(printed, "svg[role=img]") == [True] * (len(pack.roles) + len(pack.traits))


@pytest.fixture(scope="module")
def on_a4(browser: Browser, report: Path) -> Iterator[Page]:
    """The page laid out for paper at the width A4 leaves for it, to measure how tall its parts are."""
    opened = browser.new_page(viewport={"width": round(A4_PRINTABLE_PX[0]), "height": round(A4_PRINTABLE_PX[1])})
    opened.goto(report.as_uri())
    opened.emulate_media(media="print")
    yield opened
    opened.close()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_print_fits_a_typical_report_in_five_a4_pages(printed: Page) -> None:
    assert pdf_pages(printed.pdf(format="A4")) <= 5


def test_print_leaves_no_mostly_blank_page(printed: Page, on_a4: Page) -> None:
    """After the summary's page, the report takes no more pages than its height needs."""
    summary, whole = on_a4.evaluate("[document.querySelector('.summary').getBoundingClientRect().height,"
                                    " document.documentElement.scrollHeight]")
    assert pdf_pages(printed.pdf(format="A4")) <= 1 + math.ceil((whole - summary) / A4_PRINTABLE_PX[1])


def test_print_starts_with_a_one_page_summary_of_verdict_next_step_and_ranking(on_a4: Page, result: Result) -> None:
    summary = on_a4.locator(".summary")
    assert summary.evaluate("s => getComputedStyle(s).breakAfter") == "page"
    assert summary.bounding_box()["height"] <= A4_PRINTABLE_PX[1]  # type: ignore[index]
    text = " ".join(summary.inner_text().split())
    assert narrative.headline(result) in text and narrative.next_step(result) in text
    assert summary.locator(".ranking .bar-row").count() == len(result.ranking)
    assert summary.locator(".how-to-read").count() == 1


def test_print_gives_the_version_line_on_the_summary_page_not_alone_on_the_last(printed: Page) -> None:
    assert printed.locator(".summary .colophon").is_visible() and not printed.locator("footer").is_visible()
    assert printed.locator(".summary .colophon").inner_text() == printed.locator("footer").text_content()


def test_print_never_splits_the_ranking(printed: Page) -> None:
    assert printed.eval_on_selector(".ranking", "r => getComputedStyle(r).breakInside") == "avoid"


def test_print_lets_a_long_card_break_only_between_its_parts(printed: Page, result: Result) -> None:
    cards = printed.eval_on_selector_all(".card", "cards => cards.map(c => getComputedStyle(c).breakInside)")
    parts = printed.eval_on_selector_all(".card .part", "parts => parts.map(p => getComputedStyle(p).breakInside)")
    assert cards == ["auto"] * len(narrative.card_roles(result))
    assert parts and set(parts) == {"avoid"}


def test_print_keeps_the_sources_whole_and_with_what_comes_before(printed: Page) -> None:
    assert printed.eval_on_selector(".sources-section", "s => [getComputedStyle(s).breakInside, "
                                    "getComputedStyle(s).breakBefore]") == ["avoid", "avoid"]


def test_coachs_notes_show_as_written(page: Page) -> None:
    assert page.locator(".coach-notes p").all_inner_texts()[:2] == NOTES.split("\n\n")


def test_print_has_no_dark_backgrounds(printed: Page) -> None:
    """Nothing is filled with more than a light tint, which would waste ink."""
    darkest = printed.evaluate("""() => Math.min(1, ...[...document.querySelectorAll('*')].map(e => {
        const [r, g, b, a = 1] = getComputedStyle(e).backgroundColor.match(/[\\d.]+/g).map(Number);
        return a === 0 ? 1 : (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    }))""")
    assert darkest >= 0.9


# compare --export -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def before_and_after(pack: DataPack, answers: Path) -> Path:
    """`compare --export` of the typical answers against a retake later that day that agrees
    less with every agree/disagree item, as a coach would send it."""
    later = answers.with_name("ada-later.yaml")
    document = yaml.safe_load(answers.read_text())
    document["taken_at"] = "2026-11-22T14:30:00+00:00"
    document["answers"] = {qid: (max(1, value - 1) if isinstance(value, int) else value)
                           for qid, value in document["answers"].items()}
    later.write_text(yaml.safe_dump(document, sort_keys=False))
    target = answers.with_name("ada-progress.html")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROLEFIT_HOME", str(answers.parent / "home"))
        done = CliRunner().invoke(app, ["compare", str(answers), str(later), "--export", str(target), "--force"])
    assert done.exit_code == 0, done.output
    return target


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_before_and_after_does_not_scroll_sideways(browser: Browser, before_and_after: Path, width: int) -> None:
    opened = browser.new_page(viewport={"width": width, "height": 900})
    opened.goto(before_and_after.as_uri())
    scroll_width, window_width = opened.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    opened.close()
    assert scroll_width <= window_width


def test_before_and_after_labels_each_side_by_its_time_in_every_table_head(browser: Browser,
                                                                         before_and_after: Path) -> None:
    opened = browser.new_page(viewport={"width": 360, "height": 900})
    opened.goto(before_and_after.as_uri())
    heads = opened.eval_on_selector_all("th.num", "cells => cells.map(c => [c.innerText, c.getClientRects().length,"
                                        " c.getBoundingClientRect().height])")
    opened.close()
    assert [text for text, _, _ in heads] == ["22 Nov 10:04", "22 Nov 14:30", "Change"] * 2
    assert len({round(height) for _, _, height in heads}) == 1


def test_before_and_after_prints_on_two_a4_pages_at_most(browser: Browser, before_and_after: Path) -> None:
    opened = browser.new_page()
    opened.goto(before_and_after.as_uri())
    opened.emulate_media(media="print")
    assert 1 <= pdf_pages(opened.pdf(format="A4")) <= 2
    opened.close()
