"""The table of report formats of each command: name -> ``"module:Class"``.

A new format is one module under ``cjmap/reporting/<command>/`` and one line here. A
class is imported only when its format is chosen (a clean lint of one file imports one
reporter), and each table drives its command's ``--format`` help, validation and shell
completion (docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap.reporting.registry import Registry

if TYPE_CHECKING:
    from cjmap.reporting.diff.base import DiffReporter
    from cjmap.reporting.history.base import HistoryReporter
    from cjmap.reporting.lint.base import LintReporter
    from cjmap.reporting.metrics.base import MetricsReporter
    from cjmap.reporting.rollup.base import RollupReporter
    from cjmap.reporting.score.base import ScoreReporter

REPORTERS: Registry[LintReporter] = Registry("lint", {
    "text": "cjmap.reporting.lint.text:TextReporter",
    "concise": "cjmap.reporting.lint.concise:ConciseReporter",
    "json": "cjmap.reporting.lint.json:JsonReporter",
    "sarif": "cjmap.reporting.lint.sarif:SarifReporter",
    "github": "cjmap.reporting.lint.github:GithubReporter",
    "junit": "cjmap.reporting.lint.junit:JunitReporter",
})
"""``cjmap lint --format``."""

DIFF_REPORTERS: Registry[DiffReporter] = Registry("diff", {
    "text": "cjmap.reporting.diff.text:TextDiffReporter",
    "markdown": "cjmap.reporting.diff.markdown:MarkdownDiffReporter",
    "json": "cjmap.reporting.diff.json:JsonDiffReporter",
})
"""``cjmap diff --format``."""

SCORE_REPORTERS: Registry[ScoreReporter] = Registry("score", {
    "table": "cjmap.reporting.score.table:TableReporter",
    "json": "cjmap.reporting.score.json:JsonReporter",
    "markdown": "cjmap.reporting.score.markdown:MarkdownReporter",
    "csv": "cjmap.reporting.score.csv:CsvReporter",
})
"""``cjmap score --format``."""

ROLLUP_REPORTERS: Registry[RollupReporter] = Registry("score --by", {
    "table": "cjmap.reporting.rollup.table:TableReporter",
    "json": "cjmap.reporting.rollup.json:JsonReporter",
    "markdown": "cjmap.reporting.rollup.markdown:MarkdownReporter",
    "csv": "cjmap.reporting.rollup.csv:CsvReporter",
})
"""``cjmap score --by X --format``: the same names as ``SCORE_REPORTERS`` (tested)."""

HISTORY_REPORTERS: Registry[HistoryReporter] = Registry("history", {
    "table": "cjmap.reporting.history.table:TableReporter",
    "json": "cjmap.reporting.history.json:JsonReporter",
    "csv": "cjmap.reporting.history.csv:CsvReporter",
    "markdown": "cjmap.reporting.history.markdown:MarkdownReporter",
})
"""``cjmap history --format``."""

METRICS_REPORTERS: Registry[MetricsReporter] = Registry("metrics list", {
    "table": "cjmap.reporting.metrics.table:TableReporter",
    "json": "cjmap.reporting.metrics.json:JsonReporter",
    "csv": "cjmap.reporting.metrics.csv:CsvReporter",
    "markdown": "cjmap.reporting.metrics.markdown:MarkdownReporter",
})
"""``cjmap metrics list --format``."""
