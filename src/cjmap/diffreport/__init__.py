"""Output formats for diffs: one module per format and a name -> class registry.

These are separate from :data:`cjmap.report.REPORTERS`, which format lint results.
"""

from __future__ import annotations

from cjmap.diffreport.base import DiffReport, DiffReporter
from cjmap.diffreport.json import JsonDiffReporter
from cjmap.diffreport.markdown import MarkdownDiffReporter
from cjmap.diffreport.text import TextDiffReporter

DIFF_REPORTERS: dict[str, type[DiffReporter]] = {
    "text": TextDiffReporter,
    "markdown": MarkdownDiffReporter,
    "json": JsonDiffReporter,
}

__all__ = ["DIFF_REPORTERS", "DiffReport", "DiffReporter"]
