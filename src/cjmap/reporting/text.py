"""Text helpers every format shares: counted words and numbers as people read them.

Scores are exact fractions; they are rounded only here, for people (half away from
zero, at most three decimals, trailing zeros dropped). Values read from YAML (diffs)
are shown as the map wrote them. JSON and CSV, which are for programs, carry full floats.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 file``, ``2 files``; ``words`` for an irregular plural (``entries``)."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def num(value: Fraction | int, places: int = 3) -> str:
    """``7/5`` -> ``1.4``, ``1/3`` -> ``0.333``, ``2`` -> ``2``; never ``-0``."""
    value = Fraction(value)
    scaled = math.floor(abs(value) * 10**places + Fraction(1, 2))
    if scaled == 0:
        return "0"
    whole, part = divmod(scaled, 10**places)
    text = str(whole)
    if part:
        text += "." + str(part).rjust(places, "0").rstrip("0")
    return ("-" if value < 0 else "") + text


def percent(value: Fraction) -> str:
    return num(value * 100, 1) + "%"


def number(v: Any) -> str:
    """A value from YAML: ``18`` for 18.0 (YAML said 18), ``0.71``, never ``1e+06``."""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return str(v) if v is not None else "(none)"


def signed(v: int | float | None) -> str:
    """``+2``, ``-1``; empty for no value."""
    if v is None:
        return ""
    return ("+" if v > 0 else "") + number(v)
