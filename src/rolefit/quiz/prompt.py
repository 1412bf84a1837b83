"""One question on the screen. What it shows at a given width and what every key does are pure
functions (`screen`, `press`), tested without a terminal; the prompt_toolkit application at
the bottom only draws `screen` and feeds keys to `press`.

questionary and prompt_toolkit are imported here and nowhere else, and only when a prompt is
first drawn, so scripted commands such as `rolefit score` start without them."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, replace

from rolefit.answers import printable
from rolefit.model import DataPack
from rolefit.quiz.flow import Move, Reply, progress, replies
from rolefit.quiz.text import wrapped


MARK = "❯"


@dataclass(frozen=True)
class Prompt:
    """One question on the screen: the replies it offers, where the cursor is, and, for a
    pick-all question, the options ticked so far."""

    index: int
    entries: tuple[tuple[str, Reply], ...]
    multi: bool
    cursor: int = 0
    ticked: tuple[str, ...] = ()
    label: str | None = None
    """The progress label; by default the question's place in the whole bank."""

    @property
    def options(self) -> int:
        """How many entries are answers (the rest are Back and Skip)."""
        return sum(1 for _, reply in self.entries if not isinstance(reply, Move))


def prompt_for(pack: DataPack, index: int, start: Reply, back: bool, label: str | None = None) -> Prompt:
    """A question's prompt with the cursor on `start` (see `highlighted`). A pick-all question
    skipped before starts on Skip, so Enter keeps it skipped rather than recording "none"."""
    question = pack.questions[index]
    entries = tuple(replies(pack, index, back))
    cursor = next((i for i, (_, reply) in enumerate(entries) if reply == start), 0)
    if question.kind == "multi":
        chosen = start if isinstance(start, tuple) else ()
        return Prompt(index, entries, True, cursor if start is Move.SKIP else 0, tuple(chosen), label)
    return Prompt(index, entries, False, cursor, label=label)


def press(prompt: Prompt, key: str) -> tuple[Prompt, Reply | None]:
    """The prompt after a key, and the reply when the key ends the question.

    The cursor stops at the first and the last entry: it never wraps round, so holding a key
    cannot carry it past Back and Skip back to the other end of the scale. A number picks that
    answer at once (ticks it, on a pick-all question); b is Back and s is Skip."""
    moves = {reply: reply for _, reply in prompt.entries if isinstance(reply, Move)}
    if key in ("up", "k"):
        return replace(prompt, cursor=max(0, prompt.cursor - 1)), None
    if key in ("down", "j"):
        return replace(prompt, cursor=min(len(prompt.entries) - 1, prompt.cursor + 1)), None
    if key == "b" and Move.BACK in moves:
        return prompt, Move.BACK
    if key == "s" and Move.SKIP in moves:
        return prompt, Move.SKIP
    if key.isdigit() and 1 <= int(key) <= prompt.options:
        position = int(key) - 1
        if prompt.multi:
            return _toggled(replace(prompt, cursor=position), position), None
        return replace(prompt, cursor=position), prompt.entries[position][1]
    if key == "space" and prompt.multi and prompt.cursor < prompt.options:
        return _toggled(prompt, prompt.cursor), None
    if key == "enter":
        chosen = prompt.entries[prompt.cursor][1]
        if prompt.multi and not isinstance(chosen, Move):
            return prompt, tuple(value for _, value in prompt.entries[:prompt.options] if value in prompt.ticked)
        return prompt, chosen
    return prompt, None


def _toggled(prompt: Prompt, position: int) -> Prompt:
    value = prompt.entries[position][1]
    assert isinstance(value, str)
    ticked = tuple(v for v in prompt.ticked if v != value) if value in prompt.ticked else (*prompt.ticked, value)
    return replace(prompt, ticked=ticked)


Line = tuple[str, str]
"""A piece of the screen: a prompt_toolkit style class and its text."""


def instruction(prompt: Prompt) -> str:
    numbers = f"1-{prompt.options}" if prompt.options > 1 else "1"
    back = ", b back" if any(reply is Move.BACK for _, reply in prompt.entries) else ""
    skip = ", s skip" if any(reply is Move.SKIP for _, reply in prompt.entries) else ""
    if prompt.multi:
        return f"Space or {numbers} ticks, Enter goes on (tick none if none apply){back}{skip}"
    return f"↑/↓ move, {numbers} picks, Enter confirms{back}{skip}"


def screen(pack: DataPack, prompt: Prompt, width: int) -> list[Line]:
    """The question as drawn, every line at most `width - 1` columns: the progress label on a
    line of its own, the question wrapped at spaces, then each entry, numbered, wrapped under
    its own text. Nothing is cut off at any width from 40 columns up."""
    usable = max(width - 1, 20)
    lines: list[Line] = [("class:qmark", line) for line in wrapped(prompt.label or progress(pack, prompt.index), usable)]
    lines += [("class:question", line) for line in wrapped(pack.questions[prompt.index].text, usable)]
    for position, (label, reply) in enumerate(prompt.entries):
        if position == prompt.options:
            lines.append(("class:separator", ""))
        pointed = position == prompt.cursor
        key = str(position + 1) if position < prompt.options else ("b" if reply is Move.BACK else "s")
        box = ""
        if prompt.multi and position < prompt.options:
            box = "[x] " if reply in prompt.ticked else "[ ] "
        head = f"{MARK if pointed else ' '} {key}  {box}"
        style = "class:highlighted" if pointed else "class:text"
        for number, line in enumerate(wrapped(label, usable - len(head))):
            lines.append((style, (head if number == 0 else " " * len(head)) + line))
    lines.append(("class:instruction", ""))
    lines += [("class:instruction", line) for line in wrapped(instruction(prompt), usable)]
    return lines


