"""rolefit's quiz as a web form, one page at a time, for someone who does not use a terminal.

    python examples/webform/app.py [--port N] [--data-dir DIR]

It serves http://127.0.0.1:PORT/ to this computer only, with the standard library's
http.server. Each page carries the answers document (the same one `rolefit quiz --save`
writes) in a hidden field and posts it back with the answer, so the server keeps no sessions:
`rolefit.next_step` chooses the next question from the answers alone, and once it says the
quiz is done the page is the HTML export of `rolefit score`. See README.md beside this file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pages
import steps
import rolefit
from rolefit import RolefitError
from rolefit.answers import dump_sheet, sheet_from_document
from rolefit.data import load_pack
from rolefit.export import html as export_html
from rolefit.scoring import score

HOST = "127.0.0.1"
"""The only address the server listens on: the form is for the person at this computer."""
LOCAL_NAMES = ("127.0.0.1", "localhost")
"""The host names a request may be addressed to; any other (a DNS-rebinding page's) is refused."""
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # "no-referrer" would make the browser send Origin: null
}
DOWNLOAD_HEADER = ("# rolefit answers from the web form. `rolefit score FILE` shows the report;\n"
                   "# `rolefit quiz --resume FILE` goes on with the quiz in a terminal.\n")


class Quiz:
    """The data pack and where it came from: read once, shared read-only by every request."""

    def __init__(self, data_dir: Path | None) -> None:
        self.data_dir = data_dir
        self.pack = load_pack(data_dir)
        first = rolefit.next_step({"answers": {}}, data_dir)
        asks_dealbreakers = first["question"] is not None and first["question"]["id"] == steps.DEALBREAKERS
        self.about = first["about_remaining"] - asks_dealbreakers  # questions, not counting the dealbreakers

    def start(self, respondent: str = "") -> str:
        return pages.start(len(self.pack.roles), self.about, respondent)

    def section(self, section_id: str) -> str:
        known = {s.id: s.title for s in self.pack.sections}
        return known.get(section_id, section_id.replace("_", " ").capitalize())

    def page_for(self, document: dict[str, Any], chosen: tuple[str | None, Any] = (None, None)) -> str:
        """The page that comes next for these answers: the next question (with `chosen`'s
        answer ticked when it is that question's), or the report once the quiz is done."""
        step = rolefit.next_step(document, self.data_dir)
        if step["done"]:
            return self.report(document)
        question_id, value = chosen
        shown = value if question_id == step["question"]["id"] else None
        return pages.question(step, document, self.section(step["question"]["section"]), shown)

    def report(self, document: dict[str, Any]) -> str:
        try:
            sheet = sheet_from_document(document, self.pack, "answers")
        except RolefitError as exc:
            return pages.nothing_to_score(document, "Every question was skipped, so there is nothing to score"
                                          if document["answers"] else str(exc))
        return pages.report(export_html(self.pack, score(self.pack, sheet), None), document)

    def respond(self, post: steps.Post) -> tuple[int, str]:
        """The status and page for a post to `/`: start, answer, skip or back."""
        if post.action == "start":
            return 200, self.page_for(steps.started(post.respondent, self.pack.version))
        if post.action == "back":
            document, question_id, value = steps.without_last(post.document)
            if question_id is None:
                return 200, self.start(document.get("respondent", ""))
            return 200, self.page_for(document, (question_id, value))
        if post.action not in ("answer", "skip"):
            raise steps.BadPost(f"the '{post.action}' button belongs to another address")
        step = rolefit.next_step(post.document, self.data_dir)
        asked = step["question"]
        if step["done"] or asked["id"] != post.question:
            expected = "no question: the quiz is done" if step["done"] else f"question {asked['id']!r}"
            raise steps.BadPost(f"the page answered question {post.question!r}, but for the answers it carries "
                                f"the quiz asks {expected}")
        if post.action == "skip":
            if asked["id"] == steps.DEALBREAKERS:
                raise steps.BadPost("the dealbreakers are not skipped: leave every box unticked for none")
            return 200, self.page_for(steps.with_answer(post.document, asked["id"], None))
        value = steps.answer_value(asked, post.values)
        if value is None:
            return 400, pages.question(step, post.document, self.section(asked["section"]),
                                       problem="Pick an answer, or Skip to leave this question out.")
        return 200, self.page_for(steps.with_answer(post.document, asked["id"], value))

    def download(self, post: steps.Post) -> tuple[str, str]:
        """The answers file's name and YAML text, as `rolefit quiz --save` writes it."""
        if post.action != "download":
            raise steps.BadPost(f"the '{post.action}' button belongs to another address")
        sheet = sheet_from_document(post.document, self.pack, "answers", require_answers=False)
        day = re.match(r"\d{4}-\d{2}-\d{2}", str(post.document.get("taken_at", ""))) or None
        name = f"rolefit-answers-{day.group(0) if day else dt.date.today().isoformat()}.yaml"
        return name, dump_sheet(sheet, self.pack, header=DOWNLOAD_HEADER)


