"""Output formats of ``cjmap diff``: one module per format, one line each in
:data:`DIFF_REPORTERS`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap.reporting.registry import Registry

if TYPE_CHECKING:  # the classes are imported only when their format is chosen
    from cjmap.reporting.diff.base import DiffReporter

DIFF_REPORTERS: Registry[DiffReporter] = Registry("diff", {
    "text": "cjmap.reporting.diff.text:TextDiffReporter",
    "markdown": "cjmap.reporting.diff.markdown:MarkdownDiffReporter",
    "json": "cjmap.reporting.diff.json:JsonDiffReporter",
})

__all__ = ["DIFF_REPORTERS"]
