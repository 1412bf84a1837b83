"""rolefit's own folder on the user's machine, where the quiz autosaves answers.

ROLEFIT_HOME overrides it (tests point it at a temporary folder, so no test touches a real
home); otherwise it follows the XDG convention.
"""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    explicit = os.environ.get("ROLEFIT_HOME")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "rolefit"
