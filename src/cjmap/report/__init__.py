"""Output formats for lint results: one module per format, a name -> class registry.

A new format is one new module and one line in :data:`REPORTERS`.
"""

from __future__ import annotations

from cjmap.report.base import Reporter
from cjmap.report.concise import ConciseReporter
from cjmap.report.github import GithubReporter
from cjmap.report.json import JsonReporter
from cjmap.report.junit import JunitReporter
from cjmap.report.sarif import SarifReporter
from cjmap.report.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "concise": ConciseReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
}

__all__ = ["REPORTERS", "Reporter"]
