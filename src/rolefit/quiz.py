"""The interactive quiz: ask each question in the terminal and save after every answer.

The flow (where a resumed quiz starts, what Back and Skip do, what each prompt offers) is
pure functions over the pack and the answers, so it is tested without a terminal. The
questionary calls at the bottom only draw a prompt and return what was picked.

questionary and prompt_toolkit are imported here and nowhere else, and only the `quiz`
command imports this module, so scripted commands such as `rolefit score` start without them.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import shlex
import sys
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Callable, Union

import questionary

from rolefit.answers import printable, save_sheet, sheet_from_document
from rolefit.documents import check_writable, label_for, load_with_text, same_file
from rolefit.errors import ExitCode, RolefitError
from rolefit.home import home
from rolefit.model import LIKERT_POINTS, Answer, AnswerSheet, DataPack, Question

SECONDS_PER_QUESTION = 10
BACK_LABEL = "← Back"
SKIP_LABEL = "Skip this question"
INSTEAD = "write an answers file with 'rolefit template -o answers.yaml' and score it with 'rolefit score answers.yaml'"
NO_TERMINAL = f"the quiz needs a terminal to ask its questions; without one, {INSTEAD}"
NO_INPUT = f"--no-input: the quiz cannot run without asking questions; instead, {INSTEAD}"


class Move(Enum):
    """The two replies that are not answers."""

    BACK = "back"
    SKIP = "skip"


Reply = Union[int, str, tuple[str, ...], Move]
"""An answer (a scale point, an option's value, or the options ticked) or a move."""
Answers = dict[str, Answer]
Ask = Callable[[int, Reply], Reply]
"""Ask question number `index` (0-based) with the cursor starting on the given reply; return the reply."""
Keep = Callable[[Answers], None]


@dataclass(frozen=True)
class Plan:
    """What the command line asked of the quiz."""

    save: Path | None = None
    resume: Path | None = None
    client: str | None = None
    data_dir: Path | None = None
    no_input: bool = False

    @property
    def target(self) -> Path | None:
        """Where answers are saved: --save, else the resumed file, else None for an autosave."""
        return self.save or self.resume


# the flow: pure functions ---------------------------------------------------------------

def minutes_for(count: int) -> int:
    return max(1, math.ceil(count * SECONDS_PER_QUESTION / 60))


def about(count: int) -> str:
    minutes = minutes_for(count)
    return f"about {minutes} minute{'s' if minutes > 1 else ''}"


def start_index(pack: DataPack, answers: Answers) -> int:
    """Where a resumed quiz carries on: the first question the file does not mention, else the
    first skipped one; past the end when every question is answered."""
    ids = [q.id for q in pack.questions]
    missing = next((i for i, qid in enumerate(ids) if qid not in answers), None)
    if missing is not None:
        return missing
    return next((i for i, qid in enumerate(ids) if answers[qid] is None), len(ids))


def next_index(index: int, reply: Reply) -> int:
    return max(0, index - 1) if reply is Move.BACK else index + 1


def with_reply(answers: Answers, question_id: str, reply: Reply) -> Answers:
    """The answers after a reply: Back changes nothing, Skip records None (counted as skipped)."""
    if reply is Move.BACK:
        return answers
    return {**answers, question_id: None if reply is Move.SKIP else reply}


def progress(pack: DataPack, index: int) -> str:
    question = pack.questions[index]
    return f"[{index + 1}/{len(pack.questions)} · {pack.section(question.section).title}]"


def replies(pack: DataPack, index: int) -> list[tuple[str, Reply]]:
    """The labelled replies a question offers: its answers, then Back (after the first) and Skip."""
    question = pack.questions[index]
    answers: list[tuple[str, Reply]]
    if question.kind == "likert":
        answers = list(zip(pack.scale, LIKERT_POINTS))
    else:
        answers = [(option.label, option.value) for option in question.options]
    moves: list[tuple[str, Reply]] = [(BACK_LABEL, Move.BACK)] if index > 0 else []
    return answers + moves + [(SKIP_LABEL, Move.SKIP)]


def highlighted(question: Question, answers: Answers) -> Reply:
    """Where the cursor starts: on the answer already given (or on Skip, if skipped), else on
    the scale's middle point, so the cursor does not nudge anyone toward either end."""
    if question.id in answers:
        current = answers[question.id]
        return Move.SKIP if current is None else current
    if question.kind == "likert":
        return LIKERT_POINTS[len(LIKERT_POINTS) // 2]
    if question.kind == "multi":
        return ()
    return question.options[0].value


def ask_all(pack: DataPack, answers: Answers, start: int, ask: Ask, keep: Keep) -> Answers:
    """Ask from question `start` to the last, following Back and Skip, keeping every answer."""
    index = start
    while index < len(pack.questions):
        question = pack.questions[index]
        reply = ask(index, highlighted(question, answers))
        if reply is not Move.BACK:
            answers = with_reply(answers, question.id, reply)
            keep(answers)
        index = next_index(index, reply)
    return answers


def fresh_sheet(pack: DataPack, respondent: str | None, started: str) -> AnswerSheet:
    return AnswerSheet(answers={}, respondent=respondent or None, taken_at=started, quiz_version=pack.version)


def resumed_sheet(pack: DataPack, sheet: AnswerSheet, client: str | None, started: str) -> AnswerSheet:
    """A resumed file keeps its own metadata; --client, when given, names the respondent."""
    return replace(sheet, respondent=client or sheet.respondent, taken_at=sheet.taken_at or started,
                   quiz_version=sheet.quiz_version or pack.version, unknown=())


def intro(pack: DataPack, start: int, answers: Answers, plan: Plan, saving_to: Path) -> str:
    """What to expect, shown before the first question, including where the answers go."""
    total, left = len(pack.questions), len(pack.questions) - start
    if plan.resume is None:
        opening = f"{total} questions, {about(total)}."
    elif left == 0:
        return f"{plan.resume}: every question is answered already."
    else:
        answered = sum(1 for q in pack.questions if answers.get(q.id) is not None)
        opening = (f"Carrying on from {plan.resume} at question {start + 1} of {total}: {answered} answered, "
                   f"{total - answered} to go, {about(left)}. Answers you gave are highlighted; Enter keeps them.")
    return "\n".join([
        opening,
        "Use the arrow keys and Enter; every question also offers Back and Skip.",
        "Ctrl-C stops at any time and keeps your answers, so you can carry on later.",
        f"Nothing you answer leaves this computer; answers are saved to {saving_to} as you go.",
    ])


def resume_command(path: Path, data_dir: Path | None) -> str:
    words = ["rolefit", "quiz", "--resume", str(path)]
    if data_dir is not None:
        words += ["--data-dir", str(data_dir)]
    return shlex.join(words)


def autosave_name(started: _dt.datetime, attempt: int, pid: int) -> str:
    """An autosave file's name: sortable by start time, and with the process id, so two
    quizzes started in the same second never share a file."""
    stamp = started.strftime("%Y%m%d-%H%M%S")
    return f"quiz-{stamp}-{pid}.yaml" if attempt == 0 else f"quiz-{stamp}-{pid}-{attempt + 1}.yaml"


def plan_problem(plan: Plan) -> str | None:
    """Why the options cannot work together, found before any question is asked."""
    for flag, path in (("--save", plan.save), ("--resume", plan.resume)):
        if path is not None and str(path) == "-":
            return f"{flag} needs a file path, not -"
    if plan.save is not None and plan.save.exists() and not same_file(plan.save, plan.resume):
        return (f"{plan.save}: already exists; carry on with it using --resume {plan.save}, "
                "or choose another --save path")
    return None


# the shell: files, the terminal, questionary ----------------------------------------------

def has_terminal() -> bool:
    """Both ends must be a terminal: from a pipe, prompt_toolkit would read the piped text as
    keystrokes and silently pick answers."""
    return all(stream is not None and not stream.closed and stream.isatty() for stream in (sys.stdin, sys.stdout))


def lock_path(path: Path) -> Path:
    """The lock beside an answers file (beside its target, for a symlink) that a quiz holds
    while it saves there."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.rolefit-lock")


class Claim:
    """A quiz's claim on its answers file: a lock file made with an exclusive create, so a
    second quiz on the same file is refused instead of overwriting the first one's answers.
    A lock left by a process that no longer runs (a crash, a closed laptop) is taken over."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = lock_path(path)
        self.held = False

    def take(self) -> None:
        try:
            self.lock.parent.mkdir(parents=True, exist_ok=True)
            for _ in range(2):
                try:
                    handle = os.open(self.lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:
                    owner = self._owner()
                    if owner is not None and _running(owner):
                        raise RolefitError(f"{self.path}: another rolefit quiz (process {owner}) is saving answers "
                                           f"to it; finish that one first, or choose another --save path (if no "
                                           f"quiz is running, remove {self.lock})") from None
                    self.lock.unlink(missing_ok=True)
                    continue
                with os.fdopen(handle, "w") as out:
                    out.write(f"{os.getpid()}\n")
                self.held = True
                return
        except OSError as exc:
            raise RolefitError(f"{self.path}: cannot be written ({exc.strerror or exc})") from None
        raise RolefitError(f"{self.path}: cannot claim {self.lock}; remove it if no quiz is running")

    def _owner(self) -> int | None:
        try:
            return int(self.lock.read_text(encoding="ascii").strip())
        except (OSError, ValueError, UnicodeDecodeError):
            return None

    def release(self) -> None:
        if self.held:
            self.lock.unlink(missing_ok=True)
            self.held = False


def _running(pid: int) -> bool:
    """Whether a process with this id runs (perhaps another user's); no signal is sent."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True
    except (ProcessLookupError, OverflowError, ValueError, OSError):
        return False
    return True


def _fingerprint(path: Path) -> tuple[int, int, int, int] | None:
    """What a file is now (None when there is none), to notice a write by someone else."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


@dataclass
class _Store:
    """The answers file of this session: what it held when the quiz began (`kept`, `original`,
    `saved`), and the last sheet the quiz gave it (`latest`)."""

    pack: DataPack
    path: Path
    kept: dict | None = None
    original: str | None = None
    saved: AnswerSheet | None = None
    latest: AnswerSheet | None = None
    seen: tuple[int, int, int, int] | None = None
    moved_from: Path | None = None

    def keep(self, sheet: AnswerSheet) -> None:
        """Save `sheet`, unless the file already holds these answers (a resumed quiz writes
        nothing until an answer changes). A file changed by someone else since is never
        overwritten: the answers go to a new autosave file instead, and the quiz says so."""
        self.latest = sheet
        if self.saved is not None and sheet.answers == self.saved.answers:
            return
        if _fingerprint(self.path) != self.seen:
            self.moved_from, self.path = self.path, _autosave_path(_dt.datetime.now())
            self.kept, self.original = None, None
            _say(f"rolefit: {self.moved_from} was changed by another program during the quiz, so it is left "
                 f"alone; answers are saved to {self.path} instead")
        save_sheet(self.path, sheet, self.pack, self.kept, self.original)
        self.seen = _fingerprint(self.path)
        self.saved = sheet


def take_quiz(pack: DataPack, plan: Plan) -> AnswerSheet:
    """Ask every open question and return the answers, saved after each one.

    Ctrl-C (or a closed terminal) saves what was given and raises a RolefitError with exit
    code 130 whose message is the command that carries on.
    """
    if plan.no_input:
        raise RolefitError(NO_INPUT)
    if not has_terminal():
        raise RolefitError(NO_TERMINAL)
    problem = plan_problem(plan)
    if problem:
        raise RolefitError(problem)
    started = _dt.datetime.now().astimezone().replace(microsecond=0)
    target = plan.target or _autosave_path(started)
    claim = Claim(target)
    claim.take()
    try:
        store = _Store(pack, target, seen=_fingerprint(target))
        resumed = _read_resumed(pack, plan, store) if plan.resume is not None else None
        check_writable(target)
        return _run(pack, plan, resumed, started, store)
    finally:
        claim.release()


def _read_resumed(pack: DataPack, plan: Plan, store: _Store) -> AnswerSheet:
    """The resumed file's answers; when they are saved back to it, the store also keeps its
    text and document, so that what rolefit does not own (other keys, comments) stays."""
    assert plan.resume is not None
    text, document = load_with_text(plan.resume)
    resumed = sheet_from_document(document, pack, label_for(plan.resume), require_answers=False)
    if same_file(store.path, plan.resume):
        if resumed.unknown:
            raise RolefitError(f"{plan.resume}: answers questions this quiz does not have "
                               f"({', '.join(resumed.unknown)}); saving back would drop them, so add --save NEW_PATH")
        store.kept, store.saved = document, resumed
        store.original = text
    return resumed


def _run(pack: DataPack, plan: Plan, resumed: AnswerSheet | None, started: _dt.datetime, store: _Store) -> AnswerSheet:
    try:
        sheet = _begin(pack, plan, resumed, started.isoformat(), store)
        answers = ask_all(pack, sheet.answers, start_index(pack, sheet.answers) if resumed else 0,
                          lambda index, cursor: _ask(pack, index, cursor),
                          lambda given: store.keep(replace(sheet, answers=given)))
    except (KeyboardInterrupt, EOFError):
        raise _stopped(pack, plan, store) from None
    if store.saved is not None:
        _say(f"rolefit: answers saved to {store.path}\n")
    if not any(a is not None for a in answers.values()):
        raise RolefitError("every question was skipped, so there is nothing to score")
    return replace(sheet, answers=answers)


def _begin(pack: DataPack, plan: Plan, resumed: AnswerSheet | None, started: str, store: _Store) -> AnswerSheet:
    """Show the intro and settle who is answering. Nothing is written until an answer is given."""
    if resumed is not None:
        sheet = resumed_sheet(pack, resumed, plan.client, started)
        _say(intro(pack, start_index(pack, sheet.answers), sheet.answers, plan, store.path))
        return sheet
    _say(intro(pack, 0, {}, plan, store.path))
    return fresh_sheet(pack, plan.client or _ask_name(), started)


def _stopped(pack: DataPack, plan: Plan, store: _Store) -> RolefitError:
    if store.latest is None:
        if plan.resume is not None:
            return RolefitError(f"stopped before any answer changed; to carry on, run: "
                                f"{resume_command(plan.resume, plan.data_dir)}", ExitCode.INTERRUPTED)
        return RolefitError("stopped before the first answer; nothing was saved", ExitCode.INTERRUPTED)
    store.keep(store.latest)
    done = sum(1 for q in pack.questions if q.id in store.latest.answers)
    _say(f"rolefit: stopped after {done} of {len(pack.questions)} questions; answers saved to {store.path}")
    return RolefitError(f"to carry on, run: {resume_command(store.path, plan.data_dir)}", ExitCode.INTERRUPTED)


def _autosave_path(started: _dt.datetime) -> Path:
    """A new autosave file's path; its folder is made now, so an unwritable rolefit home is
    found before the first question rather than after the first answer."""
    folder = home() / "autosave"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RolefitError(f"{folder}: cannot be written ({exc.strerror or exc}); set ROLEFIT_HOME "
                           "to a folder you can write, or use --save PATH") from None
    attempt, pid = 0, os.getpid()
    while (folder / autosave_name(started, attempt, pid)).exists() or lock_path(
            folder / autosave_name(started, attempt, pid)).exists():
        attempt += 1
    return folder / autosave_name(started, attempt, pid)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


STYLE = questionary.Style([
    ("qmark", "fg:ansicyan"),
    ("question", "bold"),
    ("answer", "fg:ansigreen bold"),
    ("pointer", "fg:ansicyan bold"),
    ("highlighted", "fg:ansicyan bold"),
    ("instruction", "fg:ansibrightblack"),
    ("separator", "fg:ansibrightblack"),
])


MULTI_INSTRUCTION = "(Space ticks an option, Enter goes on; tick none if none apply)"


def ticked(question: Question, picked: list[Reply]) -> Reply:
    """A checkbox's result as a reply: Back or Skip if either was ticked, else the options
    ticked, in the question's order."""
    for move in (Move.BACK, Move.SKIP):
        if move in picked:
            return move
    return tuple(o.value for o in question.options if o.value in picked)


def _ask(pack: DataPack, index: int, cursor: Reply) -> Reply:
    """One prompt; unsafe_ask, because ask() would swallow Ctrl-C and return None."""
    question = pack.questions[index]
    offered = replies(pack, index)
    if question.kind == "multi":
        chosen = cursor if isinstance(cursor, tuple) else ()
        boxes = [questionary.Choice(title, value=value, checked=value in chosen) for title, value in offered
                 if not isinstance(value, Move)]
        moves = [questionary.Choice(title, value=value) for title, value in offered if isinstance(value, Move)]
        picked = questionary.checkbox(question.text, choices=[*boxes, questionary.Separator(" "), *moves],
                                      qmark=progress(pack, index), instruction=MULTI_INSTRUCTION,
                                      style=STYLE).unsafe_ask()
        return ticked(question, picked)
    answers = [questionary.Choice(title, value=value) for title, value in offered if not isinstance(value, Move)]
    moves = [questionary.Choice(title, value=value) for title, value in offered if isinstance(value, Move)]
    choices = [*answers, questionary.Separator(" "), *moves]
    return questionary.select(question.text, choices=choices, default=cursor,
                              qmark=progress(pack, index), instruction=" ", style=STYLE).unsafe_ask()


def _ask_name() -> str | None:
    name = questionary.text("Your name, for the report (optional, Enter to leave it out):",
                            qmark="?", style=STYLE).unsafe_ask()
    return printable(name) or None
