"""rolefit: a career-fit quiz for the technical bridge roles.

`rolefit.score(answers)` and `rolefit.next_step(answers)` return the same dicts as
`rolefit score --json` and `rolefit next --json` (see `rolefit.api` and docs/scripting.md).
They are loaded on first use, so `import rolefit` stays cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.3.0"
__all__ = ["RolefitError", "__version__", "next_step", "score"]

if TYPE_CHECKING:
    from rolefit.api import next_step, score
    from rolefit.errors import RolefitError


def __getattr__(name: str) -> Any:
    """Load the API on first use (PEP 562)."""
    if name in ("score", "next_step"):
        from rolefit import api

        return getattr(api, name)
    if name == "RolefitError":
        from rolefit.errors import RolefitError

        return RolefitError
    raise AttributeError(f"module 'rolefit' has no attribute {name!r}")
