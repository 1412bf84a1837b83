"""Find, load and check a data pack (questions.yaml and roles.yaml).

Loading collects every problem it finds, each as `file:line: message`, so `rolefit validate`
can list them all; any other command stops at a broken pack with the first one.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from rolefit import cache
from rolefit.documents import Mapping, load_document
from rolefit.errors import RolefitError, located
from rolefit.model import (
    Advice,
    DataPack,
    Dealbreaker,
    Option,
    Question,
    Reason,
    Role,
    Section,
    Source,
    Target,
    Trait,
)

QUESTIONS_FILE = "questions.yaml"
ROLES_FILE = "roles.yaml"
MAX_PACK_FILE_BYTES = 2 * 1024 * 1024
MIN_ITEMS_PER_TRAIT = 3
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
YAML_KEYWORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
"""Words YAML 1.1 reads as true, false or null: an answers file's `on: 5` would be `True: 5`,
and an answer `null` would be no answer, so no id or option value may be one of them (the
regular expression above already keeps out their capitalised forms and `~`)."""


def _id_problem(value: str, what: str) -> str | None:
    """Why `value` cannot be an id or option value, or None when it can."""
    if not _ID.match(value):
        return f"{what} {value!r} must be lower_snake_case"
    if value in YAML_KEYWORDS:
        return f"{what} {value!r} reads as true/false or null in a YAML answers file; choose another word"
    return None


def _control_characters(text: str) -> str | None:
    """The first control (or bidirectional-override) character in `text`, as an escape, or
    None: pack text is printed to terminals, and such characters could rewrite them."""
    bad = next((ch for ch in text if not ch.isprintable() and ch != "\n"), None)
    return None if bad is None else repr(bad)[1:-1]


def default_data_dir() -> Path:
    """The pack shipped with rolefit.

    A wheel carries it inside the package (rolefit/data); an editable install or a source
    checkout does not, so then it is data/ at the top of the repository. importlib.resources
    is asked only when neither folder exists (a package imported from a zip, say): importing
    it costs more start-up time than scoring does, and on a file system it names the same
    folder as __file__.
    """
    here = Path(__file__).resolve().parent
    for folder in (here / "data", here.parents[1] / "data"):
        if (folder / QUESTIONS_FILE).is_file():
            return folder
    import importlib.resources

    return Path(str(importlib.resources.files("rolefit") / "data"))


class _Checker:
    """Collects problems in one file, each pinned to a line where one is known."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[str] = []

    def add(self, line: int | None, message: str) -> None:
        self.problems.append(located(self.label, line, message))

    def mapping(self, value: Any, line: int | None, what: str) -> Mapping | None:
        if isinstance(value, Mapping):
            return value
        self.add(line, f"{what} must be a mapping, not {_kind(value)}")
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
            self.add(parent.line_of(key), f"{what}: '{key}' must be text, not {_kind(value)}")
            return None
        text = str(value).strip()
        bad = _control_characters(text)
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
            bad = _control_characters(entry)
            if bad is not None:
                self.add(parent.line_of(key), f"{what}: an entry of '{key}' contains the control character {bad}")
                return tuple(v for v in good if _control_characters(v) is None)
        return good

    def ident(self, parent: Mapping, what: str) -> str | None:
        value = self.text(parent, "id", what)
        problem = None if value is None else _id_problem(value, "id")
        if problem is not None:
            self.add(parent.line_of("id"), f"{what}: {problem}")
            return None
        return value

    def number(self, value: Any, line: int | None, what: str, low: float, high: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(line, f"{what} must be a number, not {_kind(value)}")
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


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", Mapping: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _each(check: _Checker, values: list[Any], what: str, build: Callable[[Mapping, str], Any],
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


# questions.yaml ---------------------------------------------------------------------------

def _section(check: _Checker, entry: Mapping, what: str) -> Section | None:
    ident, title = check.ident(entry, what), check.text(entry, "title", what)
    return Section(ident, title) if ident and title else None


def _trait(check: _Checker, entry: Mapping, what: str) -> Trait | None:
    ident = check.ident(entry, what)
    what = f"trait {ident!r}" if ident else what
    fields = {k: check.text(entry, k, what) for k in ("name", "kind", "description", "high", "low")}
    middle = check.text(entry, "middle", what, required=False) or ""
    if fields["kind"] is not None and fields["kind"] not in ("skill", "preference"):
        check.add(entry.line_of("kind"), f"{what}: kind must be 'skill' or 'preference'")
        return None
    if ident is None or any(v is None for v in fields.values()):
        return None
    return Trait(id=ident, middle=middle, **fields)  # type: ignore[arg-type]


def _loadings(check: _Checker, parent: Mapping, what: str, traits: set[str], required: bool) -> dict[str, float] | None:
    raw = parent.get("traits")
    if raw is None and not required:
        return {}
    loadings = check.mapping(raw, parent.line_of("traits"), f"{what}: 'traits'")
    if loadings is None:
        return None
    if required and not loadings:
        check.add(parent.line_of("traits"), f"{what}: 'traits' must load on at least one trait")
        return None
    result: dict[str, float] = {}
    for trait_id, weight in loadings.items():
        line = loadings.line_of(trait_id)
        if trait_id not in traits:
            check.add(line, f"{what}: unknown trait {trait_id!r}")
            continue
        value = check.number(weight, line, f"{what}: loading on {trait_id!r}", -1.0, 1.0)
        if value == 0:
            check.add(line, f"{what}: loading on {trait_id!r} is 0; leave the trait out instead")
        elif value is not None:
            result[str(trait_id)] = value
    return result


def _option(check: _Checker, entry: Mapping, what: str, traits: set[str]) -> Option | None:
    value, label = check.text(entry, "value", what), check.text(entry, "label", what)
    problem = None if value is None else _id_problem(value, "value")
    if problem is not None:
        check.add(entry.line_of("value"), f"{what}: {problem}")
        return None
    loadings = _loadings(check, entry, what, traits, required=False)
    if value is None or label is None or loadings is None:
        return None
    return Option(value, label, loadings)


def _question(check: _Checker, entry: Mapping, what: str, traits: set[str], sections: set[str]) -> Question | None:
    ident = check.ident(entry, what)
    what = f"question {ident!r}" if ident else what
    kind, section, text = (check.text(entry, k, what) for k in ("kind", "section", "text"))
    if section is not None and section not in sections:
        check.add(entry.line_of("section"), f"{what}: unknown section {section!r}")
        section = None
    if kind == "likert":
        loadings = _loadings(check, entry, what, traits, required=True)
        if None in (ident, section, text, loadings):
            return None
        return Question(ident, "likert", section, text, loadings=loadings)  # type: ignore[arg-type]
    if kind in ("choice", "multi"):
        return _choice(check, entry, what, ident, kind, section, text, traits)
    if kind is not None:
        check.add(entry.line_of("kind"), f"{what}: kind must be 'likert', 'choice' or 'multi', not {kind!r}")
    return None


def _choice(check: _Checker, entry: Mapping, what: str, ident: str | None, kind: str, section: str | None,
            text: str | None, traits: set[str]) -> Question | None:
    raw = check.items(entry, "options", what)
    if raw and not 2 <= len(raw) <= 6:
        check.add(entry.line_of("options"), f"{what}: a choice needs 2 to 6 options, not {len(raw)}")
    options = _each(check, raw, f"{what} option", lambda e, w: _option(check, e, w, traits))
    check.unique([(o.value, entry.line_of("options")) for o in options], f"{what} option")
    if not any(o.loadings for o in options) and options:
        check.add(entry.line, f"{what}: no option loads on any trait")
    if None in (ident, section, text) or len(options) != len(raw) or len(options) < 2:
        return None
    if kind == "multi" and any(not o.loadings for o in options):
        check.add(entry.line_of("options"), f"{what}: every option of a pick-all question must load on a trait")
        return None
    return Question(ident, kind, section, text, options=tuple(options))  # type: ignore[arg-type]


def _parse_questions(doc: Any, check: _Checker) -> tuple[str, tuple[str, ...], list[Section], list[Trait], list[Question]]:
    top = check.mapping(doc, None, "the file")
    if top is None:
        return "", (), [], [], []
    version = check.text(top, "version", "the file") or ""
    scale = check.texts(top, "scale", "the file")
    if scale and len(scale) != 5:
        check.add(top.line_of("scale"), f"'scale' must have 5 labels, not {len(scale)}")
    raw_sections, raw_traits = check.items(top, "sections", "the file"), check.items(top, "traits", "the file")
    sections = _each(check, raw_sections, "section", lambda e, w: _section(check, e, w), top.line_of("sections"))
    traits = _each(check, raw_traits, "trait", lambda e, w: _trait(check, e, w), top.line_of("traits"))
    trait_ids, section_ids = {t.id for t in traits}, {s.id for s in sections}
    raw_questions = check.items(top, "questions", "the file")
    questions = _each(check, raw_questions, "question",
                      lambda e, w: _question(check, e, w, trait_ids, section_ids), top.line_of("questions"))
    section_lines, trait_lines = _entry_lines(raw_sections), _entry_lines(raw_traits)
    question_lines = _entry_lines(raw_questions)
    check.unique([(s.id, section_lines.get(s.id)) for s in sections], "section")
    check.unique([(t.id, trait_lines.get(t.id)) for t in traits], "trait")
    check.unique([(q.id, question_lines.get(q.id)) for q in questions], "question")
    measured = Counter(trait_id for q in questions for trait_id in q.trait_ids)
    reversed_ = {t for q in questions if q.kind == "likert" for t, w in q.loadings.items() if w < 0}
    for trait in traits:
        count = measured[trait.id]
        if count < MIN_ITEMS_PER_TRAIT:
            check.add(trait_lines.get(trait.id), f"trait {trait.id!r} is measured by {count} question(s); "
                                                 f"it needs at least {MIN_ITEMS_PER_TRAIT}")
        elif trait.id not in reversed_:
            check.add(trait_lines.get(trait.id), f"trait {trait.id!r} has no reverse-keyed agree/disagree "
                                                 "item (a negative loading); add one so that agreeing "
                                                 "with everything does not read as a high level")
    return version, scale, sections, traits, questions


def _entry_lines(entries: list[Any]) -> dict[Any, int | None]:
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


# roles.yaml -------------------------------------------------------------------------------

def _source(check: _Checker, entry: Mapping, what: str) -> Source | None:
    ident = check.ident(entry, what)
    what = f"source {ident!r}" if ident else what
    title = check.text(entry, "title", what)
    optional = {k: check.text(entry, k, what, required=False) for k in ("author", "outlet", "date", "url")}
    if optional["url"] is not None and not re.match(r"https?://[^\s/]+\.[^\s]+$", optional["url"]):
        check.add(entry.line_of("url"), f"{what}: 'url' must be a web address starting https:// or http://")
        optional["url"] = None
    return Source(ident, title, **optional) if ident and title else None


DIRECTIONS = ("at_least", "at_most", "about")
EVIDENCE = ("rich", "some", "thin")
DEFAULT_DIRECTION = {"skill": "at_least", "preference": "about"}


def _profile(check: _Checker, entry: Mapping, what: str, kinds: dict[str, str],
             sources: dict[str, Source]) -> tuple[Target, ...]:
    raw = check.mapping(entry.get("profile"), entry.line_of("profile"), f"{what}: 'profile'")
    if raw is None:
        return ()
    if not raw:
        check.add(entry.line_of("profile"), f"{what}: 'profile' names no trait")
    targets = []
    for trait_id, spec in raw.items():
        line = raw.line_of(trait_id)
        if trait_id not in kinds:
            check.add(line, f"{what}: unknown trait {trait_id!r} in profile")
            continue
        target = check.mapping(spec, line, f"{what}: profile entry {trait_id!r}")
        if target is not None:
            built = _target(check, target, f"{what}: profile entry {trait_id!r}", str(trait_id), kinds, sources)
            if built is not None:
                targets.append(built)
    return tuple(targets)


def _target(check: _Checker, spec: Mapping, what: str, trait_id: str, kinds: dict[str, str],
            sources: dict[str, Source]) -> Target | None:
    """One profile entry: `{level, weight, direction, source, where}`; every target cites the
    article it rests on and where in it."""
    line = spec.line
    level = check.number(spec.get("level"), line, f"{what}: level", 0.0, 1.0)
    weight = check.number(spec.get("weight", 1.0), line, f"{what}: weight", 0.0, 100.0)
    direction = check.text(spec, "direction", what, required=False) or DEFAULT_DIRECTION[kinds[trait_id]]
    source_id, where = check.text(spec, "source", what), check.text(spec, "where", what)
    if weight == 0:
        check.add(line, f"{what}: weight must be greater than 0")
        return None
    if direction not in DIRECTIONS:
        check.add(spec.line_of("direction"), f"{what}: direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
        return None
    if source_id is not None and source_id not in sources:
        check.add(spec.line_of("source"), f"{what}: unknown source {source_id!r}")
        return None
    if level is None or weight is None or source_id is None or where is None:
        return None
    return Target(trait_id, level, weight, direction, sources[source_id], where)  # type: ignore[arg-type]


def _advice(check: _Checker, entry: Mapping, what: str, traits: set[str], sources: dict[str, Source]) -> Advice | None:
    text, source_id = check.text(entry, "text", what), check.text(entry, "source", what)
    trait, said_by = check.text(entry, "trait", what, False), check.text(entry, "said_by", what, False)
    if source_id is not None and source_id not in sources:
        check.add(entry.line_of("source"), f"{what}: unknown source {source_id!r}")
        return None
    if trait is not None and trait not in traits:
        check.add(entry.line_of("trait"), f"{what}: unknown trait {trait!r}")
        return None
    if text is None or source_id is None:
        return None
    return Advice(text, sources[source_id], trait, said_by)


def _role(check: _Checker, entry: Mapping, what: str, kinds: dict[str, str], sources: dict[str, Source]) -> Role | None:
    ident = check.ident(entry, what)
    what = f"role {ident!r}" if ident else what
    traits = set(kinds)
    name, summary = check.text(entry, "name", what), check.text(entry, "summary", what)
    evidence = check.text(entry, "evidence", what)
    if evidence is not None and evidence not in EVIDENCE:
        check.add(entry.line_of("evidence"), f"{what}: evidence must be one of {', '.join(EVIDENCE)}, not {evidence!r}")
        evidence = None
    lists = {k: check.texts(entry, k, what) for k in ("work", "challenges", "first_steps", "adjacent")}
    profile = _profile(check, entry, what, kinds, sources)
    advice = _each(check, check.items(entry, "advice", what), f"{what} advice",
                   lambda e, w: _advice(check, e, w, traits, sources))
    notes = {key: tuple(_each(check, check.items(entry, key, what, required=False), f"{what} {key}",
                              lambda e, w: _advice(check, e, w, traits, sources)))
             for key in ("paths_in", "good_to_know")}
    cited = []
    for source_id in check.texts(entry, "sources", what):
        if source_id in sources:
            cited.append(sources[source_id])
        else:
            check.add(entry.line_of("sources"), f"{what}: unknown source {source_id!r}")
    if ident is None or name is None or summary is None or evidence is None or not profile:
        return None
    return Role(ident, name, summary, lists["work"], profile, lists["challenges"], lists["first_steps"],
                tuple(advice), lists["adjacent"], tuple(cited), evidence,  # type: ignore[arg-type]
                notes["paths_in"], notes["good_to_know"])


def _dealbreaker(check: _Checker, entry: Mapping, what: str, sources: dict[str, Source]) -> Dealbreaker | None:
    ident = check.ident(entry, what)
    what = f"dealbreaker {ident!r}" if ident else what
    label, silent = check.text(entry, "label", what), check.text(entry, "silent", what, required=False)
    raw = check.mapping(entry.get("roles"), entry.line_of("roles"), f"{what}: 'roles'")
    reasons: dict[str, Reason] = {}
    for role_id, spec in (raw or {}).items():
        reason = check.mapping(spec, raw.line_of(role_id), f"{what}: role {role_id!r}")  # type: ignore[union-attr]
        if reason is None:
            continue
        text, source_id = check.text(reason, "reason", f"{what}: role {role_id!r}"), check.text(reason, "source", what)
        where = check.text(reason, "where", f"{what}: role {role_id!r}")
        if source_id is not None and source_id not in sources:
            check.add(reason.line_of("source"), f"{what}: unknown source {source_id!r}")
        elif text is not None and source_id is not None and where is not None:
            reasons[str(role_id)] = Reason(text, sources[source_id], where)
    if ident is None or label is None or raw is None:
        return None
    return Dealbreaker(ident, label, reasons, silent or "")


def _parse_roles(doc: Any, check: _Checker, kinds: dict[str, str]
                 ) -> tuple[list[Source], list[Role], dict[str, int | None], list[Dealbreaker]]:
    top = check.mapping(doc, None, "the file")
    if top is None:
        return [], [], {}, []
    raw_sources = check.items(top, "sources", "the file")
    sources = _each(check, raw_sources, "source", lambda e, w: _source(check, e, w), top.line_of("sources"))
    by_id = {s.id: s for s in sources}
    raw_dealbreakers = check.items(top, "dealbreakers", "the file", required=False)
    dealbreakers = _each(check, raw_dealbreakers, "dealbreaker", lambda e, w: _dealbreaker(check, e, w, by_id),
                         top.line_of("dealbreakers"))
    dealbreaker_lines = _entry_lines(raw_dealbreakers)
    check.unique([(d.id, dealbreaker_lines.get(d.id)) for d in dealbreakers], "dealbreaker")
    raw_roles = check.items(top, "roles", "the file")
    roles = _each(check, raw_roles, "role", lambda e, w: _role(check, e, w, kinds, by_id), top.line_of("roles"))
    role_lines, source_lines = _entry_lines(raw_roles), _entry_lines(raw_sources)
    lines = {r.id: role_lines.get(r.id) for r in roles}
    check.unique([(s.id, source_lines.get(s.id)) for s in sources], "source")
    check.unique([(r.id, lines[r.id]) for r in roles], "role")
    role_ids = {r.id for r in roles}
    for role in roles:
        for other in role.adjacent:
            if other not in role_ids:
                check.add(lines[role.id], f"role {role.id!r}: unknown adjacent role {other!r}")
    for dealbreaker in dealbreakers:
        for other in dealbreaker.roles:
            if other not in role_ids:
                check.add(dealbreaker_lines.get(dealbreaker.id), f"dealbreaker {dealbreaker.id!r}: unknown role {other!r}")
    return sources, roles, lines, dealbreakers


# the pack ---------------------------------------------------------------------------------

def _folder(data_dir: Path | None) -> Path:
    folder = Path(data_dir) if data_dir else default_data_dir()
    try:
        is_folder = folder.is_dir()
    except OSError as exc:
        raise RolefitError(f"{folder}: cannot be read as a data folder ({exc.strerror or exc})") from None
    if not is_folder:
        raise RolefitError(f"{folder}: no such data folder (it should hold {QUESTIONS_FILE} and {ROLES_FILE})")
    return folder


def check_pack(data_dir: Path | None = None, reachability: bool = False) -> tuple[DataPack | None, list[str]]:
    """Load a pack and list its problems; the pack is None when there are any.

    With `reachability`, also check that every role can come first (a search over answers,
    so only `rolefit validate` asks for it, not every command that loads the pack).
    """
    folder = _folder(data_dir)
    return _checked(folder, _documents(folder), reachability)


def _documents(folder: Path) -> cache.Documents:
    return (load_document(folder / QUESTIONS_FILE, MAX_PACK_FILE_BYTES),
            load_document(folder / ROLES_FILE, MAX_PACK_FILE_BYTES))


def _checked(folder: Path, documents: cache.Documents, reachability: bool = False) -> tuple[DataPack | None, list[str]]:
    """Check a pack's parsed documents and build the pack (None, with the problems, if any)."""
    questions_path, roles_path = folder / QUESTIONS_FILE, folder / ROLES_FILE
    questions_check, roles_check = _Checker(str(questions_path)), _Checker(str(roles_path))
    version, scale, sections, traits, questions = _parse_questions(documents[0], questions_check)
    sources, roles, role_lines, dealbreakers = _parse_roles(documents[1], roles_check, {t.id: t.kind for t in traits})
    if questions_check.problems or roles_check.problems:
        return None, questions_check.problems + roles_check.problems
    pack = DataPack(version, scale, tuple(sections), tuple(traits), tuple(questions), tuple(roles),
                    tuple(sources), location=str(folder), dealbreakers=tuple(dealbreakers))
    if reachability:
        from rolefit.reachability import roles_never_first

        for role in roles_never_first(pack):
            roles_check.add(role_lines[role.id], f"role {role.id!r} never comes first, even for answers written for it")
        _check_fingerprint(questions_check, documents[0], pack)
    problems = questions_check.problems + roles_check.problems
    return (None, problems) if problems else (pack, [])


def fingerprint(pack: DataPack) -> str:
    """A short hash of everything in the questions that scoring reads (ids, kinds, loadings,
    options), so that `validate` can tell when they change and the version should too."""
    import hashlib
    import json

    shape = [[q.id, q.kind, sorted(q.loadings.items()), [[o.value, sorted(o.loadings.items())] for o in q.options]]
             for q in pack.questions]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:12]


def _check_fingerprint(check: _Checker, document: Any, pack: DataPack) -> None:
    """Answers files record the quiz version, so changed questions need a new version: the
    `fingerprint` kept beside it must match the questions as they are."""
    found = fingerprint(pack)
    recorded = document.get("fingerprint") if isinstance(document, Mapping) else None
    if recorded is None:
        check.add(None, f"no 'fingerprint'; add 'fingerprint: \"{found}\"' beside 'version', so that validate "
                        "can tell you to bump the version when the questions change")
    elif str(recorded) != found:
        check.add(document.line_of("fingerprint"), f"the questions changed since version {pack.version!r} was "
                                                   f"fingerprinted: bump 'version' and set 'fingerprint: \"{found}\"'")


def validate_command(data_dir: Path | None) -> str:
    """The command that lists every problem of the pack in `data_dir`, quoted to paste into
    a shell."""
    if data_dir is None:
        return "rolefit validate"
    import shlex

    return f"rolefit validate --data-dir {shlex.quote(str(data_dir))}"


def load_pack(data_dir: Path | None = None) -> DataPack:
    """Load a pack, or raise a RolefitError naming its first problem. The cache spares parsing
    the YAML when the files are unchanged; cached documents pass the same checks."""
    folder = _folder(data_dir)
    cache_key = cache.key((folder / QUESTIONS_FILE, folder / ROLES_FILE))
    cached = cache.load(cache_key)
    if cached is not None:
        pack, _ = _checked(folder, cached)
        if pack is not None:
            return pack
    documents = _documents(folder)
    pack, problems = _checked(folder, documents)
    if pack is None:
        more = f" (and {len(problems) - 1} more: run {validate_command(data_dir)})" if len(problems) > 1 else ""
        raise RolefitError(problems[0] + more)
    cache.store(cache_key, documents)
    return pack
