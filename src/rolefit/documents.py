"""Read a YAML or JSON document from a file or stdin, refusing anything unsafe or absurd;
and write a file atomically.

Every failure becomes a RolefitError whose message names the file (and the line where the
parser knows it), so a user never sees a traceback for a bad file.
"""

from __future__ import annotations

import functools
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO

from rolefit.errors import RolefitError, located

MAX_BYTES = 1024 * 1024
STDIN = "-"

class Mapping(dict):
    """A dict that remembers the line of each key, so later checks can point at it."""

    line: int | None = None
    key_lines: dict[Any, int]
    texts: dict[Any, str] = {}
    """The text as written of each plain scalar value (`12:30:00` for what YAML 1.1 reads as
    45000), for values rolefit keeps as text whatever YAML makes of them."""

    def line_of(self, key: Any) -> int | None:
        return self.key_lines.get(key, self.line)


@functools.lru_cache(maxsize=None)
def _strict_loader() -> type:
    """A safe loader (libyaml's where installed) that also refuses aliases (alias bombs) and
    duplicate keys. Built on first use: importing PyYAML costs more start-up time than the rest
    of a scripted command, and JSON answers with a cached data pack never need it."""
    import yaml

    class StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            if node in self.constructed_objects and not isinstance(node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "anchors and aliases are not allowed", node.start_mark)
            return super().construct_object(node, deep=deep)

        def construct_yaml_map(self, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
            data = Mapping()
            data.line = node.start_mark.line + 1
            data.key_lines = {}
            data.texts = {}
            yield data
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise yaml.constructor.ConstructorError(
                        None, None, "a mapping key must be plain text", key_node.start_mark)
                if key in data:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark)
                data[key] = self.construct_object(value_node, deep=True)
                data.key_lines[key] = key_node.start_mark.line + 1
                if isinstance(value_node, yaml.ScalarNode) and not value_node.style:
                    data.texts[key] = value_node.value

    StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)
    return StrictLoader


def label_for(source: str | Path) -> str:
    return "<stdin>" if str(source) == STDIN else str(source)


