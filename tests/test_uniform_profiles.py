"""Profiles that do not tell the roles apart, named for what they are: `flat` means near the
middle on almost every trait; a profile high (or low) on almost every trait is called that,
and, like straight-lining, it is no clear fit rather than a close call between roles."""

from __future__ import annotations

from itertools import cycle

from rolefit.model import AnswerSheet, DataPack
from rolefit.narrative import headline
from rolefit.scoring import score


def keyed(pack: DataPack, agree: tuple[int, ...], disagree: tuple[int, ...]) -> AnswerSheet:
    """Every agree/disagree item answered: a keyed item with `agree` in turn, a reverse-keyed
    one with `disagree` in turn (so the answers are never all the same)."""
    answers, ups, downs = {}, cycle(agree), cycle(disagree)
    for question in pack.questions:
        if question.kind == "likert":
            answers[question.id] = next(ups) if min(question.loadings.values()) > 0 else next(downs)
    return AnswerSheet(answers=answers)


def test_a_profile_high_on_every_trait_is_uniformly_high_not_flat(pack: DataPack) -> None:
    result = score(pack, keyed(pack, agree=(5, 4), disagree=(1, 2)))
    assert all(0.7 < level.level < 0.95 for level in result.profile)
    assert (result.verdict, result.reason) == ("no_clear_fit", "uniformly_high")
    assert "middle" not in headline(result) and "high on almost every trait" in headline(result)


def test_a_profile_low_on_every_trait_is_uniformly_low_not_flat(pack: DataPack) -> None:
    result = score(pack, keyed(pack, agree=(1, 2), disagree=(5, 4)))
    assert all(0.05 < level.level < 0.3 for level in result.profile)
    assert (result.verdict, result.reason) == ("no_clear_fit", "uniformly_low")
    assert "middle" not in headline(result) and "low on almost every trait" in headline(result)


def test_a_profile_near_the_middle_on_every_trait_is_still_flat(pack: DataPack) -> None:
    result = score(pack, keyed(pack, agree=(2, 4), disagree=(4, 2)))
    assert all(0.35 < level.level < 0.65 for level in result.profile)
    assert (result.verdict, result.reason) == ("no_clear_fit", "flat")
    assert "near the middle" in headline(result)


def test_each_uniform_reason_has_a_warning_of_its_own(pack: DataPack) -> None:
    result = score(pack, keyed(pack, agree=(5, 4), disagree=(1, 2)))
    assert [w.code for w in result.warnings if w.code == "uniformly_high"] == ["uniformly_high"]
