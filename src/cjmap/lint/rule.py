"""What a rule is: metadata, documentation (its module docstring) and a check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Literal, NamedTuple

from cjmap.findings import Severity
from cjmap.index import MapIndex
from cjmap.libraries import Resolved
from cjmap.model import CjmapModel, JourneyMap
from cjmap.source import SourceMap


# Records as NamedTuples and a plain class, not dataclasses: creating a frozen dataclass
# costs about 0.3 ms at import, and every lint imports this module (docs/performance.md,
# "One map: start-up").
class Problem(NamedTuple):
    """What a rule reports: where (a JSON pointer) and what. The engine adds the rest."""

    pointer: str
    message: str
    at_key: bool = False


class Settings(NamedTuple):
    """The per-run settings rules may read."""

    today: dt.date
    stale_after_days: int = 180


def _same(pointer: str) -> str:
    return pointer


class Context:
    """What a rule checks: the map (with its libraries' items merged in, when it uses
    any), its index, the settings, and ``libraries``: what resolving them found. For a
    map that failed the schema, ``journey`` is the part of it that could be read
    (cjmap.partial): ``unread`` holds the ids of items left out, and ``in_file`` turns
    a pointer into that part into the file's pointer."""

    __slots__ = ("in_file", "index", "journey", "libraries", "settings", "source", "unread")

    def __init__(self, journey: JourneyMap, index: MapIndex, settings: Settings,
                 libraries: Resolved | None = None, source: SourceMap | None = None,
                 unread: frozenset[str] = frozenset(),
                 in_file: Callable[[str], str] = _same) -> None:
        self.journey = journey
        self.index = index
        self.settings = settings
        self.libraries = libraries
        self.source = source
        self.unread = unread
        self.in_file = in_file

    def items(self) -> list[tuple[str, CjmapModel]]:
        """The map itself and every item it defines, each with its JSON pointer."""
        found: list[tuple[str, CjmapModel]] = [("", self.journey)]
        found += [(d.pointer, d.item) for d in self.index.definitions]
        return found

    def position(self, pointer: str) -> str:
        """Where ``pointer`` is in the file, for messages that mention another place."""
        origin = None if self.libraries is None else self.libraries.origin_at(pointer)
        if origin is not None:
            return f"{origin.library}{origin.pointer}"
        if self.source is None:
            return pointer
        span = self.source.locate(self.in_file(pointer))
        return f"line {span.line}, column {span.column}"


Check = Callable[[Context], Iterable[Problem]]


class Rule(NamedTuple):
    """A lint rule. ``check`` is None for rules the loader applies (CJ001-CJ004)."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Check | None = None
    # Whether the rule also runs on the readable part of a map that failed the schema:
    # true for checks that stay right when some items are missing (ids, references,
    # scales, dates), false for those a missing item would mislead (unused, empty).
    partial: bool = False


def rule_from_module(doc: str | None, code: str, name: str, severity: Severity,
                     check: Check | None = None, *, partial: bool = False) -> Rule:
    """Build a rule whose documentation is its module's docstring.

    The docstring's first line is the summary; the rest (with a passing and a
    failing example) is the user documentation rendered into docs/rules.md.
    """
    text = (doc or "").strip()
    summary, _, body = text.partition("\n")
    return Rule(code, name, severity, summary.strip(), body.strip(), check, partial)


def touchpoints_lacking(ctx: Context,
                        field: Literal["emotion", "channel", "owner"]) -> Iterator[Problem]:
    """One problem per touchpoint whose ``field`` is unset: ``touchpoint 'x' has no <field>``."""
    for ref in ctx.index.touchpoints:
        if getattr(ref.touchpoint, field) is None:
            yield Problem(ref.pointer, f"touchpoint {ref.touchpoint.id!r} has no {field}")


def touchpoint_field_check(field: Literal["emotion", "channel"]) -> Check:
    """The whole check of a rule that only asks every touchpoint for ``field``."""

    def check(ctx: Context) -> Iterator[Problem]:
        return touchpoints_lacking(ctx, field)

    return check


def library_problems_check(kind: tuple[str, str]) -> Check:
    """The whole check of a CJ3xx rule: the problems of ``kind`` (a (code, name) pair
    of cjmap.libraries) that resolving the map's libraries found, where it found them."""

    def check(ctx: Context) -> Iterator[Problem]:
        if ctx.libraries is not None:
            for problem in ctx.libraries.problems:
                if problem.rule == kind:
                    yield Problem(problem.pointer, problem.message)

    return check
