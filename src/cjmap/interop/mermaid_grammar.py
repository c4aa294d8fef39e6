"""Mermaid's own reading of a ``journey`` diagram, ported to Python (docs/interop.md).

Mermaid prepares the text (line ends, front matter, ``%%{init}%%`` directives, whole-line
``%%`` comments, ``#code;`` entities) and then runs the lexer and grammar of its
``journey.jison`` (a copy is kept in tests/data/mermaid/). This module does the same
steps in the same order, with the lexer's rules in the grammar's order (the first rule
that matches wins, as in jison), so that a diagram reads here as it does in Mermaid,
quirks included. Unlike Mermaid it keeps track of the source line of every statement,
for the messages.

The result is the list of calls the grammar makes on Mermaid's database
(``setDiagramTitle``, ``setAccTitle``, ``setAccDescription``, ``addSection``,
``addTask``) as :class:`Event` values, with the raw texts Mermaid passes (entities
still encoded): what they mean for a map is decided in :mod:`cjmap.interop.mermaid`.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cjmap import yamlio


class MermaidSyntaxError(Exception):
    """A diagram Mermaid itself rejects: the line and why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class Event:
    """One call of the grammar on Mermaid's journey database."""

    kind: str  # title | accTitle | accDescr | section | task
    text: str  # the title/description/section name, or the task name
    line: int
    data: str = ""  # a task's data: what follows the name, from the colon on


@dataclass(frozen=True, slots=True)
class Prepared:
    """The text the parser sees, and what the preparation took out of it."""

    code: str
    first_line: int  # the source line of the first line of ``code``
    front_title: str | None
    dropped: tuple[tuple[int, str], ...]  # (line, what): configuration Mermaid applies


# JavaScript's whitespace (its `\s`, `trim()` and `Number()`), which is not Python's: it
# has U+FEFF and lacks U+001C..U+001F and U+0085. Its `\w` is ASCII only.
JS_SPACE = " \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" \
           "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_S = "[" + re.escape(JS_SPACE) + "]"
_S_BUT_NEWLINE = "[" + re.escape(JS_SPACE.replace("\n", "")) + "]"
_W = "[A-Za-z0-9_]"


def js_trim(text: str) -> str:
    """JavaScript's ``text.trim()``."""
    return text.strip(JS_SPACE)


# -- preparation: what Mermaid does to the text before its parser sees it -------------------

_FRONT_MATTER = re.compile(rf"^-{{3}}{_S}*[\n\r](.*?)[\n\r]-{{3}}{_S}*[\n\r]+", re.S)
_DIRECTIVE = re.compile(rf"%%\{{{_S}*(?:({_W}+){_S}*:|({_W}+)){_S}*(?:({_W}+)|"
                        rf"((?:(?!\}}%%).|\r?\n)*))?{_S}*(?:\}}%%)?", re.I)
# Mermaid's `^\s*%%…` also takes the blank lines before a comment; their line ends are
# kept here anyway, and `[^\S\n]*` cannot take quadratic time on many blank lines.
_COMMENT_LINE = re.compile(rf"^{_S_BUT_NEWLINE}*%%(?!\{{)[^\n]+\n?", re.M)
_TAG_NAME = re.compile(rf"<({_W}+)")
_ENTITY = re.compile(r"#([A-Za-z0-9_]+);")
# The placeholders Mermaid puts in for ``#code;`` before parsing; they are turned into
# characters only when the diagram is drawn (into ``&#code;``, then by the browser).
_NUMERIC_MARK, _NAMED_MARK, _END_MARK = "\ufb02\u00b0\u00b0", "\ufb02\u00b0", "\u00b6\u00df"
_PLACEHOLDER = re.compile(f"({_NUMERIC_MARK}|{_NAMED_MARK})([A-Za-z0-9_+]+){_END_MARK}")


def _newlines_of(match: re.Match[str]) -> str:
    # Mermaid removes these; keeping their line ends keeps every line number right
    # (an extra empty line means nothing to the grammar after `journey`).
    return "\n" * match.group(0).count("\n")


def _encode_entity(match: re.Match[str]) -> str:
    inner = match.group(1)
    mark = _NUMERIC_MARK if re.fullmatch(r"\+?\d+", inner) else _NAMED_MARK
    return f"{mark}{inner}{_END_MARK}"


