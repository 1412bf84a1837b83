"""Every kind of bad answers file or data pack gets one line on stderr naming the file and
the problem, and exit code 2: never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.documents import MAX_BYTES

from conftest import MINI_PACK

GOOD_LINE = "  help_stuck_users: 4\n"

BAD_ANSWERS: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "is empty"),
    "only_whitespace": (b"   \n\n  \n", "is empty"),
    "not_yaml": (b"answers: [unclosed\n", "not valid YAML"),
    "top_level_list": (b"- 1\n- 2\n", "expected a mapping with an 'answers' key"),
    "top_level_scalar": (b"just words\n", "expected a mapping"),
    "no_answers_key": (b"respondent: Ada\n", "has no 'answers' mapping"),
    "answers_is_a_list": (b"answers: [1, 2]\n", "'answers' must be a mapping"),
    "likert_out_of_range": (b"answers:\n  help_stuck_users: 7\n", "must be a whole number from 1 to 5, not 7"),
    "likert_zero": (b"answers:\n  help_stuck_users: 0\n", "not 0"),
    "likert_as_text": (b"answers:\n  help_stuck_users: four\n", "not 'four'"),
    "likert_as_float": (b"answers:\n  help_stuck_users: 3.5\n", "not 3.5"),
    "likert_as_boolean": (b"answers:\n  help_stuck_users: yes\n", "not True"),
    "unknown_option": (b"answers:\n  free_day: fly_a_kite\n", "must be one of answer_forum, deep_dive, nap"),
    "option_as_number": (b"answers:\n  free_day: 2\n", "must be one of"),
    "nothing_answered": (b"answers:\n  help_stuck_users:\n", "answers none of this quiz's questions"),
    "only_unknown_questions": (b"answers:\n  no_such_question: 3\n", "answers none of this quiz's questions"),
    "binary_bytes": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file"),
    "not_utf8": (b"answers:\n  help_stuck_users: \xff\xfe\n", "is not UTF-8 text"),
    "python_tag": (b"answers: !!python/object/apply:os.system ['echo hi']\n", "could not determine a constructor"),
    "custom_tag": (b"answers: !secret {a: 1}\n", "not valid YAML"),
    "alias_bomb": (b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                   b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nanswers: *c\n", "anchors and aliases are not allowed"),
    "duplicate_key": (b"answers:\n  help_stuck_users: 4\n  help_stuck_users: 2\n", "duplicate key 'help_stuck_users'"),
    "nested_too_deeply": (b"answers: " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
    "respondent_not_text": (b"respondent: [a, b]\n" + b"answers:\n" + GOOD_LINE.encode(), "'respondent' must be text"),
    "impossible_date": (b"taken_at: 2024-13-45\nanswers:\n" + GOOD_LINE.encode(), "a value cannot be read"),
    "huge_integer": (b"answers:\n  help_stuck_users: " + b"9" * 5000 + b"\n", "not valid YAML"),
    "too_large": (b"answers:\n" + GOOD_LINE.encode() + b"# " + b"x" * (MAX_BYTES + 10) + b"\n", "larger than the"),
}


def run_score(runner: CliRunner, path: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["score", str(path), "--data-dir", str(MINI_PACK)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", sorted(BAD_ANSWERS))
def test_bad_answers_file_is_one_line_naming_file_and_problem(case: str, tmp_path: Path, runner: CliRunner) -> None:
    content, problem = BAD_ANSWERS[case]
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(content)
    code, stdout, stderr = run_score(runner, path)
    assert code == 2
    assert stdout == ""
    assert stderr.count("\n") == 1, stderr
    assert str(path) in stderr
    assert problem in stderr
    assert "Traceback" not in stderr


def test_bad_answer_names_its_line(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("respondent: Ada\nanswers:\n  help_stuck_users: 4\n  many_hats: 9\n")
    _, _, stderr = run_score(runner, path)
    assert f"{path}:4:" in stderr


def test_invalid_json_names_its_line(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"answers": {\n  "help_stuck_users": 4,\n}}')
    code, _, stderr = run_score(runner, path)
    assert code == 2
    assert f"{path}:3: not valid JSON" in stderr


def test_missing_file(tmp_path: Path, runner: CliRunner) -> None:
    code, _, stderr = run_score(runner, tmp_path / "nope.yaml")
    assert code == 2
    assert stderr == f"rolefit: {tmp_path / 'nope.yaml'}: no such file\n"


def test_a_folder_is_not_an_answers_file(tmp_path: Path, runner: CliRunner) -> None:
    code, _, stderr = run_score(runner, tmp_path)
    assert code == 2
    assert "is a folder, not a file" in stderr


def test_unknown_question_is_a_warning_not_a_failure(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "old.yaml"
    path.write_text("answers:\n  help_stuck_users: 4\n  retired_question: 2\n")
    result = runner.invoke(app, ["score", str(path), "--json", "--data-dir", str(MINI_PACK)])
    assert result.exit_code == 0
    assert '"code": "unknown_question"' in result.stdout
    assert "retired_question" in result.stdout


# broken data packs ------------------------------------------------------------------------

@pytest.fixture
def broken_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


BROKEN_PACKS: dict[str, tuple[str, str, str, str]] = {
    "unknown_trait_in_question": ("questions.yaml", "traits: {empathy: 1.0}}", "traits: {empathie: 1.0}}",
                                  "unknown trait 'empathie'"),
    "duplicate_question_id": ("questions.yaml", "id: notice_frustration", "id: help_stuck_users",
                              "duplicate question id 'help_stuck_users'"),
    "missing_text": ("questions.yaml", "text: I like helping stuck users., ", "", "missing 'text'"),
    "unknown_section": ("questions.yaml", "section: people, text: I like", "section: folks, text: I like",
                        "unknown section 'folks'"),
    "loading_out_of_range": ("questions.yaml", "traits: {variety: 1.0}", "traits: {variety: 3}", "must lie in -1..1"),
    "bad_trait_kind": ("questions.yaml", "kind: preference", "kind: hobby", "kind must be 'skill' or 'preference'"),
    "unknown_trait_in_profile": ("roles.yaml", "variety: {level: 0.8", "varietyy: {level: 0.8",
                                 "unknown trait 'varietyy' in profile"),
    "level_out_of_range": ("roles.yaml", "variety: {level: 0.8", "variety: {level: 1.8", "must lie in 0..1"),
    "target_without_source": ("roles.yaml", "level: 0.8, source: art, where: the part on variety}", "level: 0.8}",
                              "missing 'source'"),
    "target_without_locator": ("roles.yaml", ", where: the part on variety}", "}", "missing 'where'"),
    "unknown_target_source": ("roles.yaml", "level: 0.8, source: art,", "level: 0.8, source: blog,",
                              "unknown source 'blog'"),
    "bad_direction": ("roles.yaml", "direction: at_most", "direction: below", "direction must be one of"),
    "bad_evidence": ("roles.yaml", "evidence: thin", "evidence: plenty", "evidence must be one of rich, some, thin"),
    "missing_evidence": ("roles.yaml", "    evidence: some\n", "", "missing 'evidence'"),
    "no_reverse_keyed_item": ("questions.yaml", "traits: {technical_depth: -1.0}", "traits: {technical_depth: 1.0}",
                              "no reverse-keyed agree/disagree item"),
    "dealbreaker_unknown_role": ("roles.yaml", "roles:\n  - id: advocate",
                                 "dealbreakers:\n  - {id: crowds, label: Crowds, roles: {advocat: {reason: r, source: art, "
                                 "where: w}}}\nroles:\n  - id: advocate", "dealbreaker 'crowds': unknown role 'advocat'"),
    "dealbreaker_unknown_source": ("roles.yaml", "roles:\n  - id: advocate",
                                   "dealbreakers:\n  - {id: crowds, label: Crowds, roles: {advocate: {reason: r, source: blog, "
                                   "where: w}}}\nroles:\n  - id: advocate", "dealbreaker 'crowds': unknown source 'blog'"),
    "dealbreaker_without_label": ("roles.yaml", "roles:\n  - id: advocate",
                                  "dealbreakers:\n  - {id: crowds, roles: {advocate: {reason: r, source: art, where: w}}}\n"
                                  "roles:\n  - id: advocate", "dealbreaker 'crowds': missing 'label'"),
    "bad_question_kind": ("questions.yaml", "kind: choice", "kind: ranking", "kind must be 'likert', 'choice' or 'multi'"),
    "unknown_source": ("roles.yaml", "source: art, trait: technical_depth", "source: blog, trait: technical_depth",
                       "unknown source 'blog'"),
    "unknown_adjacent_role": ("roles.yaml", "adjacent: [engineer]", "adjacent: [wizard]", "unknown adjacent role 'wizard'"),
    "duplicate_role_id": ("roles.yaml", "id: generalist", "id: engineer", "duplicate role id 'engineer'"),
    "missing_summary": ("roles.yaml", "    summary: Builds systems.\n", "", "missing 'summary'"),
    "not_yaml": ("roles.yaml", "roles:", "roles: [", "not valid YAML"),
    "python_tag": ("roles.yaml", "sources:", "sources: !!python/name:os.system", "could not determine a constructor"),
    "impossible_date": ("roles.yaml", 'date: "2022-03-16"', "date: 2022-13-45", "a value cannot be read"),
    "nan_level": ("roles.yaml", "variety: {level: 0.8", "variety: {level: .nan", "profile entry 'variety': level is not a number (NaN)"),
    "terminal_escape_in_role_name": ("roles.yaml", "name: Engineer", r'name: "Engi\e]0;pwned\aneer"',
                                     r"'name' contains the control character \x1b"),
    "escape_in_an_advice_list": ("roles.yaml", "work: [Writes code]", r'work: ["Writes\u202ecode"]',
                                 r"an entry of 'work' contains the control character \u202e"),
    "question_id_yaml_reads_as_true": ("questions.yaml", "id: help_stuck_users", "id: 'on'",
                                       "id 'on' reads as true/false or null in a YAML answers file"),
    "option_value_yaml_reads_as_null": ("questions.yaml", "value: nap", "value: 'null'",
                                        "value 'null' reads as true/false or null"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_PACKS))
def test_broken_pack_fails_every_command_naming_the_file(case: str, broken_pack: Path, tmp_path: Path,
                                                          runner: CliRunner) -> None:
    filename, old, new, problem = BROKEN_PACKS[case]
    edit(broken_pack / filename, old, new)
    answers = tmp_path / "a.yaml"
    answers.write_text("answers:\n  help_stuck_users: 4\n")
    for command in (["score", str(answers)], ["roles"], ["questions"], ["template"], ["validate"]):
        result = runner.invoke(app, [*command, "--data-dir", str(broken_pack)])
        assert result.exit_code == 2, command
        assert str(broken_pack / filename) in result.stderr
        assert problem in result.stderr
        assert "Traceback" not in result.stderr


def test_broken_pack_problem_names_the_line(broken_pack: Path, runner: CliRunner) -> None:
    edit(broken_pack / "roles.yaml", "variety: {level: 0.8", "varietyy: {level: 0.8")
    result = runner.invoke(app, ["validate", "--data-dir", str(broken_pack)])
    line = next(n for n, text in enumerate((broken_pack / "roles.yaml").read_text().splitlines(), 1) if "varietyy" in text)
    assert f"roles.yaml:{line}: role 'advocate': unknown trait 'varietyy'" in result.stderr


def test_validate_lists_every_problem(broken_pack: Path, runner: CliRunner) -> None:
    edit(broken_pack / "roles.yaml", "variety: {level: 0.8", "varietyy: {level: 0.8")
    edit(broken_pack / "questions.yaml", "traits: {variety: 1.0}", "traits: {variety: 3}")
    result = runner.invoke(app, ["validate", "--data-dir", str(broken_pack)])
    assert result.exit_code == 2
    assert "varietyy" in result.stderr and "must lie in -1..1" in result.stderr
    assert "trait 'variety' is measured by 2 question(s)" in result.stderr
    assert "3 problem(s) found" in result.stderr


def test_trait_with_too_few_items_is_a_problem(broken_pack: Path, runner: CliRunner) -> None:
    edit(broken_pack / "questions.yaml", "traits: {variety: -1.0}", "traits: {empathy: -1.0}")
    edit(broken_pack / "questions.yaml", "traits: {empathy: 1.0, variety: 0.5}", "traits: {empathy: 1.0}")
    edit(broken_pack / "questions.yaml", "traits: {technical_depth: 1.0, variety: -0.5}", "traits: {technical_depth: 1.0}")
    result = runner.invoke(app, ["validate", "--data-dir", str(broken_pack)])
    assert result.exit_code == 2
    assert "trait 'variety' is measured by 1 question(s); it needs at least 3" in result.stderr


def test_role_that_can_never_come_first_is_a_problem(broken_pack: Path, runner: CliRunner) -> None:
    text = (broken_pack / "roles.yaml").read_text()
    twin = text[text.index("  - id: engineer"):text.index("  - id: generalist")].replace("id: engineer", "id: engineer_twin")
    (broken_pack / "roles.yaml").write_text(text + twin)
    result = runner.invoke(app, ["validate", "--data-dir", str(broken_pack)])
    assert result.exit_code == 2
    assert "role 'engineer_twin' never comes first" in result.stderr


def test_missing_data_folder(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["roles", "--data-dir", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no such data folder" in result.stderr


def test_data_folder_without_roles_file(broken_pack: Path, runner: CliRunner) -> None:
    (broken_pack / "roles.yaml").unlink()
    result = runner.invoke(app, ["roles", "--data-dir", str(broken_pack)])
    assert result.exit_code == 2
    assert f"{broken_pack / 'roles.yaml'}: no such file" in result.stderr


def test_a_path_with_double_spaces_is_named_exactly(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "two  spaces.yaml"
    code, _, stderr = run_score(runner, path)
    assert code == 2
    assert str(path) in stderr


def test_closed_stdin_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "rolefit", "score", "-", "--data-dir", str(MINI_PACK)],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
                          preexec_fn=lambda: __import__("os").close(0))
    assert done.returncode == 2
    assert done.stderr == "rolefit: <stdin>: is closed, so there is nothing to read\n"


def test_a_value_out_of_pythons_reach_in_json_is_one_line(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"answers": {"help_stuck_users": ' + "9" * 5000 + "}}")
    code, _, stderr = run_score(runner, path)
    assert code == 2 and stderr.count("\n") == 1


def test_very_deep_nesting_is_refused_without_crashing(tmp_path: Path) -> None:
    """Run apart from pytest: libyaml overflowing its stack would kill the process itself."""
    import subprocess
    import sys

    path = tmp_path / "deep.yaml"
    path.write_text("answers: " + "[" * 50000 + "]" * 50000 + "\n")
    done = subprocess.run([sys.executable, "-m", "rolefit", "score", str(path), "--data-dir", str(MINI_PACK)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "nested too deeply" in done.stderr


def test_utf16_text_is_named_as_such(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("answers:\n  help_stuck_users: 4\n".encode("utf-16"))
    code, _, stderr = run_score(runner, path)
    assert code == 2 and "is UTF-16 text; save it as UTF-8" in stderr


def test_a_lone_surrogate_in_an_unknown_question_id_is_harmless(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"answers": {"\\ud800": 4, "help_stuck_users": 4}}')
    for extra in ([], ["--json"]):
        result = runner.invoke(app, ["score", str(path), *extra, "--data-dir", str(MINI_PACK)])
        assert result.exit_code == 0, result.exception


def test_escape_codes_in_an_unknown_question_id_never_reach_the_terminal(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"answers": {"\\u001b]0;PWNED\\u0007\\u001b[2Jx": 4, "help_stuck_users": 4}}')
    result = runner.invoke(app, ["score", str(path), "--data-dir", str(MINI_PACK)])
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_square_brackets_in_a_name_are_shown_as_typed(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.yaml"
    path.write_text('respondent: "[/oops] [bold]Eve"\nanswers:\n  help_stuck_users: 4\n')
    for command in (["score", str(path)], ["compare", str(path), str(path)]):
        result = runner.invoke(app, [*command, "--data-dir", str(MINI_PACK)])
        assert result.exit_code == 0, result.exception
        assert "[/oops] [bold]Eve" in result.stdout


def test_version_to_a_full_disk_is_one_line() -> None:
    import subprocess
    import sys

    done = subprocess.run(f"'{sys.executable}' -c 'from rolefit.cli import main; main()' --version > /dev/full",
                          shell=True, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("rolefit: cannot write the output") and done.stderr.count("\n") == 1


# nesting through block structure, special files, hostile sizes ---------------------------

DEEP_BLOCK = "- " * 30000 + "1\n"
"""60 KB of nested block sequences: libyaml's composer used to overflow its C stack on it."""

