"""SARIF 2.1.0, the format GitHub code scanning (and most security dashboards) read.

One run; ``tool.driver.rules`` lists every rule (SARIF wants the rule list even for
rules without results), each with its documentation. Each result has a ruleId and
ruleIndex, a level, a message, a location whose artifact URI is relative to the
current directory under the ``%SRCROOT%`` base (run cjmap from the repository root),
a region in Unicode code points, the JSON pointer as a logical location, and
``partialFingerprints`` built from file, rule and stable pointer, so an alert keeps
its identity when lines move.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cjmap import __version__
from cjmap.findings import Finding, Severity
from cjmap.lint.engine import LintResult
from cjmap.lint.registry import RULES
from cjmap.lint.rule import Rule
from cjmap.reporting.lint.base import LintReporter

SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
INFORMATION_URI = "https://cjmap.dev"
RULES_DOC = "https://cjmap.dev/docs/rules.md"
FINGERPRINT = "cjmap/v1"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_anchor(rule: Rule) -> str:
    """The GitHub-style anchor of the rule's heading ``## CJ201 unaddressed-pain``."""
    return f"{rule.code.lower()}-{rule.name}"


def _rule(rule: Rule) -> dict[str, Any]:
    full = f"{rule.summary}\n\n{rule.doc}".strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": full, "markdown": f"**{rule.code} {rule.name}**: {full}"},
        "helpUri": f"{RULES_DOC}#{rule_anchor(rule)}",
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["journey-map"]},
    }


def artifact_uri(file: str, cwd: Path | None = None) -> tuple[str, bool]:
    """A URI for ``file`` and whether it is relative to the source root (the cwd)."""
    if file == "-":
        return "stdin", True
    base = (cwd or Path.cwd()).resolve()
    absolute = Path(file).resolve()
    try:
        relative = absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_uri(), False
    # surrogateescape: a file name that is not UTF-8 is percent-encoded as its own bytes.
    return quote(relative, safe="/", errors="surrogateescape"), True


def fingerprint(uri: str, finding: Finding, stable: str, occurrence: int) -> str:
    """Same file, rule and stable pointer -> same fingerprint, wherever the lines are."""
    text = f"{uri}\0{finding.code}\0{stable}"
    return f"{hashlib.sha256(text.encode('utf-8')).hexdigest()[:32]}:{occurrence}"


class SarifReporter(LintReporter):
    def report(self, result: LintResult) -> None:
        json.dump(sarif_document(result), self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")


def sarif_document(result: LintResult, cwd: Path | None = None) -> dict[str, Any]:
    index = {rule.code: i for i, rule in enumerate(RULES)}
    results: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    for file in result.files:
        uri, relative = artifact_uri(file.path, cwd)
        artifact: dict[str, Any] = {"uri": uri}
        if relative:
            artifact["uriBaseId"] = "%SRCROOT%"
        for f in file.findings:
            stable = file.anchors.get(f.pointer, f.pointer)
            key = f"{uri}\0{f.code}\0{stable}"
            seen[key] += 1
            entry: dict[str, Any] = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {"startLine": f.line, "startColumn": f.column,
                                   "endLine": f.end_line, "endColumn": f.end_column},
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.pointer or "/",
                                          "kind": "element"}],
                }],
                "partialFingerprints": {FINGERPRINT: fingerprint(uri, f, stable, seen[key])},
            }
            if f.code in index:
                entry["ruleIndex"] = index[f.code]
            results.append(entry)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cjmap",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule) for rule in RULES],
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": True}],
            "results": results,
        }],
    }


__all__ = ["SarifReporter", "artifact_uri", "fingerprint", "rule_anchor", "sarif_document"]

