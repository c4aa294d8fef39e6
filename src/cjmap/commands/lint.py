"""``cjmap lint``: find maps, lint them, report, decide the exit code."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TextIO

from cjmap.config import load_config
from cjmap.errors import ExitCode, UsageError
from cjmap.findings import FailOn, Finding
from cjmap.lint.engine import LintOptions, lint_paths
from cjmap.lint.registry import RULES
from cjmap.output import text_output, wants_color
from cjmap.report import REPORTERS
from cjmap.report.base import summary_line


def lint(
    paths: list[str],
    *,
    output_format: str = "text",
    output: Path | None = None,
    fail_on: FailOn | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    config_path: Path | None = None,
    statistics: bool = False,
    stdin_filename: str | None = None,
    stderr: TextIO | None = None,
) -> ExitCode:
    if output_format not in REPORTERS:
        raise UsageError(f"unknown format {output_format!r}; choose one of "
                         f"{', '.join(REPORTERS)}")
    for code in (select or []) + (ignore or []):
        if not code.upper().startswith("CJ") and code.upper() != "ALL":
            raise UsageError(f"{code!r} is not a rule code or prefix (e.g. CJ2, CJ201)")
    loaded = load_config(config_path)
    options = LintOptions.from_config(loaded, select=select, ignore=ignore, fail_on=fail_on)
    result = lint_paths(paths or ["."], loaded, options, stdin_filename)
    with text_output(output, paths) as stream:
        color = output is None and wants_color(stream)
        REPORTERS[output_format](stream, color=color).report(result)
        if statistics:
            _statistics(stream, result.findings)
    if output is not None and stderr is not None:
        stderr.write(summary_line(result) + f" Report written to {output}.\n")
    if not result.files and stderr is not None:
        stderr.write("cjmap: warning: no map files found (looked for "
                     f"{', '.join(loaded.config.include)})\n")
    return ExitCode.OK if result.success else ExitCode.PROBLEMS


def _statistics(stream: TextIO, findings: list[Finding]) -> None:
    counts = Counter(f.code for f in findings)
    names = {r.code: r.name for r in RULES}
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        stream.write(f"{count:>5}  {code}  {names.get(code, '')}\n")
