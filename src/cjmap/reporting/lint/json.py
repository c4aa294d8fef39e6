"""A stable JSON document: a summary, then every finding with its position.

Shape (documented in docs/cli.md)::

    {"version": 1,
     "summary": {"files": N, "files_with_findings": N, "error": N, "warning": N,
                 "info": N, "success": bool},
     "files": [{"path": str, "loaded": bool, "findings": N}],
     "findings": [{"code", "name", "severity", "message", "file", "line", "column",
                   "end_line", "end_column", "pointer"}]}
"""

from __future__ import annotations

import json
from typing import Any

from cjmap.findings import Finding, Severity
from cjmap.lint.engine import LintResult
from cjmap.reporting.lint.base import LintReporter

JSON_FORMAT_VERSION = 1


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": str(f.severity),
        "message": f.message,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "pointer": f.pointer,
    }


class JsonReporter(LintReporter):
    def report(self, result: LintResult) -> None:
        counts = result.counts()
        document = {
            "version": JSON_FORMAT_VERSION,
            "summary": {
                "files": len(result.files),
                "files_with_findings": sum(1 for f in result.files if f.findings),
                **{str(s): counts[s] for s in Severity},
                "success": result.success,
            },
            "files": [{"path": f.path, "loaded": f.loaded, "findings": len(f.findings)}
                      for f in result.files],
            "findings": [finding_to_dict(f) for f in result.findings],
        }
        # Readable UTF-8 where the stream takes it; \u escapes where it does not (an
        # ASCII terminal would otherwise turn 'é' into '\xe9', which is not JSON).
        encoding = (getattr(self.stream, "encoding", None) or "utf-8").lower()
        ascii_only = not encoding.replace("-", "").replace("_", "").startswith("utf")
        json.dump(document, self.stream, indent=2, ensure_ascii=ascii_only)
        self.stream.write("\n")
