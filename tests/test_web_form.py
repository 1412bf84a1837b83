"""The web form example (examples/webform/app.py): the quiz in a browser, one page at a time,
with the answers document as the page's whole state.

The server runs as its README says to run it, `python examples/webform/app.py --port 0`, in a
process of its own. A real browser (the system's Chromium, driven by Playwright, with
JavaScript turned off) takes the quiz to the report; plain HTTP posts check what the server
refuses. The browser tests skip, saying why, when there is no Chromium. Set
ROLEFIT_SCREENSHOTS to a folder to keep a screenshot of each kind of page.
"""

from __future__ import annotations

import html
import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page
from typer.testing import CliRunner

import rolefit
from rolefit.cli import app
from rolefit.export_style import STYLE
from rolefit.model import DataPack
from tests.test_export_browser import browser  # noqa: F401  (the fixture: one Chromium a module)

APP = Path(__file__).resolve().parents[1] / "examples" / "webform" / "app.py"
NAME = "Ada <Lovelace> & co"
DEALBREAKER = "sales_quota"


# The server ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example's one command, on a free port; yields the address it prints."""
    folder = tmp_path_factory.mktemp("webform")
    env = {key: value for key, value in os.environ.items() if key != "ROLEFIT_DATA_DIR"}
    env["ROLEFIT_HOME"] = str(folder / "home")
    with open(folder / "stderr", "w+") as errors:
        process = subprocess.Popen([sys.executable, str(APP), "--port", "0"], stdout=subprocess.PIPE,
                                   stderr=errors, text=True, env=env)
        try:
            line = process.stdout.readline()  # type: ignore[union-attr]
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            assert found, f"the server printed {line!r}; stderr: {(folder / 'stderr').read_text()}"
            yield found.group(0)
        finally:
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()  # type: ignore[union-attr]
        errors.seek(0)
        assert "Traceback" not in errors.read()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str