RUN_WITH_A_TERMINAL = ("import sys\nfrom rolefit import quiz\nquiz.has_terminal = lambda: True\n"
                       "from rolefit.cli import main\nsys.argv = ['rolefit', *sys.argv[1:]]\nmain()\n")
"""`rolefit` as a script that believes it has a terminal, for the quiz's file handling."""


def run_rolefit(*args: str, stdin: str | None = None, timeout: float = 60, terminal: bool = False,
                env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Run rolefit in its own process: a crash or a hang must fail the test, not kill pytest."""
    import os
    import subprocess
    import sys

    command = [sys.executable, "-c", RUN_WITH_A_TERMINAL] if terminal else [sys.executable, "-m", "rolefit"]
    return subprocess.run([*command, *args], input=stdin, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("route", ["file", "stdin", "resume", "pack"])
def test_deep_block_nesting_is_refused_without_crashing(route: str, tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text(DEEP_BLOCK)
    if route == "file":
        done = run_rolefit("score", str(deep), "--data-dir", str(MINI_PACK))
    elif route == "stdin":
        done = run_rolefit("score", "-", "--data-dir", str(MINI_PACK), stdin=DEEP_BLOCK)
    elif route == "resume":
        done = run_rolefit("quiz", "--resume", str(deep), "--data-dir", str(MINI_PACK), terminal=True)
    else:
        folder = tmp_path / "pack"
        shutil.copytree(MINI_PACK, folder)
        (folder / "roles.yaml").write_text((folder / "roles.yaml").read_text() + "extra:\n" + "  " + DEEP_BLOCK)
        done = run_rolefit("validate", "--data-dir", str(folder))
    assert done.returncode == 2, done.stderr
    assert "nested too deeply" in done.stderr and done.stderr.count("\n") == 1


def test_deep_indentation_is_refused_without_crashing(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("".join(" " * level + "-\n" for level in range(400)))
    done = run_rolefit("score", str(path), "--data-dir", str(MINI_PACK))
    assert done.returncode == 2 and "nested too deeply" in done.stderr


def test_ordinary_block_nesting_still_reads(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  help_stuck_users: 4\nnotes:\n" + "".join("  " * n + "  - - x\n" for n in range(30)))
    code, _, stderr = run_score(runner, path)
    assert code == 0, stderr


@pytest.mark.parametrize("role", ["answers", "pack"])
def test_a_named_pipe_is_refused_at_once_instead_of_waited_on(role: str, tmp_path: Path) -> None:
    import os

    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    answers = tmp_path / "answers.yaml"
    if role == "answers":
        pipe = answers
    else:
        answers.write_text("answers:\n  help_stuck_users: 4\n")
        pipe = folder / "roles.yaml"
        pipe.unlink()
    os.mkfifo(pipe)
    done = run_rolefit("score", str(answers), "--data-dir", str(folder), timeout=20)
    assert done.returncode == 2
    assert done.stderr == f"rolefit: {pipe}: is a named pipe (FIFO), not a regular file\n"


def test_a_device_is_not_an_answers_file(runner: CliRunner) -> None:
    code, _, stderr = run_score(runner, Path("/dev/zero"))
    assert code == 2 and "is a device, not a regular file" in stderr


def test_utf32_text_is_named_as_such(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("answers:\n  help_stuck_users: 4\n".encode("utf-32"))
    code, _, stderr = run_score(runner, path)
    assert code == 2 and "is UTF-32 text; save it as UTF-8" in stderr


def many_keys_with_one_repeated(count: int) -> str:
    keys = ",".join(f'"k{n}":1' for n in range(count))
    return '{"answers":{"help_stuck_users":4},"extra":{' + keys + ',"k0":2}}'


def test_a_repeated_key_among_ninety_thousand_is_found_quickly(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(many_keys_with_one_repeated(90_000))
    done = run_rolefit("score", str(path), "--data-dir", str(MINI_PACK), timeout=30)
    assert done.returncode == 2 and "duplicate key 'k0'" in done.stderr


def test_a_repeated_key_among_ninety_thousand_in_a_cohort_line_is_found_quickly(tmp_path: Path) -> None:
    path = tmp_path / "cohort.jsonl"
    path.write_text(many_keys_with_one_repeated(90_000) + "\n")
    done = run_rolefit("score", str(path), "--format", "jsonl", "--data-dir", str(MINI_PACK), timeout=30)
    assert done.returncode == 1 and "duplicate key 'k0'" in done.stderr


def test_template_quotes_a_version_yaml_would_misread(broken_pack: Path, tmp_path: Path, runner: CliRunner) -> None:
    edit(broken_pack / "questions.yaml", 'version: "mini-1"', r"""version: 'say "hi" # not a comment: \ '""")
    written = runner.invoke(app, ["template", "--data-dir", str(broken_pack)])
    assert written.exit_code == 0, written.stderr
    path = tmp_path / "filled.yaml"
    path.write_text(written.stdout.replace("  help_stuck_users:\n", "  help_stuck_users: 4\n"))
    scored = runner.invoke(app, ["score", str(path), "--json", "--data-dir", str(broken_pack)])
    assert scored.exit_code == 0, scored.stderr
    assert '"quiz_version": "say \\"hi\\" # not a comment: \\\\"' in scored.stdout


def test_a_pack_of_twenty_five_thousand_questions_loads_in_linear_time(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    head = (folder / "questions.yaml").read_text().split("questions:")[0]
    traits = ("empathy", "technical_depth", "variety")
    rows = "".join(f"  - {{id: q{n}, kind: likert, section: people, text: Q, traits: {{{traits[n % 3]}: {1 - 2 * (n % 2)}}}}}\n"
                   for n in range(25_000))
    (folder / "questions.yaml").write_text(head + "questions:\n" + rows)
    done = run_rolefit("questions", "--json", "--data-dir", str(folder), timeout=40)
    assert done.returncode == 0, done.stderr


def test_every_bad_answer_is_named_in_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  help_stuck_users: 7\n  many_hats: x\n  free_day: dance\n")
    result = runner.invoke(app, ["score", str(path), "--data-dir", str(MINI_PACK)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "3 bad answers: line 2:" in result.stderr and "line 3:" in result.stderr and "line 4:" in result.stderr


def test_validate_asks_for_a_new_version_when_the_questions_change(broken_pack: Path, runner: CliRunner) -> None:
    edit(broken_pack / "questions.yaml", "traits: {empathy: 1.0}}", "traits: {empathy: 0.5}}")
    result = runner.invoke(app, ["validate", "--data-dir", str(broken_pack)])
    assert result.exit_code == 2
    assert "the questions changed since version 'mini-1' was fingerprinted: bump 'version'" in result.stderr


def test_validate_asks_for_a_fingerprint_where_there_is_none(broken_pack: Path, runner: CliRunner) -> None:
    edit(broken_pack / "questions.yaml", 'fingerprint: "ef70faede8c0"\n', "")
    result = runner.invoke(app, ["validate", "--data-dir", str(broken_pack)])
    assert result.exit_code == 2 and "no 'fingerprint'; add 'fingerprint:" in result.stderr


def test_a_changed_fingerprint_does_not_stop_scoring(broken_pack: Path, runner: CliRunner, tmp_path: Path) -> None:
    edit(broken_pack / "questions.yaml", "traits: {empathy: 1.0}}", "traits: {empathy: 0.5}}")
    answers = tmp_path / "a.yaml"
    answers.write_text("answers:\n  help_stuck_users: 4\n")
    assert runner.invoke(app, ["score", str(answers), "--data-dir", str(broken_pack)]).exit_code == 0
