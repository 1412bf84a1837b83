"""The published JSON Schemas (draft 2020-12) of what every `--json` prints: `rolefit schema KIND`.

Each schema names every field rolefit prints and closes every object (`additionalProperties:
false`), so that the tests, which check every document they see against these, catch a field
added, renamed or dropped without its schema. Written as Python data so that the shapes
documents share (a source, a warning, a question) are written once. It imports only `typing`,
so `rolefit schema` starts as fast as Typer.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 2
"""The `schema_version` these schemas describe; tests/test_schemas.py holds it to
rolefit.envelope's, so that a new version of the documents needs new schemas."""

DRAFT = "https://json-schema.org/draft/2020-12/schema"

KINDS = {"score": "result", "next": "next", "compare": "comparison", "roles": "roles",
         "questions": "questions", "cohort": "cohort_result"}
"""Each schema's name (the command that prints the document) and the document's `kind`."""

VERDICTS = ("clear_lead", "close_call", "no_clear_fit", "tentative")
REASONS = ("ruled_out", "straight_lining", "contradictory", "uniformly_high", "uniformly_low", "flat",
           "poor_fit", "many_close")
WARNING_CODES = ("unknown_question", "version_mismatch", "few_answers", "straight_lining", "contradictory",
                 "flat", "uniformly_high", "uniformly_low", "poor_fit", "many_close", "ruled_out",
                 "dealbreakers", "unmeasured_traits", "close_call")
EVIDENCE = ("rich", "some", "thin")
DIRECTIONS = ("at_least", "at_most", "about")
TRAIT_KINDS = ("skill", "preference")
QUESTION_KINDS = ("likert", "choice", "multi")

JSON = dict[str, Any]


# building blocks ----------------------------------------------------------------------------

def _described(schema: JSON, description: str | None) -> JSON:
    return schema if description is None else {**schema, "description": description}


def _text(description: str | None = None) -> JSON:
    return _described({"type": "string"}, description)


def _texts(description: str | None = None) -> JSON:
    return _described({"type": "array", "items": {"type": "string"}}, description)


def _ids(description: str | None = None) -> JSON:
    return _described({"type": "array", "items": {"type": "string"}, "uniqueItems": True}, description)


def _count(description: str | None = None) -> JSON:
    return _described({"type": "integer", "minimum": 0}, description)


def _flag(description: str | None = None) -> JSON:
    return _described({"type": "boolean"}, description)


def _number(description: str | None = None, low: float | None = None, high: float | None = None) -> JSON:
    schema: JSON = {"type": "number"}
    if low is not None:
        schema["minimum"] = low
    if high is not None:
        schema["maximum"] = high
    return _described(schema, description)


def _share(description: str | None = None) -> JSON:
    return _number(description, 0, 1)


def _enum(values: tuple[str, ...], description: str | None = None) -> JSON:
    return _described({"enum": list(values)}, description)


def _nullable(schema: JSON) -> JSON:
    """The schema, or null."""
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if isinstance(schema.get("type"), str) and "if" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    description = schema.get("description")
    plain = {k: v for k, v in schema.items() if k != "description"}
    return _described({"anyOf": [plain, {"type": "null"}]}, description)


def _ref(name: str, description: str | None = None) -> JSON:
    return _described({"$ref": f"#/$defs/{name}"}, description)


def _list(items: JSON, description: str | None = None) -> JSON:
    return _described({"type": "array", "items": items}, description)


def _object(properties: dict[str, JSON], description: str | None = None, optional: tuple[str, ...] = ()) -> JSON:
    """A closed object: every property is required unless named in `optional`, and no other
    property is allowed."""
    return _described({"type": "object", "properties": properties,
                       "required": [name for name in properties if name not in optional],
                       "additionalProperties": False}, description)


def _map(values: JSON, description: str | None = None) -> JSON:
    """An object from ids to values."""
    return _described({"type": "object", "additionalProperties": values}, description)


def _when(name: str, value: Any, then: JSON, otherwise: JSON) -> JSON:
    """A rule between fields: where `name` is `value`, `then` holds, and `otherwise` elsewhere."""
    return {"if": {"properties": {name: {"const": value}}, "required": [name]}, "then": then, "else": otherwise}