def prepare(text: str) -> Prepared:
    """Mermaid's preparation of a diagram's text, line numbers kept."""
    text = _single_quoted_attributes(re.sub(r"\r\n?", "\n", text))
    front_title: str | None = None
    dropped: list[tuple[int, str]] = []
    front = _FRONT_MATTER.match(text)
    if front:
        metadata = _front_matter(front.group(1))
        front_title = _front_title(metadata.get("title"), metadata.get(_RAW_TITLE))
        if "config" in metadata or "displayMode" in metadata:
            dropped.append((1, "the front matter's Mermaid configuration"))
        text = "\n" * front.group(0).count("\n") + text[front.end():]
    for match in _DIRECTIVE.finditer(text):
        dropped.append((text.count("\n", 0, match.start()) + 1,
                        f"the directive {match.group(0).splitlines()[0][:60]!r}"))
    text = _DIRECTIVE.sub(_newlines_of, text)
    text = _COMMENT_LINE.sub(_newlines_of, text)
    stripped = text.lstrip(JS_SPACE)
    first_line = 1 + text.count("\n", 0, len(text) - len(stripped))
    code = "\n".join(_style_line(line) for line in stripped.split("\n"))
    code = _ENTITY.sub(_encode_entity, code) + "\n"
    return Prepared(code, first_line, front_title, tuple(dropped))


def _single_quoted_attributes(text: str) -> str:
    """Mermaid's ``<(\\w+)([^>]*)>`` rewrite (``="x"`` -> ``='x'`` inside a tag), in linear
    time: a tag is the first ``<name`` of a stretch of text up to a ``>``."""
    pieces = text.split(">")
    for index, piece in enumerate(pieces[:-1]):
        tag = _TAG_NAME.search(piece)
        if tag:
            attributes = re.sub(r'="([^"]*)"', r"='\1'", piece[tag.end():])
            pieces[index] = piece[:tag.end()] + attributes
    return ">".join(pieces)


def _style_line(line: str) -> str:
    """Mermaid's ``/style.*:\\S*#.*;/`` and ``/classDef.*:\\S*#.*;/`` rewrites (drop the
    line's last ``;`` when a ``:`` is followed, without a space, by ``#`` and then a
    ``;``), in linear time rather than the regex's cubic worst case."""
    for keyword in ("style", "classDef"):
        start, end = line.find(keyword), line.rfind(";")
        if start < 0 or end < 0:
            continue
        colon = False  # a ':' seen, with no whitespace since
        for char in line[start + len(keyword): end]:
            if char == ":":
                colon = True
            elif char == "#" and colon:
                line = line[:end] + line[end + 1:]
                break
            elif char in JS_SPACE:
                colon = False
    return line


def _front_matter(text: str) -> dict[str, Any]:
    # Mermaid reads it with js-yaml, which ignores an empty or non-mapping front matter
    # and rejects invalid YAML (duplicate keys included).
    document = yamlio.compose(text)
    harmless = ("the file is empty", "the document is empty", "the top level is")
    last_line = text.count("\n") + 1
    for problem in document.problems:
        if not problem.message.startswith(harmless):
            line = 1 + min(problem.span.line, last_line)  # the file's line 1 is the '---'
            raise MermaidSyntaxError(line, f"the front matter is not valid YAML: "
                                           f"{problem.message}")
    if not isinstance(document.data, dict):
        return {}
    span = document.positions.value_span("/title")
    if span is not None and span.line == span.end_line:
        source = text.split("\n")[span.line - 1]
        return {**document.data, _RAW_TITLE: source[span.column - 1: span.end_column - 1]}
    return document.data


_RAW_TITLE = "\0raw title"  # the title's text as written (no YAML key can be this)
# js-yaml's schema is YAML 1.2's: only these plain texts are not strings (`yes`, `on`,
# `1:30` and dates, which PyYAML's YAML 1.1 reads as other things, are text there).
_YAML12_FALSY = re.compile(r"~|null|Null|NULL|false|False|FALSE|[-+]?(0|\.nan|\.NaN|\.NAN)|")
_YAML12_TRUE = re.compile(r"true|True|TRUE")
_YAML12_NUMBER = re.compile(r"[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*"
                            r"(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9]+([eE][-+]?[0-9]+)?"
                            r"|\.inf|\.Inf|\.INF)")


