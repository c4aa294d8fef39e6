"""Output formats of ``cjmap lint``: one module per format, one line each in :data:`REPORTERS`."""

from __future__ import annotations

from cjmap.reporting.lint.base import LintReporter
from cjmap.reporting.registry import Registry

REPORTERS: Registry[LintReporter] = Registry("lint", {
    "text": "cjmap.reporting.lint.text:TextReporter",
    "concise": "cjmap.reporting.lint.concise:ConciseReporter",
    "json": "cjmap.reporting.lint.json:JsonReporter",
    "sarif": "cjmap.reporting.lint.sarif:SarifReporter",
    "github": "cjmap.reporting.lint.github:GithubReporter",
    "junit": "cjmap.reporting.lint.junit:JunitReporter",
})

__all__ = ["REPORTERS", "LintReporter"]