def _fields(**schemas: JSON) -> JSON:
    return {"properties": schemas}


# the shapes documents share -----------------------------------------------------------------

def _fit() -> JSON:
    return _nullable(_number("The fit, 0..100 to a tenth; null when no answer measured any trait the role asks for.",
                             0, 100))


def _interval() -> JSON:
    return _nullable({"type": "array", "prefixItems": [_number(None, 0, 100), _number(None, 0, 100)],
                      "minItems": 2, "maxItems": 2,
                      "description": "The fit plus or minus 1.645 standard errors, within 0..100; null with the fit."})


DEFS: dict[str, JSON] = {
    "verdict": _enum(VERDICTS, "How sure the result is: one role leads, two to four share the lead, no role "
                               "stands out, or too few answers to tell."),
    "verdict_reason": _nullable(_enum(REASONS, "Why there is no clear fit; null for every other verdict.")),
    "warning": _object({"code": _enum(WARNING_CODES, "A stable code scripts can match on."),
                        "message": _text("The warning in words.")},
                       "Something to know before trusting the ranking."),
    "source": _object({"id": _text("The source's id in the data pack."),
                       "title": _text(),
                       "author": _nullable(_text("Null where the article does not say.")),
                       "outlet": _nullable(_text("Null where the article does not say.")),
                       "date": _nullable(_text("Null where the article does not say."))},
                      "The article a piece of data rests on."),
    "contribution": _object({
        "trait": _text("A trait id."),
        "kind": _enum(TRAIT_KINDS),
        "direction": _enum(DIRECTIONS, "Which side of the target costs fit points."),
        "target": _share("The level the role asks for."),
        "weight": _number("How much the trait matters to the role.", 0),
        "level": _nullable(_share("The person's level; null when no answer measured the trait.")),
        "gap": _number("How far the level falls on the costly side of the target.", 0),
        "points": _number("Fit points this target costs (0 or less); a role's points add up to fit - 100.",
                          high=0)},
        "What one trait of the role's profile does to its fit."),
}


def _advice(for_a_result: bool) -> JSON:
    properties: dict[str, JSON] = {
        "text": _text(),
        "trait": _nullable(_text("The trait the advice is about, if any.")),
        "said_by": _nullable(_text("The person who said it; null when the article speaks for itself.")),
    }
    if for_a_result:
        properties["for_your_gap"] = _flag("Whether the advice is on a trait where this person falls short.")
    properties["source"] = _ref("source")
    return _object(properties, "A piece of advice and the article it comes from.")


def _question(scale: bool) -> JSON:
    """A question: agree/disagree statements (`likert`) carry their trait loadings, the others
    their options. In `next`, a statement also carries the scale's labels."""
    loadings = _map(_number(None, -1, 1), "Trait ids and how the answer loads on each (negative: reverse keyed).")
    properties: dict[str, JSON] = {
        "id": _text("The question id, the key of its answer in an answers file."),
        "kind": _enum(QUESTION_KINDS, "likert: a statement answered 1..5; choice: answered with one option's "
                                      "value; multi: with a list of options' values."),
        "section": _text("The id of the section it belongs to."),
        "text": _text(),
        "traits": loadings,
        "options": _list(_object({"value": _text("What an answers file gives for this option."),
                                  "label": _text(), "traits": loadings}), "The options, in order."),
    }
    statement: JSON = {"required": ["traits"], "not": {"required": ["options"]}}
    if scale:
        properties["scale"] = _described(_texts(), "The labels of answers 1..5.")
        statement["required"] = ["traits", "scale"]
    other = {"required": ["options"], "not": {"anyOf": [{"required": ["traits"]}, {"required": ["scale"]}]}}
    return {"type": "object", "properties": properties, "required": ["id", "kind", "section", "text"],
            "additionalProperties": False, **_when("kind", "likert", statement, other)}


def _envelope(kind: str, body: dict[str, JSON]) -> dict[str, JSON]:
    return {"schema_version": {"const": SCHEMA_VERSION,
                               "description": "Changes when a field is renamed or removed or changes meaning."},
            "kind": {"const": KINDS[kind], "description": "Which document this is."},
            "rolefit_version": _text("The rolefit release that printed it."),
            "quiz_version": _text("The version of the quiz (the data pack) it used."),
            **body}


