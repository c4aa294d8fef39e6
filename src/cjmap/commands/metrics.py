"""``cjmap metrics list`` and ``cjmap metrics update`` (docs/history.md, "Metrics").

``update`` is all or nothing: every problem of the CSV is written to stderr with its line
(``values.csv:3: unknown metric 'nsp' (did you mean 'nps'?)``) and then the command stops
with exit 1 before anything is written; otherwise the map is rewritten atomically with only
the changed values' lines (and new ``measured`` lines) different.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TextIO

from cjmap.commands.maps import expand, load_all, load_one
from cjmap.errors import ExitCode, InputError, MapProblems, UsageError
from cjmap.load import STDIN, read_input
from cjmap.metrics.targets import metric_states
from cjmap.metrics.update import UpdateFailed, apply_values, number_text, parse_values
from cjmap.output import atomic_write_bytes, text_output, wants_color
from cjmap.reporting.metrics import METRICS_REPORTERS, MetricRow

# A CSV of metric values is small; more than this is not one.
MAX_CSV_BYTES = 10 * 1024 * 1024


def _csv_text(source: str) -> str:
    raw = read_input(source, MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise InputError(f"{source}: larger than {MAX_CSV_BYTES} bytes; not a CSV of values")
    try:
        return raw.decode("utf-8-sig")  # spreadsheets often save a byte-order mark
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text (byte offset {exc.start}); "
                         "save the CSV as UTF-8") from None


def update_metrics(map_path: Path, source: str, *, stdout: TextIO, stderr: TextIO,
                   today: dt.date | None = None) -> ExitCode:
    if source != STDIN and Path(source).resolve() == map_path.resolve():
        raise UsageError(f"{source}: the CSV of values cannot be the map itself")
    loaded, journey = load_one(str(map_path), stderr)
    raw = read_input(str(map_path))
    name = "<stdin>" if source == STDIN else source
    try:
        rows = parse_values(_csv_text(source), [m.id for m in journey.metrics])
    except UpdateFailed as failed:
        for problem in failed.problems:
            stderr.write(f"{name}:{problem.line}: {problem.message}\n")
        count = len(failed.problems)
        raise MapProblems(f"{count} problem{'s' if count != 1 else ''} in {name}; "
                          f"{map_path} was not changed") from None
    if not rows:
        stderr.write(f"{name}: no values; {map_path} was not changed\n")
        return ExitCode.OK
    new_raw, changes = apply_values(raw, loaded, rows, today or dt.date.today())
    atomic_write_bytes(map_path, new_raw, [] if source == STDIN else [source])
    for change in changes:
        old = "none" if change.old_value is None else number_text(change.old_value)
        stdout.write(f"{change.metric}: {old} -> {number_text(change.new_value)} "
                     f"(measured {change.measured.isoformat()})\n")
    stderr.write(f"Updated {len(changes)} metric{'s' if len(changes) != 1 else ''} in "
                 f"{map_path}.\n")
    return ExitCode.OK


def list_metrics(paths: list[str], *, output_format: str = "table",
                 output: Path | None = None, stdout: TextIO, stderr: TextIO) -> ExitCode:
    if output_format not in METRICS_REPORTERS:
        raise UsageError(f"unknown format {output_format!r}; choose one of "
                         f"{', '.join(METRICS_REPORTERS)}")
    files = expand(paths)
    rows = [MetricRow(m.path, journey.id, state)
            for m, journey in load_all(files, stderr)
            for state in metric_states(journey.metrics)]
    if output is None or str(output) == "-":
        METRICS_REPORTERS[output_format](stdout, color=wants_color(stdout)).report(rows)
    else:
        with text_output(output, files) as stream:
            METRICS_REPORTERS[output_format](stream).report(rows)
        stderr.write(f"Metrics written to {output}.\n")
    return ExitCode.OK
