"""``cjmap metrics list`` and ``cjmap metrics update`` (docs/history.md, "Metrics").

``update`` is all or nothing: every problem of the CSV is written to stderr with its line
(``values.csv:3: unknown metric 'nsp' (did you mean 'nps'?)``) and then the command stops
with exit 1 before anything is written; otherwise the map is rewritten atomically with only
the changed values' lines (and new ``measured`` lines) different.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from cjmap.commands import Streams
from cjmap.commands.maps import expand, load_all
from cjmap.errors import ExitCode, InputError, MapProblems, UsageError
from cjmap.fastgc import fast_gc
from cjmap.load import STDIN, read_input
from cjmap.metrics.targets import metric_states
from cjmap.metrics.update import UpdateFailed, apply_values, number_text, parse_values
from cjmap.output import atomic_write_bytes, text_output
from cjmap.reporting.formats import METRICS_REPORTERS
from cjmap.reporting.metrics.base import MetricRow
from cjmap.reporting.text import plural
from cjmap.terminal import wants_color

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


def update_metrics(map_path: Path, source: str, *, today: dt.date | None = None,
                   streams: Streams) -> ExitCode:
    """Set the map's metric values from the CSV ``source``, all or nothing."""
    if str(map_path) == STDIN:  # the edited map is written back in place: it needs a file
        raise UsageError("metrics update edits a map file in place; name the file, "
                         "not standard input ('-')")
    # realpath, not Path.resolve: a symlink loop is refused when read, not a crash here.
    if source != STDIN and os.path.realpath(source) == os.path.realpath(map_path):
        raise UsageError(f"{source}: the CSV of values cannot be the map itself")
    # The map's own metrics: a library's are set in the library (it is edited, not this).
    ((loaded, journey),) = load_all([str(map_path)], streams, libraries=False)
    raw = read_input(str(map_path))
    name = "<stdin>" if source == STDIN else source
    try:
        rows = parse_values(_csv_text(source), [m.id for m in journey.metrics])
    except UpdateFailed as failed:
        for problem in failed.problems:
            streams.note(f"{name}:{problem.line}: {problem.message}")
        raise MapProblems(f"{plural(len(failed.problems), 'problem')} in {name}; "
                          f"{map_path} was not changed") from None
    if not rows:
        streams.note(f"{name}: no values; {map_path} was not changed")
        return ExitCode.OK
    new_raw, changes = apply_values(raw, loaded, rows, today or dt.date.today())
    atomic_write_bytes(map_path, new_raw, [] if source == STDIN else [source])
    for change in changes:
        old = "none" if change.old_value is None else number_text(change.old_value)
        streams.line(f"{change.metric}: {old} -> {number_text(change.new_value)} "
                     f"(measured {change.measured.isoformat()})")
    streams.note(f"Updated {plural(len(changes), 'metric')} in {map_path}.")
    return ExitCode.OK


def list_metrics(paths: list[str], *, output_format: str = "table",
                 output: Path | None = None, streams: Streams) -> ExitCode:
    """Every metric of the maps against its target."""
    reporter = METRICS_REPORTERS.chosen(output_format)
    files = expand(paths)
    with fast_gc():
        rows = [MetricRow(m.path, journey.id, state)
                for m, journey in load_all(files, streams)
                for state in metric_states(journey.metrics)]
    with text_output(output, files, streams.stdout) as stream:
        reporter(stream, color=stream is streams.stdout and wants_color(stream)).report(rows)
    if stream is not streams.stdout:
        streams.note(f"Metrics written to {output}.")
    return ExitCode.OK
