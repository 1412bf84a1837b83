"""Role families: the groups the articles put roles in, as data in roles.yaml.

A pack may leave families out. A pack that gives them puts every role in exactly one family,
and each family cites where the articles ground it, says how much they say (rich, some or
thin) and what they leave out. `rolefit validate` names every problem with them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.data import load_pack
from rolefit.model import DataPack

from conftest import MINI_PACK
from test_data import COPIED_RUN, words
from test_sources import ARTICLES, article, mentions, named_sections

AUDIT = Path(__file__).resolve().parents[1] / "docs" / "sources.md"
SHIPPED_FAMILIES = {
    "developer_relations": ("developer_advocate", "community_manager", "technical_writer"),
    "marketing_for_developers": ("technical_marketing", "developer_marketing"),
    "product": ("technical_product_manager", "product_manager"),
    "delivery_and_leadership": ("technical_program_manager", "engineering_manager"),
    "engineering": ("software_engineer",),
    "sales_engineering": ("sales_engineer",),
}
MINI_FAMILIES = """
families:
  - id: helpers
    name: Helpers
    description: People who help users succeed.
    roles: [advocate, generalist]
    evidence: some
    sources:
      - {source: art, where: the part on empathy}
  - id: builders
    name: Builders
    description: People who build systems.
    roles: [engineer]
    evidence: thin
    sources:
      - {source: art, where: the part on engineers, said_by: Someone}
    silent: The article says little about builders.
