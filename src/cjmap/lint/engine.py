"""The lint engine: load each file, run the selected rules, collect results.

Per-file results are values; the run's :class:`LintResult` decides success from them
and the ``fail-on`` threshold. Nothing here prints or exits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from cjmap.config import LoadedConfig, find_maps, glob_match
from cjmap.findings import FailOn, Finding, Severity
from cjmap.index import build_index
from cjmap.lint.registry import RULES
from cjmap.lint.rule import Context, Rule, Settings
from cjmap.load import LoadedMap, load_bytes, load_path
from cjmap.source import SourceMap
from cjmap.yamlio import DEFAULT_LIMITS, Limits


def _specificity(code: str, prefixes: Iterable[str]) -> int:
    """Length of the longest prefix that matches ``code`` (-1 when none does)."""
    best = -1
    for prefix in prefixes:
        prefix = "CJ" if prefix.upper() == "ALL" else prefix.upper()
        if code.startswith(prefix):
            best = max(best, len(prefix))
    return best


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """ruff's rule: the more specific of select and ignore wins; a tie goes to ignore."""
    chosen = _specificity(code, select)
    dropped = _specificity(code, ignore)
    return chosen >= 0 and chosen > dropped


@dataclass(frozen=True, slots=True)
class LintOptions:
    """Everything that decides what a lint run reports, resolved from config and CLI."""

    select: tuple[str, ...] = ("CJ",)
    ignore: tuple[str, ...] = ()
    fail_on: FailOn = FailOn.ERROR
    stale_after_days: int = 180
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    today: dt.date = field(default_factory=dt.date.today)
    root: Path | None = None
    limits: Limits = DEFAULT_LIMITS

    @classmethod
    def from_config(cls, loaded: LoadedConfig, *, select: list[str] | None = None,
                    ignore: list[str] | None = None, fail_on: FailOn | None = None,
                    today: dt.date | None = None) -> LintOptions:
        lint = loaded.config.lint
        return cls(
            select=tuple(select if select else lint.select),
            ignore=tuple(lint.ignore) + tuple(ignore or ()),
            fail_on=fail_on or lint.fail_on,
            stale_after_days=lint.stale_after_days,
            severity=tuple(sorted(lint.severity.items())),
            per_file_ignores=tuple((glob, tuple(codes))
                                   for glob, codes in lint.per_file_ignores.items()),
            today=today or dt.date.today(),
            root=loaded.root,
        )

    def ignored_for(self, path: str) -> tuple[str, ...]:
        if not self.per_file_ignores or path == "-":
            return ()
        candidates = [Path(path).as_posix()]
        if self.root is not None:
            with contextlib.suppress(ValueError):
                candidates.append(Path(path).resolve().relative_to(self.root).as_posix())
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores:
            if any(glob_match(pattern, c) for c in candidates):
                codes.extend(ignored)
        return tuple(codes)


@dataclass(slots=True)
class FileResult:
    """One file's findings, and the source lines they point at (for code frames)."""

    path: str
    findings: list[Finding]
    loaded: bool
    lines: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class LintResult:
    files: list[FileResult]
    fail_on: FailOn = FailOn.ERROR

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings]

    def counts(self) -> Counter[Severity]:
        return Counter(f.severity for f in self.findings)

    @property
    def success(self) -> bool:
        if self.fail_on is FailOn.NEVER:
            return True
        if not all(file.loaded for file in self.files):
            return False
        return not any(self.fail_on.is_met_by(f.severity) for f in self.findings)


def run_rules(loaded: LoadedMap, settings: Settings, rules: Iterable[Rule]) -> list[Finding]:
    """The semantic rules over a map that loaded."""
    journey = loaded.journey
    if journey is None:
        return []
    context = Context(journey, build_index(journey), settings)
    findings = []
    for rule in rules:
        if rule.check is None:
            continue
        for problem in rule.check(context):
            span = loaded.source.locate(problem.pointer, at_key=problem.at_key)
            findings.append(Finding(rule.code, rule.name, rule.severity, problem.message,
                                    loaded.path, span.line, span.column, span.end_line,
                                    span.end_column, problem.pointer))
    return findings


def _frame_lines(source: SourceMap, findings: list[Finding]) -> dict[int, str]:
    return {f.line: source.line_text(f.line) for f in findings}


def check_loaded(loaded: LoadedMap, options: LintOptions) -> FileResult:
    """Apply the rules and the options to a loaded file."""
    ignored = options.ignored_for(loaded.path)
    select, ignore = options.select, options.ignore + ignored
    rules = [r for r in RULES if is_selected(r.code, select, ignore)]
    settings = Settings(options.today, options.stale_after_days)
    findings = [f for f in loaded.findings if is_selected(f.code, select, ignore)]
    findings.extend(run_rules(loaded, settings, rules))
    overrides = dict(options.severity)
    if overrides:
        findings = [replace(f, severity=overrides.get(f.code, f.severity)) for f in findings]
    findings.sort(key=lambda f: f.sort_key)
    return FileResult(loaded.path, findings, loaded.ok, _frame_lines(loaded.source, findings))


def lint_bytes(raw: bytes, path: str, options: LintOptions) -> FileResult:
    return check_loaded(load_bytes(raw, path, options.limits), options)


def lint_file(path: str, options: LintOptions, display: str | None = None) -> FileResult:
    """Lint one file (or ``-``); an unreadable file raises InputError."""
    return check_loaded(load_path(path, display, options.limits), options)


def lint_paths(targets: list[str], config: LoadedConfig, options: LintOptions,
               stdin_filename: str | None = None) -> LintResult:
    files = [
        lint_file(path, options, stdin_filename if path == "-" and stdin_filename else None)
        for path in find_maps(targets, config)
    ]
    return LintResult(files, options.fail_on)
