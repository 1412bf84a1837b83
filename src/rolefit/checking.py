"""Checking pack files: a collector of problems, each as `file:line: message`, and the small
checks every part of a pack shares (ids, text, numbers, lists of entries)."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Callable

from rolefit.documents import Mapping
from rolefit.errors import located

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
YAML_KEYWORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
"""Words YAML 1.1 reads as true, false or null: an answers file's `on: 5` would be `True: 5`,
and an answer `null` would be no answer, so no id or option value may be one of them (the
regular expression above already keeps out their capitalised forms and `~`)."""


def id_problem(value: str, what: str) -> str | None:
    """Why `value` cannot be an id or option value, or None when it can."""
    if not _ID.match(value):
        return f"{what} {value!r} must be lower_snake_case"
    if value in YAML_KEYWORDS:
        return f"{what} {value!r} reads as true/false or null in a YAML answers file; choose another word"
    return None


def control_characters(text: str) -> str | None:
    """The first control (or bidirectional-override) character in `text`, as an escape, or
    None: pack text is printed to terminals, and such characters could rewrite them."""
    bad = next((ch for ch in text if not ch.isprintable() and ch != "\n"), None)
    return None if bad is None else repr(bad)[1:-1]


class Checker:
    """Collects problems in one file, each pinned to a line where one is known."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[str] = []

    def add(self, line: int | None, message: str) -> None:
        self.problems.append(located(self.label, line, message))

    def mapping(self, value: Any, line: int | None, what: str) -> Mapping | None:
        if isinstance(value, Mapping):
            return value
        self.add(line, f"{what} must be a mapping, not {kind_of(value)}")
        return None

    def items(self, parent: Mapping, key: str, what: str, required: bool = True) -> list[Any]:
        value = parent.get(key)
        if value is None:
            if required:
                self.add(parent.line, f"{what}: missing '{key}'")
            return []
        if not isinstance(value, list) or (required and not value):
            self.add(parent.line_of(key), f"{what}: '{key}' must be a non-empty list")
            return []
        return value

    def text(self, parent: Mapping, key: str, what: str, required: bool = True) -> str | None:
        value = parent.get(key)
        if value is None:
            if required:
                self.add(parent.line, f"{what}: missing '{key}'")
            return None
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(parent.line_of(key), f"{what}: '{key}' must be text, not {kind_of(value)}")
            return None
        text = str(value).strip()
        bad = control_characters(text)
        if bad is not None:
            self.add(parent.line_of(key), f"{what}: '{key}' contains the control character {bad}")
            return None
        if required and not text:
            self.add(parent.line_of(key), f"{what}: '{key}' is empty")
            return None
        return text

    def texts(self, parent: Mapping, key: str, what: str) -> tuple[str, ...]:
        values = self.items(parent, key, what)
        good = tuple(v.strip() for v in values if isinstance(v, str) and v.strip())
        if len(good) != len(values):
            self.add(parent.line_of(key), f"{what}: every entry of '{key}' must be non-empty text")
        for entry in good:
            bad = control_characters(entry)
            if bad is not None:
                self.add(parent.line_of(key), f"{what}: an entry of '{key}' contains the control character {bad}")
                return tuple(v for v in good if control_characters(v) is None)
        return good

    def ident(self, parent: Mapping, what: str) -> str | None:
        value = self.text(parent, "id", what)
        problem = None if value is None else id_problem(value, "id")
        if problem is not None:
            self.add(parent.line_of("id"), f"{what}: {problem}")
            return None
        return value

    def number(self, value: Any, line: int | None, what: str, low: float, high: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(line, f"{what} must be a number, not {kind_of(value)}")
            return None
        if value != value:
            self.add(line, f"{what} is not a number (NaN); give a number from {low:g} to {high:g}")
            return None
        if not low <= value <= high:
            self.add(line, f"{what} must lie in {low:g}..{high:g}, not {value:g}")
            return None
        return float(value)

    def unique(self, entries: list[tuple[str, int | None]], what: str) -> None:
        seen: set[str] = set()
        for ident, line in entries:
            if ident in seen:
                self.add(line, f"duplicate {what} id {ident!r}")
            seen.add(ident)


def kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", Mapping: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def each(check: Checker, values: list[Any], what: str, build: Callable[[Mapping, str], Any],
         line: int | None = None) -> list[Any]:
    """Build each entry of a list; one that is not a mapping is a problem at the list's `line`."""
    built = []
    for index, value in enumerate(values, start=1):
        entry = check.mapping(value, line, f"{what} #{index}")
        if entry is not None:
            result = build(entry, f"{what} #{index}")
            if result is not None:
                built.append(result)
    return built


def entry_lines(entries: list[Any]) -> dict[Any, int | None]:
    """The line of each entry by its id (the last, where an id is repeated), in one pass:
    looking each id up in the list again would be quadratic in a large pack."""
    lines: dict[Any, int | None] = {}
    for entry in entries:
        if isinstance(entry, Mapping):
            try:
                lines[entry.get("id")] = entry.line
            except TypeError:
                continue
    return lines

