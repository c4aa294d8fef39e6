"""What the lint formats share: their interface and the summary line."""

from __future__ import annotations

from cjmap.findings import Severity
from cjmap.lint.engine import LintResult
from cjmap.reporting.base import Reporter
from cjmap.reporting.text import plural

LintReporter = Reporter[LintResult]


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
