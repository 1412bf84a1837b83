"""The plain data rolefit works with: the data pack, an answer sheet, and a scored result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

TraitKind = Literal["skill", "preference"]
QuestionKind = Literal["likert", "choice"]
Answer = Union[int, str, None]
"""1..5 for a likert item, an option's value for a choice, None for a skipped question."""

LIKERT_POINTS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Trait:
    id: str
    name: str
    kind: TraitKind
    description: str
    high: str
    low: str


@dataclass(frozen=True)
class Section:
    id: str
    title: str


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    loadings: dict[str, float]


@dataclass(frozen=True)
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
    def trait_ids(self) -> frozenset[str]:
        if self.kind == "likert":
            return frozenset(self.loadings)
        return frozenset(t for o in self.options for t in o.loadings)

    @property
    def reverse_keyed(self) -> bool:
        return self.kind == "likert" and any(w < 0 for w in self.loadings.values())


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    author: str | None = None
    outlet: str | None = None
    date: str | None = None

    def citation(self) -> str:
        """`Title` (author, outlet, date), naming only what is known."""
        known = [part for part in (self.author, self.outlet, self.date) if part]
        return f"{self.title} ({', '.join(known)})" if known else self.title


@dataclass(frozen=True)
class Advice:
    text: str
    source: Source
    trait: str | None = None
    said_by: str | None = None


@dataclass(frozen=True)
class Target:
    trait: str
    level: float
    weight: float = 1.0


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class DataPack:
    version: str
    scale: tuple[str, ...]
    sections: tuple[Section, ...]
    traits: tuple[Trait, ...]
    questions: tuple[Question, ...]
    roles: tuple[Role, ...]
    sources: tuple[Source, ...]
    location: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_traits", {t.id: t for t in self.traits})
        object.__setattr__(self, "_questions", {q.id: q for q in self.questions})
        object.__setattr__(self, "_roles", {r.id: r for r in self.roles})
        object.__setattr__(self, "_sections", {s.id: s for s in self.sections})

    def trait(self, trait_id: str) -> Trait:
        return self._traits[trait_id]  # type: ignore[attr-defined]

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)  # type: ignore[attr-defined]

    def role(self, role_id: str) -> Role | None:
        return self._roles.get(role_id)  # type: ignore[attr-defined]

    def section(self, section_id: str) -> Section:
        return self._sections[section_id]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class AnswerSheet:
    """One person's answers, as read from an answers file or given in the quiz."""

    answers: dict[str, Answer]
    respondent: str | None = None
    taken_at: str | None = None
    quiz_version: str | None = None
    unknown: tuple[str, ...] = ()
    """Question ids the file answers that this data pack does not have."""

    @property
    def given(self) -> dict[str, int | str]:
        return {qid: a for qid, a in self.answers.items() if a is not None}


@dataclass(frozen=True)
class TraitLevel:
    trait: str
    level: float | None
    """0..1, or None when no answered question measures the trait."""
    answered: int
    total: int


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class RoleFit:
    role: Role
    fit: float
    interval: tuple[float, float]
    contributions: tuple[Contribution, ...]

    @property
    def strengths(self) -> tuple[Contribution, ...]:
        """Measured traits the person meets, heaviest first: why the role fits."""
        met = [c for c in self.contributions if c.level is not None and c.gap <= 0.15]
        return tuple(sorted(met, key=lambda c: (-c.weight, c.gap)))

    @property
    def gaps(self) -> tuple[Contribution, ...]:
        """Measured traits that cost points, costliest first."""
        costly = [c for c in self.contributions if c.level is not None and c.gap > 0.15]
        return tuple(sorted(costly, key=lambda c: c.points))


@dataclass(frozen=True)
class Notice:
    """A warning about a result, with a stable code scripts can match on."""

    code: str
    message: str


@dataclass(frozen=True)
class Result:
    sheet: AnswerSheet
    ranking: tuple[RoleFit, ...]
    profile: tuple[TraitLevel, ...]
    answered: int
    total: int
    skipped: int
    warnings: tuple[Notice, ...]
    close_call: bool

    def fit_for(self, role_id: str) -> RoleFit | None:
        return next((f for f in self.ranking if f.role.id == role_id), None)
