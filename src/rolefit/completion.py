"""Shell completion for bash, zsh and fish, set up only when a shell asks for it.

A shell asks by running `rolefit` with `_ROLEFIT_COMPLETE` set: `source_bash` (or `source_zsh`,
`source_fish`) prints the script to install once, and `complete_bash` (and so on) is what
that script sets on every Tab, to print the words that would complete the command line.
Typer's completion classes are registered only in those two cases. Typer's own
`--install-completion` and `--show-completion` would instead set completion up on every run
and add two options to `--help` that a quiz-taker does not need; docs/quiz.md ("Shell
completion") gives the one line that installs it.

Annotations here are real objects, as in cli.py: Typer reads `role_ids`'s on every run.
"""

import os
from typing import Any, Optional, TypeVar

import typer

from rolefit.errors import RolefitError

COMPLETE_VAR = "_ROLEFIT_COMPLETE"
"""The variable a shell sets to ask for completion (Click names it after the program)."""

Group = TypeVar("Group", bound=type)


def with_completion(group: Group) -> Group:
    """`group`, answering a shell's completion requests with Typer's scripts and replies for
    bash, zsh and fish (their classes are registered only when a request comes)."""

    class Completing(group):  # type: ignore[valid-type, misc]
        def _main_shell_completion(self, ctx_args: Any, prog_name: str, complete_var: Optional[str] = None) -> None:
            if os.environ.get(complete_var or COMPLETE_VAR):
                from typer.completion import completion_init

                completion_init()
            super()._main_shell_completion(ctx_args, prog_name, complete_var)

    Completing.__name__ = Completing.__qualname__ = group.__name__
    Completing.__doc__ = group.__doc__
    return Completing  # type: ignore[return-value]


def role_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The ids of the roles that begin with what has been typed, each with its name (zsh and
    fish show it beside the id). The pack is loaded here, during completion only, from the
    command line's --data-dir if it has one; a pack that does not load offers nothing."""
    from rolefit.data import load_pack

    try:
        pack = load_pack(ctx.params.get("data_dir"))
    except RolefitError:
        return []
    typed = incomplete.lower()
    return [(role.id, role.name) for role in pack.roles if role.id.startswith(typed)]