"""

needs_articles = pytest.mark.skipif(not ARTICLES.is_dir(), reason="the source articles sit beside the repository, in shared/")


def mini_with_families(tmp_path: Path, families: str = MINI_FAMILIES, old: str = "", new: str = "") -> Path:
    """A copy of the mini pack with a families block, optionally with `old` replaced by `new` in it."""
    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    block = families.replace(old, new, 1) if old else families
    assert not old or block != families, f"{old!r} is not in the families block"
    with (folder / "roles.yaml").open("a", encoding="utf-8") as roles:
        roles.write(block)
    return folder


def validate(runner: CliRunner, folder: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "--data-dir", str(folder)])
    return result.exit_code, result.stderr


# the shipped pack --------------------------------------------------------------------------

def test_the_shipped_pack_groups_its_roles_into_the_six_families_of_issue_16(pack: DataPack) -> None:
    assert {f.id: f.roles for f in pack.families} == SHIPPED_FAMILIES


def test_every_shipped_role_is_in_exactly_one_family(pack: DataPack) -> None:
    members = [role_id for family in pack.families for role_id in family.roles]
    assert sorted(members) == sorted(r.id for r in pack.roles)


def test_family_of_gives_the_family_a_role_belongs_to(pack: DataPack) -> None:
    assert pack.family_of("technical_writer").name == "Developer relations"
    assert pack.family_of("sales_engineer").id == "sales_engineering"


def test_family_of_an_unknown_role_is_none(pack: DataPack) -> None:
    assert pack.family_of("astronaut") is None


def test_every_family_cites_an_article_and_where_in_it(pack: DataPack) -> None:
    for family in pack.families:
        assert family.sources, family.id
        for citation in family.sources:
            assert citation.source in pack.sources and len(citation.where) > 10, family.id


def test_groupings_the_articles_do_not_draw_themselves_are_marked_and_say_what_is_missing(pack: DataPack) -> None:
    evidence = {f.id: f.evidence for f in pack.families}
    assert {f for f, e in evidence.items() if e == "rich"} == {"developer_relations", "product"}
    for family in pack.families:
        if family.evidence != "rich":
            assert family.silent, family.id


def test_the_families_describe_each_group_in_one_line(pack: DataPack) -> None:
    for family in pack.families:
        assert "\n" not in family.description and family.name and family.description.endswith("."), family.id


@needs_articles
def test_every_family_locator_starts_with_a_section_of_its_article(pack: DataPack) -> None:
    for family in pack.families:
        for citation in family.sources:
            assert named_sections(citation.source.id, citation.where), (family.id, citation.where)


@needs_articles
def test_a_family_credits_a_practitioner_only_where_the_cited_section_names_them(pack: DataPack) -> None:
    credited = [(f.id, c) for f in pack.families for c in f.sources if c.said_by]
    assert credited, "the DevRel family credits Mandi Walls with DevRel as a blanket term"
    for family_id, citation in credited:
        text = article(citation.source.id)
        spans = named_sections(citation.source.id, citation.where)
        assert any(mentions(text[s.start:s.end], citation.said_by) for s in spans), (family_id, citation.said_by)


@needs_articles
def test_no_family_text_copies_a_sentence_from_the_articles(pack: DataPack) -> None:
    runs: set[tuple[str, ...]] = set()
    for path in ARTICLES.glob("*.md"):
        if path.name != "README.md":
            tokens = words(path.read_text(encoding="utf-8", errors="replace"))
            runs.update(tuple(tokens[i:i + COPIED_RUN]) for i in range(len(tokens) - COPIED_RUN + 1))
    texts = [t for f in pack.families for t in (f.name, f.description, f.silent, *(c.where for c in f.sources))]
    copied = [" ".join(tokens[i:i + COPIED_RUN]) for tokens in map(words, texts)
              for i in range(len(tokens) - COPIED_RUN + 1) if tuple(tokens[i:i + COPIED_RUN]) in runs]
    assert copied == []


def audit_rows() -> dict[str, tuple[str, str, str]]:
    """The family rows of docs/sources.md: item -> (source, locator, said by)."""
    text = AUDIT.read_text(encoding="utf-8")
    section = text[text.index("## Role families"):]
    section = section[:section.index("\n## ", 1)]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| family."):
            rows[cells[0]] = (cells[1], cells[2], cells[3])
    return rows


def test_the_audit_has_one_row_for_every_family_citation_with_its_source_and_speaker(pack: DataPack) -> None:
    expected = {f"family.{f.id} {n}": (c.source.id, c.said_by or "")
                for f in pack.families for n, c in enumerate(f.sources, start=1)}
    assert {item: (source, said_by) for item, (source, _, said_by) in audit_rows().items()} == expected


@needs_articles
def test_every_family_audit_locator_names_a_section_of_its_article() -> None:
    for item, (source, locator, _) in audit_rows().items():
        assert named_sections(source, locator), item


# a pack of one's own -----------------------------------------------------------------------

def test_a_pack_without_families_loads_with_none(mini: DataPack) -> None:
    assert mini.families == () and mini.family_of("advocate") is None


def test_a_pack_whose_families_place_every_role_once_validates(tmp_path: Path, runner: CliRunner) -> None:
    folder = mini_with_families(tmp_path)
    assert validate(runner, folder) == (0, "")
    assert load_pack(folder).family_of("generalist").id == "helpers"


def test_a_familys_citation_keeps_its_source_place_and_speaker(tmp_path: Path) -> None:
    builders = load_pack(mini_with_families(tmp_path)).family_of("engineer")
    citation = builders.sources[0]
    assert (citation.source.id, citation.where, citation.said_by) == ("art", "the part on engineers", "Someone")
    assert builders.silent == "The article says little about builders."


def test_validate_names_a_family_role_the_pack_does_not_have(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old="[engineer]", new="[engineer, wizard]"))
    assert code == 2 and "family 'builders': unknown role 'wizard'" in errors


def test_validate_names_a_role_put_in_two_families(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old="[engineer]", new="[engineer, advocate]"))
    assert code == 2 and "family 'builders': role 'advocate' is already in family 'helpers'" in errors


def test_validate_names_a_role_listed_twice_in_one_family(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old="[engineer]", new="[engineer, engineer]"))
    assert code == 2 and "family 'builders': role 'engineer' is listed twice" in errors


def test_validate_names_a_role_in_no_family(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old="[advocate, generalist]", new="[advocate]"))
    assert code == 2 and "role 'generalist' is in no family" in errors


def test_validate_names_a_duplicate_family_id(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old="id: builders", new="id: helpers"))
    assert code == 2 and "duplicate family id 'helpers'" in errors


def test_validate_names_a_family_with_no_roles(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old="roles: [engineer]", new="roles: []"))
    assert code == 2 and "family 'builders': 'roles' must be a non-empty list" in errors


def test_validate_names_a_family_citing_an_unknown_source(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old="{source: art, where: the part on engineers",
                                                       new="{source: blog, where: the part on engineers"))
    assert code == 2 and "family 'builders' source #1: unknown source 'blog'" in errors


def test_validate_names_a_family_citation_that_says_not_where(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old=", where: the part on engineers", new=""))
    assert code == 2 and "family 'builders' source #1: missing 'where'" in errors


def test_validate_names_a_family_that_cites_nothing(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old="sources:\n      - {source: art, where: the part on "
                                                                          "engineers, said_by: Someone}", new="sources: []"))
    assert code == 2 and "family 'builders': 'sources' must be a non-empty list" in errors


def test_validate_names_a_family_evidence_other_than_rich_some_or_thin(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old="evidence: thin", new="evidence: strong"))
    assert code == 2 and "family 'builders': evidence must be one of rich, some, thin, not 'strong'" in errors


def test_validate_names_a_family_description_longer_than_one_line(tmp_path: Path, runner: CliRunner) -> None:
    code, errors = validate(runner, mini_with_families(tmp_path, old="description: People who build systems.",
                                                       new='description: "People who build\\nsystems."'))
    assert code == 2 and "family 'builders': 'description' must be one line" in errors


def test_a_family_problem_names_the_file_and_line(tmp_path: Path, runner: CliRunner) -> None:
    folder = mini_with_families(tmp_path, old="[engineer]", new="[wizard]")
    line = next(n for n, text in enumerate((folder / "roles.yaml").read_text().splitlines(), 1) if "[wizard]" in text)
    assert f"{folder / 'roles.yaml'}:{line}: family 'builders': unknown role 'wizard'" in validate(runner, folder)[1]


def test_every_command_refuses_a_pack_with_a_broken_family_in_one_line(tmp_path: Path, runner: CliRunner) -> None:
    folder = mini_with_families(tmp_path, old="[engineer]", new="[wizard]")
    result = runner.invoke(app, ["roles", "--data-dir", str(folder)])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert re.fullmatch(r".*roles\.yaml:\d+: family 'builders': unknown role 'wizard'.*\n", result.stderr)


# the cache ---------------------------------------------------------------------------------

def test_a_pack_read_back_from_the_cache_keeps_its_families(isolated_home: Path) -> None:
    first = load_pack()
    cached = list((isolated_home / "cache").glob("pack-*.json"))
    assert len(cached) == 1 and '"families"' in cached[0].read_text(encoding="utf-8")
    again = load_pack()
    assert [(f.id, f.roles, f.evidence) for f in again.families] == [(f.id, f.roles, f.evidence) for f in first.families]


def test_a_result_names_the_family_whose_roles_come_first_in_nine_of_ten_retakes(pack) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from rolefit.answers import read_sheet
    from rolefit.scoring import score

    result = score(pack, read_sheet(Path(__file__).parent / "fixtures" / "engineer_with_blogging_habit.yaml", pack))
    assert result.family is not None and result.family.id == "developer_relations"
    assert result.family_share >= 0.9
    assert all(f.role.id in result.family.roles for f in result.shortlist)


def test_roles_json_lists_the_families_and_each_roles_family(runner) -> None:  # type: ignore[no-untyped-def]
    import json

    from rolefit.cli import app

    document = json.loads(runner.invoke(app, ["roles", "--json"]).stdout)
    families = {f["id"]: f for f in document["families"]}
    assert {r["id"]: r["family"] for r in document["roles"]}["technical_writer"] == "developer_relations"
    assert all(r["id"] in families[r["family"]]["roles"] for r in document["roles"])
