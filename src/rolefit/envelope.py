"""The JSON that `--json` prints: plain dicts in a versioned envelope (see docs/scripting.md, "JSON output").

Scripts depend on these shapes. Add fields freely; renaming or removing one means a new
SCHEMA_VERSION.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from rolefit import __version__
from rolefit.narrative import headline
from rolefit.numbers import rounded, shown
from rolefit.model import Advice, AnswerSheet, DataPack, Dealbreaker, Notice, Question, Result, Role, RoleFit, Source
from rolefit.scoring import Assessment, Influence, ranked_advice

if TYPE_CHECKING:
    from rolefit.adaptive import Next
    from rolefit.comparison import Comparison

SCHEMA_VERSION = 2
"""2: the verdict v3 (issue 16): `lead_holds` gave way to each ranking entry's `first_share`
and the shortlist's `coverage`; cohort lines and CSV alike."""


def _envelope(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "kind": kind, "rolefit_version": __version__, **body}


def _round(value: float | None, digits: int) -> float | None:
    return shown(value, digits)


def _rounded(values: Iterable[float | None], scale: float) -> list[float | None]:
    """Numbers to 1 / scale: a single result and every cohort line round with the one rule
    (rolefit.numbers), so that they agree with each other and with the text to the digit."""
    return rounded(values, scale)


def _tenths(value: float | None) -> float | None:
    return _rounded((value,), 10.0)[0]


def _thousandths(value: float | None) -> float | None:
    return _rounded((value,), 1000.0)[0]


def _interval(interval: tuple[float, float] | None) -> list[float | None] | None:
    return None if interval is None else _rounded(interval, 10.0)


def source(item: Source) -> dict[str, Any]:
    """A source with every field present: null where the article does not say."""
    return {"id": item.id, "title": item.title, "author": item.author, "outlet": item.outlet, "date": item.date}


def advice(item: Advice, for_your_gap: bool | None = None) -> dict[str, Any]:
    """One piece of advice with its source; `for_your_gap` only where a result is known."""
    entry: dict[str, Any] = {"text": item.text, "trait": item.trait, "said_by": item.said_by}
    if for_your_gap is not None:
        entry["for_your_gap"] = for_your_gap
    entry["source"] = source(item.source)
    return entry


def _contributions(fit: RoleFit) -> list[dict[str, Any]]:
    return [{"trait": c.trait, "kind": c.kind, "direction": c.direction, "target": c.target, "weight": c.weight,
             "level": _round(c.level, 3), "gap": _round(c.gap, 3), "points": _round(c.points, 1)}
            for c in fit.contributions]


def ranking_entry(rank: int, fit: RoleFit) -> dict[str, Any]:
    """A role's place in a result, why, and the advice for this person, most useful first."""
    gap_traits = {c.trait for c in fit.gaps}
    return {
        "rank": rank,
        "role": fit.role.id,
        "name": fit.role.name,
        "evidence": fit.role.evidence,
        "fit": _tenths(fit.fit),
        "interval": _interval(fit.interval),
        "first_share": _thousandths(fit.first),
        "dealbreakers": [d.id for d in fit.ruled_out],
        "strengths": [c.trait for c in fit.strengths],
        "gaps": [c.trait for c in fit.gaps],
        "contributions": _contributions(fit),
        "advice": [advice(a, a.trait in gap_traits) for a in ranked_advice(fit)],
        "first_steps": list(fit.role.first_steps),
    }


def _warnings(notices: Iterable[Notice]) -> list[dict[str, str]]:
    return [{"code": w.code, "message": w.message} for w in notices]


