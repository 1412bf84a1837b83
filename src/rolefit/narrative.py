"""What a report says, shared by the terminal report and the exports.

Pure functions from a result to plain strings and short lists, so the text, Markdown and
HTML reports choose the same roles, advice and steps, and say them in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable

from rolefit.model import (Advice, Answer, Contribution, DataPack, Dealbreaker, Notice, Question, Reason, Result, Role,
                           RoleFit, Source, Target)
from rolefit.numbers import in_ten, shown, text
from rolefit.scoring import ranked_advice

CARDS = 3
"""How many of the best roles get a card of their own."""
ADVICE_PER_CARD = 3
STEPS_PER_CARD = 3
MOVED_ANSWERS = 8
"""How many answers an explanation lists, most influential first."""


def percent(value: float) -> int:
    return int(shown(value * 100))  # type: ignore[arg-type]


def level_text(level: float | None) -> str:
    return "n/a" if level is None else str(percent(level))


def fit_text(fit: float | None) -> str:
    return "n/a" if fit is None else text(fit)


def interval_text(fit: RoleFit) -> str:
    return "n/a" if fit.interval is None else f"{text(fit.interval[0])}-{text(fit.interval[1])}"


def _named(fit: RoleFit) -> str:
    return f"{fit.role.name} ({fit_text(fit.fit)})"


def _listed(fits: tuple[RoleFit, ...] | list[RoleFit]) -> str:
    names = [_named(f) for f in fits]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_COUNT = {2: "two", 3: "three", 4: "four"}


def promise(result: Result) -> str:
    """How sure the shortlist is, in the one voice every report and front end uses."""
    short = result.shortlist
    if not short:
        return ""
    share = in_ten(result.coverage or 0.0)
    if len(short) == 1:
        return f"it comes first in {share} of the quiz"
    group = "the two" if len(short) == 2 else "them"
    return f"one of {group} comes first in {share} of the quiz, {short[0].role.name} in {in_ten(short[0].first)}"


def _beside(best: RoleFit, second: RoleFit) -> str:
    return "level with" if best.fit == second.fit else "ahead of"


_NO_FIT = {
    "straight_lining": "every agree/disagree answer was the same, so the answers do not describe you",
    "flat": "your answers sit near the middle on almost every trait, so no role stands out",
    "uniformly_high": ("your answers put you high on almost every trait, so they do not show what sets you "
                       "apart, and no role stands out"),
    "uniformly_low": ("your answers put you low on almost every trait, so they do not show what draws you, "
                      "and no role stands out"),
    "contradictory": "your answers on the same traits contradict each other",
    "poor_fit": "none of the roles matches your answers well",
    "many_close": "more than four roles fit your answers about equally well, so none stands out",
}


def _names(fits: tuple[RoleFit, ...] | list[RoleFit]) -> str:
    names = [f.role.name for f in fits]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _ruled_out(result: Result) -> str:
    """The headline when the dealbreakers leave no role to offer."""
    unscored = [f for f in result.ranking if not f.ruled_out and f.fit is None]
    if not unscored:
        return ("No role is left: your dealbreakers rule out every role in the quiz, so rolefit has none to "
                "suggest. The ranking below shows how each would fit without them.")
    return (f"No role to suggest yet: your dealbreakers rule out every role your answers could be scored "
            f"against, and your answers do not yet measure what {_names(unscored)} "
            f"{'asks' if len(unscored) == 1 else 'ask'} for.")


def headline(result: Result) -> str:
    """The verdict in one or two sentences: how sure the ranking is, and which roles to read.
    It names only roles no dealbreaker rules out, and never calls a role the best fit unless
    the verdict is a clear lead."""
    if result.reason == "ruled_out":
        return _ruled_out(result)
    scored = result.scored
    if not scored:
        return "No role could be scored: your answers measure none of the traits the roles ask for."
    best = scored[0]
    second = scored[1] if len(scored) > 1 else None
    if result.verdict == "tentative":
        beside = (f"{_beside(best, second)} {_named(second)}" if second is not None
                  else "the only role your answers can score so far")
        return (f"Tentative: with {result.answered} of {result.total} questions answered, {best.role.name} "
                f"({fit_text(best.fit)}) leads for now, {beside}. Answer more questions for a firmer result.")
    if result.verdict == "no_clear_fit":
        named = result.shortlist[:3] or scored[:1]
        closest = (f"The closest roles are {_listed(named)}; treat them" if len(named) > 1
                   else f"The closest role is {_listed(named)}; treat it")
        return (f"No clear fit: {_NO_FIT.get(result.reason, _NO_FIT['poor_fit'])}. {closest} as a starting "
                "point, not a verdict.")
    if result.verdict == "close_call" and len(result.shortlist) == 2:
        first, other = result.shortlist
        return f"Your best fit is {_named(first)} or {_named(other)}: {promise(result)}. Read both cards."
    if result.verdict == "close_call" and second is not None:
        return (f"A close call between {_listed(result.shortlist)}: {promise(result)}. "
                f"Read all {_COUNT.get(len(result.shortlist), len(result.shortlist))} cards.")
    if second is None:
        return f"Best fit: {best.role.name} ({fit_text(best.fit)}/100), the only role your answers could be scored against."
    return (f"Best fit: {best.role.name} ({fit_text(best.fit)}/100), a clear lead: {promise(result)}. "
            f"Next best: {_named(second)}.")


def next_step(result: Result, program: str = "rolefit") -> str:
    """What to do with the verdict; `program` is how a printed command names rolefit (see
    `invocation.program`)."""
    if result.reason == "ruled_out":
        if any(not f.ruled_out for f in result.ranking):
            return (f"Next: answer more of the questions ({program} quiz --resume FILE carries on where your answers "
                    "stop), so that the roles your dealbreakers leave open can be scored; or drop a dealbreaker "
                    "you could live with.")
        return ("Next: read why each dealbreaker rules its roles out (below); if one is something you could live "
                "with, drop it from the file and score it again.")
    if not result.scored:
        return "Answer some of the agree/disagree questions, then score the file again."
    best = result.scored[0].role
    if result.verdict == "clear_lead":
        return f"Next: read the {best.name} card below and try one of its first steps this month."
    if result.verdict == "close_call":
        return "Next: compare the cards below; each card's first steps are cheap ways to test a role before you commit."
    if result.verdict == "tentative":
        return (f"Next: answer more of the questions ({program} quiz --resume FILE carries on where your answers "
                "stop), then read the cards.")
    return ("Next: look at the notes below, then retake the quiz answering as you are today; "
            "the trait profile at the end may still be useful on its own.")


FIT_MEANING = ("Fit is 0-100: 100 means your answers meet everything a role asks for; each tenth of the scale "
               "you sit away from a role's targets, on average, costs 20 points.")


def how_to_read(result: Result) -> list[str]:
    """A short, plain explanation of the scale, the shortlist and what a retake is, for every
    report to lead with or close on."""
    return [
        FIT_MEANING,
        ("A retake is the quiz taken again on another day: answers to the same questions vary a little, so fits "
         "move a little. rolefit works out how often each role would come first over many plausible retakes."),
        ("The shortlist is the fewest roles that between them come first in at least 9 of 10 retakes. One role "
         "is a clear lead; two to four are a close call to weigh; more than four is no clear fit. Checked on "
         "thousands of simulated people who took the quiz twice, the first shortlist held the second take's best "
         "fit about 9 times in 10."),
    ]


def evidence_note(role: Role) -> str:
    """How much the articles say about a role, so a reader knows how far to trust its profile."""
    return {
        "rich": f"The articles describe {role.name} in detail; its profile rests on what they say.",
        "some": f"The articles describe {role.name} in part; some of its profile is inferred from comparisons.",
        "thin": (f"Thin evidence: the articles say only a sentence or two about {role.name}, so its profile "
                 "is an informed guess. Weigh its place in the ranking accordingly."),
    }[role.evidence]


_SIDES = {"at_least": "at least", "at_most": "at most", "about": "about"}


def target_text(pack: DataPack, target: Target) -> str:
    """`Empathy: at least 80`, the way a card states what a role asks."""
    return f"{pack.trait(target.trait).name}: {_SIDES[target.direction]} {percent(target.level)}"


def coverage(result: Result) -> str:
    who = result.sheet.respondent
    return (f"{who}: " if who else "") + f"{result.answered} of {result.total} questions answered" + unanswered(result)


def unanswered(result: Result) -> str:
    """`, 2 skipped, 40 not asked`: what became of the questions without an answer."""
    parts = [f"{result.skipped} skipped"] if result.skipped else []
    parts += [f"{result.not_asked} not asked"] if result.not_asked else []
    return "".join(f", {part}" for part in parts)


def notes(result: Result) -> list[Notice]:
    """Warnings worth a line of their own; the headline already says what the verdict is."""
    return [w for w in result.warnings if w.code not in ("close_call", result.reason)]


def card_roles(result: Result) -> tuple[RoleFit, ...]:
    """The best roles, enough to give every role of a close call its card."""
    shown = max(CARDS, len(result.shortlist) if result.verdict == "close_call" else 0)
    return result.scored[:shown]


def meets(contribution: Contribution) -> bool:
    """Whether the person meets a target as the report shows it: at least 85 is not met at 83,
    however close. An `about` target counts as met within the scoring's margin."""
    if contribution.direction == "about" or contribution.level is None:
        return contribution.level is not None
    have, need = percent(contribution.level), percent(contribution.target)
    return have >= need if contribution.direction == "at_least" else have <= need


