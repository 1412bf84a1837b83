"""A cache of validated data packs, so a command need not parse and check YAML on every start.

A cached pack is keyed by everything that could change it: each pack file's path and
contents, and rolefit's own version and code. Anything unexpected (no home folder,
a damaged cache file) just means the pack is read from YAML again.
"""

from __future__ import annotations

import pickle
import sys
import zlib
from pathlib import Path

from rolefit import __version__
from rolefit.documents import write_atomically
from rolefit.home import home
from rolefit.model import DataPack

_CODE = tuple(Path(__file__).with_name(name) for name in ("model.py", "data.py", "documents.py"))
MAX_PACK_FILE_BYTES = 2 * 1024 * 1024
"""Files larger than this (or not regular files) are never cached; loading refuses them anyway."""
KEEP = 8
"""Cached packs kept; older ones (from packs or rolefit versions since changed) are removed."""


def key(files: tuple[Path, ...]) -> str | None:
    """Everything a cached pack depends on, as one string (None when a file cannot be read):
    each pack file's path and a checksum of its bytes (a copy that keeps the old size and
    time is still seen), and rolefit's own version and code."""
    try:
        if not all(p.is_file() and p.stat().st_size <= MAX_PACK_FILE_BYTES for p in files):
            return None
        facts = [f"{p.resolve()}:{zlib.crc32(p.read_bytes()):08x}" for p in files]
        facts += [f"{p}:{p.stat().st_mtime_ns}" for p in _CODE]
    except OSError:
        return None
    return "\n".join(facts + [__version__, sys.version])


def _path(cache_key: str) -> Path:
    """The file for a key; the key itself is stored inside and checked, so a clash is harmless."""
    return home() / "cache" / f"pack-{zlib.crc32(cache_key.encode()):08x}.pickle"


def load(cache_key: str | None) -> DataPack | None:
    """The cached pack for this key, or None on any miss or failure."""
    if cache_key is None:
        return None
    try:
        with _path(cache_key).open("rb") as handle:
            stored_key, pack = pickle.load(handle)  # noqa: S301 - rolefit's own file, in the user's own folder
    except Exception:  # noqa: BLE001 - any failure means: read the YAML instead
        return None
    return pack if stored_key == cache_key and isinstance(pack, DataPack) else None


def store(cache_key: str | None, pack: DataPack) -> None:
    """Cache a checked pack; best effort, and keep only the newest few."""
    if cache_key is None:
        return
    try:
        write_atomically(_path(cache_key), pickle.dumps((cache_key, pack), protocol=pickle.HIGHEST_PROTOCOL))
        _prune(_path(cache_key).parent)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
        pass


def _prune(folder: Path) -> None:
    cached = sorted(folder.glob("pack-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in cached[KEEP:]:
        stale.unlink(missing_ok=True)
