"""Output formats of ``cjmap lint``: one module per format, one line each in :data:`REPORTERS`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap.reporting.registry import Registry

if TYPE_CHECKING:  # the classes are imported only when their format is chosen
    from cjmap.reporting.lint.base import LintReporter

REPORTERS: Registry[LintReporter] = Registry("lint", {
    "text": "cjmap.reporting.lint.text:TextReporter",
    "concise": "cjmap.reporting.lint.concise:ConciseReporter",
    "json": "cjmap.reporting.lint.json:JsonReporter",
    "sarif": "cjmap.reporting.lint.sarif:SarifReporter",
    "github": "cjmap.reporting.lint.github:GithubReporter",
    "junit": "cjmap.reporting.lint.junit:JunitReporter",
})

__all__ = ["REPORTERS"]
