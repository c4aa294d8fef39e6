"""``cjmap lint``: find maps, lint them, report, decide the exit code.

Several reports in one run: ``--format`` may be repeated, and each ``--output`` goes
with the ``--format`` written just before it (``--format sarif --output lint.sarif
--format text``); ``--format sarif:lint.sarif`` says the same in one argument. A
format without an output goes to standard output; at most one may.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from cjmap.commands import Streams
from cjmap.config import is_excluded, load_config, unknown_rule_code
from cjmap.errors import ExitCode, UsageError
from cjmap.fastgc import fast_gc
from cjmap.findings import FailOn, Finding
from cjmap.lint.engine import LintOptions, LintResult, default_jobs, lint_paths
from cjmap.lint.registry import RULES
from cjmap.output import atomic_write_text, check_output_path, text_output
from cjmap.reporting.formats import REPORTERS
from cjmap.reporting.lint.base import summary_line
from cjmap.reporting.text import plural
from cjmap.terminal import wants_color, wants_progress

if TYPE_CHECKING:
    from cjmap.lint import baseline as baselines

# A progress bar is worth showing from this many files on.
PROGRESS_MIN_FILES = 50


# A NamedTuple, not a frozen dataclass: cheaper to create at import (docs/performance.md).
class ReportTarget(NamedTuple):
    """One report of a run: a format and where it goes (None: standard output)."""

    format: str
    output: Path | None = None


def option_order(args: Sequence[str]) -> list[str]:
    """The sequence of ``--format`` (``"f"``) and ``--output`` (``"o"``) options in ``args``."""
    order: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            break
        kind = {"--format": "f", "-f": "f", "--output": "o", "-o": "o"}.get(arg)
        if kind is not None:
            order.append(kind)
            i += 2
            continue
        if arg.startswith("--format="):
            order.append("f")
        elif arg.startswith("--output="):
            order.append("o")
        elif not arg.startswith("--") and arg[:2] in ("-f", "-o"):
            order.append(arg[1])
        i += 1
    return order


def _split(spec: str) -> ReportTarget:
    name, sep, path = spec.partition(":")
    if sep and name in REPORTERS:
        if not path:
            raise UsageError(f"--format {spec!r}: no file name after ':'")
        return ReportTarget(name, None if path == "-" else Path(path))
    return ReportTarget(REPORTERS.choices.check(spec))


def plan_reports(formats: Sequence[str], outputs: Sequence[Path],
                 args: Sequence[str] | None = None) -> list[ReportTarget]:
    """Pair formats and outputs; ``args`` (the raw arguments) gives their relative order.

    Without ``args`` (or when they disagree with the parsed options) outputs pair with
    formats by position.
    """
    targets = [_split(spec) for spec in (formats or ["text"])]
    order = option_order(args) if args is not None else []
    if order.count("f") != len(formats) or order.count("o") != len(outputs):
        order = []
        for i in range(max(len(formats), len(outputs))):
            order += ["f"] if i < len(formats) else []
            order += ["o"] if i < len(outputs) else []
    if not formats:  # the default format takes the output, wherever it was written
        order = ["f"] + ["o"] * len(outputs)
    planned: list[ReportTarget] = []
    f_index = o_index = 0
    for kind in order:
        if kind == "f":
            planned.append(targets[f_index])
            f_index += 1
            continue
        path = outputs[o_index]
        o_index += 1
        target: Path | None = None if str(path) == "-" else path
        if not planned and len(targets) == 1:
            # ``--output x --format sarif``: with one format there is nothing to confuse.
            targets[0] = ReportTarget(targets[0].format, target)
            continue
        if not planned or planned[-1].output is not None:
            raise UsageError(f"--output {path}: put each --output right after the --format "
                             "it is for (or write --format FORMAT:FILE)")
        planned[-1] = ReportTarget(planned[-1].format, target)
    if not planned:
        planned = targets
    return _checked(planned)


def _checked(planned: list[ReportTarget]) -> list[ReportTarget]:
    to_stdout = [t.format for t in planned if t.output is None]
    if len(to_stdout) > 1:
        raise UsageError(f"formats {', '.join(to_stdout)} would all go to standard output; "
                         "give all but one an --output FILE")
    files = [t.output for t in planned if t.output is not None]
    duplicates = sorted({str(p) for p in files if files.count(p) > 1})
    if duplicates:
        raise UsageError(f"{duplicates[0]}: two reports cannot go to the same file")
    return planned


MAP_OUTSIDE_INCLUDE = "CJ211"


def lint(
    paths: list[str],
    *,
    reports: list[ReportTarget] | None = None,
    fail_on: FailOn | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    config_path: Path | None = None,
    statistics: bool = False,
    stdin_filename: str | None = None,
    jobs: int | None = None,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
    progress: bool | None = None,
    force_exclude: bool = False,
    streams: Streams,
) -> ExitCode:
    """Lint ``paths`` and write ``reports`` (default: text on standard output)."""
    targets = _checked(reports) if reports else [ReportTarget("text")]
    for code in (select or []) + (ignore or []):
        problem = unknown_rule_code(code)
        if problem is not None:
            raise UsageError(problem)
    if baseline is not None and write_baseline is not None:
        raise UsageError("--baseline and --write-baseline do not go together: "
                         "--write-baseline alone records every current finding")
    for written in [*(t.output for t in targets), write_baseline]:
        if written is not None:  # every output refused before any work, none half-done
            check_output_path(written)
    processes = capped_jobs(jobs)
    frozen = None
    if baseline is not None:  # the baseline module only with --baseline
        from cjmap.lint import baseline as baselines

        frozen = baselines.load(baseline)
    loaded = load_config(config_path)
    options = LintOptions.from_config(loaded, select=select, ignore=ignore, fail_on=fail_on)
    if force_exclude:  # pre-commit names files one by one; the exclude globs still apply
        paths = [p for p in paths if p == "-" or not is_excluded(Path(p), loaded)]
        if not paths:
            return ExitCode.OK
    with fast_gc(), _progress_bar(streams.stderr, progress) as on_progress:
        result = lint_paths(paths or ["."], loaded, options, stdin_filename,
                            jobs=processes, progress=on_progress)
    _note_when_nothing_linted(result, loaded.config.include, streams)
    # Every map read, not only the paths named: `lint . -o x.cjmap.yaml` must not
    # write its report over a map it found in the directory.
    inputs = [*paths, *(file.path for file in result.files)]
    if write_baseline is not None:
        return _write_baseline(write_baseline, result, inputs, streams)
    if frozen is not None:
        from cjmap.lint import baseline as baselines

        applied = baselines.apply(result, frozen)
        result = applied.result
        _baseline_note(streams, baseline, applied)
    _write_reports(targets, result, inputs, statistics, streams)
    return ExitCode.OK if result.success else ExitCode.PROBLEMS


def _note_when_nothing_linted(result: LintResult, include: list[str],
                              streams: Streams) -> None:
    outside = [f for f in result.files if f.findings and all(
        finding.code == MAP_OUTSIDE_INCLUDE for finding in f.findings)]
    if len(outside) == len(result.files):
        # Files named by CJ211 were found, not linted: nothing was checked.
        also = (f"; {len(outside)} other file(s) look like maps (CJ211 above)"
                if outside else "")
        streams.note(f"cjmap: warning: no map files found (looked for {', '.join(include)})"
                     f"{also}")


def capped_jobs(jobs: int | None) -> int:
    """``--jobs``: at least 1, at most the cores this process may use (the default)."""
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs {jobs}: give a number of processes, 1 or more")
    cores = default_jobs()
    return cores if jobs is None else min(jobs, cores)


def _write_reports(targets: list[ReportTarget], result: LintResult, inputs: list[str],
                   statistics: bool, streams: Streams) -> None:
    stdout_used = False
    # Files first: a closed pipe on standard output must not cost the CI its report files.
    for target in sorted(targets, key=lambda t: t.output is None):
        reporter = REPORTERS.chosen(target.format)
        with text_output(target.output, inputs, streams.stdout) as stream:
            color = target.output is None and wants_color(stream)
            reporter(stream, color=color).report(result)
            if statistics and target.output is None:
                # After a json/sarif/junit/github report, counts would break what a
                # program reads from standard output: they go to standard error then.
                out = stream if reporter.for_people else streams.stderr
                _statistics(out, result.findings)
        stdout_used = stdout_used or target.output is None
    if statistics and not stdout_used:
        _statistics(streams.stdout, result.findings)
    written = [str(t.output) for t in targets if t.output is not None]
    if written:
        what = "Report written to" if len(written) == 1 else "Reports written to"
        lead = "" if stdout_used else summary_line(result) + " "
        streams.note(f"{lead}{what} {', '.join(written)}.")


def _write_baseline(target: Path, result: LintResult, inputs: list[str],
                    streams: Streams) -> ExitCode:
    from cjmap.lint import baseline as baselines

    entries = baselines.from_result(result, target.parent)
    atomic_write_text(target, baselines.dumps(entries), inputs)
    total = sum(entries.values())
    files = len({file for file, _, _ in entries})
    streams.note(f"Baseline {target} written: {plural(total, 'finding')} in "
                 f"{plural(files, 'file')}.")
    broken = [f.path for f in result.files if not f.loaded]
    if broken:
        streams.note(f"cjmap: warning: {plural(len(broken), 'map')} cannot be loaded and "
                     f"cannot be baselined (fix them first): {', '.join(broken)}")
    return ExitCode.OK


def _baseline_note(streams: Streams, path: Path | None, applied: baselines.Applied) -> None:
    if applied.silenced:
        streams.note(f"{plural(applied.silenced, 'finding')} in the baseline {path} "
                     "not reported.")
    if applied.stale:
        entries = plural(applied.stale, "baseline entry", "baseline entries")
        streams.note(f"{entries} matched nothing (fixed?); refresh with "
                     f"--write-baseline {path}")


@contextmanager
def _progress_bar(stderr: TextIO,
                  wanted: bool | None) -> Iterator[Callable[[int, int], None] | None]:
    """A transient bar on a terminal's stderr for big runs (:mod:`cjmap.terminal` decides)."""
    if not wants_progress(stderr, wanted):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TimeElapsedColumn

    with ExitStack() as stack:
        bar: list[tuple[Progress, TaskID]] = []

        def update(done: int, total: int) -> None:
            if total < PROGRESS_MIN_FILES:
                return
            if not bar:
                progress = Progress("linting", BarColumn(), MofNCompleteColumn(),
                                    TimeElapsedColumn(), console=Console(file=stderr),
                                    transient=True)
                stack.enter_context(progress)
                bar.append((progress, progress.add_task("lint", total=total)))
            progress, task = bar[0]
            progress.update(task, completed=done)

        yield update


def _statistics(stream: TextIO, findings: list[Finding]) -> None:
    counts = Counter(f.code for f in findings)
    names = {r.code: r.name for r in RULES}
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        stream.write(f"{count:>5}  {code}  {names.get(code, '')}\n")
