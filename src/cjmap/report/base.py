"""The reporter interface: take a result, write it to a stream."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TextIO

from cjmap.findings import Severity
from cjmap.lint.engine import LintResult


class Reporter(ABC):
    """Writes a lint result to ``stream``. ``color`` is true only on a terminal."""

    def __init__(self, stream: TextIO, *, color: bool = False) -> None:
        self.stream = stream
        self.color = color

    @abstractmethod
    def report(self, result: LintResult) -> None: ...


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(result: LintResult) -> str:
    """"3 files checked: 2 errors, 1 warning, 0 info." or "... no problems.\""""
    counts = result.counts()
    checked = plural(len(result.files), "file") + " checked"
    if not counts:
        return f"{checked}: no problems."
    parts = [plural(counts[Severity.ERROR], "error"), plural(counts[Severity.WARNING], "warning"),
             f"{counts[Severity.INFO]} info"]
    with_problems = sum(1 for f in result.files if f.findings)
    return f"{checked}: {', '.join(parts)} in {plural(with_problems, 'file')}."
