"""Output formats of ``cjmap score``: one module per format, one line each in
:data:`SCORE_REPORTERS`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap.reporting.registry import Registry

if TYPE_CHECKING:  # the classes are imported only when their format is chosen
    from cjmap.reporting.score.base import ScoreReporter

SCORE_REPORTERS: Registry[ScoreReporter] = Registry("score", {
    "table": "cjmap.reporting.score.table:TableReporter",
    "json": "cjmap.reporting.score.json:JsonReporter",
    "markdown": "cjmap.reporting.score.markdown:MarkdownReporter",
    "csv": "cjmap.reporting.score.csv:CsvReporter",
})

__all__ = ["SCORE_REPORTERS"]
