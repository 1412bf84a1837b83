"""The one exception type rolefit raises, and the exit codes it ends with."""

import re
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    SOME_LINES_FAILED = 1
    BAD_INPUT = 2
    INTERRUPTED = 130


class RolefitError(Exception):
    """A problem the user can act on: bad input, a broken data pack, no terminal.

    The message is shown as it is, on one line, so it should name the file and the problem.
    """

    def __init__(self, message: str, exit_code: ExitCode = ExitCode.BAD_INPUT) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def one_line(message: str) -> str:
    """Fold a message onto one line: errors are read one line each, in terminals and logs.
    Only line breaks (and the indentation around them) go; spaces within a line, as in a path,
    are kept."""
    return re.sub(r"\s*[\r\n]+\s*", " ", message.strip())


def located(path: str, line: int | None, message: str) -> str:
    """Prefix a message with `path:line:` (or `path:`) in the way compilers do."""
    return f"{path}:{line}: {message}" if line else f"{path}: {message}"


def escaped(text: str) -> str:
    """Text with every character a terminal would not show as itself (invisible, control and
    bidirectional-override characters) written as its escape, `\\u200b` or `\\x1b`, so that
    an id that differs from a known one only by such a character is shown differing, and
    nothing in it can rewrite the terminal."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
