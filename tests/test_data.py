"""The shipped data pack: the shape the product promises, drawn from the articles in
rolefit's own words, with every piece of advice citing its source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rolefit.data import default_data_dir
from rolefit.model import DataPack

ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "articles"
REQUIRED_TRAITS = {"empathy", "variety", "technical_depth", "storytelling", "community", "teaching", "writing",
                   "speaking", "strategy", "analytics", "coordination", "commercial", "leadership"}
REQUIRED_ROLES = {"developer_advocate", "community_manager", "technical_marketing", "developer_marketing",
                  "technical_product_manager", "product_manager", "technical_program_manager",
                  "engineering_manager", "sales_engineer", "technical_writer", "software_engineer"}
COPIED_RUN = 7
"""Words in a row shared with an article that count as a copied sentence."""


def texts(pack: DataPack) -> list[str]:
    found = [q.text for q in pack.questions] + [o.label for q in pack.questions for o in q.options]
    found += [f"{t.description} {t.high} {t.middle} {t.low}" for t in pack.traits]
    for role in pack.roles:
        found += [role.summary, *role.work, *role.challenges, *role.first_steps, *(a.text for a in role.advice)]
        found += [t.where for t in role.profile]
        found += [note.text for note in (*role.paths_in, *role.good_to_know)]
    for dealbreaker in pack.dealbreakers:
        found += [dealbreaker.label, dealbreaker.silent, *(r.text for r in dealbreaker.roles.values())]
    return found


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def test_the_pack_lives_in_the_package_or_the_repository() -> None:
    assert (default_data_dir() / "questions.yaml").is_file()


def test_required_traits_exist(pack: DataPack) -> None:
    assert REQUIRED_TRAITS <= {t.id for t in pack.traits}


def test_required_roles_exist(pack: DataPack) -> None:
    assert REQUIRED_ROLES <= {r.id for r in pack.roles}


def test_question_count_is_between_110_and_130(pack: DataPack) -> None:
    """Seven or eight statements for each of the 14 traits, and a dozen scenarios or fewer."""
    assert 110 <= len(pack.questions) <= 130


def test_every_trait_has_seven_or_eight_agree_disagree_items_of_its_own_a_third_reversed(pack: DataPack) -> None:
    """Each item loads mainly on one trait, so a trait's level is not borrowed from another's,
    and enough of them are reversed that agreeing with everything reads as the middle."""
    for trait in pack.traits:
        own = [q for q in pack.questions if q.kind == "likert"
               and max(q.loadings, key=lambda t: abs(q.loadings[t])) == trait.id]
        assert 7 <= len(own) <= 8, trait.id
        assert 3 * sum(q.loadings[trait.id] < 0 for q in own) >= len(own), trait.id
        assert any(q.loadings[trait.id] > 0 for q in own), trait.id


def test_no_question_leans_on_workplace_jargon(pack: DataPack) -> None:
    """A career changer with no tech job must be able to answer every question."""
    jargon = re.compile(r"\b(apis?|frameworks?|tickets?|technical debt|company blog|backlog|sprints?|stakeholders?)\b")
    for question in pack.questions:
        for text in (question.text, *(o.label for o in question.options)):
            assert not jargon.search(text.lower()), (question.id, text)


def test_each_contrast_scenario_scores_its_options_on_more_than_one_trait(pack: DataPack) -> None:
    """A contrast scenario sets two roles side by side; most of its options express more than
    one trait, and each is scored on all of them."""
    for qid in ("week_after_a_release", "feature_hard_to_grasp", "reaching_new_users", "keen_but_scattered_users",
                "works_but_nobody_understands", "customer_hits_a_wall"):
        question = pack.question(qid)
        assert question is not None and question.kind == "choice", qid
        assert sum(len(o.loadings) > 1 for o in question.options) >= len(question.options) - 1, qid


def test_about_half_the_likert_items_are_reverse_keyed(pack: DataPack) -> None:
    """Balanced keying cancels acquiescence: agreeing with everything reads as the middle."""
    likert = [q for q in pack.questions if q.kind == "likert"]
    assert 0.4 <= sum(q.reverse_keyed for q in likert) / len(likert) <= 0.6


def test_every_scenario_option_carries_the_same_total_loading(pack: DataPack) -> None:
    """No option is worth more than another, so none is the 'right' answer for the score."""
    for question in pack.questions:
        if question.kind != "likert":
            totals = {round(sum(abs(w) for w in o.loadings.values()), 6) for o in question.options}
            assert totals == {1.0}, question.id


def test_there_are_scenario_questions_of_both_kinds(pack: DataPack) -> None:
    assert sum(q.kind == "choice" for q in pack.questions) >= 6
    assert sum(q.kind == "multi" for q in pack.questions) >= 1


def test_every_profile_target_cites_an_article_and_where_in_it(pack: DataPack) -> None:
    for role in pack.roles:
        for target in role.profile:
            assert target.source in pack.sources and len(target.where) > 10, (role.id, target.trait)


def test_roles_the_articles_barely_describe_are_marked_thin(pack: DataPack) -> None:
    evidence = {r.id: r.evidence for r in pack.roles}
    assert {r for r, e in evidence.items() if e == "thin"} == {
        "developer_marketing", "technical_program_manager", "engineering_manager", "sales_engineer",
        "technical_writer", "software_engineer"}
    assert evidence["developer_advocate"] == evidence["technical_product_manager"] == "rich"


def test_the_developer_advocate_profile_follows_its_article(pack: DataPack) -> None:
    """Empathy is the top skill, and community the role's reason for being, so loving it costs nothing."""
    advocate = {t.trait: t for t in pack.role("developer_advocate").profile}
    community_manager = {t.trait: t for t in pack.role("community_manager").profile}
    assert advocate["empathy"].level >= community_manager["empathy"].level
    assert advocate["empathy"].weight == max(t.weight for t in advocate.values())
    assert advocate["community"].direction == "at_least"


