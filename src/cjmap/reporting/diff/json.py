"""Machine output: the stable JSON shape documented in docs/diff.md (``version`` 1)."""

from __future__ import annotations

import json
from typing import Any

from cjmap.diff import JSON_VERSION
from cjmap.reporting.diff.base import DiffReport, DiffReporter


class JsonDiffReporter(DiffReporter):
    """One diff is one object; ``--git`` wraps the diffs of every changed map in
    ``{"version": 1, "base": REV, "identical": ..., "diffs": [...]}``."""

    def report(self, report: DiffReport) -> None:
        document: dict[str, Any]
        if report.base is None and len(report.results) == 1:
            document = report.results[0].to_json()
        else:
            document = {"version": JSON_VERSION, "base": report.base,
                        "identical": report.identical,
                        "diffs": [r.to_json() for r in report.results]}
        json.dump(document, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
