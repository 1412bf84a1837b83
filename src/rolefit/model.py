"""The plain data rolefit works with: the data pack, an answer sheet, and a scored result.

These are values: nothing changes one after it is made. They are not declared frozen, and
they compare by identity (eq=False), because every method a dataclass generates is compiled
when rolefit starts, and `rolefit score --json` is meant to start about as fast as Typer
itself (benchmarks/startup.py). Change a value with dataclasses.replace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, Union

TraitKind = Literal["skill", "preference"]
QuestionKind = Literal["likert", "choice", "multi"]
Direction = Literal["at_least", "at_most", "about"]
Evidence = Literal["rich", "some", "thin"]
Verdict = Literal["clear_lead", "close_call", "no_clear_fit", "tentative"]
Answer = Union[int, str, tuple[str, ...], None]
"""1..5 for a likert item, an option's value for a choice, the picked options' values (in the
question's order, possibly none) for a pick-all-that-apply question, None when skipped."""

LIKERT_POINTS = (1, 2, 3, 4, 5)
MET = 0.05
"""A trait whose gap is at most this counts as met, and can be a reason a role fits."""
STRETCH = 0.1
"""A trait whose gap is over this is a stretch, and its advice comes first."""
HIGH_LEVEL, LOW_LEVEL = 0.65, 0.35
"""Trait levels from HIGH_LEVEL up read as the trait's high side, up to LOW_LEVEL as its low side."""


@dataclass(eq=False)
class Trait:
    id: str
    name: str
    kind: TraitKind
    description: str
    high: str
    low: str
    middle: str = ""
    """How the trait reads at a middling level; a pack may leave it out."""

    def phrase(self, level: float) -> str:
        """The trait in plain words at this level, so a report never claims more than the
        answers showed."""
        if level >= HIGH_LEVEL:
            return self.high
        if level <= LOW_LEVEL:
            return self.low
        return self.middle or f"you sit around the middle on {self.name.lower()}"


@dataclass(eq=False)
class Section:
    id: str
    title: str


@dataclass(eq=False)
class Option:
    value: str
    label: str
    loadings: dict[str, float]


@dataclass(eq=False)
class Question:
    id: str
    kind: QuestionKind
    section: str
    text: str
    loadings: dict[str, float] = field(default_factory=dict)
    options: tuple[Option, ...] = ()

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    @property
    def has_options(self) -> bool:
        return self.kind != "likert"

    @cached_property
    def trait_ids(self) -> frozenset[str]:
        if self.kind == "likert":
            return frozenset(self.loadings)
        return frozenset(t for o in self.options for t in o.loadings)

    @property
    def reverse_keyed(self) -> bool:
        return self.kind == "likert" and any(w < 0 for w in self.loadings.values())


@dataclass(eq=False)
class Source:
    id: str
    title: str
    author: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    """Where the article can be read, when the pack knows it."""

    def citation(self) -> str:
        """`Title` (author, outlet, date), naming only what is known."""
        known = [part for part in (self.author, self.outlet, self.date) if part]
        return f"{self.title} ({', '.join(known)})" if known else self.title


@dataclass(eq=False)
class Advice:
    text: str
    source: Source
    trait: str | None = None
    said_by: str | None = None


@dataclass(eq=False)
class Reason:
    """Why a dealbreaker touches a role, and where in which article that is said."""

    text: str
    source: Source
    where: str


@dataclass(eq=False)
class Dealbreaker:
    """Something a person may refuse to do, and the roles the articles tie it to."""

    id: str
    label: str
    roles: dict[str, Reason]
    silent: str = ""
    """What the articles do not say about it, so that nobody reads silence as an all-clear."""


@dataclass(eq=False, frozen=True)
class Citation:
    """Where in which article something rests, and who said it when a named person did."""

    source: Source
    where: str
    said_by: str | None = None


@dataclass(eq=False, frozen=True)
class Family:
    """Roles the articles group together, such as developer relations, and what grounds that."""

    id: str
    name: str
    description: str
    roles: tuple[str, ...]
    """The ids of its roles, in the pack's order of listing them here."""
    sources: tuple[Citation, ...]
    evidence: Evidence = "some"
    """How much the articles say about this grouping: rich, some or thin."""
    silent: str = ""
    """What the articles do not say about the grouping, so a family never claims more than they do."""


@dataclass(eq=False)
class Target:
    """What a role asks of one trait: a level, which side of it costs, how much it matters,
    and where in which article that comes from."""

    trait: str
    level: float
    weight: float = 1.0
    direction: Direction = "about"
    source: Source | None = None
    where: str = ""


@dataclass(eq=False)
class Role:
    id: str
    name: str
    summary: str
    work: tuple[str, ...]
    profile: tuple[Target, ...]
    challenges: tuple[str, ...]
    first_steps: tuple[str, ...]
    advice: tuple[Advice, ...]
    adjacent: tuple[str, ...]
    sources: tuple[Source, ...]
    evidence: Evidence = "some"
    """How much the articles say about this role; a thin role's profile is an informed guess."""
    paths_in: tuple[Advice, ...] = ()
    """How people got into the role, as the articles tell it."""
    good_to_know: tuple[Advice, ...] = ()
    """What the work is like that a person should know before choosing it."""


@dataclass(eq=False)
class DataPack:
    version: str
    scale: tuple[str, ...]
    sections: tuple[Section, ...]
    traits: tuple[Trait, ...]
    questions: tuple[Question, ...]
    roles: tuple[Role, ...]
    sources: tuple[Source, ...]
    location: str = ""
    dealbreakers: tuple[Dealbreaker, ...] = ()
    families: tuple[Family, ...] = ()
    """Optional: a pack without families still loads; with them, every role is in exactly one."""

    def __post_init__(self) -> None:
        self._traits = {t.id: t for t in self.traits}
        self._questions = {q.id: q for q in self.questions}
        self._roles = {r.id: r for r in self.roles}
        self._sections = {s.id: s for s in self.sections}
        self._accepted = {
            q.id: frozenset(LIKERT_POINTS if q.kind == "likert" else (o.value for o in q.options))
            for q in self.questions
        }

    @cached_property
    def multi(self) -> frozenset[str]:
        """The ids of the pick-all-that-apply questions, whose answers are lists; a single
        value given for one is read as a list of that value."""
        return frozenset(q.id for q in self.questions if q.kind == "multi")

    @property
    def accepted(self) -> dict[str, frozenset[int | str]]:
        """Every question id mapped to the answers it accepts (for a pick-all question, the
        values that may appear in its list). Check an answer's exact type too: YAML's `yes`
        is True, which equals 1."""
        return self._accepted

    def trait(self, trait_id: str) -> Trait:
        return self._traits[trait_id]

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def role(self, role_id: str) -> Role | None:
        return self._roles.get(role_id)

    def family_of(self, role_id: str) -> Family | None:
        """The family a role belongs to, or None when the pack has no families (or no such role)."""
        return self._family_of.get(role_id)

    @cached_property
    def _family_of(self) -> dict[str, Family]:
        return {role_id: family for family in self.families for role_id in family.roles}

    def dealbreaker(self, dealbreaker_id: str) -> Dealbreaker | None:
        return next((d for d in self.dealbreakers if d.id == dealbreaker_id), None)

    def find_role(self, text: str) -> Role | None:
        """A role by its id or its name, in any case, with spaces, hyphens or underscores:
        `developer_advocate`, `Developer Advocate` and `developer-advocate` are one role."""
        return self.role_keys.get(role_key(text))

    @cached_property
    def role_keys(self) -> dict[str, Role]:
        """Every role under its id's and its name's key (see `role_key`)."""
        return {**{role_key(r.name): r for r in self.roles}, **{role_key(r.id): r for r in self.roles}}

    def section(self, section_id: str) -> Section:
        return self._sections[section_id]


def role_key(text: str) -> str:
    """How a role is looked up: lower case, with runs of spaces, hyphens and underscores as one `_`."""
    return "_".join(text.lower().replace("-", " ").replace("_", " ").split())


@dataclass(eq=False)
class AnswerSheet:
    """One person's answers, as read from an answers file or given in the quiz."""

    answers: dict[str, Answer]
    respondent: str | None = None
    taken_at: str | None = None
    quiz_version: str | None = None
    unknown: tuple[str, ...] = ()
    """Question ids the file answers that this data pack does not have."""
    dealbreakers: tuple[str, ...] = ()
    """The ids of the things this person will not do."""
    dealbreakers_asked: bool = True
    """Whether the dealbreakers were asked. An answers file says so with a `dealbreakers`
    list (`[]` for none); while a file lacks one, `rolefit next` asks them first."""
    notes: tuple[str, ...] = ()
    """A coach's free-text `notes:`, as paragraphs; rolefit shows them and never writes them."""

    @cached_property
    def given(self) -> dict[str, int | str]:
        """The answers that were not skipped."""
        return {qid: a for qid, a in self.answers.items() if a is not None}


@dataclass(eq=False)
class TraitLevel:
    trait: str
    level: float | None
    """0..1, or None when no answered question measures the trait."""
    answered: int
    total: int
    error: float | None = None
    """The level's standard error: how far plausible versions of the answers move it."""


@dataclass(eq=False)
class Contribution:
    """What one trait does to one role's fit."""

    trait: str
    kind: TraitKind
    target: float
    weight: float
    level: float | None
    gap: float
    points: float
    """Fit points this trait costs (zero or negative); 0 for an unmeasured trait."""
    direction: Direction = "about"


@dataclass(eq=False)
class RoleFit:
    role: Role
    fit: float | None
    """0..100, or None when no answer measured any trait the role asks for."""
    interval: tuple[float, float] | None
    contributions: tuple[Contribution, ...]
    ruled_out: tuple[Dealbreaker, ...] = ()
    """The person's dealbreakers that touch this role; it then ranks after every other."""
    first: float = 0.0
    """The share of plausible retakes in which this role comes first (0 for a role out of
    reach or ruled out)."""

    @property
    def strengths(self) -> tuple[Contribution, ...]:
        """Why the role fits, heaviest first: traits the person meets (a gap of at most MET),
        leaving out skills the role hardly asks for, which are no reason to choose it."""
        met = [c for c in self.contributions if c.level is not None and round(c.gap, 9) <= MET
               and (c.direction != "at_least" or c.target >= 0.5)]
        return tuple(sorted(met, key=lambda c: (-c.weight, -c.target)))

    @property
    def gaps(self) -> tuple[Contribution, ...]:
        """Where the role would stretch the person (a gap over STRETCH), costliest first."""
        costly = [c for c in self.contributions if c.level is not None and round(c.gap, 9) > STRETCH]
        return tuple(sorted(costly, key=lambda c: c.points))


@dataclass(eq=False)
class Notice:
    """A warning about a result, with a stable code scripts can match on."""

    code: str
    message: str


@dataclass(eq=False)
class Result:
    sheet: AnswerSheet
    ranking: tuple[RoleFit, ...]
    profile: tuple[TraitLevel, ...]
    answered: int
    total: int
    warnings: tuple[Notice, ...]
    verdict: Verdict
    shortlist: tuple[RoleFit, ...]
    """The fewest roles, best first, that come first in at least 90% of plausible retakes:
    one for a clear lead, two to four for a close call."""
    reason: str = ""
    """For no_clear_fit, why in a few words (flat, straight_lining, contradictory, poor_fit,
    many_close, ruled_out)."""
    coverage: float | None = None
    """The share of plausible retakes in which a shortlisted role comes first."""
    family: Family | None = None
    """The family whose roles between them come first in at least 90% of plausible retakes."""
    family_share: float | None = None
    """That family's share of first places."""

    @property
    def lead_holds(self) -> float | None:
        """The best fit's share of plausible retakes in which it comes first."""
        return self.shortlist[0].first if self.shortlist else None

    @property
    def close_call(self) -> bool:
        return self.verdict == "close_call"

    @property
    def skipped(self) -> int:
        """Questions skipped on purpose: null (or blank) in the file."""
        return sum(1 for answer in self.sheet.answers.values() if answer is None)

    @property
    def not_asked(self) -> int:
        """Questions the file does not mention: ones an adaptive quiz settled without, or ones a
        hand-filled file leaves out. `answered + skipped + not_asked == total`."""
        return max(0, self.total - self.answered - self.skipped)

    @property
    def scored(self) -> tuple[RoleFit, ...]:
        """The roles a report may offer: the ranking without the roles nothing could be said
        about and without the roles a dealbreaker rules out (so none, when the dealbreakers
        rule out every role with a fit)."""
        return tuple(f for f in self.ranking if f.fit is not None and not f.ruled_out)

    @property
    def ruled_out(self) -> tuple[RoleFit, ...]:
        return tuple(f for f in self.ranking if f.ruled_out)

    def fit_for(self, role_id: str) -> RoleFit | None:
        return next((f for f in self.ranking if f.role.id == role_id), None)