def request(url: str, fields: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
            path: str = "") -> Reply:
    """GET, or with `fields` POST them as the form does (a list value repeats the field)."""
    data = None if fields is None else urllib.parse.urlencode(fields, doseq=True).encode()
    sent = urllib.request.Request(url + path, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(sent, timeout=30) as got:
            return Reply(got.status, dict(got.headers), got.read().decode())
    except urllib.error.HTTPError as failed:
        return Reply(failed.code, dict(failed.headers), failed.read().decode())


def hidden(body: str, name: str) -> str:
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', body)
    assert found, f"no hidden {name} field"
    return html.unescape(found.group(1))


def carried(body: str) -> dict[str, Any]:
    """The answers document a page carries."""
    return json.loads(hidden(body, "answers"))


def started(server: str, name: str = "") -> str:
    return request(server, {"action": "start", "respondent": name}).body


# A rule to answer by ----------------------------------------------------------------------------

def pick(question_id: str, kind: str, values: list[str]) -> list[str]:
    """The rule the browser answers by: spread over the scale or the options by the question's
    id, so that the answers vary; a pick-all question gets its first option or, now and then, none."""
    spread = zlib.crc32(question_id.encode())
    if kind == "checkbox":
        return [] if spread % 4 == 0 else values[:1]
    return [values[spread % len(values)]]


def as_answer(values: list[str], kind: str, likert: bool) -> Any:
    if kind == "checkbox":
        return values
    return int(values[0]) if likert else values[0]


# The browser --------------------------------------------------------------------------------------



@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A tab with JavaScript turned off: the form must work without it."""
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


def screenshot(page: Page, name: str) -> None:
    if os.environ.get("ROLEFIT_SCREENSHOTS"):
        folder = Path(os.environ["ROLEFIT_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"webform-{name}.png"), full_page=True)


def press(page: Page, action: str) -> None:
    with page.expect_navigation():
        page.click(f'button[name=action][value="{action}"]')


def on_question(page: Page) -> str:
    return page.locator("input[name=question]").get_attribute("value") or ""


def shown_document(page: Page) -> dict[str, Any]:
    """The answers document the page in the browser carries."""
    return json.loads(page.locator("input[name=answers]").get_attribute("value") or "")


def choose(page: Page, values: list[str]) -> None:
    """Tick these values and untick the others (a radio button is unticked by ticking another)."""
    for box in page.locator("input[name=value]").all():
        wanted = box.get_attribute("value") in values
        if wanted or box.get_attribute("type") == "checkbox":
            box.set_checked(wanted)


def start(page: Page, server: str, name: str = "") -> None:
    page.goto(server)
    page.fill("#respondent", name)
    press(page, "start")


@dataclass
class Taken:
    """A whole quiz taken in the browser: what was answered, in order, and what the pages showed."""
    answers: dict[str, Any] = field(default_factory=dict)
    progress: list[str] = field(default_factory=list)
    downloaded: dict[str, Any] = field(default_factory=dict)
    ranking: list[tuple[str, str]] = field(default_factory=list)
    title: str = ""


READ_PAGE = """() => {
    const question = document.querySelector("input[name=question]");
    if (!question) return null;
    const boxes = [...document.querySelectorAll("input[name=value]")];
    return {id: question.value, kind: boxes[0].type, values: boxes.map(b => b.value),
            progress: document.querySelector(".progress").innerText};
}"""
"""A question page's question id, the type and values of its inputs, and its progress line:
one call to the browser, to keep the 70-odd pages of a whole quiz quick."""

READ_RANKING = """rows => rows.map(r => [r.querySelector(".label").innerText,
                                          (r.querySelector(".value strong") || r.querySelector(".value")).innerText])"""


@pytest.fixture(scope="module")
def taken(browser: Browser, server: str) -> Taken:
    """The quiz from the start page to the report, ticking one dealbreaker and answering every
    question by `pick`; then the report's ranking as shown and the answers file it downloads."""
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    record = Taken()
    start(page, server, NAME)
    screenshot(page, "dealbreakers")
    choose(page, [DEALBREAKER])
    press(page, "answer")
    while (shown := page.evaluate(READ_PAGE)) is not None:
        likert = shown["kind"] == "radio" and shown["values"] == ["1", "2", "3", "4", "5"]
        chosen = pick(shown["id"], shown["kind"], shown["values"])
        if len(record.answers) == 1:
            screenshot(page, "likert" if likert else shown["kind"])
        record.progress.append(" ".join(shown["progress"].split()))
        for value in chosen:
            page.check(f'input[name=value][value="{value}"]')
        press(page, "answer")
        record.answers[shown["id"]] = as_answer(chosen, shown["kind"], likert)
        assert len(record.answers) <= 125, "the quiz did not end"
    screenshot(page, "report")
    record.title = page.title()
    record.ranking = [tuple(row) for row in page.locator(".ranking .bar-row").evaluate_all(READ_RANKING)]
    with page.expect_download() as download:
        page.click("button[value=download]")
    record.downloaded = yaml.safe_load(Path(download.value.path()).read_text())
    context.close()
    return record


# The quiz in the browser ----------------------------------------------------------------------------

def test_a_quiz_taken_in_the_browser_ends_on_the_report(taken: Taken, pack: DataPack) -> None:
    assert 10 <= len(taken.answers) < len(pack.questions)
    assert len(taken.ranking) == len(pack.roles)


def test_the_report_ranks_the_roles_as_rolefit_score_does_for_the_same_answers(taken: Taken, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(taken.downloaded))
    scored = CliRunner().invoke(app, ["score", str(path), "--json"])
    assert scored.exit_code == 0, scored.output
    ranking = json.loads(scored.stdout)["ranking"]
    assert [name for name, _ in taken.ranking] == [role["name"] for role in ranking]
    assert all(abs(float(shown) - role["fit"]) <= 0.5 for (_, shown), role in zip(taken.ranking, ranking))


def test_the_downloaded_answers_are_the_answers_given_in_the_browser(taken: Taken, pack: DataPack) -> None:
    assert taken.downloaded["answers"] == taken.answers
    assert taken.downloaded["dealbreakers"] == [DEALBREAKER]
    assert taken.downloaded["respondent"] == NAME and taken.downloaded["quiz_version"] == pack.version


def test_the_report_is_headed_with_the_name_given_on_the_start_page(taken: Taken) -> None:
    assert taken.title.startswith(f"rolefit report for {NAME}")


def test_the_progress_line_counts_the_questions_and_about_how_many_are_left(taken: Taken) -> None:
    numbers = [re.fullmatch(r"Question (\d+) · about (\d+) to go", line) for line in taken.progress]
    assert all(numbers), taken.progress
    assert [int(m.group(1)) for m in numbers if m] == list(range(1, len(taken.progress) + 1))
    assert int(numbers[0].group(2)) > int(numbers[-1].group(2)) >= 1  # type: ignore[union-attr]


def test_back_shows_the_earlier_answer_chosen_and_a_changed_answer_replaces_it(page: Page, server: str) -> None:
    start(page, server)
    press(page, "answer")  # no dealbreakers
    first = on_question(page)
    choose(page, ["2"])
    press(page, "answer")
    press(page, "back")
    assert on_question(page) == first
    assert page.is_checked('input[name=value][value="2"]')
    assert page.locator("input[name=value]:checked").count() == 1
    choose(page, ["5"])
    press(page, "answer")
    document = shown_document(page)
    assert document["answers"] == {first: 5} and document["dealbreakers"] == []
    assert on_question(page) == rolefit.next_step(document)["question"]["id"]


def test_back_from_the_first_question_shows_the_dealbreakers_ticked_then_the_start_with_the_name(
        page: Page, server: str) -> None:
    start(page, server, NAME)
    choose(page, ["on_stage", "stop_coding"])
    press(page, "answer")
    press(page, "back")
    assert on_question(page) == "dealbreakers"
    ticked = page.locator("input[name=value]:checked").evaluate_all("all => all.map(b => b.value)")
    assert ticked == ["on_stage", "stop_coding"]
    press(page, "back")
    assert page.input_value("#respondent") == NAME


def test_skip_leaves_the_question_unanswered_and_moves_on(page: Page, server: str) -> None:
    start(page, server)
    press(page, "answer")
    first = on_question(page)
    press(page, "skip")
    document = shown_document(page)
    assert document["answers"] == {first: None}
    assert on_question(page) != first


def test_the_quiz_can_be_answered_with_the_keyboard_alone(page: Page, server: str) -> None:
    """Tab to the answers, arrow keys to choose, Enter to go on."""
    page.goto(server)
    page.keyboard.press("Tab")  # the name field
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # tick the first dealbreaker
    with page.expect_navigation():
        page.keyboard.press("Enter")
    first = on_question(page)
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    document = shown_document(page)
    assert document["dealbreakers"] == ["regular_travel"]
    assert document["answers"] == {first: 3}


def test_every_answer_is_labelled_inside_a_fieldset_whose_legend_is_the_question(page: Page, server: str) -> None:
    start(page, server)
    for _ in range(2):  # the dealbreakers, then a question
        step = rolefit.next_step(shown_document(page))
        legend = " ".join(page.inner_text("fieldset > legend").split())
        assert legend == step["question"]["text"]
        labels = page.locator("fieldset label").all_inner_texts()
        expected = step["question"].get("scale") or [o["label"] for o in step["question"]["options"]]
        assert [" ".join(text.split()) for text in labels] == expected
        assert page.locator("fieldset label > input[name=value]").count() == len(expected)
        press(page, "answer" if step["question"]["id"] == "dealbreakers" else "skip")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_question_page_fits_the_window_without_scrolling_sideways(browser: Browser, server: str, width: int) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    page = context.new_page()
    start(page, server)
    press(page, "answer")
    scroll_width, window_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    context.close()
    assert scroll_width <= window_width


# Plain HTTP: what the server refuses ------------------------------------------------------------------

def test_the_server_listens_on_this_computer_only(server: str) -> None:
    port = urllib.parse.urlsplit(server).port
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this finds the outward address
            outward = probe.getsockname()[0]
    except OSError:
        outward = ""
    if not outward or outward.startswith("127."):
        pytest.skip("this machine has no address but the loopback")
    with pytest.raises(OSError):
        socket.create_connection((outward, port), timeout=5).close()


def test_a_request_addressed_to_another_host_is_refused(server: str) -> None:
    port = urllib.parse.urlsplit(server).port
    refused = request(server, headers={"Host": f"rebound.example:{port}"})
    assert refused.status == 400 and "127.0.0.1" in refused.body
    assert request(f"http://localhost:{port}/").status == 200


def test_a_form_posted_from_another_site_is_refused(server: str) -> None:
    refused = request(server, {"action": "start"}, headers={"Origin": "http://elsewhere.example"})
    assert refused.status == 403


FIRST = "{first}"
"""Stands for the first question `rolefit next` asks after the dealbreakers."""
TAMPERED = {
    "not-json": ({"answers": "{not json", "action": "answer", "question": "dealbreakers"}, "not valid JSON"),
    "not-a-document": ({"answers": "[1, 2]", "action": "answer", "question": "dealbreakers"}, "not an answers document"),
    "unknown-key": ({"answers": json.dumps({"answers": {}, "admin": True}), "action": "back"}, "&#x27;admin&#x27;"),
    "unknown-question": ({"answers": json.dumps({"answers": {"no_such_question": 3}}), "action": "back"},
                         "no_such_question"),
    "answer-out-of-range": ({"answers": json.dumps({"answers": {FIRST: 9}}), "action": "back"},
                            FIRST),
    "unknown-dealbreaker": ({"answers": json.dumps({"answers": {}, "dealbreakers": ["naps"]}), "action": "back"},
                            "naps"),
    "other-quiz-version": ({"answers": json.dumps({"answers": {}, "quiz_version": "0.1"}), "action": "back"}, "0.1"),
    "unknown-action": ({"answers": json.dumps({"answers": {}}), "action": "delete"}, "delete"),
    "unknown-field": ({"answers": json.dumps({"answers": {}}), "action": "back", "debug": "1"}, "debug"),
    "unknown-option": ({"answers": json.dumps({"answers": {}}), "action": "answer", "question": "dealbreakers",
                        "value": ["naps"]}, "naps"),
    "likert-out-of-range": ({"answers": json.dumps({"answers": {}, "dealbreakers": []}), "action": "answer",
                             "question": FIRST, "value": "6"}, "6"),
    "two-answers-to-one": ({"answers": json.dumps({"answers": {}, "dealbreakers": []}), "action": "answer",
                            "question": FIRST, "value": ["2", "3"]}, "takes one"),
    "not-the-question-asked": ({"answers": json.dumps({"answers": {}, "dealbreakers": []}), "action": "answer",
                                "question": "dealbreakers", "value": []}, FIRST),
    "skipped-dealbreakers": ({"answers": json.dumps({"answers": {}}), "action": "skip", "question": "dealbreakers"},
                             "dealbreakers"),
}


@pytest.mark.parametrize("fields, named", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_post_the_form_would_not_send_gets_a_400_page_saying_what_was_wrong(
        server: str, fields: dict[str, Any], named: str) -> None:
    first = rolefit.next_step({"answers": {}, "dealbreakers": []})["question"]["id"]
    refused = request(server, {key: json.loads(json.dumps(value).replace(FIRST, first)) for key, value in fields.items()})
    named = named.replace(FIRST, first)
    assert refused.status == 400 and refused.headers["Content-Type"].startswith("text/html")
    assert "That did not work" in refused.body and named in refused.body
    assert "Traceback" not in refused.body


def test_an_error_page_escapes_what_the_post_sent(server: str) -> None:
    refused = request(server, {"answers": json.dumps({"answers": {}}), "action": "answer",
                               "question": "dealbreakers", "value": "<script>alert(1)</script>"})
    assert refused.status == 400
    assert "<script>" not in refused.body and "&lt;script&gt;" in refused.body


def test_a_name_is_carried_and_shown_escaped(server: str) -> None:
    page = started(server, NAME)
    assert carried(page)["respondent"] == NAME
    assert NAME not in page and html.escape(NAME, quote=True) in page


def test_next_without_an_answer_asks_again_with_a_message(server: str) -> None:
    document = {**carried(started(server)), "dealbreakers": []}
    step = rolefit.next_step(document)
    again = request(server, {"answers": json.dumps(document), "action": "answer", "question": step["question"]["id"]})
    assert again.status == 400 and 'role="alert"' in again.body
    assert hidden(again.body, "question") == step["question"]["id"]


def finished() -> dict[str, Any]:
    """A whole quiz's answers, answered by `pick` in the order `rolefit next` asks."""
    document: dict[str, Any] = {"dealbreakers": [DEALBREAKER], "answers": {}}
    while not (step := rolefit.next_step(document))["done"]:
        question = step["question"]
        values = [str(n) for n in range(1, 6)] if question["kind"] == "likert" else [o["value"] for o in question["options"]]
        kind = "checkbox" if question["kind"] == "multi" else "radio"
        document["answers"][question["id"]] = as_answer(pick(question["id"], kind, values), kind, question["kind"] == "likert")
    return document


def test_back_from_the_report_shows_the_last_question_with_its_answer_chosen(server: str) -> None:
    document = finished()
    last, value = list(document["answers"].items())[-1]
    back = request(server, {"answers": json.dumps(document), "action": "back"})
    assert back.status == 200 and hidden(back.body, "question") == last
    chosen = re.findall(r'<input type="(?:radio|checkbox)" name="value" value="([^"]*)" checked', back.body)
    assert chosen == ([str(value)] if not isinstance(value, list) else value)


def test_download_gives_an_answers_file_that_rolefit_reads(server: str, tmp_path: Path) -> None:
    first = rolefit.next_step({"answers": {}, "dealbreakers": []})["question"]["id"]
    document = {**carried(started(server)), "dealbreakers": [], "answers": {first: 4}}
    got = request(server, {"answers": json.dumps(document), "action": "download"}, path="answers.yaml")
    assert got.status == 200 and "attachment" in got.headers["Content-Disposition"]
    path = tmp_path / "answers.yaml"
    path.write_text(got.body)
    assert rolefit.score(str(path)) == rolefit.score(document)


def test_the_pages_use_the_html_exports_stylesheet(server: str) -> None:
    assert STYLE in request(server).body


def test_an_unknown_address_is_a_404_page(server: str) -> None:
    missing = request(server, path="admin")
    assert missing.status == 404 and "That did not work" in missing.body


def test_a_quiz_with_every_question_skipped_ends_on_a_page_saying_there_is_nothing_to_score(
        server: str, pack: DataPack) -> None:
    document = {"dealbreakers": [], "answers": {q.id: None for q in pack.questions[:-1]}}
    last = request(server, {"answers": json.dumps(document), "action": "skip", "question": pack.questions[-1].id})
    assert last.status == 200 and "Nothing to score" in last.body
    assert carried(last.body)["answers"] == {**document["answers"], pack.questions[-1].id: None}


# The command --------------------------------------------------------------------------------------

def test_a_port_in_use_is_refused_with_exit_code_2_and_the_way_to_a_free_one() -> None:
    with socket.socket() as taken_port:
        taken_port.bind(("127.0.0.1", 0))
        taken_port.listen()
        done = subprocess.run([sys.executable, str(APP), "--port", str(taken_port.getsockname()[1])],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--port 0" in done.stderr and "Traceback" not in done.stderr