def test_a_technical_writer_is_not_scored_as_a_specialist_who_shuns_variety(pack: DataPack) -> None:
    variety = next(t for t in pack.role("technical_writer").profile if t.trait == "variety")
    assert variety.level >= 0.4 and variety.weight <= 1


def test_a_technical_pm_weighs_empathy_and_coordination(pack: DataPack) -> None:
    profile = {t.trait: t for t in pack.role("technical_product_manager").profile}
    assert profile["empathy"].weight >= 2 and profile["coordination"].weight >= 2





def test_every_role_has_advice_and_every_advice_cites_a_known_source(pack: DataPack) -> None:
    for role in pack.roles:
        assert role.advice, role.id
        for advice in role.advice:
            assert advice.source in pack.sources


def test_every_role_says_where_it_comes_from(pack: DataPack) -> None:
    for role in pack.roles:
        assert role.sources and role.first_steps and role.challenges and role.work, role.id


def test_sources_are_the_five_articles(pack: DataPack) -> None:
    titles = {s.title for s in pack.sources}
    assert "What is a Developer Advocate?" in titles
    assert "Developer Relations Career Insights From 7 Industry Leaders" in titles
    assert len(pack.sources) == 5


def test_no_encoding_damage_in_the_data() -> None:
    for name in ("questions.yaml", "roles.yaml"):
        text = (default_data_dir() / name).read_text(encoding="utf-8")
        for damage in ("â€", "√", "Ã", "\ufffd"):
            assert damage not in text, (name, damage)


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the source articles sit beside the repository, in shared/")
def test_no_sentence_is_copied_from_the_articles(pack: DataPack) -> None:
    runs: set[tuple[str, ...]] = set()
    for article in ARTICLES.glob("*.md"):
        if article.name == "README.md":
            continue
        tokens = words(article.read_text(encoding="utf-8", errors="replace"))
        runs.update(tuple(tokens[i:i + COPIED_RUN]) for i in range(len(tokens) - COPIED_RUN + 1))
    copied = []
    for text in texts(pack):
        tokens = words(text)
        copied += [" ".join(tokens[i:i + COPIED_RUN]) for i in range(len(tokens) - COPIED_RUN + 1)
                   if tuple(tokens[i:i + COPIED_RUN]) in runs]
    assert copied == []


