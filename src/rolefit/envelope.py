"""The JSON that `--json` prints: plain dicts in a versioned envelope (see README, "JSON output").

Scripts depend on these shapes. Add fields freely; renaming or removing one means a new
SCHEMA_VERSION.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rolefit import __version__
from rolefit.model import Advice, DataPack, Question, Result, Role, RoleFit, Source
from rolefit.scoring import Influence, ranked_advice

if TYPE_CHECKING:
    from rolefit.comparison import Comparison

SCHEMA_VERSION = 1


def _envelope(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "kind": kind, "rolefit_version": __version__, **body}


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def source(item: Source) -> dict[str, Any]:
    fields = {"id": item.id, "title": item.title, "author": item.author, "outlet": item.outlet, "date": item.date}
    return {k: v for k, v in fields.items() if v is not None}


def advice(item: Advice, for_your_gap: bool | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"text": item.text, "trait": item.trait}
    if item.said_by:
        entry["said_by"] = item.said_by
    if for_your_gap is not None:
        entry["for_your_gap"] = for_your_gap
    entry["source"] = source(item.source)
    return entry


def ranking_entry(rank: int, fit: RoleFit) -> dict[str, Any]:
    gap_traits = {c.trait for c in fit.gaps}
    return {
        "rank": rank,
        "role": fit.role.id,
        "name": fit.role.name,
        "fit": _round(fit.fit, 1),
        "interval": [_round(fit.interval[0], 1), _round(fit.interval[1], 1)],
        "strengths": [c.trait for c in fit.strengths],
        "gaps": [c.trait for c in fit.gaps],
        "contributions": [
            {"trait": c.trait, "kind": c.kind, "target": c.target, "weight": c.weight,
             "level": _round(c.level, 3), "gap": _round(c.gap, 3), "points": _round(c.points, 1)}
            for c in fit.contributions
        ],
        "advice": [advice(a, a.trait in gap_traits) for a in ranked_advice(fit)],
        "first_steps": list(fit.role.first_steps),
    }


def result(pack: DataPack, scored: Result) -> dict[str, Any]:
    sheet = scored.sheet
    return _envelope("result", {
        "quiz_version": pack.version,
        "respondent": sheet.respondent,
        "taken_at": sheet.taken_at,
        "answered": scored.answered,
        "total": scored.total,
        "skipped": scored.skipped,
        "close_call": scored.close_call,
        "ranking": [ranking_entry(i, fit) for i, fit in enumerate(scored.ranking, start=1)],
        "profile": {level.trait: _round(level.level, 3) for level in scored.profile},
        "warnings": [{"code": w.code, "message": w.message} for w in scored.warnings],
    })


def explanation(fit: RoleFit, moved: list[Influence]) -> dict[str, Any]:
    return {
        "role": fit.role.id,
        "fit": _round(fit.fit, 1),
        "contributions": ranking_entry(0, fit)["contributions"],
        "answers": [{"question": i.question.id, "answer": i.answer, "points": _round(i.points, 2)} for i in moved],
    }


def role(item: Role) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "summary": item.summary,
        "work": list(item.work),
        "profile": [{"trait": t.trait, "level": t.level, "weight": t.weight} for t in item.profile],
        "challenges": list(item.challenges),
        "first_steps": list(item.first_steps),
        "advice": [advice(a) for a in item.advice],
        "adjacent": list(item.adjacent),
        "sources": [source(s) for s in item.sources],
    }


def roles(pack: DataPack, items: list[Role]) -> dict[str, Any]:
    return _envelope("roles", {"quiz_version": pack.version, "roles": [role(r) for r in items]})


def question(item: Question) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": item.id, "kind": item.kind, "section": item.section, "text": item.text}
    if item.kind == "likert":
        entry["traits"] = dict(item.loadings)
    else:
        entry["options"] = [{"value": o.value, "label": o.label, "traits": dict(o.loadings)} for o in item.options]
    return entry


def questions(pack: DataPack) -> dict[str, Any]:
    return _envelope("questions", {
        "quiz_version": pack.version,
        "scale": list(pack.scale),
        "sections": [{"id": s.id, "title": s.title} for s in pack.sections],
        "traits": [{"id": t.id, "name": t.name, "kind": t.kind, "description": t.description} for t in pack.traits],
        "questions": [question(q) for q in pack.questions],
    })


def comparison(pack: DataPack, moved: Comparison) -> dict[str, Any]:
    def who(result: Result) -> dict[str, Any]:
        return {"respondent": result.sheet.respondent, "taken_at": result.sheet.taken_at,
                "answered": result.answered, "best": result.ranking[0].role.id}

    return _envelope("comparison", {
        "quiz_version": pack.version,
        "before": who(moved.before),
        "after": who(moved.after),
        "best_changed": moved.best_changed,
        "traits": [{"trait": t.trait, "before": _round(t.before, 3), "after": _round(t.after, 3),
                    "change": _round(t.change, 3)} for t in moved.traits],
        "ranking": [{"role": r.role, "name": r.name, "rank_before": r.rank_before, "rank_after": r.rank_after,
                     "fit_before": _round(r.fit_before, 1), "fit_after": _round(r.fit_after, 1),
                     "fit_change": _round(r.fit_change, 1)} for r in moved.roles],
    })
