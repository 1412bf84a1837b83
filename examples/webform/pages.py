"""The web form's pages: the start, one question at a time, the report and the error page.

They share the HTML export's stylesheet (`rolefit.export_style`), so the form looks like the
report it leads to, and add a few rules of their own for the form. No page has a script. Every
piece of text that comes from the answers, the data pack or a post goes through `e` on its
way into the HTML.
"""

from __future__ import annotations

import html
import json
from typing import Any

from rolefit.export_style import STYLE

FORM_STYLE = """
.progress { margin: .35rem 0 0; font-weight: 600; color: #4b5a54; }
progress { display: block; width: 100%; height: .5rem; margin-top: .4rem; accent-color: #1f6f50; }
fieldset { border: 0; margin: 1.5rem 0 0; padding: 0; min-width: 0; }
legend { padding: 0; }
legend h1 { font-size: 1.4rem; margin-bottom: .4rem; }
.hint { color: #5b6470; margin: 0 0 .6rem; }
.options { list-style: none; margin: .4rem 0 0; padding: 0; display: grid; gap: .45rem; }
.options label { display: flex; gap: .7rem; align-items: flex-start; padding: .6rem .85rem; cursor: pointer;
                 border: 1px solid #c5ccd1; border-radius: 8px; }
.options label:hover { border-color: #1f6f50; }
.options label:has(input:checked) { border-color: #1f6f50; background: #f2f7f4; font-weight: 600; }
.options input { flex: none; width: 1.15rem; height: 1.15rem; margin: .2rem 0 0; accent-color: #1f6f50; }
.field label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
.field input { font: inherit; width: 100%; max-width: 24rem; padding: .45rem .6rem; border: 1px solid #8a949c;
               border-radius: 6px; }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1.4rem 0 0; padding: 0; }
button, .button { font: inherit; line-height: 1.3; padding: .55rem 1.15rem; border-radius: 8px; cursor: pointer;
                  border: 1px solid #1f6f50; background: #fff; color: #1f6f50; text-decoration: none; }
button.primary { background: #1f6f50; color: #fff; font-weight: 600; }
button:hover, .button:hover { border-width: 2px; padding: calc(.55rem - 1px) calc(1.15rem - 1px); }
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #35608f; outline-offset: 2px; }
.problem { border-left: 4px solid #b3261e; background: #fdecea; padding: .5rem .8rem; margin: 1rem 0; }
.webform { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: 0 0 1.2rem; }
.webform form { margin: 0; }
.webform p { flex-basis: 100%; margin: 0; color: #5b6470; font-size: .88rem; }
@media print { .webform { display: none; } }
"""

LIKELY_QUESTIONS = "about {} questions"


def e(text: Any) -> str:
    """Text as HTML, quotes included, so that it is safe in an element and in an attribute."""
    return html.escape(str(text), quote=True)


def document_field(document: dict[str, Any]) -> str:
    """The hidden field that carries the answers document, the form's whole state."""
    return f'<input type="hidden" name="answers" value="{e(json.dumps(document, ensure_ascii=False))}">'


def page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>{STYLE}{FORM_STYLE}</style></head>
<body><main>
{body}
<footer>rolefit web form: your answers stay on this computer, in this page.</footer>
</main></body></html>
"""


def masthead(kicker: str, heading: str, progress: str = "", done: int = 0, total: int = 0) -> str:
    bar = (f'<progress max="{total}" value="{done}" aria-label="Progress through the quiz">'
           f"{done} of {total}</progress>" if total else "")
    return (f'<header class="masthead"><p class="kicker">{e(kicker)}</p>'
            + (f"<h1>{e(heading)}</h1>" if heading else "")
            + (f'<p class="progress">{e(progress)}</p>' if progress else "") + bar + "</header>")


def start(roles: int, about: int, respondent: str = "") -> str:
    """The first page: what the quiz is, an optional name for the report, and Start."""
    body = (masthead("rolefit career-fit quiz", "Which role fits you?")
            + "<p>The quiz asks about your skills and what you like doing, one question at a time, and "
            f"compares your answers with what each of {roles} roles asks for. It chooses each question "
            "from your answers so far and stops once the result is settled; at the start it expects "
            f"{e(LIKELY_QUESTIONS.format(about))}. Skip any question you would rather "
            "not answer; Back goes back one question. Your answers stay on this computer.</p>"
            '<form method="post" action="/">'
            '<div class="field"><label for="respondent">Your name, for the report (optional)</label>'
            f'<input type="text" id="respondent" name="respondent" maxlength="100" autocomplete="name" '
            f'value="{e(respondent)}"></div>'
            '<div class="actions"><button type="submit" class="primary" name="action" value="start">'
            "Start the quiz</button></div></form>")
    return page("rolefit: career-fit quiz", body)


def _option(kind: str, value: str, label: str, chosen: bool, index: int) -> str:
    input_type = "checkbox" if kind == "multi" else "radio"
    required = " required" if kind != "multi" and index == 0 else ""
    return (f'<li><label><input type="{input_type}" name="value" value="{e(value)}"'
            f'{" checked" if chosen else ""}{required}> <span>{e(label)}</span></label></li>')


def choices(question: dict[str, Any], chosen: Any) -> list[str]:
    """The question's answers as list items, the chosen ones (a Back's earlier answer) ticked."""
    if question["kind"] == "likert":
        return [_option("likert", str(n), label, chosen == n, n - 1)
                for n, label in enumerate(question["scale"], start=1)]
    picked = set(chosen or []) if question["kind"] == "multi" else {chosen}
    return [_option(question["kind"], o["value"], o["label"], o["value"] in picked, i)
            for i, o in enumerate(question["options"])]


def progress_text(step: dict[str, Any]) -> str:
    """"Question 5 · about 62 to go", from the step's `asked` and `about_remaining`."""
    if step["question"]["id"] == "dealbreakers":
        return f"Before the questions · {LIKELY_QUESTIONS.format(step['about_remaining'] - 1)} after this"
    return f"Question {step['asked'] + 1} · about {step['about_remaining']} to go"


