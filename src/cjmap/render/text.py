"""Text measurement and wrapping, without a font library.

cjmap lays the picture out itself, so it must know how wide a line of text is before
Graphviz draws it. The widths below are the advance widths of DejaVu Sans (the
``sans-serif`` of most Linux systems and the widest of the common sans-serif fonts),
as fractions of the font size; Arial and Helvetica are narrower, so text measured
here fits on every machine. Bold text is measured about 16% wider (DejaVu Sans Bold).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cjmap.bidi import contained

_WIDTHS: dict[str, float] = {
    " ": 0.318, "!": 0.400, '"': 0.460, "#": 0.838, "$": 0.636, "%": 0.950, "&": 0.780,
    "'": 0.275, "(": 0.390, ")": 0.390, "*": 0.500, "+": 0.838, ",": 0.318, "-": 0.361,
    ".": 0.318, "/": 0.337, ":": 0.337, ";": 0.337, "<": 0.838, "=": 0.838, ">": 0.838,
    "?": 0.531, "@": 1.000, "[": 0.390, "\\": 0.337, "]": 0.390, "^": 0.838, "_": 0.500,
    "`": 0.500, "{": 0.636, "|": 0.337, "}": 0.636, "~": 0.838,
    "a": 0.613, "b": 0.635, "c": 0.550, "d": 0.635, "e": 0.615, "f": 0.352, "g": 0.635,
    "h": 0.634, "i": 0.278, "j": 0.278, "k": 0.579, "l": 0.278, "m": 0.974, "n": 0.634,
    "o": 0.612, "p": 0.635, "q": 0.635, "r": 0.411, "s": 0.521, "t": 0.392, "u": 0.634,
    "v": 0.592, "w": 0.818, "x": 0.592, "y": 0.592, "z": 0.525,
    "A": 0.684, "B": 0.686, "C": 0.698, "D": 0.770, "E": 0.632, "F": 0.575, "G": 0.775,
    "H": 0.752, "I": 0.295, "J": 0.295, "K": 0.656, "L": 0.557, "M": 0.863, "N": 0.748,
    "O": 0.787, "P": 0.603, "Q": 0.787, "R": 0.695, "S": 0.635, "T": 0.611, "U": 0.732,
    "V": 0.684, "W": 0.989, "X": 0.685, "Y": 0.611, "Z": 0.685,
    "\u2022": 0.590, "\u00b7": 0.318, "\u2013": 0.500, "\u2014": 1.000, "\u2192": 0.838,
    "\u201c": 0.518, "\u201d": 0.518, "\u2018": 0.318, "\u2019": 0.318, "\u2026": 1.000,
    "\u25cf": 0.770, "\u25cb": 0.770, "\u2212": 0.838,
}
_DIGIT = 0.636
_OTHER = 0.700
_WIDE = 1.000
BOLD_FACTOR = 1.16


@lru_cache(maxsize=4096)
def char_width(ch: str) -> float:
    """Advance width of one character, as a fraction of the font size."""
    width = _WIDTHS.get(ch)
    if width is not None:
        return width
    if ch.isdigit():
        return _DIGIT
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _WIDE
    if unicodedata.combining(ch):
        return 0.0
    return _OTHER


@lru_cache(maxsize=65536)
def _em_width(text: str) -> float:
    return sum(_WIDTHS.get(ch) or char_width(ch) for ch in text)


# Renderers round glyph advances to whole pixels at small sizes (hinting), which makes
# 9-11 pt text up to a few percent wider than its outline widths: keep that in hand.
HINTING_SLACK = 1.05


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in ``size``-point sans-serif (with a little slack)."""
    width = _em_width(text) * size * HINTING_SLACK
    return width * BOLD_FACTOR if bold else width


# Characters XML 1.0 cannot carry (C0/C1 controls, surrogates, U+FFFE/U+FFFF).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


# More text than any cell or tooltip shows (``sketch.MAX_LINES`` lines, a 1,200-character
# tooltip): text is cut here before it is cleaned, measured or wrapped.
EXCERPT_CHARS = 10_000


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text``, or its first ``limit`` characters and an ellipsis."""
    return text if len(text) <= limit else text[:limit] + "\u2026"


def clean(text: str) -> str:
    """One line of plain text: whitespace runs become one space, control characters go,
    bidirectional controls are kept but closed within the text (``bidi.contained``).

    XML 1.0 cannot carry most control characters, so they never reach the SVG. Every
    value passes here before it is put next to another, so an override in one name
    cannot reorder the text after it (docs/limits.md, "Hostile text").
    """
    return contained(" ".join(_UNSAFE.sub("", text).split()))


def _break_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """Split a word wider than the line into pieces that fit (long URLs, ids)."""
    pieces: list[str] = []
    start, em = 0, 0.0  # the piece being filled starts at word[start]; em: its width
    scale = size * HINTING_SLACK * (BOLD_FACTOR if bold else 1.0)
    for k, ch in enumerate(word):
        advance = _WIDTHS.get(ch) or char_width(ch)
        if k > start and (em + advance) * scale > width:
            pieces.append(word[start:k])
            start, em = k, 0.0
        em += advance
    if start < len(word):
        pieces.append(word[start:])
    return pieces


def wrap(text: str, width: float, size: float, bold: bool = False,
         max_lines: int | None = None) -> list[str]:
    """Greedy word wrap of ``text`` into lines at most ``width`` points wide.

    Newlines in the text start new paragraphs. With ``max_lines`` the last kept
    line ends in an ellipsis when text was cut.
    """
    return list(_wrap(text, width, size, bold, max_lines))


# No character is narrower than this (em), combining marks aside: a line of ``width``
# points never holds more than width / (MIN_ADVANCE x size) characters.
MIN_ADVANCE = 0.25


def _bound(text: str, width: float, size: float, max_lines: int) -> tuple[str, bool]:
    """``text`` cut to what ``max_lines`` lines can possibly show (and whether it was).

    Wrapping a 2 MB thought to show 30 lines of it must not measure all 2 MB.
    """
    limit = int(max_lines * (width / (MIN_ADVANCE * size) + 1)) + 1
    return (text[:limit], True) if len(text) > limit else (text, False)


@lru_cache(maxsize=16384)
def _wrap(text: str, width: float, size: float, bold: bool,
          max_lines: int | None) -> tuple[str, ...]:
    lines: list[str] = []
    space = text_width(" ", size, bold)
    cut = False
    if max_lines is not None:
        text, cut = _bound(text, width, size, max_lines)
    for paragraph in text.splitlines() or [""]:
        current, used = "", 0.0
        for word in clean(paragraph).split(" "):
            if not word:
                continue
            need = text_width(word, size, bold)
            if current and used + space + need <= width:
                current, used = f"{current} {word}", used + space + need
                continue
            if current:
                lines.append(current)
            if need <= width:
                current, used = word, need
            else:
                *full, current = _break_word(word, width, size, bold)
                lines.extend(full)
                used = text_width(current, size, bold)
        if current:
            lines.append(current)
    if max_lines is not None and (len(lines) > max_lines or (cut and lines)):
        kept = lines[:max_lines]
        last = kept[-1]
        while last and text_width(last + "\u2026", size, bold) > width:
            last = last[:-1]
        kept[-1] = last.rstrip() + "\u2026"
        return tuple(kept)
    return tuple(lines)