def echo(pack: DataPack, index: int, reply: Reply) -> str:
    """What stays on the screen once a question is done: what happened, never "← Back" as if
    it were an answer."""
    question = pack.questions[index]
    if reply is Move.BACK:
        return "went back to the previous question"
    if reply is Move.SKIP:
        return "skipped"
    if isinstance(reply, tuple):
        labels = [o.label for o in question.options if o.value in reply]
        return "; ".join(labels) if labels else "none of these"
    return next(label for label, value in replies(pack, index) if value == reply)


def answered(pack: DataPack, index: int, reply: Reply, width: int, label: str | None = None) -> list[Line]:
    """The answer history: the question, wrapped, and what happened."""
    usable = max(width - 1, 20)
    text = f"{label or progress(pack, index)} {pack.questions[index].text}"
    lines: list[Line] = [("class:done", line) for line in wrapped(text, usable)]
    lines += [("class:answer", line) for line in wrapped(f"→ {echo(pack, index, reply)}", usable)]
    return lines


STYLE = [
    ("qmark", "fg:ansicyan"),
    ("question", "bold"),
    ("answer", "fg:ansigreen bold"),
    ("done", ""),
    ("pointer", "fg:ansicyan bold"),
    ("highlighted", "fg:ansicyan bold"),
    ("instruction", "fg:ansibrightblack"),
    ("separator", "fg:ansibrightblack"),
]

KEY_NAMES = {"up": "up", "down": "down", "c-m": "enter", "c-j": "enter", "space": "space", "j": "j", "k": "k",
             "b": "b", "s": "s", **{str(n): str(n) for n in range(1, 10)}}
"""prompt_toolkit's key names and the names `press` knows them by."""


def _ask_first(pack: DataPack, prompt: Prompt) -> Reply:
    """`_ask`, with the first prompt of the session painted before prompt_toolkit loads."""
    painted = _paint(pack, prompt) if "prompt_toolkit" not in sys.modules else 0
    return _ask(pack, prompt, painted)


def _paint(pack: DataPack, prompt: Prompt) -> int:
    """Draw the first question as plain text at once, so it can be read while prompt_toolkit
    (about 80 ms of imports) loads; prompt_toolkit then draws the same screen in its place,
    and keys pressed meanwhile wait in the terminal for it. Returns the lines drawn: none
    when stdout is no terminal or the screen would not fit."""
    if not sys.stdout.isatty():
        return 0
    size = shutil.get_terminal_size()
    lines = [text for _, text in screen(pack, prompt, size.columns)]
    if len(lines) >= size.lines:
        return 0
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    return len(lines)


def _ask(pack: DataPack, prompt: Prompt, painted: int = 0) -> Reply:
    """One question as a small prompt_toolkit application: every key goes through `press`,
    every frame is drawn by `screen`, and the frame left behind is `answered`. `painted` lines
    drawn just above by `_paint` are cleared first, for prompt_toolkit to draw over them."""
    from prompt_toolkit.application import Application, get_app
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import Layout
    from prompt_toolkit.layout.containers import Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.styles import Style

    state: dict[str, object] = {"prompt": prompt, "reply": None}

    def tokens() -> FormattedText:
        width = get_app().output.get_size().columns
        reply = state["reply"]
        lines = (screen(pack, state["prompt"], width) if reply is None
                 else answered(pack, prompt.index, reply, width, prompt.label))
        out: list[tuple[str, str]] = []
        for number, (style, text) in enumerate(lines):
            out += [("", "\n")] if number else []
            out.append((style, text))
        return FormattedText(out)

    bindings = KeyBindings()

    def on(key: str) -> None:
        @bindings.add(key, eager=True)
        def _(event) -> None:  # type: ignore[no-untyped-def]
            after, reply = press(state["prompt"], KEY_NAMES[key])  # type: ignore[arg-type]
            state["prompt"] = after
            if reply is not None:
                state["reply"] = reply
                event.app.exit(result=reply)

    for key in KEY_NAMES:
        on(key)

    @bindings.add("c-c", eager=True)
    @bindings.add("c-q", eager=True)
    def _stop(event) -> None:  # type: ignore[no-untyped-def]
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @bindings.add("c-d", eager=True)
    def _closed(event) -> None:  # type: ignore[no-untyped-def]
        event.app.exit(exception=EOFError)

    @bindings.add("<any>")
    def _ignore(event) -> None:  # type: ignore[no-untyped-def]
        """Other keys type nothing."""

    window = Window(FormattedTextControl(tokens, show_cursor=False), wrap_lines=True)
    app: Application = Application(layout=Layout(window), key_bindings=bindings, style=Style(STYLE),
                                   full_screen=False, erase_when_done=False)
    if painted:
        sys.stdout.write(f"\x1b[{painted}A\x1b[J")
        sys.stdout.flush()
    return app.run()


NAME_QUESTION = "Your name, for the report (optional, Enter to leave it out):"


def name_message(columns: int) -> str:
    """The name question broken at spaces to fit `columns`, after the `? ` before it, so the
    terminal never wraps it inside a word."""
    return "\n".join(wrapped(NAME_QUESTION, columns - len("? ") - 1))


def _ask_name() -> str | None:
    import questionary

    name = questionary.text(name_message(shutil.get_terminal_size().columns), qmark="?",
                            style=questionary.Style(STYLE)).unsafe_ask()
    return printable(name) or None
