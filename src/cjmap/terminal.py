"""What cjmap does differently on a terminal: colour, progress bars, safe messages.

One rule each, for every command: colour on a terminal unless ``NO_COLOR`` (or always
with ``FORCE_COLOR``); a progress bar only on a terminal's stderr and never in CI
(``CI`` set to anything but empty, ``0``, ``false`` or ``no``); and text from maps or
file names printed with its control characters escaped, so a file named
``\\x1b[2J.cjmap.yaml`` cannot clear the screen, and with its bidirectional controls
escaped (``\\u202e``), so a name cannot reorder what a reviewer reads after it
(docs/limits.md, "Hostile text").
"""

from __future__ import annotations

import io
import os
import re
import shutil
from typing import IO, TYPE_CHECKING, Any, TextIO

from cjmap.bidi import CONTROLS

if TYPE_CHECKING:
    from rich.console import Console

_FALSE = ("", "0", "false", "no")
# C0 and C1 control characters, DEL, the Unicode line and paragraph separators, and the
# bidirectional controls (cjmap.bidi).
# None of CONTROLS is special inside a character class, so they stand in it as they are.
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{CONTROLS}]")


def wants_color(stream: IO[str] | IO[bytes]) -> bool:
    """Colour on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal(stream)


def is_terminal(stream: IO[str] | IO[bytes] | None) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def layout_width(stream: IO[str] | IO[bytes]) -> int | None:
    """The width to lay tables out for: a terminal's (``COLUMNS`` when set), or None off
    one (a file or a pipe gets whole lines). ``FORCE_COLOR`` lays out as on a terminal."""
    if not (is_terminal(stream) or os.environ.get("FORCE_COLOR")):
        return None
    return shutil.get_terminal_size(fallback=(100, 24)).columns


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, the last one an ellipsis when cut."""
    return text if len(text) <= width else text[:max(0, width - 1)] + "…"


def in_ci() -> bool:
    """Whether the ``CI`` environment variable says this runs in CI."""
    return os.environ.get("CI", "").strip().lower() not in _FALSE


def wants_progress(stream: TextIO | None, wanted: bool | None) -> bool:
    """``--progress`` / ``--no-progress`` decide; by default only on a terminal, not in CI."""
    if stream is None or wanted is False:
        return False
    return wanted is True or (not in_ci() and is_terminal(stream))


def printable(text: str) -> str:
    r"""``text`` with control characters written as escapes (``\x1b``, ``\n``, ``\u202e``)."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def console(stream: TextIO, color: bool, **options: Any) -> Console:
    """A rich console for a report: styled on a terminal; off one, plain and never
    wrapped (a file or a pipe gets whole lines)."""
    from rich.console import Console

    return Console(file=stream, force_terminal=color, no_color=not color, highlight=False,
                   width=None if color else 10_000, **options)


class ClosedStream(io.TextIOBase):
    """Stands in for a standard stream that was closed before cjmap started
    (``cjmap lint -f json map >&-``): writing to it is the environment's problem
    (exit 2, one line), not a crash."""

    def __init__(self, which: str) -> None:
        super().__init__()
        self.which = which

    def write(self, text: str) -> int:
        from cjmap.errors import EnvironmentProblem

        raise EnvironmentProblem(f"standard {self.which} is closed: nothing can be written "
                                 "to it (give -o FILE, or leave it open)")

    def isatty(self) -> bool:
        return False
