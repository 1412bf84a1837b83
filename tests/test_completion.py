"""Shell completion: a shell that asks gets an install script and the words that complete a
command line (role ids for `roles ROLE` and `--explain`); a run that does not ask sets none
of it up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI_PACK

PERSONA = Path(__file__).parent / "fixtures" / "docs_specialist.yaml"


def rolefit(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "ROLEFIT_DATA_DIR"} | env
    return subprocess.run([sys.executable, "-m", "rolefit", *args], env=environment, capture_output=True,
                          text=True, timeout=60)


def completions(line: str) -> list[str]:
    """What bash is offered for the last word of `line` (an empty last word after a space)."""
    words = line.split(" ")
    done = rolefit(_ROLEFIT_COMPLETE="complete_bash", COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_roles_completes_the_role_ids_that_begin_with_what_was_typed() -> None:
    assert completions("rolefit roles dev") == ["developer_advocate", "developer_marketing"]


def test_explain_completes_role_ids() -> None:
    assert completions(f"rolefit score {PERSONA} --explain technical_w") == ["technical_writer"]


def test_an_empty_word_is_offered_every_role() -> None:
    assert len(completions("rolefit roles ")) == 11


def test_role_ids_come_from_the_data_dir_on_the_command_line() -> None:
    assert completions(f"rolefit roles --data-dir {MINI_PACK} ") == ["advocate", "engineer", "generalist"]


def test_a_data_dir_that_does_not_load_offers_nothing(tmp_path: Path) -> None:
    assert completions(f"rolefit roles --data-dir {tmp_path / 'missing'} ") == []


def test_commands_complete_too() -> None:
    assert completions("rolefit sc") == ["score", "schema"]


def test_zsh_and_fish_see_each_role_s_name_beside_its_id() -> None:
    done = rolefit(_ROLEFIT_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="rolefit roles developer_a")
    assert "developer_advocate" in done.stdout and "Developer Advocate" in done.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_that_asks_rolefit_for_completions(shell: str) -> None:
    done = rolefit(_ROLEFIT_COMPLETE=f"source_{shell}")
    assert done.returncode == 0
    assert f"_ROLEFIT_COMPLETE=complete_{shell}" in done.stdout and "rolefit" in done.stdout


def test_help_lists_no_completion_options() -> None:
    assert "completion" not in rolefit("--help").stdout


def test_an_ordinary_run_sets_up_no_completion() -> None:
    """Typer's completion classes for the shells are registered only when a shell asks."""
    probe = ("import runpy, sys, json, atexit\n"
             "from typer._click.shell_completion import get_completion_class\n"
             "atexit.register(lambda: sys.__stderr__.write('SHELLS=' + json.dumps("
             "[s for s in ('bash', 'zsh', 'fish') if get_completion_class(s)]) + '\\n'))\n"
             f"sys.argv = ['rolefit', 'score', {str(PERSONA)!r}, '--json']\n"
             "runpy.run_module('rolefit', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    line = next(l for l in done.stderr.splitlines() if l.startswith("SHELLS="))
    assert json.loads(line.removeprefix("SHELLS=")) == []
