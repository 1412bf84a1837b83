"""The web form's logic, without HTTP or HTML: read a posted form, check the answers document
it carries, and work out the document after an answer, a skip or a step back.

The answers document is the whole state. It travels in the page as JSON and comes back with
every post, so nothing in it can be trusted: `read_post` refuses, with a message a person can
act on, anything the form itself would not send.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from rolefit import RolefitError
from rolefit.answers import sheet_from_document
from rolefit.documents import parse_text
from rolefit.model import DataPack

ACTIONS = ("start", "answer", "skip", "back", "download")
FIELDS = ("answers", "action", "question", "value", "respondent")
DOCUMENT_KEYS = ("respondent", "taken_at", "quiz_version", "dealbreakers", "answers")
"""The keys the form writes into the answers document; a posted document with any other is refused."""
DEALBREAKERS = "dealbreakers"
"""The id `rolefit next` gives the dealbreakers question; its answer is the document's `dealbreakers` list."""
MAX_NAME = 100
MAX_BODY = 256 * 1024
"""A whole quiz's answers are a few kilobytes; anything much bigger is not from the form."""


class BadPost(Exception):
    """A post the form would not send: the message says what was wrong, in one line."""


@dataclass(frozen=True)
class Post:
    document: dict[str, Any]
    action: str
    question: str
    values: tuple[str, ...]
    respondent: str


def _one(fields: dict[str, list[str]], name: str, default: str = "") -> str:
    given = fields.get(name, [default])
    if len(given) != 1:
        raise BadPost(f"the form sent {len(given)} values for '{name}', where it sends one")
    return given[0]


def read_post(body: bytes, pack: DataPack) -> Post:
    """The post's fields, with its answers document checked against the pack."""
    if len(body) > MAX_BODY:
        raise BadPost(f"the form sent {len(body)} bytes; a whole quiz's answers take far fewer")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body), max_num_fields=200)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadPost(f"the form's data could not be read ({exc})") from None
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise BadPost(f"the form sent a field it does not have: '{unknown[0]}'")
    action = _one(fields, "action")
    if action not in ACTIONS:
        raise BadPost(f"unknown action '{action}': the form's buttons are {', '.join(ACTIONS)}")
    document = {} if action == "start" else read_document(_one(fields, "answers"), pack)
    return Post(document=document, action=action, question=_one(fields, "question"),
                values=tuple(fields.get("value", [])), respondent=_one(fields, "respondent").strip())


def read_document(text: str, pack: DataPack) -> dict[str, Any]:
    """The answers document from the form's hidden field, refused unless the form could have
    written it: JSON, only the form's keys, only this quiz's questions, valid answers."""
    label = "the answers the page sent"
    try:
        document = parse_text(text, label, as_json=True)
    except RolefitError as exc:
        raise BadPost(str(exc)) from None
    if not isinstance(document, dict) or not isinstance(document.get("answers"), dict):
        raise BadPost(f"{label} are not an answers document (a JSON object with an 'answers' object)")
    extra = [key for key in document if key not in DOCUMENT_KEYS]
    if extra:
        raise BadPost(f"{label} have a key the form does not write: {extra[0]!r}")
    strange = [qid for qid in document["answers"] if pack.question(qid) is None]
    if strange:
        raise BadPost(f"{label} answer a question this quiz does not have: {strange[0]!r}")
    if document.get("quiz_version", pack.version) != pack.version:
        raise BadPost(f"{label} are for quiz version {document['quiz_version']!r}, and this server asks "
                      f"version {pack.version!r}: start again")
    try:
        sheet_from_document(document, pack, label, require_answers=False)
    except RolefitError as exc:
        raise BadPost(str(exc)) from None
    return dict(document)


def started(respondent: str, quiz_version: str, now: dt.datetime | None = None) -> dict[str, Any]:
    """A new answers document: who (when given), when, and which quiz, as `rolefit quiz` writes them."""
    name = "".join(ch for ch in respondent if ch.isprintable()).strip()[:MAX_NAME]
    when = (now or dt.datetime.now().astimezone()).replace(microsecond=0).isoformat()
    return {**({"respondent": name} if name else {}), "taken_at": when, "quiz_version": quiz_version, "answers": {}}


def answer_value(question: dict[str, Any], values: tuple[str, ...]) -> Any:
    """The posted values as the answer the document holds for this question (from `rolefit
    next`'s step); BadPost for a value the question does not offer. None: nothing was picked
    for a question that needs one pick."""
    kind = question["kind"]
    if kind == "multi":
        offered = [o["value"] for o in question["options"]]
        unknown = [v for v in values if v not in offered]
        if unknown or len(set(values)) != len(values):
            raise BadPost(f"{unknown[0]!r} is not an option of question {question['id']!r}" if unknown
                          else f"the form sent an option of question {question['id']!r} twice")
        return [v for v in offered if v in values]
    if not values:
        return None
    if len(values) > 1:
        raise BadPost(f"the form sent {len(values)} answers to question {question['id']!r}, which takes one")
    if kind == "likert":
        if values[0] not in ("1", "2", "3", "4", "5"):
            raise BadPost(f"{values[0]!r} is not an answer to question {question['id']!r}: it takes 1 to 5")
        return int(values[0])
    if values[0] not in [o["value"] for o in question["options"]]:
        raise BadPost(f"{values[0]!r} is not an option of question {question['id']!r}")
    return values[0]


def with_answer(document: dict[str, Any], question_id: str, value: Any) -> dict[str, Any]:
    """The document with this answer (None: skipped) added last, so that Back finds it first."""
    if question_id == DEALBREAKERS:
        return {**document, DEALBREAKERS: value}
    answers = {qid: given for qid, given in document["answers"].items() if qid != question_id}
    return {**document, "answers": {**answers, question_id: value}}


def without_last(document: dict[str, Any]) -> tuple[dict[str, Any], str | None, Any]:
    """The document without its latest answer, and that answer's question id and value: the
    last entry of `answers`, else the dealbreakers; (document, None, None) when it has neither."""
    answers = dict(document["answers"])
    if answers:
        question_id = next(reversed(answers))
        value = answers.pop(question_id)
        return {**document, "answers": answers}, question_id, value
    if DEALBREAKERS in document:
        rest = {key: value for key, value in document.items() if key != DEALBREAKERS}
        return rest, DEALBREAKERS, document[DEALBREAKERS]
    return document, None, None