def open_source(source: str | Path, stdin: BinaryIO | None = None) -> BinaryIO:
    """A file, or stdin for `-`, opened for reading bytes; every failure named for the user.

    Only a regular file is read: a FIFO, a device or a socket could block forever or never
    end. The file is opened without blocking (a FIFO with no writer would wait in open()
    itself) and checked on the open descriptor, so nothing can be swapped in between."""
    label = label_for(source)
    if str(source) == STDIN:
        stream = stdin or (sys.stdin.buffer if sys.stdin is not None else None)
        if stream is None or stream.closed:
            raise RolefitError(f"{label}: is closed, so there is nothing to read")
        return stream
    try:
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise RolefitError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise RolefitError(f"{label}: is a folder, not a file") from None
    except PermissionError:
        raise RolefitError(f"{label}: permission denied") from None
    except OSError as exc:
        raise RolefitError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise RolefitError(f"{label}: is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise RolefitError(f"{label}: is {_special_kind(mode)}, not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _special_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return name
    return "a special file"


def is_regular_file(path: str | Path) -> bool:
    """Whether `path` is a regular file (following symlinks), without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_bytes(source: str | Path, max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None) -> bytes:
    """At most `max_bytes` of a file or stdin; more than that is an error, not a truncation."""
    label = label_for(source)
    handle = open_source(source, stdin)
    try:
        raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise RolefitError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    finally:
        if handle is not stdin and str(source) != STDIN:
            handle.close()
    if len(raw) > max_bytes:
        raise RolefitError(f"{label}: larger than the {max_bytes // 1024} KiB limit")
    return raw


def decode_text(raw: bytes, label: str) -> str:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise RolefitError(f"{label}: is UTF-32 text; save it as UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RolefitError(f"{label}: is UTF-16 text; save it as UTF-8")
    if b"\x00" in raw:
        raise RolefitError(f"{label}: is a binary file, not YAML or JSON text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RolefitError(f"{label}: is not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise RolefitError(f"{label}: is empty")
    return text


def parse_text(text: str, label: str, as_json: bool) -> Any:
    try:
        return _parse_json(text, label) if as_json else _parse_yaml(text, label)
    except RecursionError:
        raise RolefitError(f"{label}: is nested too deeply") from None


def _parse_json(text: str, label: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        raise RolefitError(located(label, exc.lineno, f"not valid JSON: {exc.msg}")) from None
    except ValueError as exc:
        raise RolefitError(f"{label}: not valid JSON: {exc}") from None


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json's object_pairs_hook that refuses a key given twice, as the YAML loader does.
    Linear in the number of keys: the repeated key is found with a set, not by rescanning."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return data


MAX_DEPTH = 100
"""Nesting deeper than this is refused: libyaml's composer recurses per level and overflows
the C stack (a crash, not an exception) somewhere past 20,000 levels, whether the levels are
flow (`[[[`) or block (`- - -`, or indentation)."""


def _depth_bound(text: str) -> int:
    """A cheap upper bound on how deep `text` can nest, without parsing it.

    Flow collections add at most one level per `[` or `{`. A block collection nested in
    another starts either on an earlier line, at a column no less than its parent's (equal
    only for a sequence under a mapping key), so at most two levels per column of the line's
    indentation; or on the same line, which takes an indicator (`-`, `?` or `:`) each."""
    deepest = 0
    for line in text.splitlines():
        body = line.lstrip(" ")
        levels = 2 * (len(line) - len(body)) + 2 + body.count("-") + body.count("?") + body.count(":")
        if levels > deepest:
            deepest = levels
    return deepest + text.count("[") + text.count("{")


def _check_depth(text: str, label: str) -> None:
    """Refuse deep nesting, flow or block, before libyaml's recursive composer builds it.
    Only text whose cheap bound allows deep nesting is walked at all.

    The walk reads the event stream, which does not recurse. libyaml's own reader may stop
    first: PyYAML 6.0.4 and newer refuse nesting past a limit of their own, in their own
    words. So when libyaml gives up, the walk is done again by PyYAML's pure-Python parser,
    which has no such limit and stops here at MAX_DEPTH: the user reads rolefit's message
    whatever the PyYAML release. Any other YAML error is left to the real load to report."""
    if _depth_bound(text) <= MAX_DEPTH:
        return
    import yaml

    try:
        _walk_depth(text, label, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        try:
            _walk_depth(text, label, yaml.SafeLoader)
        except yaml.YAMLError:
            return


def _walk_depth(text: str, label: str, loader: type) -> None:
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise RolefitError(f"{label}: is nested too deeply (more than {MAX_DEPTH} levels)")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _parse_yaml(text: str, label: str) -> Any:
    import yaml

    _check_depth(text, label)
    try:
        return yaml.load(text, Loader=_strict_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise RolefitError(located(label, line, f"not valid YAML: {problem}")) from None
    except (ValueError, OverflowError) as exc:
        raise RolefitError(f"{label}: not valid YAML: a value cannot be read ({exc})") from None
    except yaml.reader.ReaderError as exc:
        raise RolefitError(f"{label}: not valid YAML: character {exc.character!r} is not allowed "
                           f"(offset {exc.position})") from None
    except yaml.YAMLError as exc:
        raise RolefitError(f"{label}: not valid YAML: {' '.join(str(exc).split())}") from None


def load_document(source: str | Path, max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None) -> Any:
    """Read, decode and parse one YAML or JSON document.

    A `.json` file is parsed as JSON. Anything else is YAML, which reads JSON too; stdin that
    starts with `{` is tried as JSON first because JSON's own errors are clearer for JSON.
    """
    return load_with_text(source, max_bytes, stdin)[1]


def load_with_text(source: str | Path, max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None) -> tuple[str, Any]:
    """The text of a document and what it parses to, as `load_document` reads it."""
    label = label_for(source)
    text = decode_text(read_bytes(source, max_bytes, stdin), label)
    if str(source).lower().endswith(".json"):
        return text, parse_text(text, label, as_json=True)
    if str(source) == STDIN and text.lstrip().startswith("{"):
        try:
            return text, parse_text(text, label, as_json=True)
        except RolefitError:
            pass
    return text, parse_text(text, label, as_json=False)


def same_file(one: str | Path | None, other: str | Path | None) -> bool:
    """Whether two paths (`-` meaning stdin) are the same file, by device and inode: names
    can differ through links, `..` or stdin redirected from the file."""
    def identity(path: str | Path | None) -> tuple[int, int] | None:
        if path is None:
            return None
        try:
            found = os.fstat(sys.stdin.fileno()) if str(path) == STDIN else os.stat(path)
        except (OSError, ValueError, AttributeError):
            return None
        return found.st_dev, found.st_ino

    first = identity(one)
    return first is not None and first == identity(other)


def check_writable(path: str | Path) -> None:
    """Refuse, before any work is done, a path that `write_atomically` could not write:
    a folder, a path under a file, a folder that refuses new files. Tried for real with a
    probe file, since permission bits do not tell the whole story (root, read-only mounts)."""
    import tempfile

    path = Path(path)
    if path.is_dir():
        raise RolefitError(f"{path}: is a folder, not a file")
    folder = Path(os.path.realpath(path)).parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise RolefitError(f"{path}: cannot be written ({folder} is not a folder)")
    try:
        handle, probe = tempfile.mkstemp(prefix=".rolefit-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise RolefitError(f"{path}: cannot be written ({exc.strerror or exc})") from None


def write_atomically(path: str | Path, text: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`.

    A crash or a killed terminal leaves either the old file or the new one, never half of one.
    A symlink is written through (its target is replaced, the link stays), and a file that
    exists keeps its permissions; a new one is readable by its owner only.
    """
    import tempfile

    shown, path = path, Path(os.path.realpath(path))
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = None
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            if mode is not None:
                os.chmod(temporary, mode)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise RolefitError(f"{shown}: cannot be written ({exc.strerror or exc})") from None
