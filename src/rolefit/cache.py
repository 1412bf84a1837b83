"""A cache of data packs, so a command need not parse YAML on every start.

A cached pack is the pack files' documents as JSON, keyed by everything that could change
them: each pack file's path and contents, and rolefit's own version and code. JSON cannot
run code when it is read (a pickle could), and a cached pack goes through the same checks as
one read from YAML, so a planted or edited cache file can at worst say what a valid pack
could say; anything unexpected (no home folder, a damaged or odd cache file) just means the
pack is read from YAML again.
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
import zlib
from pathlib import Path
from typing import Any

from rolefit import __version__
from rolefit.documents import Mapping, read_bytes, write_atomically
from rolefit.errors import RolefitError
from rolefit.home import home

_CODE = tuple(Path(__file__).with_name(name)
              for name in ("model.py", "data.py", "checking.py", "families.py", "documents.py", "cache.py"))
MAX_PACK_FILE_BYTES = 2 * 1024 * 1024
"""Files larger than this (or not regular files) are never cached; loading refuses them anyway."""
MAX_CACHE_FILE_BYTES = 8 * MAX_PACK_FILE_BYTES
"""A cache file larger than this is not rolefit's: it is ignored."""
KEEP = 8
"""Cached packs kept; older ones (from packs or rolefit versions since changed) are removed."""

Documents = tuple[Any, Any]
"""The parsed questions.yaml and roles.yaml."""


def key(files: tuple[Path, ...]) -> str | None:
    """Everything a cached pack depends on, as one string (None when a file cannot be read):
    each pack file's path and a checksum of its bytes (a copy that keeps the old size and
    time is still seen), and rolefit's own version and code."""
    try:
        facts = [f"{p.resolve()}:{zlib.crc32(read_bytes(p, MAX_PACK_FILE_BYTES)):08x}" for p in files]
        facts += [f"{p}:{p.stat().st_mtime_ns}" for p in _CODE]
    except (OSError, RolefitError):
        return None
    return "\n".join(facts + [__version__, sys.version])


def _path(cache_key: str) -> Path:
    """The file for a key; the key itself is stored inside and checked, so a clash is harmless."""
    return home() / "cache" / f"pack-{zlib.crc32(cache_key.encode()):08x}.json"


def _mapping(pairs: list[tuple[str, Any]]) -> Mapping:
    """JSON objects as the Mappings the pack checks expect (with no line numbers to give)."""
    mapping = Mapping(pairs)
    mapping.key_lines = {}
    return mapping


def load(cache_key: str | None) -> Documents | None:
    """The cached documents for this key, or None on any miss or failure. They still have to
    pass the pack checks: this only saves parsing YAML."""
    if cache_key is None:
        return None
    try:
        stored = json.loads(read_bytes(_path(cache_key), MAX_CACHE_FILE_BYTES), object_pairs_hook=_mapping)
    except Exception:  # noqa: BLE001 - any failure means: read the YAML instead
        return None
    if not isinstance(stored, dict) or stored.get("key") != cache_key:
        return None
    return stored.get("questions"), stored.get("roles")


def _plain(value: Any) -> str:
    """Dates as the text the pack checks make of them; anything else is not cached."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not cached")


def store(cache_key: str | None, documents: Documents) -> None:
    """Cache a checked pack's documents; best effort, and keep only the newest few."""
    if cache_key is None:
        return
    try:
        questions, roles = documents
        text = json.dumps({"key": cache_key, "questions": questions, "roles": roles},
                          default=_plain, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        write_atomically(_path(cache_key), text)
        _prune(_path(cache_key).parent)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
        pass


def _prune(folder: Path) -> None:
    """Keep the newest few. Pickled packs, from earlier versions of rolefit, are never read, only removed."""
    for legacy in folder.glob("pack-*.pickle"):
        legacy.unlink(missing_ok=True)
    cached = sorted(folder.glob("pack-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in cached[KEEP:]:
        stale.unlink(missing_ok=True)
