"""Long text on a terminal goes through a pager, as git and gh do: $PAGER, else `less -FRX`
(which quits at once when it all fits). A pager that cannot start, or that fails (exits
non-zero, as `PAGER=false` does), does not swallow the text: it is printed straight, after a
line on stderr saying why. Plain text only, so `roles` and `questions` page without Rich."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable

from rolefit.errors import escaped

NOT_STARTED = -1
"""`page`'s answer when the pager could not be started at all."""


def command() -> str:
    return os.environ.get("PAGER", "less -FRX").strip()


def wanted(enabled: bool, is_terminal: bool) -> bool:
    """Whether to page at all: asked for, on a terminal, and a pager other than `cat`."""
    return enabled and is_terminal and command() not in ("", "cat")


def show(text: str, write: Callable[[str], None], height: int) -> None:
    """`text` through the pager when it is taller than `height` lines, else written straight;
    written straight too, after a note on stderr, when the pager fails."""
    if text.count("\n") < height:
        write(text)
        return
    status = page(command(), text)
    if status:
        why = "could not be started" if status == NOT_STARTED else f"exited with status {status}"
        sys.stderr.write(f"rolefit: the pager ({escaped(command())}) {why}; printing the report without it "
                         "(set PAGER, or use --no-pager)\n")
        sys.stderr.flush()
        write(text)


def print_text(text: str, enabled: bool = True) -> None:
    """Plain text on stdout, paged on a terminal when taller than the screen."""
    if not text.endswith("\n"):
        text += "\n"
    stdout = sys.stdout
    if not wanted(enabled, stdout.isatty()):
        stdout.write(text)
        return
    show(text, stdout.write, shutil.get_terminal_size().lines)
    stdout.flush()


def page(command_line: str, text: str) -> int:
    """Show `text` through the pager command; the pager's exit status (0 when it showed the
    text, or was quit by the reader or stopped by a signal), or NOT_STARTED."""
    import shlex
    import subprocess

    try:
        pager = subprocess.Popen(shlex.split(command_line), stdin=subprocess.PIPE)
    except (OSError, ValueError):
        return NOT_STARTED
    try:
        pager.communicate(text.encode("utf-8", "replace"))
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    return max(0, pager.wait())
