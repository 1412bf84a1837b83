"""Where a quiz's answers go: the answers file, saved after every answer and never half
written, the lock that keeps a second quiz (or `rolefit answer`) off it (`rolefit.locking`),
and the autosave files that take over when the file cannot be written or was changed by
someone else."""

from __future__ import annotations

import datetime as _dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from rolefit.answers import same_answers, save_sheet
from rolefit.errors import RolefitError
from rolefit.home import home
from rolefit.invocation import command
from rolefit.locking import lock_path
from rolefit.model import AnswerSheet, DataPack
from rolefit.quiz.text import say


def autosave_name(started: _dt.datetime, attempt: int, pid: int) -> str:
    """An autosave file's name: sortable by start time, and with the process id, so two
    quizzes started in the same second never share a file."""
    stamp = started.strftime("%Y%m%d-%H%M%S")
    return f"quiz-{stamp}-{pid}.yaml" if attempt == 0 else f"quiz-{stamp}-{pid}-{attempt + 1}.yaml"


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
        if self.saved is not None and same_answers(sheet, self.saved):
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
