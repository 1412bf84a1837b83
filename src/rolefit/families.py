"""Role families in roles.yaml: the groups the articles put roles in, and what grounds each.

Families are optional: a pack without `families:` has none. A pack that has them puts every
role in exactly one. Each family cites where the articles group its roles, says how much
they say about the grouping (rich, some or thin), and says in `silent` what they leave out.
"""

from __future__ import annotations

from typing import Any, get_args

from rolefit.checking import Checker, each, entry_lines
from rolefit.documents import Mapping
from rolefit.model import Citation, Evidence, Family, Source

EVIDENCE: tuple[str, ...] = get_args(Evidence)


def parse_families(check: Checker, top: Mapping, sources: dict[str, Source], role_ids: list[str]) -> list[Family]:
    """The pack's families, checked against its sources and roles (none when it gives none)."""
    raw = check.items(top, "families", "the file", required=False)
    families = each(check, raw, "family", lambda e, w: _family(check, e, w, sources, set(role_ids)),
                    top.line_of("families"))
    lines = entry_lines(raw)
    check.unique([(f.id, lines.get(f.id)) for f in families], "family")
    _check_each_role_once(check, families, lines)
    if families and len(families) == len(raw):
        _check_every_role_placed(check, families, role_ids, top.line_of("families"))
    return families


def _family(check: Checker, entry: Mapping, what: str, sources: dict[str, Source], role_ids: set[str]) -> Family | None:
    ident = check.ident(entry, what)
    what = f"family {ident!r}" if ident else what
    name, description = check.text(entry, "name", what), check.text(entry, "description", what)
    if description is not None and "\n" in description:
        check.add(entry.line_of("description"), f"{what}: 'description' must be one line")
        description = None
    evidence = _evidence(check, entry, what)
    silent = check.text(entry, "silent", what, required=False) or ""
    members = check.texts(entry, "roles", what)
    unknown = [role_id for role_id in members if role_id not in role_ids]
    for role_id in unknown:
        check.add(entry.line_of("roles"), f"{what}: unknown role {role_id!r}")
    raw_citations = check.items(entry, "sources", what)
    citations = each(check, raw_citations, f"{what} source", lambda e, w: _citation(check, e, w, sources),
                     entry.line_of("sources"))
    if (ident is None or name is None or description is None or evidence is None or not members or unknown
            or len(citations) != len(raw_citations) or not citations):
        return None
    return Family(ident, name, description, members, tuple(citations), evidence, silent)  # type: ignore[arg-type]


def _evidence(check: Checker, entry: Mapping, what: str) -> str | None:
    evidence = check.text(entry, "evidence", what)
    if evidence is not None and evidence not in EVIDENCE:
        check.add(entry.line_of("evidence"), f"{what}: evidence must be one of {', '.join(EVIDENCE)}, not {evidence!r}")
        return None
    return evidence


def _citation(check: Checker, entry: Mapping, what: str, sources: dict[str, Source]) -> Citation | None:
    """One ground for a family: `{source, where, said_by}`, said_by only when a named person said it."""
    source_id, where = check.text(entry, "source", what), check.text(entry, "where", what)
    said_by = check.text(entry, "said_by", what, required=False)
    if source_id is not None and source_id not in sources:
        check.add(entry.line_of("source"), f"{what}: unknown source {source_id!r}")
        return None
    if source_id is None or where is None:
        return None
    return Citation(sources[source_id], where, said_by)


def _check_each_role_once(check: Checker, families: list[Family], lines: dict[Any, int | None]) -> None:
    home: dict[str, str] = {}
    for family in families:
        for role_id in family.roles:
            if role_id not in home:
                home[role_id] = family.id
            elif home[role_id] == family.id:
                check.add(lines.get(family.id), f"family {family.id!r}: role {role_id!r} is listed twice")
            else:
                check.add(lines.get(family.id), f"family {family.id!r}: role {role_id!r} is already in family "
                                                f"{home[role_id]!r}; a role belongs to exactly one family")


def _check_every_role_placed(check: Checker, families: list[Family], role_ids: list[str], line: int | None) -> None:
    placed = {role_id for family in families for role_id in family.roles}
    for role_id in role_ids:
        if role_id not in placed:
            check.add(line, f"role {role_id!r} is in no family; when a pack has families, add every role to one")
