"""The contract every import/export format keeps (docs/interop.md).

A format is a module under :mod:`cjmap.interop` with::

    NAME: str                                    # "mermaid", "xlsx", "csv"
    def read(path: Path) -> Imported: ...        # a file, or a directory for csv
    def write(journey: JourneyMap, *, persona: str | None = None) -> Exported: ...

Both are pure apart from reading ``path``: they never print, exit or write files.
The ``cjmap import``/``cjmap export`` commands turn the results into files
(atomically, never over an input) and the notices into warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Notice:
    """What could not be carried over (a warning), or what makes the input unusable
    (``error``), with where it is in the source: ``line 12``, ``sheet touchpoints,
    row 4, column C`` or ``touchpoints.csv, row 4, column name``."""

    message: str
    where: str = ""
    error: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True, slots=True)
class Imported:
    """A map read from another format, as plain YAML data (keys in the order
    docs/format.md lists them), ready to be written as a ``.cjmap.yaml`` file."""

    data: dict[str, Any]
    notices: tuple[Notice, ...] = ()
    origin: str = ""
    """One line for the header comment of the written map, e.g.
    ``imported from journey.mmd (Mermaid journey)``."""

    @property
    def ok(self) -> bool:
        return not any(notice.error for notice in self.notices)


@dataclass(frozen=True, slots=True)
class Exported:
    """What a map becomes in another format: relative file name -> content.

    A single-file format uses the key ``""`` for the file given with ``-o``; a
    directory format (csv) names each file inside the ``-o`` directory."""

    files: dict[str, bytes]
    notices: tuple[Notice, ...] = ()