def _front_title(value: Any, raw: Any) -> str | None:
    """The front matter's title as Mermaid takes it: ``if (title) title.toString()``."""
    if isinstance(value, str) or not isinstance(raw, str):
        return value if isinstance(value, str) and value else None
    if _YAML12_FALSY.fullmatch(raw):
        return None
    if _YAML12_TRUE.fullmatch(raw):
        return "true"
    if _YAML12_NUMBER.fullmatch(raw) and isinstance(value, int | float):
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return raw


def decode_entities(text: str) -> str:
    """A text as a drawn diagram shows it: ``#58;`` is ``:``, ``#amp;`` is ``&``."""
    def replace(match: re.Match[str]) -> str:
        mark, inner = match.groups()
        if mark == _NUMERIC_MARK:
            code = int(inner)
            valid = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
            return chr(code) if valid else "\ufffd"
        return html.unescape(f"&{inner};")
    return _PLACEHOLDER.sub(replace, text)


# -- the lexer and grammar of journey.jison ------------------------------------------------

_I = re.I
# (rule, token or None to skip, state to enter); jison's `(?!\n|;|#)*[^\n]*` is `[^\n]*`.
_INITIAL: tuple[tuple[re.Pattern[str], str | None, str | None], ...] = (
    # jison reads the grammar's `\%%(?!\{)` as one escaped '%' and then '%(?!\{)': a '%'
    # starting a token starts a comment. It ends a literal rule with `\b` ("journey").
    (re.compile(r"%(?!\{)[^\n]*", _I), None, None),
    # JavaScript's `[^}]` is one UTF-16 unit: half of an emoji, never the whole of it.
    (re.compile(r"[^}\U00010000-\U0010FFFF]%%[^\n]*", _I), None, None),
    (re.compile(r"\n+"), "NEWLINE", None),
    (re.compile(f"{_S}+"), None, None),
    (re.compile(r"#[^\n]*"), None, None),
    (re.compile(f"journey(?!{_W})", _I), "journey", None),
    (re.compile(rf"title{_S}[^#\n;]+", _I), "title", None),
    (re.compile(f"accTitle{_S}*:{_S}*", _I), "acc_title", "acc_title"),
    (re.compile(f"accDescr{_S}*:{_S}*", _I), "acc_descr", "acc_descr"),
    (re.compile(rf"accDescr{_S}*\{{{_S}*", _I), None, "acc_descr_multiline"),
    (re.compile(rf"section{_S}[^#:\n;]+", _I), "section", None),
    (re.compile(r"[^#:\n;]+"), "taskName", None),
    (re.compile(r":[^#\n;]+"), "taskData", None),
    (re.compile(r":"), ":", None),
    (re.compile(r"."), "INVALID", None),
)
_TO_END_OF_LINE = re.compile(r"[^\n]*")
_BLOCK_END = re.compile(r"\}")
_BLOCK_TEXT = re.compile(r"[^}]*")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    line: int


def tokens(prepared: Prepared) -> Iterator[Token]:
    """The tokens jison's lexer makes of the prepared text, each with its source line."""
    code, pos, line, state = prepared.code, 0, prepared.first_line, "INITIAL"
    opened = line  # where the last `accTitle:`, `accDescr:` or `accDescr {` was
    while pos < len(code):
        kind: str | None
        if state in ("acc_title", "acc_descr"):
            match = _TO_END_OF_LINE.match(code, pos)
            assert match is not None  # matches the empty string at least
            kind, state = f"{state}_value", "INITIAL"
        elif state == "acc_descr_multiline":
            closing = _BLOCK_END.match(code, pos)
            if closing:
                pos, state = closing.end(), "INITIAL"
                continue
            match = _BLOCK_TEXT.match(code, pos)
            assert match is not None
            kind = "acc_descr_multiline_value"
        else:
            match, kind, entered = _first_match(code, pos)
            if entered:
                state, opened = entered, line
        if kind is not None:
            yield Token(kind, match.group(0), line)
        line += match.group(0).count("\n")
        pos = match.end()
    # Only the first state knows the end of the text (`<<EOF>>`): a diagram that ends
    # inside an `accDescr {` block, or right after `accTitle:`/`accDescr:` (whose spaces
    # take the line end), never gives the grammar the EOF it needs.
    if state == "INITIAL":
        yield Token("EOF", "", line)
    else:
        yield Token(f"END_IN_{state}", "", opened)


