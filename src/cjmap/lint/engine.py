"""The lint engine: load each file, run the selected rules, collect results.

Per-file results are values; the run's :class:`LintResult` decides success from them
and the ``fail-on`` threshold. Nothing here prints or exits.

Order of a file's checks: the loader's findings and the selected rules, then inline
suppressions (and CJ900 for the ones that matched nothing), then severity overrides.
A library's CJ304 is found at the end of the run; its suppressions are kept for then
(``FileResult.deferred``, applied by cjmap.lint.library_lint).
Many files are linted in a process pool; results come back in input order, so the
output does not depend on scheduling.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cjmap.config import LoadedConfig, find_maps, glob_match
from cjmap.findings import FailOn, Finding, Severity
from cjmap.index import build_index
from cjmap.libraries import ItemKey, LibraryCache, is_library_path, resolve_loaded, uses_of
from cjmap.lint import suppress
from cjmap.lint.registry import BY_CODE, RULES
from cjmap.lint.rule import Context, Rule, Settings
from cjmap.lint.rules import cj211_map_outside_include as maps_outside_include
from cjmap.load import LoadedMap, load_bytes, load_path
from cjmap.source import SourceMap
from cjmap.yamlio import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:  # imported when a library is linted, not on every map lint
    from cjmap.lint.library_lint import LibraryItem


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


class LintOptions:
    """Everything that decides what a lint run reports, resolved from config and CLI.

    Set once, never changed. A plain class with slots, not a dataclass: creating a frozen
    dataclass costs about 0.5 ms of every lint's start-up (docs/performance.md).
    """

    __slots__ = ("fail_on", "ignore", "limits", "per_file_ignores", "root", "select",
                 "severity", "stale_after_days", "today")
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: FailOn
    stale_after_days: int
    severity: tuple[tuple[str, Severity], ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    today: dt.date
    root: Path | None
    limits: Limits

    def __init__(self, *, select: tuple[str, ...] = ("CJ",), ignore: tuple[str, ...] = (),
                 fail_on: FailOn = FailOn.ERROR, stale_after_days: int = 180,
                 severity: tuple[tuple[str, Severity], ...] = (),
                 per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
                 today: dt.date | None = None, root: Path | None = None,
                 limits: Limits = DEFAULT_LIMITS) -> None:
        self.select = select
        self.ignore = ignore
        self.fail_on = fail_on
        self.stale_after_days = stale_after_days
        self.severity = severity
        self.per_file_ignores = per_file_ignores
        self.today = dt.date.today() if today is None else today
        self.root = root
        self.limits = limits

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


class FileResult:
    """One file's findings, and the source lines they point at (for code frames).

    ``anchors`` maps each finding's pointer to its stable form (list positions
    replaced by item ids), which baselines are keyed by. Across files (CJ304):
    ``library_uses``, the library items a map uses, and ``library_items``, the items a
    library defines (cjmap.lint.library_lint), which adds its findings here, and
    ``deferred``, the library's suppressions of CJ304 (cjmap.lint.suppress.defer).

    A plain class with slots, not a dataclass (cheaper to create at import,
    docs/performance.md); equal when every field is.
    """

    __slots__ = ("anchors", "deferred", "findings", "library_items", "library_uses", "lines",
                 "loaded", "path")

    def __init__(self, path: str, findings: list[Finding], loaded: bool,
                 lines: dict[int, str] | None = None, anchors: dict[str, str] | None = None,
                 library_uses: frozenset[ItemKey] = frozenset(),
                 library_items: tuple[LibraryItem, ...] = (),
                 deferred: suppress.Deferred | None = None) -> None:
        self.path = path
        self.findings = findings
        self.loaded = loaded
        self.lines = {} if lines is None else lines
        self.anchors = {} if anchors is None else anchors
        self.library_uses = library_uses
        self.library_items = library_items
        self.deferred = deferred

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileResult):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"FileResult({fields})"


class LintResult(NamedTuple):  # not a dataclass: cheaper to create at import
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
    """The semantic rules over a map that loaded; over the readable part of one that
    failed the schema, the rules that stay right on it (``Rule.partial``)."""
    resolved = loaded.resolved
    if loaded.journey is not None:
        index = resolved.index if resolved is not None else build_index(loaded.journey)
        context = Context(loaded.journey, index, settings, resolved, loaded.source)
    elif loaded.partial is not None:
        part = loaded.partial
        context = Context(part.journey, build_index(part.journey), settings, None,
                          loaded.source, part.unread, part.in_file)
        rules = [rule for rule in rules if rule.partial]
    else:
        return []
    findings = []
    for rule in rules:
        if rule.check is None:
            continue
        for problem in rule.check(context):
            if resolved is not None and resolved.origin_at(problem.pointer) is not None:
                continue  # about a library's item: reported on the library (CJ304)
            pointer = context.in_file(problem.pointer)
            span = loaded.source.locate(pointer, at_key=problem.at_key)
            findings.append(Finding(rule.code, rule.name, rule.severity, problem.message,
                                    loaded.path, span.line, span.column, span.end_line,
                                    span.end_column, pointer))
    return findings


def _frame_lines(source: SourceMap, findings: list[Finding]) -> dict[int, str]:
    if not findings:
        return {}
    lines = source.text.splitlines()  # once, not once per finding
    return {f.line: lines[f.line - 1] if 0 < f.line <= len(lines) else "" for f in findings}


def check_loaded(loaded: LoadedMap, options: LintOptions, cache: LibraryCache | None = None,
                 *, only: frozenset[str] | None = None,
                 later: frozenset[str] = frozenset()) -> FileResult:
    """Apply the rules, the suppressions and the options to a loaded file, after
    merging in the libraries it uses (read through ``cache``). ``only`` limits the
    rules to those codes (a library's); the suppressions of ``later``'s codes, whose
    findings are made after this check (a library's CJ304), are kept in the result."""
    if loaded.journey is not None and loaded.journey.uses:
        loaded = resolve_loaded(loaded, cache or LibraryCache(limits=options.limits))
    ignored = options.ignored_for(loaded.path)
    select, ignore = options.select, options.ignore + ignored

    def enabled(code: str) -> bool:
        return is_selected(code, select, ignore)

    rules = [r for r in RULES if enabled(r.code) and (only is None or r.code in only)]
    settings = Settings(options.today, options.stale_after_days)
    # What stopped a map from loading is always shown: without it a failing run
    # would have nothing to show for itself.
    findings = [f for f in loaded.findings
                if enabled(f.code) or (not loaded.ok and f.code in suppress.UNSUPPRESSIBLE)]
    findings.extend(run_rules(loaded, settings, rules))
    directives = suppress.parse(loaded.source.text)
    deferred = None
    if later and directives:
        directives, deferred = suppress.defer(directives, later, loaded.source.text,
                                              frozenset({UNUSED_SUPPRESSION}))
    if directives:
        findings = suppress.apply(findings, directives)
        # In a map that did not load no rule ran, so no suppression could have been used.
        if loaded.ok and enabled(UNUSED_SUPPRESSION):
            findings.extend(unused_suppressions(directives, loaded.path, enabled))
    overrides = dict(options.severity)
    if overrides:
        findings = [f._replace(severity=overrides.get(f.code, f.severity)) for f in findings]
    findings.sort(key=lambda f: f.sort_key)
    anchors = _anchors(loaded, findings)
    return FileResult(loaded.path, findings, loaded.ok, _frame_lines(loaded.source, findings),
                      anchors, uses_of(loaded), deferred=deferred if loaded.ok else None)


def _anchors(loaded: LoadedMap, findings: list[Finding]) -> dict[str, str]:
    if not findings:  # a clean map: no need to import the baseline module
        return {}
    from cjmap.lint.baseline import stable_pointer

    return {f.pointer: stable_pointer(loaded.journey, f.pointer) for f in findings}


UNUSED_SUPPRESSION = "CJ900"


def unused_suppressions(directives: suppress.Suppressions, path: str,
                        enabled: Callable[[str], bool]) -> list[Finding]:
    """CJ900 findings: directives that silenced nothing, or cannot work at all."""
    rule = BY_CODE[UNUSED_SUPPRESSION]
    found: list[tuple[int, int, int, str]] = []
    for bad in directives.malformed:
        found.append((bad.line, bad.column, bad.end_column, bad.message))
    for d in directives.directives:
        if d.used or d.code == UNUSED_SUPPRESSION:
            continue
        known = BY_CODE.get(d.code)
        if known is None:
            message = f"{d.code} in a suppression is not a cjmap rule"
        elif d.code in suppress.UNSUPPRESSIBLE:
            message = (f"{d.code} ({known.name}) cannot be suppressed: a map with this "
                       "problem is not checked at all")
        elif not enabled(d.code):
            continue  # the rule is off here; the comment waits for it to be turned on
        elif d.target < 0:
            message = f"unused suppression of {d.code}: no line follows the comment"
        elif d.target == 0:
            message = f"unused suppression: no {d.code} ({known.name}) finding in this file"
        else:
            message = (f"unused suppression: no {d.code} ({known.name}) finding on "
                       f"line {d.target}")
        found.append((d.line, d.column, d.end_column, message))
    # ``ignore[CJ900]`` on the comment's own line, or for the file, silences these.
    silenced = {d.line for d in directives.directives if d.code == UNUSED_SUPPRESSION}
    if any(d.code == UNUSED_SUPPRESSION and d.target == 0 for d in directives.directives):
        return []
    return [Finding(rule.code, rule.name, rule.severity, message, path, line, column, line,
                    end_column, "")
            for line, column, end_column, message in found if line not in silenced]


def lint_bytes(raw: bytes, path: str, options: LintOptions,
               cache: LibraryCache | None = None) -> FileResult:
    return check_loaded(load_bytes(raw, path, options.limits), options, cache)


def lint_file(path: str, options: LintOptions, display: str | None = None,
              cache: LibraryCache | None = None) -> FileResult:
    """Lint one file (or ``-``), a map or a library; an unreadable file raises InputError.
    ``cache`` holds the libraries read so far (each is read once per run)."""
    cache = cache or LibraryCache(limits=options.limits)
    if path != "-" and is_library_path(path):
        from cjmap.lint import library_lint  # only for a library: a map's lint does without

        loaded, items = library_lint.load_for_lint(path, display or path, cache)
        result = check_loaded(loaded, options, cache, only=library_lint.LIBRARY_RULES,
                              later=library_lint.FOUND_AFTER_THE_RUN)
        result.library_items = items
        return result
    return check_loaded(load_path(path, display, options.limits), options, cache)


# A pool costs about half a second to start (a fork server that imports cjmap once), so
# it is only worth it for at least this many files holding at least this much YAML
# (about a second of linting on one core).
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 1_500_000
# Files per task: big enough to amortise pickling, small enough to balance the load.
MAX_CHUNK = 32

Progress = Callable[[int, int], None]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def worth_a_pool(paths: Sequence[str], jobs: int) -> bool:
    """Whether linting ``paths`` in ``jobs`` processes would beat doing it here."""
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES or "-" in paths:
        return False
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += os.stat(path).st_size
        if total >= PARALLEL_MIN_BYTES:
            return True
    return False


def iter_lint(paths: Sequence[str], options: LintOptions, *, jobs: int = 1,
              stdin_filename: str | None = None,
              cache: LibraryCache | None = None) -> Iterator[FileResult]:
    """Lint ``paths`` and yield each file's result in the order of ``paths``.

    With ``jobs`` > 1 and enough work, files are linted in a process pool, a chunk per
    task; the results are still yielded in input order, one chunk at a time, so memory
    does not grow with the number of files beyond their (small) results. Should the
    pool not start or break (no /dev/shm, a killed worker), the rest is linted here.
    """
    done = 0
    if worth_a_pool(paths, jobs):
        # The pool's modules (multiprocessing, concurrent.futures) only when one starts.
        from cjmap.lint import pool

        try:
            for result in pool.pooled(paths, options, jobs):
                done += 1
                yield result
            return
        except (pool.BrokenProcessPool, OSError):
            pass
    cache = cache or LibraryCache(limits=options.limits)
    for path in paths[done:]:
        yield lint_file(path, options,
                        stdin_filename if path == "-" and stdin_filename else None, cache)


def lint_paths(targets: list[str], config: LoadedConfig, options: LintOptions,
               stdin_filename: str | None = None, *, jobs: int = 1,
               progress: Progress | None = None) -> LintResult:
    """Find the maps under ``targets`` and lint them (in ``jobs`` processes)."""
    paths = list(find_maps(targets, config))
    files: list[FileResult] = []
    if progress is not None:
        progress(0, len(paths))
    for result in iter_lint(paths, options, jobs=jobs, stdin_filename=stdin_filename):
        files.append(result)
        if progress is not None:
            progress(len(files), len(paths))
    files.extend(_maps_outside_include(targets, config, options))
    if any(file.library_items or file.deferred for file in files):  # a library (CJ304)
        from cjmap.lint.library_lint import add_unused_items

        add_unused_items(files, options, is_selected)
    return LintResult(files, options.fail_on)


def _maps_outside_include(targets: list[str], config: LoadedConfig,
                          options: LintOptions) -> list[FileResult]:
    """CJ211: files under directory targets that look like maps but match no include
    glob, each as a result of its own (it was not linted, so it has nothing else)."""
    results: list[FileResult] = []
    overrides = dict(options.severity)
    for finding in maps_outside_include.findings(targets, config):
        if not is_selected(finding.code, options.select,
                           options.ignore + options.ignored_for(finding.file)):
            continue
        finding = finding._replace(severity=overrides.get(finding.code, finding.severity))
        results.append(FileResult(finding.file, [finding], True))
    return results
