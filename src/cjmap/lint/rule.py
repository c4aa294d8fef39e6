"""What a rule is: metadata, documentation (its module docstring) and a check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from cjmap.findings import Severity
from cjmap.index import MapIndex
from cjmap.libraries import Resolved
from cjmap.model import JourneyMap


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule reports: where (a JSON pointer) and what. The engine adds the rest."""

    pointer: str
    message: str
    at_key: bool = False


@dataclass(frozen=True, slots=True)
class Settings:
    """The per-run settings rules may read."""

    today: dt.date
    stale_after_days: int = 180


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule checks: the map (with its libraries' items merged in, when it uses
    any), its index, the settings, and ``libraries``: what resolving them found."""

    journey: JourneyMap
    index: MapIndex
    settings: Settings
    libraries: Resolved | None = None


Check = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule. ``check`` is None for rules the loader applies (CJ001-CJ004)."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Check | None = None


def rule_from_module(doc: str | None, code: str, name: str, severity: Severity,
                     check: Check | None = None) -> Rule:
    """Build a rule whose documentation is its module's docstring.

    The docstring's first line is the summary; the rest (with a passing and a
    failing example) is the user documentation rendered into docs/rules.md.
    """
    text = (doc or "").strip()
    summary, _, body = text.partition("\n")
    return Rule(code, name, severity, summary.strip(), body.strip(), check)


def touchpoints_lacking(ctx: Context,
                        field: Literal["emotion", "channel", "owner"]) -> Iterator[Problem]:
    """One problem per touchpoint whose ``field`` is unset: ``touchpoint 'x' has no <field>``."""
    for ref in ctx.index.touchpoints:
        if getattr(ref.touchpoint, field) is None:
            yield Problem(ref.pointer, f"touchpoint {ref.touchpoint.id!r} has no {field}")
