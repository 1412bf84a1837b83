"""Find, load and check a data pack (questions.yaml and roles.yaml).

Loading collects every problem it finds, each as `file:line: message`, so `rolefit validate`
can list them all; any other command stops at a broken pack with the first one.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from rolefit import cache
from rolefit.checking import Checker, each, entry_lines, id_problem
from rolefit.documents import Mapping, load_document
from rolefit.errors import RolefitError
from rolefit.families import parse_families
from rolefit.model import (
    Advice,
    DataPack,
    Dealbreaker,
    Family,
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



# questions.yaml ---------------------------------------------------------------------------

def _section(check: Checker, entry: Mapping, what: str) -> Section | None:
    ident, title = check.ident(entry, what), check.text(entry, "title", what)
    return Section(ident, title) if ident and title else None


def _trait(check: Checker, entry: Mapping, what: str) -> Trait | None:
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


def _loadings(check: Checker, parent: Mapping, what: str, traits: set[str], required: bool) -> dict[str, float] | None:
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


def _option(check: Checker, entry: Mapping, what: str, traits: set[str]) -> Option | None:
    value, label = check.text(entry, "value", what), check.text(entry, "label", what)
    problem = None if value is None else id_problem(value, "value")
    if problem is not None:
        check.add(entry.line_of("value"), f"{what}: {problem}")
        return None
    loadings = _loadings(check, entry, what, traits, required=False)
    if value is None or label is None or loadings is None:
        return None
    return Option(value, label, loadings)


def _question(check: Checker, entry: Mapping, what: str, traits: set[str], sections: set[str]) -> Question | None:
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


def _choice(check: Checker, entry: Mapping, what: str, ident: str | None, kind: str, section: str | None,
            text: str | None, traits: set[str]) -> Question | None:
    raw = check.items(entry, "options", what)
    if raw and not 2 <= len(raw) <= 6:
        check.add(entry.line_of("options"), f"{what}: a choice needs 2 to 6 options, not {len(raw)}")
    options = each(check, raw, f"{what} option", lambda e, w: _option(check, e, w, traits))
    check.unique([(o.value, entry.line_of("options")) for o in options], f"{what} option")
    if not any(o.loadings for o in options) and options:
        check.add(entry.line, f"{what}: no option loads on any trait")
    if None in (ident, section, text) or len(options) != len(raw) or len(options) < 2:
        return None
    if kind == "multi" and any(not o.loadings for o in options):
        check.add(entry.line_of("options"), f"{what}: every option of a pick-all question must load on a trait")
        return None
    return Question(ident, kind, section, text, options=tuple(options))  # type: ignore[arg-type]


def _parse_questions(doc: Any, check: Checker) -> tuple[str, tuple[str, ...], list[Section], list[Trait], list[Question]]:
    top = check.mapping(doc, None, "the file")
    if top is None:
        return "", (), [], [], []
    version = check.text(top, "version", "the file") or ""
    scale = check.texts(top, "scale", "the file")
    if scale and len(scale) != 5:
        check.add(top.line_of("scale"), f"'scale' must have 5 labels, not {len(scale)}")
    raw_sections, raw_traits = check.items(top, "sections", "the file"), check.items(top, "traits", "the file")
    sections = each(check, raw_sections, "section", lambda e, w: _section(check, e, w), top.line_of("sections"))
    traits = each(check, raw_traits, "trait", lambda e, w: _trait(check, e, w), top.line_of("traits"))
    trait_ids, section_ids = {t.id for t in traits}, {s.id for s in sections}
    raw_questions = check.items(top, "questions", "the file")
    questions = each(check, raw_questions, "question",
                     lambda e, w: _question(check, e, w, trait_ids, section_ids), top.line_of("questions"))
    section_lines, trait_lines = entry_lines(raw_sections), entry_lines(raw_traits)
    question_lines = entry_lines(raw_questions)
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



# roles.yaml -------------------------------------------------------------------------------

def _source(check: Checker, entry: Mapping, what: str) -> Source | None:
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


def _profile(check: Checker, entry: Mapping, what: str, kinds: dict[str, str],
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


def _target(check: Checker, spec: Mapping, what: str, trait_id: str, kinds: dict[str, str],
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


def _advice(check: Checker, entry: Mapping, what: str, traits: set[str], sources: dict[str, Source]) -> Advice | None:
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


def _role(check: Checker, entry: Mapping, what: str, kinds: dict[str, str], sources: dict[str, Source]) -> Role | None:
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
    advice = each(check, check.items(entry, "advice", what), f"{what} advice",
                  lambda e, w: _advice(check, e, w, traits, sources))
    notes = {key: tuple(each(check, check.items(entry, key, what, required=False), f"{what} {key}",
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


def _dealbreaker(check: Checker, entry: Mapping, what: str, sources: dict[str, Source]) -> Dealbreaker | None:
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


def _parse_roles(doc: Any, check: Checker, kinds: dict[str, str]
                 ) -> tuple[list[Source], list[Role], dict[str, int | None], list[Dealbreaker], list[Family]]:
    top = check.mapping(doc, None, "the file")
    if top is None:
        return [], [], {}, [], []
    raw_sources = check.items(top, "sources", "the file")
    sources = each(check, raw_sources, "source", lambda e, w: _source(check, e, w), top.line_of("sources"))
    by_id = {s.id: s for s in sources}
    raw_dealbreakers = check.items(top, "dealbreakers", "the file", required=False)
    dealbreakers = each(check, raw_dealbreakers, "dealbreaker", lambda e, w: _dealbreaker(check, e, w, by_id),
                        top.line_of("dealbreakers"))
    dealbreaker_lines = entry_lines(raw_dealbreakers)
    check.unique([(d.id, dealbreaker_lines.get(d.id)) for d in dealbreakers], "dealbreaker")
    raw_roles = check.items(top, "roles", "the file")
    roles = each(check, raw_roles, "role", lambda e, w: _role(check, e, w, kinds, by_id), top.line_of("roles"))
    role_lines, source_lines = entry_lines(raw_roles), entry_lines(raw_sources)
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
    families = parse_families(check, top, by_id, [r.id for r in roles])
    return sources, roles, lines, dealbreakers, families


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
    questions_check, roles_check = Checker(str(questions_path)), Checker(str(roles_path))
    version, scale, sections, traits, questions = _parse_questions(documents[0], questions_check)
    sources, roles, role_lines, dealbreakers, families = _parse_roles(documents[1], roles_check, {t.id: t.kind for t in traits})
    if questions_check.problems or roles_check.problems:
        return None, questions_check.problems + roles_check.problems
    pack = DataPack(version, scale, tuple(sections), tuple(traits), tuple(questions), tuple(roles),
                    tuple(sources), location=str(folder), dealbreakers=tuple(dealbreakers), families=tuple(families))
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


def _check_fingerprint(check: Checker, document: Any, pack: DataPack) -> None:
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


def pack_files(data_dir: Path | None = None) -> tuple[Path, Path]:
    """The two files a pack is read from (an error when the folder is missing)."""
    folder = _folder(data_dir)
    return folder / QUESTIONS_FILE, folder / ROLES_FILE


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
