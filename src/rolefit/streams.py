"""The standard streams of the `rolefit` command: text an output's encoding cannot carry is
replaced (or, in JSON, escaped) instead of failing, and a closed pipe ends the output quietly."""

from __future__ import annotations

import json
import os
import sys


def replace_what_cannot_be_encoded() -> None:
    """Print a character the output's encoding lacks (PYTHONIOENCODING=ascii, a cp1252 pipe)
    as `?` instead of failing with a traceback. JSON escapes such characters instead, and the
    report draws its bars in ASCII, so neither loses anything."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler for JSON text: a character the output cannot encode becomes a
    \\u escape, which JSON readers turn back into the same character (non-ASCII characters
    only ever stand inside JSON strings)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = json.dumps(error.object[error.start:error.end], ensure_ascii=True)[1:-1]
    return escaped, error.end


def escape_json_output() -> None:
    """Let streamed JSON (a cohort's JSON Lines) reach any output encoding without loss."""
    import codecs

    codecs.register_error("rolefit-json-escape", _json_escape)
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="rolefit-json-escape")
        except (ValueError, OSError, LookupError):
            pass


def encodable(text: str) -> bool:
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def discard_stdout() -> None:
    """Point stdout at /dev/null, so that Python's final flush does not fail on the closed pipe."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
