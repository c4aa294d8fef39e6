"""Output formats for ``cjmap history``: one module per format, a name -> class registry.

Modelled on :mod:`cjmap.scorereport`; these take the histories of maps.
"""

from __future__ import annotations

from cjmap.reporting.history.base import HistoryReporter
from cjmap.reporting.history.csv import CsvReporter
from cjmap.reporting.history.json import JsonReporter
from cjmap.reporting.history.markdown import MarkdownReporter
from cjmap.reporting.history.table import TableReporter

HISTORY_REPORTERS: dict[str, type[HistoryReporter]] = {
    "table": TableReporter,
    "json": JsonReporter,
    "csv": CsvReporter,
    "markdown": MarkdownReporter,
}

__all__ = ["HISTORY_REPORTERS", "HistoryReporter"]
