"""What a hostile user found in today's new commands and API, each kept fixed: odd values for
`rolefit answer`, many `answer` calls racing on one file, non-documents passed to the Python
API, and a web form client that stops sending."""

from __future__ import annotations

import importlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

import rolefit
from rolefit.cli import app
from rolefit.locking import Claim, lock_path

ROOT = Path(__file__).resolve().parents[1]
LIKERT = "rework_a_draft"


def answer(*args: str) -> Result:
    return CliRunner().invoke(app, ["answer", *args])


def refused(result: Result) -> bool:
    """An error as rolefit gives one: exit 2, one line on stderr, nothing on stdout."""
    return result.exit_code == 2 and result.stderr.count("\n") == 1 and result.stdout == ""


# odd values for `rolefit answer` ---------------------------------------------------------------

def test_a_superscript_digit_is_refused_as_a_scale_point_in_one_line(tmp_path: Path) -> None:
    result = answer(str(tmp_path / "me.yaml"), LIKERT, "²")
    assert refused(result) and "not a point of the scale" in result.stderr
    assert not (tmp_path / "me.yaml").exists()


def test_a_digit_of_another_script_is_refused_as_a_scale_point(tmp_path: Path) -> None:
    result = answer(str(tmp_path / "me.yaml"), LIKERT, "\u0663")  # ARABIC-INDIC DIGIT THREE
    assert refused(result) and "not a point of the scale" in result.stderr


def test_a_number_too_long_to_convert_is_refused_as_a_scale_point(tmp_path: Path) -> None:
    result = answer(str(tmp_path / "me.yaml"), LIKERT, "9" * 5000)
    assert refused(result) and "not a point of the scale" in result.stderr
    assert len(result.stderr) < 400


def test_a_scale_point_with_spaces_around_it_is_recorded(tmp_path: Path) -> None:
    assert answer(str(tmp_path / "me.yaml"), LIKERT, " 4 ").exit_code == 0
    assert yaml.safe_load((tmp_path / "me.yaml").read_text())["answers"] == {LIKERT: 4}


def test_a_file_started_with_empty_flow_answers_keeps_its_comments(tmp_path: Path) -> None:
    saved = tmp_path / "me.yaml"
    saved.write_text("# mine\nname: Ada  # who\nanswers: {}  # to fill\n# the end\n")
    assert answer(str(saved), LIKERT, "4").exit_code == 0
    assert saved.read_text() == "# mine\nname: Ada  # who\nanswers:  # to fill\n  rework_a_draft: 4\n# the end\n"


# many `answer` calls on one file ---------------------------------------------------------------

def test_answers_recorded_in_parallel_on_one_file_are_all_kept(tmp_path: Path) -> None:
    from rolefit.data import load_pack

    ids = [q.id for q in load_pack(None).questions if q.kind == "likert"][:16]
    saved = tmp_path / "me.yaml"
    calls = [subprocess.Popen([sys.executable, "-m", "rolefit", "answer", str(saved), qid, "4"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for qid in ids]
    outcomes = [(call.wait(timeout=120), call.stderr.read()) for call in calls]  # type: ignore[union-attr]
    for call in calls:
        call.stdout.close()  # type: ignore[union-attr]
        call.stderr.close()  # type: ignore[union-attr]
    assert outcomes == [(0, "")] * len(ids)
    assert yaml.safe_load(saved.read_text())["answers"] == {qid: 4 for qid in ids}
    assert not lock_path(saved).exists()


def test_an_answer_lock_that_keeps_changing_hands_is_waited_for_past_the_wait(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Claim, "WAIT", 0.4)
    saved = tmp_path / "me.yaml"
    lock = lock_path(saved)

    def hand_on() -> None:  # a new `answer` takes the lock every 0.2 s for a second, then none
        for turn in range(5):
            fresh = lock.with_name(f"fresh-{turn}")
            fresh.write_text(f"{os.getpid()} answer\n")
            os.replace(fresh, lock)
            time.sleep(0.2)
        lock.unlink()

    lock.write_text(f"{os.getpid()} answer\n")
    worker = threading.Thread(target=hand_on)
    worker.start()
    result = answer(str(saved), LIKERT, "4")
    worker.join()
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(saved.read_text())["answers"] == {LIKERT: 4}


# the Python API --------------------------------------------------------------------------------

@pytest.mark.parametrize("given", [None, 42, [1, 2], b"answers: {}"], ids=["None", "int", "list", "bytes"])
def test_score_refuses_what_is_neither_a_document_nor_a_path_with_a_rolefit_error(given: object) -> None:
    with pytest.raises(rolefit.RolefitError, match="expected an answers document"):
        rolefit.score(given)  # type: ignore[arg-type]


def test_next_step_refuses_none_with_a_rolefit_error() -> None:
    with pytest.raises(rolefit.RolefitError, match="expected an answers document"):
        rolefit.next_step(None)  # type: ignore[arg-type]


def test_an_answer_too_long_to_write_out_is_refused_naming_its_size() -> None:
    with pytest.raises(rolefit.RolefitError, match=f"{LIKERT}.*not a number of about 5001 digits"):
        rolefit.score({"answers": {LIKERT: 10 ** 5000}})


def test_a_long_wrong_answer_is_shown_cut_short() -> None:
    with pytest.raises(rolefit.RolefitError) as raised:
        rolefit.score({"answers": {"week_after_a_release": "x" * 10_000}})
    assert len(str(raised.value)) < 400 and "..." in str(raised.value)


# the web form ----------------------------------------------------------------------------------

def test_the_web_form_closes_a_connection_that_stops_sending(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "examples" / "webform"))
    webform = importlib.import_module("app")
    monkeypatch.setattr(webform.Handler, "timeout", 0.5)
    server = webform.make_server(webform.Quiz(None), 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
            client.sendall(f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-"
                           f"urlencoded\r\nContent-Length: 100\r\n\r\naction=st".encode())
            assert client.recv(1024) == b""  # closed by the server, not left waiting for ever
    finally:
        server.shutdown()
        server.server_close()


# shell completion ------------------------------------------------------------------------------

def completing(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("COMP_", "_ROLEFIT"))} | env
    return subprocess.run([sys.executable, "-m", "rolefit"], env=environment, capture_output=True, text=True,
                          timeout=60)


def test_a_bash_completion_request_without_comp_words_is_refused_in_one_line() -> None:
    done = completing(_ROLEFIT_COMPLETE="complete_bash")
    assert (done.returncode, done.stdout, done.stderr.count("\n")) == (2, "", 1)
    assert "COMP_WORDS" in done.stderr and "Traceback" not in done.stderr


def test_a_bash_completion_request_whose_comp_cword_is_not_a_number_is_refused_in_one_line() -> None:
    done = completing(_ROLEFIT_COMPLETE="complete_bash", COMP_WORDS="rolefit sc", COMP_CWORD="one")
    assert (done.returncode, done.stdout, done.stderr.count("\n")) == (2, "", 1)
    assert "COMP_CWORD" in done.stderr


def test_an_unknown_completion_instruction_is_refused_naming_the_ones_there_are() -> None:
    done = completing(_ROLEFIT_COMPLETE="bogus")
    assert (done.returncode, done.stdout, done.stderr.count("\n")) == (2, "", 1)
    assert "_ROLEFIT_COMPLETE=bogus" in done.stderr and "source_SHELL" in done.stderr


def test_the_web_form_refuses_a_port_of_other_digits_saying_what_a_port_is() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "webform" / "app.py"), "--port", "²"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "is not a port number (0 to 65535" in done.stderr
