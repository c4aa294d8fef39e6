"""Column widths that make a table fit a terminal without breaking an id or a number.

A terminal's tables (``score``, ``history``) are laid out here rather than by rich's
own shrinking, which cuts any column, ids included ("slow-clinic" / "-letter"). Each
column is one of three kinds:

- ``WHOLE``: ids, numbers, dates, statuses: always as wide as their widest cell (a
  header wider than that may wrap between its words);
- ``TOKENS``: lists of ids or a place (``stage › touchpoint``): may wrap, but only
  between words, so at least as wide as their longest word;
- ``PROSE``: titles and names: shortened with an ellipsis when space runs out.

Off a terminal, or with ``--wide``, nothing is fitted: every cell is shown whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

# What rich puts between two columns of the tables cjmap draws (padding 1 each side,
# collapsed, no vertical lines).
GAP = 2
# A title shorter than this says too little to be worth its column; below it, the
# table is left wider than the terminal rather than cut further.
MIN_PROSE = 8


class Fit(Enum):
    WHOLE = "whole"
    TOKENS = "tokens"
    PROSE = "prose"


def _natural(header: str, cells: Sequence[str]) -> int:
    return max([len(header), *(len(c) for c in cells)])


def _longest_word(header: str, cells: Sequence[str]) -> int:
    return max([1, *(len(w) for text in (header, *cells) for w in text.split())])


def fitted_widths(headers: Sequence[str], rows: Sequence[Sequence[str]],
                  kinds: Sequence[Fit], width: int) -> list[int]:
    """The width of each column so that the table is at most ``width`` wide, when that
    can be done without cutting a ``WHOLE`` cell or a word of a ``TOKENS`` cell; when it
    cannot, the narrowest widths that cut nothing (a table wider than ``width``)."""
    columns = [[row[i] for row in rows] for i in range(len(headers))]
    # A list's header may wrap between its words like its cells.
    natural = [_natural(h, c) if kind is not Fit.TOKENS
               else max(_natural("", c), _longest_word(h, ()))
               for h, c, kind in zip(headers, columns, kinds, strict=True)]
    # Headers may wrap between their words when space is short ("Mean emotion" over two
    # lines); cells of a WHOLE column never do.
    least = [
        max([_longest_word(h, ()), *(len(cell) for cell in c)]) if kind is Fit.WHOLE
        else _longest_word(h, c) if kind is Fit.TOKENS
        else min(n, max(MIN_PROSE, len(h)))
        for n, kind, h, c in zip(natural, kinds, headers, columns, strict=True)
    ]
    room = width - GAP * (len(headers) - 1)
    if sum(natural) <= room:
        return natural
    widths = list(least)
    spare = room - sum(widths)
    # Headers first: a whole header reads better than a few more letters of a title.
    spare = _share_out(spare, [i for i, k in enumerate(kinds) if k is Fit.WHOLE], widths,
                       natural)
    # What is left goes to the titles first (a title cut short loses words; a list that
    # wraps only takes more lines), then to the lists, a share per column in turn.
    for kind in (Fit.PROSE, Fit.TOKENS):
        spare = _share_out(spare, [i for i, k in enumerate(kinds) if k is kind], widths,
                           natural)
    return widths


def _share_out(spare: int, columns: list[int], widths: list[int], natural: list[int]) -> int:
    """Widen ``columns`` towards their natural width with ``spare``; what is left."""
    while spare > 0:
        wanting = [i for i in columns if widths[i] < natural[i]]
        if not wanting:
            break
        share = max(1, spare // len(wanting))
        for i in wanting:
            grant = min(share, natural[i] - widths[i], spare)
            widths[i] += grant
            spare -= grant
    return spare


def table_width(widths: Sequence[int | None]) -> int:
    """How wide a table of columns this wide is on the terminal (0 when not fitted)."""
    if any(w is None for w in widths):
        return 0
    return sum(w for w in widths if w is not None) + GAP * (len(widths) - 1)
