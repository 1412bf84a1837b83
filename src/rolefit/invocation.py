"""How to run this rolefit again, for the commands rolefit prints for the user to copy.

A printed command says `rolefit ...` only when the `rolefit` a shell finds on PATH is the one
running now. Otherwise (a venv not activated, `python -m rolefit`, a second install earlier on
PATH) it names the program this run was started by, quoted to paste into a shell.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

NAME = "rolefit"
_SCRIPT_NAMES = {NAME, f"{NAME}.exe", f"{NAME}-script.py"}


def _same(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError):
        return False


def program(started: str | None = None, on_path: str | None = None, executable: str | None = None) -> str:
    """The words that run this rolefit, as a shell command prefix.

    `started` is how this run began (sys.argv[0]), `on_path` what `rolefit` finds on PATH, and
    `executable` the Python running; each defaults to this process's. A run started by
    something other than rolefit (a test runner, a program embedding it) can only be told apart
    by name, so it gets the plain name.
    """
    started = sys.argv[0] if started is None else started
    on_path = shutil.which(NAME) if on_path is None else on_path or None
    executable = sys.executable if executable is None else executable
    if Path(started).name in _SCRIPT_NAMES:
        if on_path is not None and _same(on_path, started):
            return NAME
        return shlex.quote(os.path.abspath(started))
    if Path(started).name == "__main__.py" and Path(started).parent.name == NAME:
        if on_path is not None and executable and _same(Path(on_path).parent, Path(executable).parent):
            return NAME
        return shlex.join([executable or "python3", "-m", NAME])
    return NAME


def command(*words: str, started: str | None = None, on_path: str | None = None) -> str:
    """`program()` followed by `words`, each quoted as a shell needs it."""
    return " ".join([program(started, on_path), *(shlex.quote(w) for w in words)])
