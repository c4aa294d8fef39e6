"""``path:line:col: CODE [severity] message``, one line per finding (editors parse it)."""

from __future__ import annotations

from cjmap.lint.engine import LintResult
from cjmap.reporting.lint.base import LintReporter
from cjmap.terminal import printable


class ConciseReporter(LintReporter):
    for_people = True

    def report(self, result: LintResult) -> None:
        write = self.stream.write
        for f in result.findings:
            write(printable(f.concise) + "\n")
