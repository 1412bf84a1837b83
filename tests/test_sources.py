"""Every citation in roles.yaml points at what its article says.

- A profile target's or a dealbreaker's `where` starts with a heading of the article it
  cites (the words before its first colon), or with "Opening", the text before the first
  heading. An audit locator may give a path of headings ("A > B"); the last one counts.
- docs/sources.md, the audit, has one row for every cited item in roles.yaml (profile
  targets, dealbreaker reasons, advice, paths in and good-to-know notes), with the same
  source and said_by, and a locator naming a heading of that article.
- A practitioner named in `said_by` appears in the cited article *near* the item's locator:
  inside the section the locator names, from that heading to the next heading of the same
  or a higher level (so a `##` section includes its `###` subsections). The article's own
  author counts as present throughout it.

A heading is named by its words, or by a run of at least two of its words in order (so a
locator can shorten a long heading without copying it), ignoring case, punctuation and a
leading number ("2. Communication"). Names match word by word, ignoring a possessive 's and
allowing one wrong letter in a word of five letters or more, because the articles misspell
some names themselves (Thengvell, Haggerty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterator

import pytest

from rolefit.model import DataPack

REPOSITORY = Path(__file__).resolve().parents[1]
ARTICLES = REPOSITORY.parent / "shared" / "articles"
AUDIT = REPOSITORY / "docs" / "sources.md"
ARTICLE_FILES = {
    "tm_what_is_technical_marketing": "technical-marketing.md",
    "tpm_what_is_a_technical_pm": "technical-product-manager.md",
    "draft_devrel_career_insights": "devrel-career-insights.md",
    "kerstiens_marketing_to_developers": "marketing-to-developers.md",
    "draft_what_is_a_developer_advocate": "developer-advocate.md",
}
OPENING = ("opening",)
PLAIN_HEADING_WORDS = 10
"""In an article without markdown headings, a line of at most this many words that does not
end like a sentence is a heading."""

needs_articles = pytest.mark.skipif(not ARTICLES.is_dir(),
                                    reason="the source articles sit beside the repository, in shared/")


def words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'")))


# the articles ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    words: tuple[str, ...]
    level: int
    start: int
    end: int = 0


def _heading_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(offset, level, heading text) for each heading line of an article."""
    marked = [(m.start(), len(m.group(1)), m.group(2)) for m in re.finditer(r"^(#{1,6})\s+(.+)$", text, re.M)]
    if marked:
        yield from marked
        return
    contents = {words(line[2:]) for line in text.splitlines() if line.startswith("- ")}
    for match in re.finditer(r"^(.+)$", text, re.M):
        line = match.group(1).strip()
        if (line.startswith("- ") or len(words(line)) > PLAIN_HEADING_WORDS
                or line.endswith((".", ":", ",", '"', "\u201d", "!"))):
            continue
        yield match.start(), 2 if words(line) in contents else 3, line


@cache
def article(source_id: str) -> str:
    return (ARTICLES / ARTICLE_FILES[source_id]).read_text(encoding="utf-8", errors="replace")


@cache
def sections(source_id: str) -> tuple[Section, ...]:
    """The article's headings with the span each one covers, and its opening before them."""
    text = article(source_id)
    found = [Section(_unnumbered(words(title)), level, start) for start, level, title in _heading_lines(text)]
    spans = [Section(OPENING, 0, 0, found[0].start if found else len(text))]
    for index, section in enumerate(found):
        end = next((s.start for s in found[index + 1:] if s.level <= section.level), len(text))
        spans.append(Section(section.words, section.level, section.start, end))
    return tuple(spans)


def _unnumbered(title: tuple[str, ...]) -> tuple[str, ...]:
    return title[1:] if title and title[0].isdigit() else title


