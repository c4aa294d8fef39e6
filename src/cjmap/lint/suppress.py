"""Inline suppressions: ``# cjmap: ignore[CODE,...]`` and ``# cjmap: ignore-file[CODE,...]``.

Directives are found by scanning the raw text line by line, not the YAML comments,
so they are seen even in a file that does not parse. A directive at the end of a
line covers findings that start on that line; a directive alone on its line covers
the next line that is neither blank nor a comment. ``ignore-file`` covers the whole
file wherever it is written.

Codes are required: a bare ``# cjmap: ignore`` suppresses nothing and is reported by
CJ900 (a blanket suppression would also hide the next, unrelated problem on the line).
Findings that stop a map from loading (CJ001, CJ003, CJ004) cannot be suppressed.

Some findings are only known after the file's own check: CJ304, an item of a library
that no map of the run uses, at the end of the run. Their directives are set aside with
:func:`defer` (a few entries and the comment lines, not the file's text) and applied,
with their CJ900, when those findings are made (cjmap.lint.library_lint).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from cjmap.findings import Finding

# Findings that mean the map was not checked at all: hiding them would leave a run
# that fails with nothing to show for it.
UNSUPPRESSIBLE = frozenset({"CJ001", "CJ003", "CJ004"})

# ``#`` starts a YAML comment only at the start of a line or after white space.
_DIRECTIVE = re.compile(
    r"(?:^|(?<=\s))#\s*cjmap\s*:\s*(?P<kind>ignore-file|ignore)\b"
    r"(?:\s*\[(?P<codes>[^\]]*)\])?",
    re.IGNORECASE,
)
_CODE = re.compile(r"^CJ[0-9]{3}$")
# One search over the whole text spares the line-by-line scan in maps without directives.
_ANY = re.compile(r"#\s*cjmap\s*:\s*ignore", re.IGNORECASE)


# Plain classes with slots (their fields change while parsing and applying) and a
# NamedTuple, not dataclasses: cheaper to create at import (docs/performance.md).
class Directive:
    """One code named by one suppression comment, and whether it silenced anything."""

    __slots__ = ("code", "column", "end_column", "line", "target", "used")

    def __init__(self, code: str, line: int, column: int, end_column: int,
                 target: int) -> None:
        self.code = code
        self.line = line  # where the comment is
        self.column = column
        self.end_column = end_column
        self.target = target  # the line it covers; 0 for ignore-file, -1 for none
        self.used = False


class Malformed(NamedTuple):
    """A suppression comment that cannot work, with the reason."""

    line: int
    column: int
    end_column: int
    message: str


class Suppressions:
    """Every directive of a file, and the comments that cannot work."""

    __slots__ = ("directives", "malformed")

    def __init__(self) -> None:
        self.directives: list[Directive] = []
        self.malformed: list[Malformed] = []

    def __bool__(self) -> bool:
        return bool(self.directives or self.malformed)


def _is_code_line(stripped: str) -> bool:
    return bool(stripped) and not stripped.startswith("#")


def parse(text: str) -> Suppressions:
    """Every suppression directive in ``text``."""
    result = Suppressions()
    if not _ANY.search(text):
        return result
    lines = text.splitlines()
    pending: list[Directive] = []  # own-line directives waiting for their line
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if pending and _is_code_line(stripped):
            for directive in pending:
                directive.target = number
            pending = []
        if "cjmap" not in line:
            continue
        for match in _DIRECTIVE.finditer(line):
            own_line = line[: match.start()].strip() == ""
            start, end = match.start() + 1, match.end() + 1
            kind = match.group("kind").lower()
            raw = match.group("codes")
            codes = [c.strip().upper() for c in (raw or "").split(",") if c.strip()]
            if not codes:
                result.malformed.append(Malformed(
                    number, start, end,
                    f"'# cjmap: {kind}' without codes suppresses nothing; "
                    f"name them: '# cjmap: {kind}[CJ201]'"))
                continue
            for code in codes:
                if not _CODE.match(code):
                    result.malformed.append(Malformed(
                        number, start, end,
                        f"{code!r} in a suppression is not a rule code (e.g. CJ201)"))
                    continue
                target = 0 if kind == "ignore-file" else number
                directive = Directive(code, number, start, end, target)
                result.directives.append(directive)
                if kind == "ignore" and own_line:
                    pending.append(directive)
    for directive in pending:  # an own-line directive at the end of the file covers nothing
        directive.target = -1
    return result


def apply(findings: Iterable[Finding], suppressions: Suppressions) -> list[Finding]:
    """The findings no directive covers; marks the directives that were used."""
    if not suppressions.directives:
        return list(findings)
    by_line: dict[tuple[int, str], list[Directive]] = {}
    whole_file: dict[str, list[Directive]] = {}
    for d in suppressions.directives:
        if d.target == 0:
            whole_file.setdefault(d.code, []).append(d)
        elif d.target > 0:
            by_line.setdefault((d.target, d.code), []).append(d)
    kept = []
    for finding in findings:
        if finding.code in UNSUPPRESSIBLE:
            kept.append(finding)
            continue
        covering = by_line.get((finding.line, finding.code), []) + whole_file.get(finding.code, [])
        if covering:
            for d in covering:
                d.used = True
        else:
            kept.append(finding)
    return kept


class Deferred(NamedTuple):
    """Directives kept for findings made after the file's check (see the module's doc).

    ``directives``: the deferred codes' directives and those of ``keep_too`` in
    :func:`defer` (the CJ900 ones, which may silence their reports), as values
    ``(code, line, column, end_column, target)``, so that a result compares and pickles
    by value; ``lines``: the source line of each deferred directive, for its CJ900's
    code frame.
    """

    directives: tuple[tuple[str, int, int, int, int], ...]
    lines: dict[int, str]

    def suppressions(self) -> Suppressions:
        """The directives as :func:`apply` takes them, none used yet."""
        result = Suppressions()
        for code, line, column, end_column, target in self.directives:
            result.directives.append(Directive(code, line, column, end_column, target))
        return result


def defer(suppressions: Suppressions, codes: frozenset[str], text: str,
          keep_too: frozenset[str] = frozenset()) -> tuple[Suppressions, Deferred | None]:
    """``suppressions`` without the directives of ``codes``, and those set aside for
    later (None when there are none)."""
    later = [d for d in suppressions.directives if d.code in codes]
    if not later:
        return suppressions, None
    now = Suppressions()
    now.directives = [d for d in suppressions.directives if d.code not in codes]
    now.malformed = suppressions.malformed
    kept = tuple((d.code, d.line, d.column, d.end_column, d.target)
                 for d in suppressions.directives if d.code in codes or d.code in keep_too)
    lines = text.splitlines()
    return now, Deferred(kept, {d.line: lines[d.line - 1] for d in later})
