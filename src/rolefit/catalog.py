"""Plain-text views of a data pack: the role list, a role's card, the questions, and the
answers template. Plain text on purpose: these are read in pipes and pagers as often as in
a terminal, and they start fast.
"""

from __future__ import annotations

import json
import textwrap

from rolefit import narrative
from rolefit.model import DataPack, Question, Role


def _wrap(text: str, width: int, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(text, width=width, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent, break_on_hyphens=False)


def _bullets(items: tuple[str, ...], width: int) -> list[str]:
    return [_wrap(item, width, indent="    ", first="  - ") for item in items]


def role_list(pack: DataPack, width: int) -> str:
    """Every role's id, name and summary."""
    id_width = max(len(r.id) for r in pack.roles)
    side_by_side = id_width + 2 + max(len(r.name) for r in pack.roles) <= width and width - id_width >= 40
    lines = []
    for role in pack.roles:
        if side_by_side:
            lines.append(f"{role.id:<{id_width}}  {role.name}")
            lines.append(_wrap(role.summary, width, indent=" " * (id_width + 2)))
        else:
            lines += [role.id, _wrap(role.name, width, indent="    "), _wrap(role.summary, width, indent="    ")]
    lines.append("")
    from rolefit.invocation import program

    lines.append(_wrap(f"Run '{program()} roles ID' for a role's card, with its advice and sources.", width))
    return "\n".join(lines)


def role_card(pack: DataPack, role: Role, width: int) -> str:
    """Everything the pack says about one role, with each advice's source."""
    lines = [role.name, "=" * len(role.name), _wrap(role.summary, width), "",
             _wrap(narrative.evidence_note(role), width), "", "What the work looks like:"]
    lines += _bullets(role.work, width)
    lines += ["", _wrap("What the role asks of you (0-100, and how much it weighs), and where that comes from:", width)]
    for target in sorted(role.profile, key=lambda t: (-t.weight, -t.level)):
        lines.append(_wrap(f"{narrative.target_text(pack, target)}, weight {target.weight:g}", width, indent="    ",
                           first="  - "))
        lines.append(_wrap(f"{target.where} ({target.source.title if target.source else 'no source'})", width,
                           indent=" " * 6))
    lines += ["", "What is hard:"] + _bullets(role.challenges, width)
    for heading, notes in (("How people got here:", role.paths_in), ("Good to know:", role.good_to_know)):
        if notes:
            lines += ["", heading]
            for note in notes:
                lines.append(_wrap(note.text, width, indent="    ", first="  - "))
                lines.append(_wrap(f"Source: {narrative.credit(note)}", width, indent="    "))
    touching = [(d, d.roles[role.id]) for d in pack.dealbreakers if role.id in d.roles]
    if touching:
        lines += ["", "Dealbreakers that rule it out:"]
        for dealbreaker, reason in touching:
            lines.append(_wrap(f"{dealbreaker.label}: {reason.text}", width, indent="    ", first="  - "))
            lines.append(_wrap(f"Source: {reason.source.citation()}, {reason.where}", width, indent="    "))
    lines += ["", "First steps:"] + _bullets(role.first_steps, width)
    lines += ["", "Advice:"]
    for number, item in enumerate(role.advice, start=1):
        about = f" [{pack.trait(item.trait).name}]" if item.trait else ""
        lines.append(_wrap(f"{item.text}{about}", width, indent=" " * 6, first=f"  {number:>2}. "))
        lines.append(_wrap(f"Source: {narrative.credit(item)}", width, indent=" " * 6))
    adjacent = ", ".join(r.name for r in (pack.role(a) for a in role.adjacent) if r)
    lines += ["", _wrap(f"Adjacent roles: {adjacent}", width)]
    lines += ["", "Drawn from:"] + _bullets(tuple(s.citation() for s in role.sources), width)
    return "\n".join(lines)


def _answer_hint(question: Question) -> str:
    if question.kind == "likert":
        return "1-5"
    values = ", ".join(o.value for o in question.options)
    if question.kind == "multi":
        return f"a list of any of: {values} (for example [{question.options[0].value}]; [] for none)"
    return "one of: " + values


_HOW = {"likert": "1-5, disagree to agree", "choice": "choose one:", "multi": "pick all that apply (a list):"}


def question_list(pack: DataPack, width: int) -> str:
    """Every question by section, with its id and the answers it takes."""
    lines = [f"rolefit quiz version {pack.version}: {len(pack.questions)} questions"]
    by_section: dict[str, list[Question]] = {}
    for question in pack.questions:  # one pass: a section-by-section scan is quadratic in a large pack
        by_section.setdefault(question.section, []).append(question)
    number = 0
    for section in pack.sections:
        lines += ["", section.title, "-" * len(section.title)]
        for question in by_section.get(section.id, []):
            number += 1
            lines.append(_wrap(question.text, width, indent="     ", first=f"{number:>3}. "))
            lines.append(_wrap(f"[{question.id}] {_HOW[question.kind]}", width, indent="       ", first="     "))
            for option in question.options:
                lines.append(_wrap(f"{option.value}: {option.label}", width, indent="         ", first="       - "))
    return "\n".join(lines)


def _one_line(text: str) -> str:
    """Text for a YAML comment: a line break inside it would end the comment."""
    return " ".join(text.split())


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is YAML's, whatever the text holds."""
    return json.dumps(text, ensure_ascii=False)


def one_question(question: Question, pack: DataPack, width: int, remaining: int) -> str:
    """A question as `rolefit next` prints it: its id, text and the answers it takes."""
    lines = [_wrap(question.text, width), f"[{question.id}] {_HOW[question.kind]}"]
    if question.kind == "likert":
        lines += [f"  {n}: {label}" for n, label in enumerate(pack.scale, 1)]
    lines += [_wrap(f"{o.value}: {o.label}", width, indent="    ", first="  - ") for o in question.options]
    lines.append(f"(about {remaining} to go, this one included)")
    return "\n".join(lines)


def template(pack: DataPack) -> str:
    """A blank answers file: every question id, its text as a comment, and what it takes.

    Everything the pack supplies is quoted or kept inside a comment, so the file always reads
    back; question ids need no quotes, since the pack's checks allow only plain lower_snake_case
    words that YAML cannot read as anything but text."""
    from rolefit.invocation import program

    lines = [
        f"# rolefit answers file, quiz version {_one_line(pack.version)} ({len(pack.questions)} questions).",
        "# Fill in an answer after each question id, leave it blank to skip the question,",
        f"# then run: {program()} score THIS_FILE",
        "# Agree/disagree questions take 1-5: "
        + ", ".join(f"{i} = {_one_line(label)}" for i, label in enumerate(pack.scale, 1)) + ".",
        "respondent:",
        f"quiz_version: {_quoted(pack.version)}",
    ]
    if pack.dealbreakers:
        lines.append("# Things you will not do, as a list of ids (a role tied to one ranks last); [] for none:")
        lines += [f"#   {d.id}: {_one_line(d.label)}" for d in pack.dealbreakers]
        lines.append("dealbreakers: []")
    lines.append("answers:")
    for number, question in enumerate(pack.questions, start=1):
        lines.append(_wrap(question.text, 96, indent="  #   ", first=f"  # {number}. "))
        for option in question.options:
            lines.append(f"  #   {option.value}: {_one_line(option.label)}")
        lines.append(f"  # {_answer_hint(question)}")
        lines.append(f"  {question.id}:")
    return "\n".join(lines) + "\n"
