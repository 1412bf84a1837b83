"""The Python API: the same documents `rolefit score --json` and `rolefit next --json` print,
for front ends that live in Python and should not start a process per answer.

Stability: `score`, `next_step` and `RolefitError` keep their names and parameters within a
major version, and the dicts they return follow the published JSON schemas (`rolefit schema
KIND`), whose `schema_version` changes whenever a field is removed or changes meaning.
Everything else in the package is internal and may change in any release.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Union

from rolefit import envelope
from rolefit.answers import read_sheet, sheet_from_document
from rolefit.data import load_pack, pack_files
from rolefit.errors import RolefitError
from rolefit.model import AnswerSheet, DataPack

Answers = Union[Mapping[str, Any], str, Path]
"""An answers document as a mapping (what an answers file parses to: `{"answers": {...},
"dealbreakers": [...]}` and optional metadata), or the path of an answers file."""


_LOADED: dict[str, DataPack] = {}
"""Packs loaded in this process, by everything they depend on (their files' bytes and
rolefit's code): a front end calls once per answer, and reading the pack is most of a call."""


def _pack(data_dir: str | Path | None) -> DataPack:
    from rolefit import cache

    if data_dir is not None and not isinstance(data_dir, (str, Path)):
        raise RolefitError(f"data_dir: expected the path of a data folder (a str or Path), not {type(data_dir).__name__}")
    folder = None if data_dir is None else Path(data_dir)
    key = cache.key(pack_files(folder))
    if key is None:
        return load_pack(folder)
    if key not in _LOADED:
        if len(_LOADED) >= 4:
            _LOADED.clear()
        _LOADED[key] = load_pack(folder)
    return _LOADED[key]


def _sheet(answers: Answers, pack: DataPack, require_answers: bool) -> AnswerSheet:
    if isinstance(answers, (str, Path)):
        return read_sheet(answers, pack, require_answers=require_answers)
    if not isinstance(answers, Mapping):
        raise RolefitError(f"answers: expected an answers document (a mapping with an 'answers' key) or the path "
                           f"of an answers file, not {type(answers).__name__}")
    return sheet_from_document(dict(answers), pack, "answers", require_answers=require_answers)


def score(answers: Answers, data_dir: str | Path | None = None) -> dict[str, Any]:
    """Score one answers document: exactly the dict `rolefit score FILE --json` prints.
    Raises RolefitError, with a message a person can act on, for answers that do not fit the
    pack (or a pack that does not load)."""
    from rolefit.scoring import score as score_sheet

    pack = _pack(data_dir)
    return envelope.result(pack, score_sheet(pack, _sheet(answers, pack, require_answers=True)))


def next_step(answers: Answers, data_dir: str | Path | None = None) -> dict[str, Any]:
    """What to ask next for these answers so far: exactly the dict `rolefit next FILE --json`
    prints. The answers are the whole state: the same answers always give the same step."""
    from rolefit.adaptive import next_step as choose

    pack = _pack(data_dir)
    return envelope.next_question(pack, choose(pack, _sheet(answers, pack, require_answers=False)))