def why_it_fits(pack: DataPack, fit: RoleFit, limit: int = 3) -> list[str]:
    """Plain-words reasons, from the heaviest traits the person meets, each described at the
    person's own level (a skill only just met reads as middling, not as a passion). Only met
    targets: a near miss is no reason a role fits (see `near_misses`)."""
    reasons = []
    for c in [c for c in fit.strengths if meets(c)][:limit]:
        trait = pack.trait(c.trait)
        reasons.append(f"{trait.name} ({level_text(c.level)}): {trait.phrase(c.level or 0.0)}; "
                       f"the role asks for {_SIDES[c.direction]} {percent(c.target)}")
    return reasons


def near_misses(pack: DataPack, fit: RoleFit, limit: int = 3) -> list[str]:
    """Targets the person is close to but short of (or just over, for an upper limit): too
    near to be a stretch, not met, so neither a reason it fits nor a gap."""
    misses = []
    for c in [c for c in fit.strengths if not meets(c)][:limit]:
        have, need = percent(c.level or 0.0), percent(c.target)
        off = f"{need - have} short" if c.direction == "at_least" else f"{have - need} over"
        misses.append(f"{pack.trait(c.trait).name} ({have}): the role asks for {_SIDES[c.direction]} {need}, "
                      f"so you are {off}")
    return misses