_VERDICT_RULE = _when("verdict", "no_clear_fit", _fields(verdict_reason=_enum(REASONS)),
                      _fields(verdict_reason={"const": None}))
_CLOSE_CALL_RULE = _when("verdict", "close_call", _fields(close_call={"const": True}),
                         _fields(close_call={"const": False}))
_FAMILY_RULE = _when("family", None, _fields(family_share={"const": None}), _fields(family_share={"type": "number"}))


def _document(kind: str, title: str, description: str, body: dict[str, JSON], defs: tuple[str, ...],
              rules: list[JSON] | None = None, optional: tuple[str, ...] = ()) -> JSON:
    schema: JSON = {"$schema": DRAFT, "$id": f"urn:rolefit:schema:{kind}:v{SCHEMA_VERSION}", "title": title,
                    **_object(_envelope(kind, body), description, optional)}
    if rules:
        schema["allOf"] = rules
    schema["$defs"] = {name: DEFS[name] for name in defs}
    return schema


# the documents ------------------------------------------------------------------------------

def _respondent() -> dict[str, JSON]:
    return {"respondent": _nullable(_text("Who answered, as the answers file names them.")),
            "taken_at": _nullable(_text("When, as the answers file gives it."))}


def _explanation() -> JSON:
    answer = {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 5}, {"type": "string"}, _texts()],
              "description": "The answer as given: 1..5, an option's value, or a list of them."}
    return _object({"role": _text("The role's id."), "fit": _fit(),
                    "contributions": _list(_ref("contribution")),
                    "answers": _list(_object({"question": _text("The question's id."), "answer": answer,
                                              "points": _number("The fit points it moved.")}),
                                     "Each answered question's effect on the fit.")},
                   "With --explain ROLE: every trait's and every answer's effect on that role's fit.")


def _ranking_entry() -> JSON:
    return _object({
        "rank": {"type": "integer", "minimum": 1},
        "role": _text("The role's id."),
        "name": _text(),
        "evidence": _enum(EVIDENCE, "How much the articles say about the role."),
        "fit": _fit(),
        "interval": _interval(),
        "first_share": _share("The share of plausible retakes in which this role comes first; 0 for a role out "
                              "of reach or ruled out."),
        "dealbreakers": _ids("The person's dealbreakers that rule this role out."),
        "strengths": _texts("Traits whose target the person meets."),
        "gaps": _texts("Traits more than 0.1 from their target, costliest first."),
        "contributions": _list(_ref("contribution")),
        "advice": _list(_advice(True), "All of the role's advice, most useful for this person first."),
        "first_steps": _texts(),
    })


def score() -> JSON:
    return _document("score", "rolefit score --json", "The result of scoring one answers file.", {
        **_respondent(),
        "answered": _count("Questions answered."),
        "total": _count("Questions in the quiz."),
        "skipped": _count("Questions skipped on purpose (null in the answers file)."),
        "not_asked": _count("Questions the answers file does not mention at all: answered + skipped + not_asked = total."),
        "verdict": _ref("verdict", "How sure the result is."),
        "verdict_reason": _ref("verdict_reason", "Why there is no clear fit; null for any other verdict."),
        "shortlist": _ids("The fewest roles, best first, that between them come first in at least 9 of 10 "
                          "plausible retakes; never a role a dealbreaker rules out."),
        "coverage": _nullable(_share("The shortlist's share of retakes; null when the shortlist is empty.")),
        "family": _nullable(_text("The id of the family whose roles between them come first in at least 9 of "
                                  "10 retakes; null when none does.")),
        "family_share": _nullable(_share("That family's share of retakes.")),
        "dealbreakers": _ids("The ids of the things this person will not do."),
        "headline": _text("The verdict in words."),
        "close_call": _flag("Whether the verdict is close_call."),
        "ranking": _list(_ranking_entry(), "Every role, best first."),
        "profile": _map(_nullable(_share()), "Each trait's level, 0..1; null when no answer measured it."),
        "profile_errors": _map(_nullable(_number(None, 0)), "Each level's standard error; null with the level."),
        "warnings": _list(_ref("warning"), "What to know before trusting the ranking."),
        "explanation": _explanation(),
    }, ("verdict", "verdict_reason", "warning", "source", "contribution"),
        [_VERDICT_RULE, _CLOSE_CALL_RULE, _FAMILY_RULE], optional=("explanation",))


