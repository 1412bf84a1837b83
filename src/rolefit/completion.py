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

from rolefit.errors import RolefitError, escaped

COMPLETE_VAR = "_ROLEFIT_COMPLETE"
"""The variable a shell sets to ask for completion (Click names it after the program)."""
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
"""The shells whose completion Typer provides (docs/quiz.md, "Shell completion", covers the first three)."""

Group = TypeVar("Group", bound=type)


def with_completion(group: Group) -> Group:
    """`group`, answering a shell's completion requests with Typer's scripts and replies for
    bash, zsh and fish (their classes are registered only when a request comes)."""

    class Completing(group):  # type: ignore[valid-type, misc]
        def _main_shell_completion(self, ctx_args: Any, prog_name: str, complete_var: Optional[str] = None) -> None:
            variable = complete_var or COMPLETE_VAR
            instruction = os.environ.get(variable)
            if not instruction:
                return
            problem = request_problem(instruction)
            if problem is None:
                from typer.completion import completion_init

                completion_init()
                try:
                    super()._main_shell_completion(ctx_args, prog_name, complete_var)
                    return
                except (KeyError, ValueError):  # COMP_WORDS or COMP_CWORD missing, or not a number
                    problem = "COMP_WORDS and COMP_CWORD (a whole number) must be set as bash sets them"
            typer.echo(f"rolefit: {variable}={escaped(instruction)}: {problem}", err=True)
            raise SystemExit(2)

    Completing.__name__ = Completing.__qualname__ = group.__name__
    Completing.__doc__ = group.__doc__
    return Completing  # type: ignore[return-value]


def request_problem(instruction: str) -> Optional[str]:
    """Why `instruction` (the completion variable's value) is not a request rolefit answers,
    or None: it is `source_SHELL` or `complete_SHELL` for one of SHELLS."""
    action, _, shell = instruction.partition("_")
    if action in ("source", "complete") and shell in SHELLS:
        return None
    return (f"not a completion request; set it to source_SHELL or complete_SHELL, where SHELL is "
            f"{', '.join(SHELLS[:-1])} or {SHELLS[-1]}")


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
