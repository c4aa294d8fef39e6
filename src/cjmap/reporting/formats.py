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

# The reports of score, score --by, history and metrics list share one layout: the
# module is named after the format, and the class after the format's kind of output.
_CLASS_OF_FORMAT = {"table": "TableReporter", "json": "JsonReporter",
                    "markdown": "MarkdownReporter", "csv": "CsvReporter"}


def _entries(package: str, formats: tuple[str, ...]) -> dict[str, str]:
    """``"module:Class"`` of each format under ``cjmap/reporting/<package>/``, in order."""
    return {name: f"cjmap.reporting.{package}.{name}:{_CLASS_OF_FORMAT[name]}"
            for name in formats}


SCORE_REPORTERS: Registry[ScoreReporter] = Registry(
    "score", _entries("score", ("table", "json", "markdown", "csv")))
"""``cjmap score --format``."""

ROLLUP_REPORTERS: Registry[RollupReporter] = Registry(
    "score --by", _entries("rollup", ("table", "json", "markdown", "csv")))
"""``cjmap score --by X --format``: the same names as ``SCORE_REPORTERS`` (tested)."""

HISTORY_REPORTERS: Registry[HistoryReporter] = Registry(
    "history", _entries("history", ("table", "json", "csv", "markdown")))
"""``cjmap history --format``."""

METRICS_REPORTERS: Registry[MetricsReporter] = Registry(
    "metrics list", _entries("metrics", ("table", "json", "csv", "markdown")))
"""``cjmap metrics list --format``."""