class Handler(BaseHTTPRequestHandler):
    """GET / is the start page; POST / moves through the quiz; POST /answers.yaml downloads
    the answers. Requests not addressed to this computer's own name are refused."""

    quiz: Quiz
    server_version = "rolefit-webform"
    timeout = 30
    """Seconds a connection may sit silent (a post shorter than the length it announced, a
    request never finished) before it is closed, so that it does not hold a thread for ever."""

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if not self._addressed_here():
            return
        if urlsplit(self.path).path == "/":
            self._send(200, self.quiz.start())
        else:
            self._problem(404, "there is no page at this address")

    def do_POST(self) -> None:  # noqa: N802
        if not (self._addressed_here() and self._from_here()):
            return
        path = urlsplit(self.path).path
        if path not in ("/", "/answers.yaml"):
            self._problem(404, "there is no form at this address")
            return
        body = self._body()
        if body is None:
            return
        try:
            post = steps.read_post(body, self.quiz.pack)
            if path == "/":
                self._send(*self.quiz.respond(post))
            else:
                name, text = self.quiz.download(post)
                self._send(200, text, attachment=name)
        except steps.BadPost as exc:
            self._problem(400, str(exc))
        except Exception:  # a page, never a traceback, for the person at the browser
            traceback.print_exc(file=sys.stderr)
            self._problem(500, "the quiz hit a problem it did not expect; the terminal running the server "
                               "shows the details")

    def _addressed_here(self) -> bool:
        host = self.headers.get("Host", "")
        name, _, port = host.rpartition(":") if ":" in host else (host, "", "")
        if name in LOCAL_NAMES and port == str(self.server.server_address[1]):
            return True
        self._problem(400, f"this server answers only at http://{HOST}:{self.server.server_address[1]}/ "
                           f"and http://localhost:{self.server.server_address[1]}/, not at {host or 'no host'}")
        return False

    def _from_here(self) -> bool:
        """A browser says where a form was posted from; a form on any other site is refused."""
        origin = self.headers.get("Origin")
        port = self.server.server_address[1]
        if origin is None or origin in [f"http://{name}:{port}" for name in LOCAL_NAMES]:
            return True
        self._problem(403, "the form was posted from another site; use the pages this server shows")
        return False

    def _body(self) -> bytes | None:
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/x-www-form-urlencoded":
            self._problem(415, "the form posts application/x-www-form-urlencoded data, and this was not")
            return None
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._problem(411, "the post did not say its length")
            return None
        if not 0 <= length <= steps.MAX_BODY:
            self._problem(413, f"the post is {length} bytes; a whole quiz's answers take far fewer")
            return None
        return self.rfile.read(length)

    def _send(self, status: int, text: str, attachment: str | None = None) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        kind = "application/yaml" if attachment else "text/html"
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        if attachment:
            self.send_header("Content-Disposition", f'attachment; filename="{attachment}"')
        for header, value in HEADERS.items():
            self.send_header(header, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _problem(self, status: int, message: str) -> None:
        reason = HTTPStatus(status).phrase
        self._send(status, pages.problem(status, reason, message))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the terminal shows the address and any unexpected error, not every request."""


def make_server(quiz: Quiz, port: int) -> ThreadingHTTPServer:
    """A server for the quiz on 127.0.0.1 (never another address) at `port`; 0 picks a free one."""
    handler = type("QuizHandler", (Handler,), {"quiz": quiz})
    server = ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    return server


def port_number(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 5 or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535; 0 picks a free one)")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python examples/webform/app.py",
                                     description="Serve rolefit's quiz as a web form at http://127.0.0.1:PORT/.")
    parser.add_argument("--port", type=port_number, default=8000, help="the port (default 8000; 0 picks a free one)")
    parser.add_argument("--data-dir", type=Path, help="a data pack of your own, as rolefit's --data-dir")
    args = parser.parse_args(argv)
    try:
        quiz = Quiz(args.data_dir)
        server = make_server(quiz, args.port)
    except RolefitError as exc:
        print(f"rolefit web form: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"rolefit web form: cannot listen on {HOST}:{args.port} ({exc.strerror}); "
              "--port 0 picks a free port", file=sys.stderr)
        return 2
    print(f"rolefit web form: http://{HOST}:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