def _in_order(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    remaining = iter(whole)
    return all(word in remaining for word in part)


def named_sections(source_id: str, locator: str) -> list[Section]:
    """The sections a locator's head names: the words before its first colon, and of a path
    such as "The Skills DevRels Need > Empathy", the last step."""
    head = words(locator.split(":", 1)[0].split(">")[-1])
    return [s for s in sections(source_id)
            if head == s.words or (len(head) >= 2 and s.words != OPENING and _in_order(head, s.words))]


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def mentions(text: str, name: str) -> bool:
    """Whether the text names the person, word by word, allowing the articles' own slips."""
    tokens, wanted = tuple(re.sub(r"'s$", "", t) for t in words(text)), words(name)
    return any(all(_close(tokens[i + j], w) for j, w in enumerate(wanted))
               for i in range(len(tokens) - len(wanted) + 1))


# the audit -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    role: str
    item: str
    source: str
    locator: str
    said_by: str
    verdict: str


@cache
def audit() -> tuple[Row, ...]:
    rows, role = [], None
    for line in AUDIT.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## .*\(`(\w+)`\)\s*$", line)
        if heading:
            role = heading.group(1)
            continue
        cells = [c.strip().strip("`").strip() for c in line.strip().strip("|").split("|")]
        if role is None or not line.startswith("|") or len(cells) < 6 or cells[0] in ("item", "") \
                or set(cells[0]) <= set("-: "):
            continue
        rows.append(Row(role, cells[0], cells[1], cells[2], cells[3], cells[4].lower()))
    return tuple(rows)


def live_rows() -> list[Row]:
    return [row for row in audit() if not row.verdict.startswith("removed")]


@dataclass(frozen=True)
class Cited:
    role: str
    item: str
    source: str
    said_by: str
    where: str = ""


def cited_items(pack: DataPack) -> list[Cited]:
    """Every item in roles.yaml that cites an article, named the way the audit names it."""
    found = []
    for role in pack.roles:
        found += [Cited(role.id, f"profile.{t.trait}", t.source.id, "", t.where) for t in role.profile]
        found += [Cited(role.id, f"dealbreaker.{d.id}", d.roles[role.id].source.id, "", d.roles[role.id].where)
                  for d in pack.dealbreakers if role.id in d.roles]
        for field in ("advice", "paths_in", "good_to_know"):
            found += [Cited(role.id, f"{field} {n}", item.source.id, item.said_by or "")
                      for n, item in enumerate(getattr(role, field), start=1)]
    return found


def _author(pack: DataPack, source_id: str) -> str | None:
    return next((s.author for s in pack.sources if s.id == source_id), None)


# the guards ------------------------------------------------------------------------------

def test_the_audit_has_one_row_for_every_cited_item_with_its_source_and_speaker(pack: DataPack) -> None:
    expected = {(c.role, c.item): (c.source, c.said_by) for c in cited_items(pack)}
    rows = [(r.role, r.item) for r in live_rows()]
    assert sorted(set(rows)) == sorted(rows), "an item appears twice in docs/sources.md"
    assert {(r.role, r.item): (r.source, r.said_by) for r in live_rows()} == expected


def test_every_audit_row_has_a_verdict_and_a_line_on_what_the_article_says() -> None:
    for row in audit():
        assert row.verdict.split()[0] in {"kept", "reworded", "moved", "added", "changed", "removed"}, row


@needs_articles
def test_every_audit_locator_names_a_section_of_its_article() -> None:
    for row in audit():
        assert named_sections(row.source, row.locator), row


@needs_articles
def test_every_profile_and_dealbreaker_locator_starts_with_a_section_of_its_article(pack: DataPack) -> None:
    for item in cited_items(pack):
        if item.where:
            assert named_sections(item.source, item.where), item


@needs_articles
def test_every_said_by_name_appears_in_the_cited_article_near_the_locator(pack: DataPack) -> None:
    rows = {(r.role, r.item): r for r in live_rows()}
    for item in (c for c in cited_items(pack) if c.said_by and c.said_by != _author(pack, c.source)):
        text = article(item.source)
        spans = named_sections(item.source, rows[(item.role, item.item)].locator)
        assert any(mentions(text[s.start:s.end], item.said_by) for s in spans), item


@needs_articles
def test_a_section_runs_to_the_next_heading_of_its_level_and_holds_its_subsections() -> None:
    skills = named_sections("draft_devrel_career_insights", "The Skills DevRels Need")
    assert len(skills) == 1
    inside = article("draft_devrel_career_insights")[skills[0].start:skills[0].end]
    assert "### 4. Learning Mindset" in inside and "What’s Hard" not in inside


@needs_articles
def test_an_article_without_markdown_headings_still_has_sections() -> None:
    communication = named_sections("tpm_what_is_a_technical_pm", "Communication: explaining")
    assert len(communication) == 1
    assert "lives or dies" in article("tpm_what_is_a_technical_pm")[communication[0].start:communication[0].end]


def test_a_name_matches_despite_a_one_letter_slip_but_not_another_person() -> None:
    assert mentions("said Mary Thengvell, head of DevRel", "Mary Thengvall")
    assert mentions("PJ Haggerty added", "PJ Hagerty")
    assert not mentions("Mary Smith said", "Mary Thengvall")
    assert not mentions("Joel Lord said", "Joe Lord")


def test_a_possessive_still_names_the_person() -> None:
    assert mentions("in Alex Lakatos's blog, he suggests", "Alex Lakatos")
