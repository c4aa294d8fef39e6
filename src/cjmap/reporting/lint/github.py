"""GitHub Actions workflow commands: annotations on the pull request's files.

Each finding is ``::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::msg``
(``warning`` and ``notice`` for the other severities), grouped in a ``::group::`` per file
so the log stays readable. Values are escaped the way GitHub's toolkit
(``@actions/core``) escapes them: in the message ``%``, CR and LF; in properties also
``:`` and ``,``. When ``GITHUB_STEP_SUMMARY`` is set, a Markdown summary is appended to
the file it names (that file is append-only by GitHub's design).
"""

from __future__ import annotations

import io
import os
from collections import Counter
from pathlib import Path
from typing import TextIO

from cjmap.bidi import visible
from cjmap.findings import Finding, Severity
from cjmap.lint.engine import LintResult
from cjmap.lint.registry import BY_CODE
from cjmap.output import append_text
from cjmap.reporting.lint.base import LintReporter, summary_line
from cjmap.reporting.markdown import escape

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# Findings listed in the job summary; the annotations carry all of them.
SUMMARY_LIMIT = 50


def escape_data(text: str) -> str:
    """A command's message (``escapeData`` in @actions/core)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command property's value (``escapeProperty`` in @actions/core)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(file: str, cwd: Path | None = None) -> str:
    """The path GitHub matches against the repository: relative to the cwd when inside it."""
    if file == "-":
        return file
    try:
        return Path(file).resolve().relative_to((cwd or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return Path(file).as_posix()


def annotation(f: Finding, path: str) -> str:
    props = [("file", path), ("line", str(f.line)), ("col", str(f.column)),
             ("endLine", str(f.end_line)), ("endColumn", str(f.end_column)),
             ("title", f"{f.code} {f.name}")]
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    # Bidirectional controls as escapes, as on a terminal (docs/limits.md, "Hostile text").
    return f"::{_COMMAND[f.severity]} {rendered}::{escape_data(visible(f.message))}"


class GithubReporter(LintReporter):
    def report(self, result: LintResult) -> None:
        write = self.stream.write
        for file in result.files:
            if not file.findings:
                continue
            path = workspace_path(file.path)
            write(f"::group::{escape_data(path)}\n")
            for f in file.findings:
                write(annotation(f, path) + "\n")
            write("::endgroup::\n")
        write(summary_line(result) + "\n")
        target = os.environ.get("GITHUB_STEP_SUMMARY")
        if target:
            summary = io.StringIO()
            write_step_summary(summary, result)
            append_text(Path(target), summary.getvalue())


def _cell(text: str) -> str:
    return escape(text, line_start=False)


def write_step_summary(out: TextIO, result: LintResult) -> None:
    """A Markdown summary for the job page: totals, findings per rule, the first findings."""
    icon = "✅" if result.success else "❌"
    out.write(f"## {icon} cjmap lint\n\n{_cell(summary_line(result))}\n\n")
    findings = result.findings
    if not findings:
        return
    per_rule = Counter(f.code for f in findings)
    out.write("| Rule | Severity | Findings |\n|---|---|---:|\n")
    for code, count in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = BY_CODE.get(code)
        name = rule.name if rule else ""
        severity = next(f.severity for f in findings if f.code == code)
        out.write(f"| {code} {name} | {severity} | {count} |\n")
    out.write("\n| File | Line | Rule | Message |\n|---|---:|---|---|\n")
    for f in findings[:SUMMARY_LIMIT]:
        out.write(f"| {_cell(workspace_path(f.file))} | {f.line} | {f.code} | "
                  f"{_cell(f.message)} |\n")
    if len(findings) > SUMMARY_LIMIT:
        out.write(f"\n…and {len(findings) - SUMMARY_LIMIT} more (see the annotations).\n")
    out.write("\n")
