"""Where a quiz's answers go: the answers file, saved after every answer and never half
written, the lock that keeps a second quiz off it, and the autosave files that take over
when the file cannot be written or was changed by someone else."""

from __future__ import annotations

import datetime as _dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from rolefit.answers import save_sheet
from rolefit.errors import RolefitError
from rolefit.home import home
from rolefit.invocation import command
from rolefit.model import AnswerSheet, DataPack
from rolefit.quiz.text import say


def autosave_name(started: _dt.datetime, attempt: int, pid: int) -> str:
    """An autosave file's name: sortable by start time, and with the process id, so two
    quizzes started in the same second never share a file."""
    stamp = started.strftime("%Y%m%d-%H%M%S")
    return f"quiz-{stamp}-{pid}.yaml" if attempt == 0 else f"quiz-{stamp}-{pid}-{attempt + 1}.yaml"


def lock_path(path: Path) -> Path:
    """The lock beside an answers file (beside its target, for a symlink) that a quiz holds
    while it saves there."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.rolefit-lock")


class Claim:
    """A quiz's claim on its answers file: a lock file beside it holding the quiz's process
    id, so a second quiz on the same file is refused instead of overwriting the first one's
    answers. A lock left by a process that no longer runs (a crash, a closed laptop) is
    taken over.

    The lock appears whole: its id is written to a private file first, which is then linked
    to the lock's name (an atomic create that fails when the name exists), so no quiz ever
    reads a fresh lock as empty and takes it for stale. A stale lock is moved aside before it
    is replaced, and only when what was moved is the lock judged stale; a quiz removes only
    its own lock. The lock is read as answers files are: a FIFO, a device or a huge file is
    refused in one line, never read."""

    STALE_EMPTY_SECONDS = 5.0
    """An empty or unreadable lock (an older rolefit wrote the id after creating it) counts as
    stale only once it is this old."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = lock_path(path)
        self.held: tuple[int, int] | None = None

    def take(self) -> None:
        try:
            self.lock.parent.mkdir(parents=True, exist_ok=True)
            for _ in range(3):
                if self._create():
                    return
                found = self._inspect()
                if found is None:
                    continue
                owner, identity = found
                if owner is not None and _running(owner):
                    raise RolefitError(f"{self.path}: another rolefit quiz (process {owner}) is saving answers "
                                       f"to it; finish that one first, or choose another --save path (if no "
                                       f"quiz is running, remove {self.lock})")
                if owner is None and not self._old(identity):
                    break
                self._remove_stale(identity)
        except OSError as exc:
            raise RolefitError(f"{self.path}: cannot be written ({exc.strerror or exc})") from None
        raise RolefitError(f"{self.path}: cannot claim {self.lock}; remove it if no quiz is running")

    def _create(self) -> bool:
        """Make the lock, whole, unless one exists; whether this quiz now holds it."""
        import tempfile

        handle, private = tempfile.mkstemp(prefix=f"{self.lock.name}.", dir=self.lock.parent)
        try:
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write(f"{os.getpid()}\n")
            try:
                os.link(private, self.lock, follow_symlinks=False)
            except FileExistsError:
                return False
            except OSError:  # a file system without hard links (FAT): an exclusive create instead
                if not self._create_exclusive():
                    return False
            found = os.stat(self.lock, follow_symlinks=False)
            self.held = (found.st_dev, found.st_ino)
            return True
        finally:
            Path(private).unlink(missing_ok=True)

    def _create_exclusive(self) -> bool:
        try:
            handle = os.open(self.lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(f"{os.getpid()}\n")
        return True

    def _inspect(self) -> tuple[int | None, tuple[int, int, float]] | None:
        """The lock's owner (None when it names none) and identity; None when it is gone."""
        from rolefit.documents import read_bytes

        try:
            found = os.stat(self.lock, follow_symlinks=False)
        except FileNotFoundError:
            return None
        identity = (found.st_dev, found.st_ino, found.st_mtime)
        try:
            text = read_bytes(self.lock, max_bytes=64).decode("ascii", "replace").strip()
        except RolefitError as exc:
            raise RolefitError(f"{exc}; it is not a lock rolefit made: remove it if no quiz is running") from None
        return (int(text) if text.isdigit() else None), identity

    def _old(self, identity: tuple[int, int, float]) -> bool:
        return _dt.datetime.now().timestamp() - identity[2] > self.STALE_EMPTY_SECONDS

    def _remove_stale(self, identity: tuple[int, int, float]) -> None:
        """Move the stale lock aside and delete it; if another quiz replaced it meanwhile, put
        that quiz's lock back."""
        aside = self.lock.with_name(f"{self.lock.name}.stale-{os.getpid()}")
        try:
            os.rename(self.lock, aside)
        except FileNotFoundError:
            return
        moved = os.stat(aside, follow_symlinks=False)
        if (moved.st_dev, moved.st_ino) != identity[:2]:
            try:
                os.link(aside, self.lock, follow_symlinks=False)
            except FileExistsError:
                pass
        aside.unlink(missing_ok=True)

    def release(self) -> None:
        """Remove the lock if it is still this quiz's own: the same file, still naming this
        process (a file's number can be reused once it is deleted). A lock that cannot be
        removed (a file system turned read-only) is left: it names a process that will not
        run again, so the next quiz takes it over."""
        if self.held is None:
            return
        try:
            found = self._inspect()
            if found is not None and found[0] == os.getpid() and found[1][:2] == self.held:
                self.lock.unlink()
        except (OSError, RolefitError):
            pass
        self.held = None


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
        overwritten: the answers go to a new autosave file instead, and the quiz says so. A
        save that fails (a full disk, a file system turned read-only) falls back to an
        autosave file too; when that fails as well, the answers are printed on stdout, so
        that nothing given is lost, and the quiz stops."""
        self.latest = sheet
        if self.saved is not None and _same_answers(sheet, self.saved):
            return
        if _fingerprint(self.path) != self.seen:
            self._move_to_autosave(f"{self.path} was changed by another program during the quiz, so it is left alone")
        try:
            save_sheet(self.path, sheet, self.pack, self.kept, self.original)
        except RolefitError as failed:
            self._fall_back(sheet, failed)
        self.seen = _fingerprint(self.path)
        self.saved = sheet

    def _move_to_autosave(self, why: str) -> None:
        self.moved_from, self.path = self.path, _autosave_path(_dt.datetime.now())
        self.kept, self.original = None, None
        say(f"rolefit: {why}; answers are saved to {self.path} instead", wrap=True)

    def _fall_back(self, sheet: AnswerSheet, failed: RolefitError) -> None:
        try:
            self._move_to_autosave(str(failed))
            save_sheet(self.path, sheet, self.pack)
        except RolefitError as also:
            from rolefit.answers import dump_sheet

            sys.stdout.write(dump_sheet(sheet, self.pack))
            sys.stdout.flush()
            raise RolefitError(f"{failed}, nor can an autosave ({also}); your answers so far are printed "
                               f"above: save them to a file and carry on with '{command('quiz', '--resume')} FILE'") from None


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


def _same_answers(sheet: AnswerSheet, saved: AnswerSheet) -> bool:
    return (sheet.answers, sheet.dealbreakers, sheet.dealbreakers_asked) == (saved.answers, saved.dealbreakers,
                                                                            saved.dealbreakers_asked)
