"""Findings: the values every check produces and every reporter consumes."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"

    def is_met_by(self, severity: Severity) -> bool:
        if self is FailOn.NEVER:
            return False
        return severity.rank >= Severity(self.value).rank


# A NamedTuple, not a frozen dataclass: the same fields, equality and hash, at a tenth of
# the cost of creating the class at import (docs/performance.md, "One map: start-up").
# A changed copy is ``finding._replace(severity=...)``.
class Finding(NamedTuple):
    """One problem found in one file, positioned in the YAML source (1-based)."""

    code: str
    name: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    pointer: str

    @property
    def concise(self) -> str:
        """``path:line:col: CODE [severity] message``: the one-line form editors parse."""
        return (f"{self.file}:{self.line}:{self.column}: {self.code} [{self.severity}] "
                f"{self.message}")

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)
