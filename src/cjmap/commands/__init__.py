"""Commands as plain typed functions, all of one shape.

``command(explicit arguments..., *, streams: Streams) -> ExitCode``: options come in as
ordinary arguments, output goes to ``streams`` (never to ``sys.stdout`` directly), and
problems are raised as the errors of :mod:`cjmap.errors`. The typer layer in
:mod:`cjmap.cli` only parses options and calls these (docs/architecture.md, "How to add
a command").
"""

from __future__ import annotations

from typing import NamedTuple, TextIO

from cjmap.terminal import printable


class Streams(NamedTuple):  # not a frozen dataclass: cheaper to create at import
    """Where a command writes: its report (``stdout``) and its messages (``stderr``)."""

    stdout: TextIO
    stderr: TextIO

    def line(self, message: str) -> None:
        """One line on stdout, its control characters escaped."""
        self.stdout.write(printable(message) + "\n")

    def note(self, message: str) -> None:
        """One line on stderr, its control characters escaped (see :mod:`cjmap.terminal`)."""
        self.stderr.write(printable(message) + "\n")