def question(step: dict[str, Any], document: dict[str, Any], section: str, chosen: Any = None,
             problem: str = "") -> str:
    """One question from `rolefit next`'s step, as a fieldset with a legend: its answers,
    then Next, Skip and Back. Next comes first, so Enter answers; Skip and Back send the form
    without the browser's check that an answer is picked."""
    asked = step["question"]
    is_dealbreakers = asked["id"] == "dealbreakers"
    hint = ""
    if asked["kind"] == "multi" and not is_dealbreakers:
        hint = '<p class="hint" id="hint">Tick all that apply, or none if none do.</p>'
    alert = f'<p class="problem" role="alert" id="problem">{e(problem)}</p>' if problem else ""
    described = " ".join(part for part, present in (("problem", problem), ("hint", hint)) if present)
    fieldset = f'<fieldset aria-describedby="{described}">' if described else "<fieldset>"
    skip = ("" if is_dealbreakers else
            '<button type="submit" name="action" value="skip" formnovalidate>Skip</button>')
    body = (masthead(f"rolefit · {section}", "", progress_text(step), step["asked"],
                     step["asked"] + step["about_remaining"])
            + alert + '<form method="post" action="/">' + document_field(document)
            + f'<input type="hidden" name="question" value="{e(asked["id"])}">'
            + fieldset
            + f'<legend><h1>{e(asked["text"])}</h1></legend>{hint}'
            + '<ul class="options">' + "".join(choices(asked, chosen)) + "</ul></fieldset>"
            + '<div class="actions"><button type="submit" class="primary" name="action" value="answer">Next</button>'
            + skip + '<button type="submit" name="action" value="back" formnovalidate>Back</button></div></form>')
    return page(f"{asked['text']} - rolefit", body)


def report(exported: str, document: dict[str, Any]) -> str:
    """The HTML export with the form's own actions put at the top of its page: download the
    answers, change the last one, start again. They are left out when it is printed."""
    actions = ('<nav class="webform" aria-label="Your answers">'
               f'<form method="post" action="/answers.yaml">{document_field(document)}'
               '<button type="submit" class="primary" name="action" value="download">Download answers</button></form>'
               f'<form method="post" action="/">{document_field(document)}'
               '<button type="submit" name="action" value="back">Change my last answer</button></form>'
               '<a class="button" href="/">Start again</a>'
               "<p>The answers file (YAML) is what <code>rolefit quiz --save</code> writes: "
               "<code>rolefit score FILE</code> shows this report again.</p></nav>")
    marker, style_end = "<body><main>", "</style>"
    if marker not in exported or style_end not in exported:
        raise ValueError("the HTML export no longer has the <body><main> and </style> this page adds to")
    with_style = exported.replace(style_end, FORM_STYLE + style_end, 1)
    return with_style.replace(marker, marker + "\n" + actions, 1)


def nothing_to_score(document: dict[str, Any], message: str) -> str:
    body = (masthead("rolefit career-fit quiz", "Nothing to score yet")
            + f"<p>{e(message)}. Go back and answer a question or two, or start again.</p>"
            + f'<form method="post" action="/" class="actions">{document_field(document)}'
            + '<button type="submit" class="primary" name="action" value="back">Back</button>'
            + '<a class="button" href="/">Start again</a></form>')
    return page("Nothing to score - rolefit", body)


def problem(status: int, reason: str, message: str) -> str:
    """An error page: what was wrong, in one line, and a way back to the start."""
    body = (masthead(f"rolefit · {status} {reason}", "That did not work")
            + f'<p class="problem" role="alert">{e(message[:1].upper() + message[1:].rstrip("."))}.</p>'
            + "<p>Your browser's Back button returns to the page you came from, with your answers; "
            + 'or <a href="/">start the quiz again</a>.</p>')
    return page(f"{status} {reason} - rolefit", body)