def next_step() -> JSON:
    question = _question(scale=True)
    return _document("next", "rolefit next --json", "The question to ask next, or that the quiz is done.", {
        "done": _flag("Whether the result is settled or the questions have run out."),
        "question": _described(_nullable(question), "The question to ask next; null when done."),
        "asked": _count("Questions answered or skipped so far."),
        "about_remaining": _count("About how many questions are left, this one included; 0 when done."),
        "verdict": _described(_nullable(_ref("verdict")), "The verdict so far; null during the opening."),
        "shortlist": _ids("The ids of the roles the verdict names so far."),
        "settled": _nullable(_share("The chance that the whole bank's best fit would fall within the shortlist; "
                                    "null where it is not worked out.")),
    }, ("verdict",), [_when("done", True, _fields(question={"const": None}), _fields(question={"type": "object"}))])


def compare() -> JSON:
    side = {**_object({**_respondent(),
                       "answered": _count(), "total": _count(),
                       "best": _nullable(_text("The id of the role offered first; null when none can be.")),
                       "verdict": _ref("verdict"),
                       "close_call": _flag(),
                       "warnings": _list(_ref("warning"))}),
            "allOf": [_CLOSE_CALL_RULE]}
    return _document("compare", "rolefit compare --json", "How the profile and the ranking moved between two "
                     "answers files.", {
        "before": _described(side, "The first file's result."),
        "after": _described(side, "The second file's result."),
        "best_changed": _flag("Whether the role offered first changed."),
        "within_retake": _nullable(_flag("Whether the new best fit was on the first result's shortlist, so a "
                                         "retake could give the change; null when the best fit did not change.")),
        "traits": _list(_object({"trait": _text("A trait id."),
                                 "before": _nullable(_share()), "after": _nullable(_share()),
                                 "change": _nullable(_number("after - before, as shown; null when either is "
                                                             "unknown."))}), "Each trait's level before and after."),
        "ranking": _list(_object({
            "role": _text("The role's id."), "name": _text(),
            "rank_before": {"type": "integer", "minimum": 1}, "rank_after": {"type": "integer", "minimum": 1},
            "rank_change": {"type": "integer", "description": "Places climbed (positive) or fallen (negative)."},
            "fit_before": _fit(), "fit_after": _fit(),
            "fit_change": _nullable(_number("fit_after - fit_before, as shown; null when either is unknown.")),
            "beyond_retake": _flag("Whether the fit moved further than two takes of the same answers would in 9 "
                                   "of 10 cases.")}), "Every role, in the second result's order."),
    }, ("verdict", "warning"),
        [_when("best_changed", True, _fields(within_retake={"type": "boolean"}), _fields(within_retake={"const": None}))])