def result(pack: DataPack, scored: Result) -> dict[str, Any]:
    """The whole result of scoring one answers file."""
    sheet = scored.sheet
    return _envelope("result", {
        "quiz_version": pack.version,
        "respondent": sheet.respondent,
        "taken_at": sheet.taken_at,
        "answered": scored.answered,
        "total": scored.total,
        "skipped": scored.skipped,
        "not_asked": scored.not_asked,
        "verdict": scored.verdict,
        "verdict_reason": scored.reason or None,
        "shortlist": [fit.role.id for fit in scored.shortlist],
        "coverage": _thousandths(scored.coverage),
        "family": None if scored.family is None else scored.family.id,
        "family_share": _thousandths(scored.family_share),
        "dealbreakers": list(sheet.dealbreakers),
        "headline": headline(scored),
        "close_call": scored.close_call,
        "ranking": [ranking_entry(i, fit) for i, fit in enumerate(scored.ranking, start=1)],
        "profile": {level.trait: _thousandths(level.level) for level in scored.profile},
        "profile_errors": {level.trait: _round(level.error, 3) for level in scored.profile},
        "warnings": _warnings(scored.warnings),
    })


def cohort_result(pack: DataPack, line: int, ident: Any, sheet: AnswerSheet, found: Assessment,
                  notices: Iterable[Notice]) -> dict[str, Any]:
    """One line of a cohort's results: the ranking without names or explanations, to keep a
    line short."""
    fits, intervals, ranked = found.fits, found.intervals, found.ranked
    roles, traits = _ids(pack)
    shown = _rounded(fits, 10.0)
    ranking = [{"rank": rank, "role": roles[i], "fit": shown[i],
                "interval": None if intervals[i] is None else _rounded(intervals[i], 10.0)}  # type: ignore[arg-type]
               for rank, i in enumerate(ranked, start=1)]
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "cohort_result",
        "rolefit_version": __version__,
        "quiz_version": pack.version,
        "line": line,
        "id": ident,
        "respondent": sheet.respondent,
        "answered": len(sheet.given),
        "total": len(pack.questions),
        "best": roles[found.contenders[0]] if found.contenders else None,
        "verdict": found.verdict,
        "verdict_reason": found.reason or None,
        "shortlist": [roles[i] for i in found.shortlist],
        "coverage": _thousandths(found.coverage) if found.shortlist else None,
        "family": None if found.family is None else pack.families[found.family].id,
        "ruled_out": [roles[i] for i in ranked if i in found.blocked],
        "ranking": ranking,
        "profile": dict(zip(traits, _rounded(found.levels, 1000.0))),
        "warnings": _warnings(notices),
    }


_pack_ids: dict[int, tuple[DataPack, list[str], list[str]]] = {}


def _ids(pack: DataPack) -> tuple[list[str], list[str]]:
    """The pack's role and trait ids, worked out once per pack: a cohort asks for every line."""
    known = _pack_ids.get(id(pack))
    if known is None or known[0] is not pack:
        known = _pack_ids[id(pack)] = (pack, [r.id for r in pack.roles], [t.id for t in pack.traits])
    return known[1], known[2]


def explanation(fit: RoleFit, moved: list[Influence]) -> dict[str, Any]:
    """Every trait's and every answer's effect on one role's fit."""
    return {
        "role": fit.role.id,
        "fit": _round(fit.fit, 1),
        "contributions": _contributions(fit),
        "answers": [{"question": i.question.id, "answer": i.answer, "points": _round(i.points, 2)} for i in moved],
    }


def _family_id(pack: DataPack, item: Role) -> str | None:
    found = pack.family_of(item.id)
    return None if found is None else found.id


def role(item: Role, family: str | None = None) -> dict[str, Any]:
    """A role's card: what the data pack says about it (and the id of its family)."""
    return {
        "id": item.id,
        "name": item.name,
        "family": family,
        "summary": item.summary,
        "work": list(item.work),
        "evidence": item.evidence,
        "profile": [{"trait": t.trait, "level": t.level, "weight": t.weight, "direction": t.direction,
                     "source": t.source.id if t.source else None, "where": t.where} for t in item.profile],
        "challenges": list(item.challenges),
        "first_steps": list(item.first_steps),
        "advice": [advice(a) for a in item.advice],
        "paths_in": [advice(a) for a in item.paths_in],
        "good_to_know": [advice(a) for a in item.good_to_know],
        "adjacent": list(item.adjacent),
        "sources": [source(s) for s in item.sources],
    }


