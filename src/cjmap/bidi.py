"""Unicode bidirectional controls in map text: shown, or kept inside their own text.

A right-to-left override (U+202E) in a touchpoint's name reorders the text that follows
it, up to the end of the paragraph, in every place that shows it: the "Trojan Source"
problem (CVE-2021-42574). Each output deals with these characters in one place
(docs/limits.md, "Hostile text"):

- text for a terminal or Markdown shows them as escapes (``\\u202e``): :func:`visible`;
- HTML and SVG keep them, so that right-to-left text written on purpose stays right,
  but each text value ends with what it opened closed and loses closers that would
  end something outside it: :func:`contained`.

Standard library only: the core and every output may use it.
"""

from __future__ import annotations

# The embeddings and overrides (LRE, RLE, LRO, RLO), their closer (PDF), the isolates
# (LRI, RLI, FSI), their closer (PDI), and the marks (LRM, RLM, ALM).
EMBEDDINGS = "\u202a\u202b\u202d\u202e"
PDF = "\u202c"
ISOLATES = "\u2066\u2067\u2068"
PDI = "\u2069"
MARKS = "\u200e\u200f\u061c"
CONTROLS = EMBEDDINGS + PDF + ISOLATES + PDI + MARKS
# Plain tables, no regular expression: this module is imported by every command
# (cjmap.terminal), and compiling one costs more than these lookups ever do.
_ESCAPES = {ord(char): f"\\u{ord(char):04x}" for char in CONTROLS}
_EXPLICIT = frozenset(EMBEDDINGS + PDF + ISOLATES + PDI)


def visible(text: str) -> str:
    r"""``text`` with each bidirectional control written as its escape (``\u202e``)."""
    return text.translate(_ESCAPES)


def contained(text: str) -> str:
    """``text`` whose explicit controls cannot reach past it.

    Matched as the Unicode Bidirectional Algorithm matches them (UAX #9, rules X1-X8):
    a PDF closes the innermost embedding or override unless an isolate was opened after
    it; a PDI closes the innermost open isolate and every embedding opened inside it.
    A closer that matches nothing in ``text`` could only end something around it, so it
    is dropped; what is still open at the end is closed (PDF, PDI). Text without an
    explicit control is returned as it is.
    """
    if text.isascii() or _EXPLICIT.isdisjoint(text):
        return text
    kept: list[str] = []
    open_: list[str] = []  # the closer each opened control needs, innermost last
    for char in text:
        if char in EMBEDDINGS:
            open_.append(PDF)
        elif char in ISOLATES:
            open_.append(PDI)
        elif char == PDF:
            if not open_ or open_[-1] != PDF:
                continue  # nothing of this text to close
            open_.pop()
        elif char == PDI:
            if PDI not in open_:
                continue
            del open_[len(open_) - 1 - open_[::-1].index(PDI):]
        kept.append(char)
    return "".join(kept) + "".join(reversed(open_))
