"""Sources may say where they can be read (`url:`); the exports link them. A pack's address must be
a web address, and the shipped pack's addresses are the ones the articles themselves give."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from rolefit.data import load_pack
from rolefit.errors import RolefitError
from rolefit.model import DataPack

from conftest import MINI_PACK

ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "articles"


def pack_with_url(tmp_path: Path, url: str) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    roles = folder / "roles.yaml"
    roles.write_text(roles.read_text().replace("    date: \"2022-03-16\"\n", f"    date: \"2022-03-16\"\n    url: {url}\n", 1))
    return folder


def test_a_source_may_give_a_web_address(tmp_path: Path) -> None:
    pack = load_pack(pack_with_url(tmp_path, "https://example.com/an-article"))
    assert pack.sources[0].url == "https://example.com/an-article"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "example.com/an-article", "https://", "ftp://example.com/a"])
def test_a_source_address_that_is_not_a_web_address_is_refused_naming_file_and_line(tmp_path: Path, url: str) -> None:
    with pytest.raises(RolefitError, match=r"roles\.yaml(:| line )\D*7\b.*'url' must be a web address") as raised:
        load_pack(pack_with_url(tmp_path, url))
    assert "\n" not in str(raised.value)


def test_the_shipped_pack_links_only_sources_whose_address_is_known(pack: DataPack) -> None:
    assert {s.id: s.url for s in pack.sources if s.url} == {
        "draft_devrel_career_insights": "https://draft.dev/learn/developer-relations-career-insights-from-7-industry-leaders",
        "draft_what_is_a_developer_advocate": "https://draft.dev/learn/what-is-a-developer-advocate",
    }


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the source articles sit beside the repository, in shared/")
def test_each_address_the_pack_gives_is_one_the_articles_link_to(pack: DataPack) -> None:
    linked = set(re.findall(r"https?://[^\s)\]>\"']+", "".join(p.read_text(errors="replace") for p in ARTICLES.glob("*.md"))))
    assert all(s.url in linked for s in pack.sources if s.url)
