"""Machine output: the stable JSON shape documented in docs/diff.md (``version`` 1)."""

from __future__ import annotations

import json

from cjmap.diff.jsonshape import document_json
from cjmap.reporting.diff.base import DiffReport, DiffReporter


class JsonDiffReporter(DiffReporter):
    """One diff is one object; ``--git`` wraps the diffs of every changed map in
    ``{"version": 1, "base": REV, "identical": ..., "diffs": [...]}``."""

    def report(self, report: DiffReport) -> None:
        document = document_json(report.results, report.base, report.identical)
        json.dump(document, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