def _first_match(code: str, pos: int) -> tuple[re.Match[str], str | None, str | None]:
    for rule, kind, state in _INITIAL:
        match = rule.match(code, pos)
        if match:
            return match, kind, state
    raise AssertionError("the last rule matches any character")  # pragma: no cover


_STATEMENTS = "a task ('Name: score: actors'), 'section', 'title', 'accTitle' or 'accDescr'"


def parse(prepared: Prepared) -> list[Event]:
    """The grammar of journey.jison: ``journey`` then statements; what each one calls."""
    stream = tokens(prepared)
    first = next(stream)
    if first.kind != "journey":
        raise MermaidSyntaxError(first.line, "a journey diagram starts with 'journey'")
    events: list[Event] = []
    for token in stream:
        if token.kind in ("NEWLINE", "EOF"):
            continue
        if token.kind == "title":
            events.append(Event("title", token.text[6:], token.line))
        elif token.kind in ("acc_title", "acc_descr"):
            value = next(stream)
            if not value.kind.endswith("_value"):
                raise MermaidSyntaxError(value.line, _shown(value))
            kind = "accTitle" if token.kind == "acc_title" else "accDescr"
            events.append(Event(kind, js_trim(value.text), token.line))
        elif token.kind == "acc_descr_multiline_value":
            events.append(Event("accDescr", js_trim(token.text), token.line))
        elif token.kind == "section":
            events.append(Event("section", token.text[8:], token.line))
        elif token.kind == "taskName":
            data = next(stream)
            if data.kind != "taskData":
                raise MermaidSyntaxError(token.line, _after_name(token, data))
            events.append(Event("task", token.text, token.line, data.text))
        elif token.kind.startswith("END_IN_"):
            raise MermaidSyntaxError(token.line, _shown(token))
        else:
            raise MermaidSyntaxError(token.line, f"unexpected {_shown(token)}; expected "
                                                 + _STATEMENTS)
    return events


def _after_name(name: Token, data: Token) -> str:
    return (f"the task {decode_entities(js_trim(name.text))!r} needs a colon and a score "
            f"after its name ('Name: 5: actors'), not {_shown(data)}")


def _shown(token: Token) -> str:
    if token.kind in ("NEWLINE", "EOF"):
        return "the end of the line" if token.kind == "NEWLINE" else "the end of the diagram"
    if token.kind == "END_IN_acc_descr_multiline":
        return "the 'accDescr {' block that starts here is never closed with '}'"
    if token.kind.startswith("END_IN_"):
        return "the diagram ends right after this 'accTitle:' or 'accDescr:'"
    if token.kind == "journey":
        return f"{token.text!r} (a second 'journey' keyword, or a name that starts with it)"
    return repr(decode_entities(js_trim(token.text)) or token.text)


def read_events(text: str) -> tuple[Prepared, list[Event]]:
    """Prepare and parse a diagram; :class:`MermaidSyntaxError` when Mermaid rejects it."""
    prepared = prepare(text)
    if not re.match(f"{_S}*journey", prepared.code):
        # Mermaid's detector (case-sensitive, unlike the lexer) finds no journey diagram.
        raise MermaidSyntaxError(prepared.first_line,
                                 "not a Mermaid journey diagram (it must start with "
                                 "'journey', after any front matter and %% comments)")
    return prepared, parse(prepared)


_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_RADIX = {"0x": 16, "0o": 8, "0b": 2}


def js_number(text: str) -> float:
    """JavaScript's ``Number(text)`` for a string: what Mermaid makes of a score."""
    text = js_trim(text)
    if not text:
        return 0.0
    if re.fullmatch(r"[+-]?Infinity", text):
        return float("-inf") if text.startswith("-") else float("inf")
    base = _RADIX.get(text[:2].lower())
    if base is not None:
        digits = text[2:]
        valid = {16: "0-9a-fA-F", 8: "0-7", 2: "01"}[base]
        return float(int(digits, base)) if re.fullmatch(f"[{valid}]+", digits) else float("nan")
    if _DECIMAL.fullmatch(text):
        return float(text)
    return float("nan")
