"""Output formats for ``cjmap metrics list``: one module per format, a name -> class registry."""

from __future__ import annotations

from cjmap.reporting.metrics.base import MetricRow, MetricsReporter
from cjmap.reporting.metrics.csv import CsvReporter
from cjmap.reporting.metrics.json import JsonReporter
from cjmap.reporting.metrics.markdown import MarkdownReporter
from cjmap.reporting.metrics.table import TableReporter

METRICS_REPORTERS: dict[str, type[MetricsReporter]] = {
    "table": TableReporter,
    "json": JsonReporter,
    "csv": CsvReporter,
    "markdown": MarkdownReporter,
}

__all__ = ["METRICS_REPORTERS", "MetricRow", "MetricsReporter"]