def dealbreaker(item: Dealbreaker) -> dict[str, Any]:
    return {"id": item.id, "label": item.label, "silent": item.silent or None,
            "roles": [{"role": role_id, "reason": r.text, "where": r.where, "source": source(r.source)}
                      for role_id, r in item.roles.items()]}


def roles(pack: DataPack, items: list[Role]) -> dict[str, Any]:
    """The `rolefit roles --json` document: the roles, and the dealbreakers a person may name."""
    return _envelope("roles", {"quiz_version": pack.version, "roles": [role(r, _family_id(pack, r)) for r in items],
                               "dealbreakers": [dealbreaker(d) for d in pack.dealbreakers],
                               "families": [{"id": f.id, "name": f.name, "description": f.description,
                                             "roles": list(f.roles), "evidence": f.evidence, "silent": f.silent or None}
                                            for f in pack.families]})


def question(item: Question) -> dict[str, Any]:
    """A question with its loadings, as a script filling in answers needs it."""
    entry: dict[str, Any] = {"id": item.id, "kind": item.kind, "section": item.section, "text": item.text}
    if item.kind == "likert":
        entry["traits"] = dict(item.loadings)
    else:
        entry["options"] = [{"value": o.value, "label": o.label, "traits": dict(o.loadings)} for o in item.options]
    return entry


def next_question(pack: DataPack, step: Next) -> dict[str, Any]:
    """The `rolefit next --json` document: the question to ask next (null when done), with
    what a front end needs to ask it, and where the quiz stands."""
    asked: dict[str, Any] | None = None
    if step.question is not None:
        asked = question(step.question)
        if step.question.kind == "likert":
            asked["scale"] = list(pack.scale)
    return _envelope("next", {
        "quiz_version": pack.version,
        "done": step.done,
        "question": asked,
        "asked": step.asked,
        "about_remaining": step.about_remaining,
        "verdict": step.verdict,
        "shortlist": list(step.shortlist),
        "settled": None if step.settled is None else _thousandths(step.settled),
    })


def questions(pack: DataPack) -> dict[str, Any]:
    """The `rolefit questions --json` document."""
    return _envelope("questions", {
        "quiz_version": pack.version,
        "scale": list(pack.scale),
        "sections": [{"id": s.id, "title": s.title} for s in pack.sections],
        "traits": [{"id": t.id, "name": t.name, "kind": t.kind, "description": t.description} for t in pack.traits],
        "questions": [question(q) for q in pack.questions],
    })


def comparison(pack: DataPack, moved: Comparison) -> dict[str, Any]:
    """The `rolefit compare --json` document; every change is the difference of the rounded
    numbers shown beside it."""
    from rolefit.comparison import beyond_retake, change, within_retake

    def who(result: Result) -> dict[str, Any]:
        return {"respondent": result.sheet.respondent, "taken_at": result.sheet.taken_at,
                "answered": result.answered, "total": result.total,
                "best": result.scored[0].role.id if result.scored else None,
                "verdict": result.verdict, "close_call": result.close_call, "warnings": _warnings(result.warnings)}

    return _envelope("comparison", {
        "quiz_version": pack.version,
        "before": who(moved.before),
        "after": who(moved.after),
        "best_changed": moved.best_changed,
        "within_retake": within_retake(moved) if moved.best_changed else None,
        "traits": [{"trait": t.trait, "before": _round(t.before, 3), "after": _round(t.after, 3),
                    "change": change(t.before, t.after, 3)} for t in moved.traits],
        "ranking": [{"role": r.role, "name": r.name, "rank_before": r.rank_before, "rank_after": r.rank_after,
                     "rank_change": r.rank_change, "fit_before": _round(r.fit_before, 1),
                     "fit_after": _round(r.fit_after, 1), "fit_change": change(r.fit_before, r.fit_after, 1),
                     "beyond_retake": beyond_retake(moved.before.fit_for(r.role), moved.after.fit_for(r.role))}
                    for r in moved.roles],
    })