def stretch(pack: DataPack, contribution: Contribution) -> str:
    """One gap in plain words, with the numbers behind it."""
    name = pack.trait(contribution.trait).name
    need, have = percent(contribution.target), percent(contribution.level or 0.0)
    if contribution.kind == "preference" and have > need:
        return f"{name}: the role gives less of this ({need}) than you seem to want ({have})"
    if contribution.kind == "preference":
        return f"{name}: the role asks for more of this ({need}) than you seem to want ({have})"
    if have > need:
        return f"{name}: the role uses less of this ({need}) than you bring ({have})"
    return f"{name}: the role asks for {need}, your answers put you at {have}"


def gaps(pack: DataPack, fit: RoleFit, limit: int = 3) -> list[str]:
    return [f"{stretch(pack, c)}; costs {_points(c.points)}" for c in fit.gaps[:limit]]


def _points(points: float) -> str:
    whole = text(abs(points))
    return f"{whole} point" if whole == "1" else f"{whole} points"


def paths_in(fit: RoleFit, limit: int = 2) -> tuple[Advice, ...]:
    """How people got into the role, as the articles tell it."""
    return fit.role.paths_in[:limit]


def good_to_know(fit: RoleFit, limit: int = 3) -> tuple[Advice, ...]:
    """What the work is like, before choosing it: travel, warning signs, what it feels like."""
    return fit.role.good_to_know[:limit]


def role_name(fit: RoleFit) -> str:
    """A role's name in a ranking, marked when a dealbreaker rules it out."""
    return f"{fit.role.name} (ruled out)" if fit.ruled_out else fit.role.name


def dealbreaker_lines(pack: DataPack, result: Result) -> list[str]:
    """Each of the person's dealbreakers: which roles it rules out and why, citing the
    article, then what the articles do not say about it."""
    lines = []
    for dealbreaker in (d for d in pack.dealbreakers if d.id in result.sheet.dealbreakers):
        touched = [f"{pack.role(role_id).name} ({reason.text}; {reason.source.citation()})"  # type: ignore[union-attr]
                   for role_id, reason in dealbreaker.roles.items()]
        rules = f"rules out {'; '.join(touched)}." if touched else "rules out no role the articles tie it to."
        lines.append(f"{dealbreaker.label}: {rules} {dealbreaker.silent}".strip())
    return lines


