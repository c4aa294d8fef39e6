"""Output formats for ``cjmap score``: one module per format, a name -> class registry.

Separate from the lint reporters (:mod:`cjmap.report`): these take a score result.
"""

from __future__ import annotations

from cjmap.scorereport.base import ScoreReporter
from cjmap.scorereport.csv import CsvReporter
from cjmap.scorereport.json import JsonReporter
from cjmap.scorereport.markdown import MarkdownReporter
from cjmap.scorereport.table import TableReporter

SCORE_REPORTERS: dict[str, type[ScoreReporter]] = {
    "table": TableReporter,
    "json": JsonReporter,
    "markdown": MarkdownReporter,
    "csv": CsvReporter,
}

__all__ = ["SCORE_REPORTERS", "ScoreReporter"]
