"""`rolefit answer`: record one answer in an answers file, so that a script can take the whole
quiz with `rolefit next` and `rolefit answer` alone.

The values come as command-line words and are checked against the question (`answer_from`,
pure); the file is read, changed and written back under the lock a quiz holds on its file
(`record`), keeping its comments, layout and other keys as `quiz --resume` does.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from rolefit.adaptive import DEALBREAKERS, dealbreaker_question
from rolefit.answers import OWNED, picked, same_answers, save_sheet, sheet_from_document
from rolefit.errors import RolefitError, escaped
from rolefit.model import LIKERT_POINTS, Answer, AnswerSheet, DataPack, Question

_KINDS = {"likert": "an agree/disagree statement", "choice": "a choose-one question", "multi": "a pick-all question"}


def question_for(pack: DataPack, qid: str) -> Question:
    """The question `qid` names: one of the bank's, or the dealbreakers step `rolefit next`
    asks first; an unknown id is an error that suggests the nearest one."""
    found = pack.question(qid)
    if found is not None:
        return found
    if qid == DEALBREAKERS:
        step = dealbreaker_question(pack)
        if step is None:
            raise RolefitError(f"{DEALBREAKERS!r}: this quiz has no dealbreakers to answer")
        return step
    from difflib import get_close_matches

    from rolefit.invocation import command

    ids = [q.id for q in pack.questions] + ([DEALBREAKERS] if pack.dealbreakers else [])
    close = get_close_matches(qid, ids, n=1, cutoff=0.6) if len(qid) <= 200 else []
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise RolefitError(f"{_shown(qid)}: no such question in this quiz{hint} ('{command('questions')}' lists every id)")


def is_dealbreakers(question: Question) -> bool:
    """Whether `question` is the dealbreakers step rather than a question of the bank."""
    return question.id == DEALBREAKERS and question.section == DEALBREAKERS


def answer_from(pack: DataPack, question: Question, values: list[str], skip: bool) -> Answer:
    """The answer the words `values` give `question`, or an error naming the question and
    what it takes. `skip` records a skip (None); for the dealbreakers, as in the quiz, a skip
    names none of them."""
    if skip and values:
        raise RolefitError(f"{question.id!r}: --skip records no answer, so give either --skip or "
                           f"{'values' if question.kind == 'multi' else 'a value'}, not both")
    if is_dealbreakers(question):
        return () if skip else _picks(question, values, "dealbreaker")
    if skip:
        return None
    if question.kind == "multi":
        return _picks(question, values, "option")
    if len(values) != 1:
        given = "no answer was given" if not values else f"not {len(values)} values"
        raise RolefitError(f"{question.id!r}: {_KINDS[question.kind]} takes one answer ({given}): "
                           f"{_allowed(pack, question)}, or --skip")
    return _likert(pack, question, values[0]) if question.kind == "likert" else _choice(pack, question, values[0])


def _likert(pack: DataPack, question: Question, value: str) -> int:
    point = value.strip()
    if point in {str(p) for p in LIKERT_POINTS}:  # ASCII digits only: int() takes '٣' and chokes on '²'
        return int(point)
    raise RolefitError(f"{question.id!r}: {_shown(value)} is not a point of the scale; give {_allowed(pack, question)}")


def _choice(pack: DataPack, question: Question, value: str) -> str:
    if question.option(value) is not None:
        return value
    raise RolefitError(f"{question.id!r}: {_shown(value)} is not one of its options; give {_allowed(pack, question)}")


def _picks(question: Question, values: list[str], what: str) -> tuple[str, ...]:
    """A pick-all answer: any of the options, each once, in the question's order; none is []."""
    for value in values:
        if question.option(value) is None:
            raise RolefitError(f"{question.id!r}: no {what} {_shown(value)}; give any of "
                               f"{', '.join(o.value for o in question.options)}, or none of them for none")
        if values.count(value) > 1:
            raise RolefitError(f"{question.id!r}: names {_shown(value)} twice; give each {what} once")
    return picked(question, values)


def _allowed(pack: DataPack, question: Question) -> str:
    if question.kind == "likert":
        return f"a whole number from 1 ({pack.scale[0].lower()}) to 5 ({pack.scale[-1].lower()})"
    return "one of " + ", ".join(o.value for o in question.options)


def _shown(value: str) -> str:
    return repr(escaped(value if len(value) <= 80 else value[:60] + "..."))


def with_answer(sheet: AnswerSheet, question: Question, answer: Answer) -> AnswerSheet:
    """The sheet with `answer` recorded: the dealbreakers step sets the sheet's dealbreakers
    (and says they were asked); any other question's answer goes in `answers`."""
    if is_dealbreakers(question):
        return replace(sheet, dealbreakers=tuple(answer or ()), dealbreakers_asked=True)  # type: ignore[arg-type]
    return replace(sheet, answers={**sheet.answers, question.id: answer})


def record(pack: DataPack, path: Path, question: Question, answer: Answer) -> AnswerSheet:
    """Record `answer` in the answers file at `path` (made if it is missing or empty) and
    return the sheet it now holds. The file is claimed as a quiz claims its file, so an
    answer never lands in a file a quiz is saving to; it is written atomically, and only
    when the answer changes it."""
    if str(path) == "-":
        raise RolefitError("answer writes the answers file, so FILE must be a path, not - (stdin)")
    if not path.parent.is_dir():
        raise RolefitError(f"{path}: the folder {path.parent} does not exist; create it first")
    from rolefit.locking import ANSWER, Claim

    claim = Claim(path, ANSWER)
    claim.take()
    try:
        text, document, sheet = _current(pack, path)
        recorded = with_answer(sheet, question, answer)
        if text is None or not same_answers(recorded, sheet):
            save_sheet(path, recorded, pack, document, text)
        return recorded
    finally:
        claim.release()


def _current(pack: DataPack, path: Path) -> tuple[str | None, dict[str, Any] | None, AnswerSheet]:
    """The file's text, document and sheet; for a file that does not exist yet (or is empty,
    as `mktemp` makes it), no text and a new sheet."""
    from rolefit.documents import decode_text, parse_text, read_bytes

    if not path.exists() and not path.is_symlink():
        return None, None, _new_sheet(pack)
    raw = read_bytes(path)
    if not raw.strip():
        return None, None, _new_sheet(pack)
    text = decode_text(raw, str(path))
    document = parse_text(text, str(path), as_json=str(path).lower().endswith(".json"))
    if isinstance(document, dict) and "answers" not in document and set(document) <= set(OWNED):
        document = {**document, "answers": {}}
    sheet = sheet_from_document(document, pack, str(path), require_answers=False)
    if sheet.unknown:
        shown = ", ".join(sheet.unknown[:3]) + (", ..." if len(sheet.unknown) > 3 else "")
        raise RolefitError(f"{path}: answers {len(sheet.unknown)} question(s) this quiz does not have ({shown}); "
                           "is it another quiz's file? (--data-dir chooses the data pack; writing would drop them)")
    return text, document, sheet


def _new_sheet(pack: DataPack) -> AnswerSheet:
    """A new file's sheet: this quiz's version and when the answering began; the dealbreakers
    not yet asked, so that `rolefit next` asks them."""
    started = _dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    return AnswerSheet(answers={}, taken_at=started, quiz_version=pack.version, dealbreakers_asked=False)