def card_advice(fit: RoleFit) -> tuple[Advice, ...]:
    return ranked_advice(fit)[:ADVICE_PER_CARD]


def first_steps(fit: RoleFit) -> tuple[str, ...]:
    return fit.role.first_steps[:STEPS_PER_CARD]


def credit(advice: Advice, sources: tuple[Source, ...] | None = None) -> str:
    """Where a piece of advice comes from, naming the practitioner where there is one: the
    full citation, or with `sources` (see `references`) its number among them, `[2]`."""
    if sources is not None:
        number = f"[{reference_number(advice.source, sources)}]"
        return f"after {advice.said_by} {number}" if advice.said_by else number
    citation = advice.source.citation()
    return f"after {advice.said_by}, in {citation}" if advice.said_by else citation


def references(cited: Iterable[Advice | Reason]) -> tuple[Source, ...]:
    """The sources of `cited`, each once, in the order first cited: a report numbers its
    citations by their place here and lists them once at its end."""
    seen: dict[str, Source] = {}
    for advice in cited:
        seen.setdefault(advice.source.id, advice.source)
    return tuple(seen.values())


def reference_number(source: Source, sources: tuple[Source, ...]) -> int:
    return next(n for n, known in enumerate(sources, start=1) if known.id == source.id)


def chosen_dealbreakers(pack: DataPack, result: Result) -> list[Dealbreaker]:
    return [d for d in pack.dealbreakers if d.id in result.sheet.dealbreakers]


def dealbreaker_reasons(pack: DataPack, result: Result) -> list[Reason]:
    """Every reason the person's dealbreakers cite, in the order the report shows them."""
    return [reason for d in chosen_dealbreakers(pack, result) for reason in d.roles.values()]


def numbered_dealbreaker_lines(pack: DataPack, result: Result, sources: tuple[Source, ...]) -> list[str]:
    """`dealbreaker_lines` citing each article by its number among `sources`, `[1]`."""
    lines = []
    for dealbreaker in chosen_dealbreakers(pack, result):
        touched = [f"{pack.role(role_id).name} ({reason.text} [{reference_number(reason.source, sources)}])"  # type: ignore[union-attr]
                   for role_id, reason in dealbreaker.roles.items()]
        rules = f"rules out {'; '.join(touched)}." if touched else "rules out no role the articles tie it to."
        lines.append(f"{dealbreaker.label}: {rules} {dealbreaker.silent}".strip())
    return lines


def cited_in_cards(fits: Iterable[RoleFit]) -> list[Advice]:
    """Every piece of advice the cards for `fits` cite, in the order they show it."""
    return [a for fit in fits for a in (*card_advice(fit), *paths_in(fit), *good_to_know(fit))]


def answer_label(pack: DataPack, question: Question, answer: Answer) -> str:
    """An answer as the person saw it: the scale's words, the option's label, or for a
    pick-all question the labels picked."""
    if question.kind == "likert" and isinstance(answer, int):
        return pack.scale[answer - 1]
    if isinstance(answer, tuple):
        labels = [o.label for o in question.options if o.value in answer]
        return "; ".join(labels) if labels else "none of these"
    option = question.option(str(answer))
    return option.label if option else str(answer)


def footer(result: Result, program: str, answers: str | None, data_dir: str | None = None) -> list[str]:
    """The lines under a report, so that what to do next is the last thing on the screen:
    where the answers are, how to see the report again and export it for a coach, and the
    role ids `roles` and `--explain` take. `program` is how to run rolefit (see invocation);
    `answers` the answers file's path, None when they came from stdin."""
    import shlex

    pack_option = f" --data-dir {shlex.quote(data_dir)}" if data_dir is not None else ""
    lines = []
    if answers is None:
        lines.append("Your answers came from standard input: save them to a file to score them again.")
    else:
        score = f"{program} score {shlex.quote(answers)}{pack_option}"
        lines += [f"Your answers: {answers}",
                  f"See this report again: {score}",
                  f"Export it for a coach: {score} --export report.html"]
    ids = ", ".join(fit.role.id for fit in result.ranking)
    lines.append(f"Role ids, in the ranking's order, for '{program} roles ID' (a role's full card) and "
                 f"'--explain ID' (what moved its fit): {ids}")
    return lines