def test_a_loaded_pack_is_cached_and_reused(isolated_home: Path) -> None:
    from rolefit.data import load_pack

    first = load_pack()
    assert len(list((isolated_home / "cache").glob("pack-*.json"))) == 1
    second = load_pack()
    assert second is not first
    assert [q.id for q in second.questions] == [q.id for q in first.questions]


def test_a_changed_pack_is_read_again(isolated_home: Path, tmp_path: Path) -> None:
    import shutil

    from rolefit.data import load_pack

    from conftest import MINI_PACK

    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    assert load_pack(folder).role("engineer").name == "Engineer"
    roles = folder / "roles.yaml"
    roles.write_text(roles.read_text().replace("name: Engineer", "name: Builder"))
    assert load_pack(folder).role("engineer").name == "Builder"


def test_a_damaged_cache_file_is_ignored(isolated_home: Path) -> None:
    from rolefit.data import load_pack

    load_pack()
    for cached in (isolated_home / "cache").glob("pack-*.json"):
        cached.write_bytes(b"not JSON")
    assert load_pack().questions


def test_the_cache_keeps_only_the_newest_packs(isolated_home: Path, tmp_path: Path) -> None:
    import shutil

    from rolefit import cache
    from rolefit.data import load_pack

    from conftest import MINI_PACK

    for number in range(cache.KEEP + 3):
        folder = tmp_path / f"pack{number}"
        shutil.copytree(MINI_PACK, folder)
        load_pack(folder)
    assert len(list((isolated_home / "cache").glob("pack-*.json"))) == cache.KEEP


def test_a_pack_copied_with_its_old_size_and_time_is_read_again(isolated_home: Path, tmp_path: Path) -> None:
    import os
    import shutil

    from rolefit.data import load_pack

    from conftest import MINI_PACK

    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    roles = folder / "roles.yaml"
    before = roles.stat()
    assert load_pack(folder).role("engineer").name == "Engineer"
    roles.write_text(roles.read_text().replace("name: Engineer", "name: Enginear"))
    os.utime(roles, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert load_pack(folder).role("engineer").name == "Enginear"


class _Plant:
    """A pickle payload that, once unpickled, creates the file named in `marker`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def test_a_planted_cache_file_cannot_run_code(isolated_home: Path, tmp_path: Path) -> None:
    import pickle

    from rolefit.data import load_pack

    load_pack()
    marker = tmp_path / "code-ran"
    payload = pickle.dumps(_Plant(marker))
    for cached in (isolated_home / "cache").iterdir():
        cached.write_bytes(payload)
    assert load_pack().questions
    assert not marker.exists()


def test_an_edited_cache_file_is_checked_like_the_pack_itself(isolated_home: Path, tmp_path: Path) -> None:
    import json
    import shutil

    from rolefit.data import load_pack

    from conftest import MINI_PACK

    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    load_pack(folder)
    [cached] = (isolated_home / "cache").iterdir()
    stored = json.loads(cached.read_text())
    stored["roles"]["roles"][0]["profile"]["variety"] = 7
    cached.write_text(json.dumps(stored))
    assert [t.level for t in load_pack(folder).role("advocate").profile if t.trait == "variety"] == [0.8]


def test_a_named_pipe_in_place_of_a_cache_file_is_passed_over(isolated_home: Path) -> None:
    import os
    import subprocess
    import sys

    from rolefit.data import load_pack

    load_pack()
    [cached] = (isolated_home / "cache").iterdir()
    cached.unlink()
    os.mkfifo(cached)
    done = subprocess.run([sys.executable, "-m", "rolefit", "roles", "--json"], capture_output=True, text=True,
                          timeout=20, env={**os.environ, "ROLEFIT_HOME": str(isolated_home)})
    assert done.returncode == 0, done.stderr
