"""`rolefit validate` grows in proportion to the question bank, not to its square: the search
for answers that put a role first costs one answer's worth of work per trial answer, however
many questions there are. Measured by counting the evidence looked up, never by timing."""

from __future__ import annotations

from dataclasses import replace

from rolefit.model import DataPack
from rolefit.reachability import answers_ranking_first
from rolefit.scoring import compile_pack


class _Counted(dict):  # type: ignore[type-arg]
    """The compiled evidence table, counting how often an answer's evidence is looked up."""

    lookups = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        _Counted.lookups += 1
        return super().__getitem__(key)


def bank_of(mini: DataPack, copies: int) -> DataPack:
    """The mini pack with its questions repeated `copies` times, and a twin of the engineer
    (same profile, other id), which can never come strictly first: the search runs in full."""
    questions = tuple(replace(q, id=f"{q.id}_{n}") for n in range(copies) for q in mini.questions)
    twin = replace(mini.role("engineer"), id="twin", name="Twin")
    return replace(mini, questions=questions, roles=(*mini.roles, twin))


def lookups_to_search(pack: DataPack) -> int:
    compiled = compile_pack(pack)
    compiled.evidence = _Counted(compiled.evidence)
    _Counted.lookups = 0
    assert answers_ranking_first(pack, pack.role("twin")) is None  # type: ignore[arg-type]
    return _Counted.lookups


def test_the_search_for_a_first_place_grows_linearly_with_the_bank(mini: DataPack) -> None:
    small, large = lookups_to_search(bank_of(mini, 4)), lookups_to_search(bank_of(mini, 16))
    assert large < 5 * small, (small, large)