def roles() -> JSON:
    advice = _advice(False)
    target = _object({"trait": _text("A trait id."), "level": _share("The level the role asks for."),
                      "weight": {"type": "number", "exclusiveMinimum": 0, "description": "How much it matters."},
                      "direction": _enum(DIRECTIONS, "Which side of the level costs fit points."),
                      "source": _nullable(_text("The id of the source it rests on.")),
                      "where": _text("Where in that article.")})
    role = _object({
        "id": _text(), "name": _text(),
        "family": _nullable(_text("The id of its family; null when the pack has none.")),
        "summary": _text(), "work": _texts(),
        "evidence": _enum(EVIDENCE, "How much the articles say about the role."),
        "profile": _list(target, "What the role asks of each trait."),
        "challenges": _texts(), "first_steps": _texts(),
        "advice": _list(advice), "paths_in": _list(advice, "How people got into the role."),
        "good_to_know": _list(advice), "adjacent": _texts("The ids of related roles."),
        "sources": _list(_ref("source"))})
    dealbreaker = _object({
        "id": _text("What an answers file lists under dealbreakers."), "label": _text(),
        "silent": _nullable(_text("What the articles do not say about it; null when there is nothing to add.")),
        "roles": _list(_object({"role": _text("The id of a role it rules out."), "reason": _text(),
                                "where": _text("Where in the article."), "source": _ref("source")}))},
        "Something a person may refuse to do, and the roles the articles tie it to.")
    family = _object({
        "id": _text(), "name": _text(), "description": _text(), "roles": _ids("The ids of its roles."),
        "evidence": _enum(EVIDENCE, "How much the articles say about the grouping."),
        "silent": _nullable(_text("What the articles do not say about it; null when there is nothing to add."))},
        "Roles the articles group together.")
    return _document("roles", "rolefit roles --json", "The roles (all, or the one asked for), the dealbreakers a "
                     "person may name, and the role families.", {
        "roles": _list(role, "Every role, or the one asked for."),
        "dealbreakers": _list(dealbreaker, "The things a person may refuse to do, which rule roles out."),
        "families": _list(family, "The role families; empty for a pack without them."),
    }, ("source",))


def questions() -> JSON:
    return _document("questions", "rolefit questions --json", "Every question, with what a script needs to "
                     "answer it.", {
        "scale": {**_texts("The labels of answers 1..5 to an agree/disagree statement."), "minItems": 5,
                  "maxItems": 5},
        "sections": _list(_object({"id": _text(), "title": _text()}), "The sections questions belong to."),
        "traits": _list(_object({"id": _text(), "name": _text(), "kind": _enum(TRAIT_KINDS),
                                 "description": _text()}), "The traits the answers measure."),
        "questions": _list(_question(scale=False), "In the quiz's order."),
    }, ())


def cohort() -> JSON:
    return _document("cohort", "rolefit score FILE.jsonl --format jsonl (one line)", "One line of a cohort's "
                     "results: the ranking without names or explanations.", {
        "line": {"type": "integer", "minimum": 1, "description": "The line of the cohort file."},
        "id": {"type": ["string", "integer", "null"], "description": "The line's own id; null when it gives none."},
        "respondent": _respondent()["respondent"],
        "answered": _count("Questions answered."),
        "total": _count("Questions in the quiz."),
        "best": _nullable(_text("The id of the best fit no dealbreaker rules out; null when there is none.")),
        "verdict": _ref("verdict", "As in rolefit score --json."),
        "verdict_reason": _ref("verdict_reason", "As in rolefit score --json."),
        "shortlist": _ids("As in rolefit score --json."),
        "coverage": _nullable(_share("The shortlist's share of retakes; null when the shortlist is empty.")),
        "family": _nullable(_text("As in rolefit score --json.")),
        "ruled_out": _ids("The roles the person's dealbreakers rule out, in ranking order."),
        "ranking": _list(_object({"rank": {"type": "integer", "minimum": 1}, "role": _text("The role's id."),
                                  "fit": _fit(), "interval": _interval()}), "Every role, best first."),
        "profile": _map(_nullable(_share()), "Each trait's level, 0..1; null when no answer measured it."),
        "warnings": _list(_ref("warning"), "As in rolefit score --json."),
    }, ("verdict", "verdict_reason", "warning"), [_VERDICT_RULE])


_BUILDERS = {"score": score, "next": next_step, "compare": compare, "roles": roles, "questions": questions,
             "cohort": cohort}


def schema_for(kind: str | None) -> JSON:
    """The schema named `kind` (a command: score, next, ...), or an error listing them."""
    from rolefit.errors import RolefitError

    known = ", ".join(KINDS)
    if kind is None:
        raise RolefitError(f"schema: name the output whose JSON Schema to print: one of {known}")
    if kind not in _BUILDERS:
        raise RolefitError(f"schema: unknown kind {kind!r}; give one of {known}")
    return _BUILDERS[kind]()


def for_document(kind: str) -> JSON | None:
    """The schema of a document whose `kind` field is `kind` (result, next, ...), or None."""
    name = next((name for name, document in KINDS.items() if document == kind), None)
    return None if name is None else _BUILDERS[name]()
