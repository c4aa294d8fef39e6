"""Markdown escaping: the one function every Markdown output puts user text through.

Text from a map or a file name must stay literal on GitHub: it cannot inject HTML,
break a table, start a code span, format, link, or notify anyone (``@team`` and
``#123`` get a zero-width space after the sign, so no mention and no issue link), and
a bidirectional control shows as its escape (``\\u202e``), so it cannot reorder the
comment around it (docs/limits.md, "Hostile text").
Used by ``diff --format markdown``, ``score --format markdown`` and the job summary
of ``lint --format github``.
"""

from __future__ import annotations

import re
from typing import Literal

from cjmap.bidi import CONTROLS, visible

ZWSP = "\u200b"
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Brackets are escaped, so "(...)" and "!" can never become a link or an image.
_PUNCT = re.compile(r"([\\`*_\[\]~|])")
_ANGLE = re.compile(r"([<>])")
_SIGIL = re.compile(r"([@#])(?=\w)")
_LEADING = frozenset("+-#>=")


def escape(text: str, *, limit: int | None = None, line_start: bool = True,
           angles: Literal["entity", "backslash"] = "entity") -> str:
    """Inline Markdown for any text: literal on GitHub, one line, safe in a table cell.

    ``limit`` cuts long text with an ellipsis. ``line_start``: the text may begin a
    line, where ``+ x`` would open a list and ``# x`` a heading, so such a first
    character is escaped (a table cell does not need it). ``angles``: ``<`` as ``&lt;``
    or as ``\\<``; both show a literal ``<`` (each report keeps the spelling its
    published files have always had).
    """
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    text = " ".join(text.split())  # one line: a newline would end a table row
    text = text.replace("&", "&amp;")
    if angles == "entity":
        text = text.replace("<", "&lt;").replace(">", "&gt;")
        text = _PUNCT.sub(r"\\\1", text)
    else:
        text = _ANGLE.sub(r"\\\1", _PUNCT.sub(r"\\\1", text))
    text = _SIGIL.sub(lambda m: m.group(1) + ZWSP, text)
    text = visible(text)  # after the backslashes: "\u" is no escape, it shows as written
    if line_start and text[:1] in _LEADING:
        text = "\\" + text
    return text


def code(text: str, *, in_table: bool = False) -> str:
    """A code span for a path or label; anything that could end it (or a bidirectional
    control, which a code span would keep) makes it escaped text.

    In a table a ``|`` must be escaped even inside a code span (GitHub splits cells
    first); elsewhere a backslash there would show, so the span is used as it is.
    """
    if (not text or "`" in text or "\n" in text or "\r" in text
            or any(char in CONTROLS for char in text)):
        return escape(text or "(the whole map)")
    return "`" + (text.replace("|", "\\|") if in_table else text) + "`"
