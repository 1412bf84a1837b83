"""The lock on an answers file: a quiz holds it while it saves there, and `rolefit answer`
for the moment it reads and writes the file, so that neither overwrites the other's answers.

The lock is a file beside the answers file holding the holder's process id and, for
`rolefit answer`, the word `answer` after it (a quiz writes the id alone, as it always has).
A quiz may hold a file for an hour, so finding a quiz's lock is an error at once; `answer`
holds it for a few milliseconds, so its lock is waited for, briefly.
"""

from __future__ import annotations

import datetime as _dt
import os
import time
from pathlib import Path

from rolefit.errors import RolefitError

QUIZ, ANSWER = "quiz", "answer"
"""Who holds a lock: a quiz, or `rolefit answer`."""


def lock_path(path: Path) -> Path:
    """The lock beside an answers file (beside its target, for a symlink) that a quiz holds
    while it saves there, and `rolefit answer` while it records an answer."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.rolefit-lock")


class Claim:
    """A claim on an answers file: a lock file beside it holding the holder's process id, so
    a second quiz (or an `answer`) on the same file is refused instead of overwriting the
    first one's answers; a lock `rolefit answer` holds is waited for, up to WAIT seconds. A
    lock left by a process that no longer runs (a crash, a closed laptop) is taken over.

    The lock appears whole: its id is written to a private file first, which is then linked
    to the lock's name (an atomic create that fails when the name exists), so no quiz ever
    reads a fresh lock as empty and takes it for stale. A stale lock is moved aside before it
    is replaced, and only when what was moved is the lock judged stale; a quiz removes only
    its own lock. The lock is read as answers files are: a FIFO, a device or a huge file is
    refused in one line, never read."""

    STALE_EMPTY_SECONDS = 5.0
    """An empty or unreadable lock (an older rolefit wrote the id after creating it) counts as
    stale only once it is this old."""

    WAIT = 10.0
    """How long to wait for one lock `rolefit answer` holds (it holds one for milliseconds, but
    on a busy machine it may wait its turn for the processor); the wait starts again whenever
    the lock changes hands, so many `answer` calls on one file in parallel each get their turn."""

    def __init__(self, path: Path, holder: str = QUIZ) -> None:
        self.path = path
        self.lock = lock_path(path)
        self.holder = holder
        self.held: tuple[int, int] | None = None

    def take(self) -> None:
        try:
            self.lock.parent.mkdir(parents=True, exist_ok=True)
            deadline, tries = time.monotonic() + self.WAIT, 0
            seen: tuple[int, tuple[int, int, float]] | None = None
            while tries < 3:
                if self._create():
                    return
                found = self._inspect()
                if found is None:  # released meanwhile: try again (another may have taken it first)
                    tries += time.monotonic() >= deadline
                    continue
                owner, identity, holder = found
                if owner is not None and _running(owner):
                    if (owner, identity) != seen:
                        seen, deadline = (owner, identity), time.monotonic() + self.WAIT
                    if holder == ANSWER and time.monotonic() < deadline:
                        time.sleep(0.01)
                        continue
                    raise RolefitError(self._busy(owner, holder))
                if owner is None and not self._old(identity):
                    break
                self._remove_stale(identity)
                tries += 1
        except OSError as exc:
            raise RolefitError(f"{self.path}: cannot be written ({exc.strerror or exc})") from None
        raise RolefitError(f"{self.path}: cannot claim {self.lock}; remove it if no quiz is running")

    def _busy(self, owner: int, holder: str) -> str:
        """Why the file cannot be claimed now: who holds it, and what to do."""
        if holder == ANSWER:
            return (f"{self.path}: 'rolefit answer' (process {owner}) is still writing to it; try again "
                    f"(if it is not running, remove {self.lock})")
        if self.holder == ANSWER:
            return (f"{self.path}: a rolefit quiz (process {owner}) is saving answers to it; answer in that "
                    f"quiz, or once it has finished (if no quiz is running, remove {self.lock})")
        return (f"{self.path}: another rolefit quiz (process {owner}) is saving answers to it; finish that one "
                f"first, or choose another --save path (if no quiz is running, remove {self.lock})")

    def _create(self) -> bool:
        """Make the lock, whole, unless one exists; whether this quiz now holds it."""
        import tempfile

        handle, private = tempfile.mkstemp(prefix=f"{self.lock.name}.", dir=self.lock.parent)
        try:
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write(self._text())
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
            out.write(self._text())
        return True

    def _text(self) -> str:
        """What the lock holds: this process's id, and `answer` after it for `rolefit answer`."""
        return f"{os.getpid()}\n" if self.holder == QUIZ else f"{os.getpid()} {self.holder}\n"

    def _inspect(self) -> tuple[int | None, tuple[int, int, float], str] | None:
        """The lock's owner (None when it names none), identity and holder; None when it is gone."""
        from rolefit.documents import read_bytes

        try:
            found = os.stat(self.lock, follow_symlinks=False)
        except FileNotFoundError:
            return None
        identity = (found.st_dev, found.st_ino, found.st_mtime)
        try:
            text = read_bytes(self.lock, max_bytes=64).decode("ascii", "replace").strip()
        except RolefitError as exc:
            if self._replaced(identity):  # released (or taken anew) between the look and the read
                return None
            raise RolefitError(f"{exc}; it is not a lock rolefit made: remove it if no quiz is running") from None
        words = text.split()
        owner = int(words[0]) if words and words[0].isdigit() else None
        return owner, identity, (words[1] if owner is not None and len(words) > 1 else QUIZ)

    def _replaced(self, identity: tuple[int, int, float]) -> bool:
        """Whether the lock is gone, or another file, since it had `identity`."""
        try:
            found = os.stat(self.lock, follow_symlinks=False)
        except FileNotFoundError:
            return True
        return (found.st_dev, found.st_ino) != identity[:2]

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
