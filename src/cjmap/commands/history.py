"""``cjmap history``: every version of a map in git, one row of figures each.

The commits come from ``git log --follow`` (renames followed) and every version's bytes
from one ``git cat-file --batch`` process (:class:`cjmap.gitio.BlobReader`), and so do the
libraries the map uses, as they were at each commit. Bad input —
not a repository, a file git never knew, a range that does not exist — is one line and
exit 2. In a shallow clone the versions that are there are reported, then the command
says the history is cut off and exits 2: a trend that silently starts late would mislead.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from cjmap import gitio
from cjmap.commands import Streams
from cjmap.errors import ExitCode, InputError, UsageError
from cjmap.fastgc import fast_gc
from cjmap.history import History, build_history
from cjmap.history.libraries import LibraryVersions
from cjmap.output import check_output_path, text_output
from cjmap.reporting.formats import HISTORY_REPORTERS
from cjmap.terminal import wants_color

CHART_FORMATS = ("svg", "png", "pdf")


def _where(path: str) -> tuple[Path | None, str]:
    """The directory to run git in and the pathspec of ``path`` from there."""
    parent = Path(path).parent
    if os.path.isdir(parent):  # os.path: a name too long is no directory, not a crash
        return parent, Path(path).name
    return None, path


def read_history(path: str, *, since: str | None = None, rev_range: str | None = None,
                 max_count: int | None = None) -> History:
    """The history of one map file from the git repository it is in."""
    if os.path.isdir(path):
        raise UsageError(f"{path}: is a directory; name the map file whose history to show")
    cwd, spec = _where(path)
    try:
        gitio.repo_root(cwd)
    except InputError as exc:
        if str(exc).startswith("not inside a git repository"):
            raise InputError(f"{path}: not inside a git repository; cjmap history reads "
                             "the versions of a map from git") from None
        raise
    shallow = gitio.is_shallow(cwd)
    versions = gitio.file_log(spec, cwd, rev_range=rev_range, since=since, max_count=max_count)
    if not versions:
        limits = " in the revisions asked for" if (since or rev_range) else ""
        cut = " (this is a shallow clone: git fetch --unshallow)" if shallow else ""
        raise InputError(f"{path}: git has no commit of this file{limits}{cut}")
    with gitio.BlobReader(cwd) as reader:
        pairs = [(v, None if v.deleted else reader.read(v.commit, v.path)) for v in versions]
        # The libraries the versions use, as they were at each commit, through the same
        # reader (each library blob read once: cjmap.history.libraries).
        return build_history(path, pairs, LibraryVersions(reader), shallow=shallow)


def _check_date(since: str | None) -> None:
    if since is None:
        return
    try:
        dt.date.fromisoformat(since)
    except ValueError:
        raise UsageError(f"--since {since!r} is not a date (YYYY-MM-DD)") from None


def chart_format(chart: Path) -> str:
    suffix = chart.suffix.lower().lstrip(".")
    if suffix not in CHART_FORMATS:
        raise UsageError(f"--chart {chart}: give a file ending in .svg, .png or .pdf")
    return suffix


def history(
    maps: list[str],
    *,
    output_format: str = "table",
    output: Path | None = None,
    since: str | None = None,
    rev_range: str | None = None,
    max_count: int | None = None,
    chart: Path | None = None,
    wide: bool = False,
    streams: Streams,
) -> ExitCode:
    """Report the versions of each map in git (and draw the trends of one to ``chart``)."""
    reporter = HISTORY_REPORTERS.chosen(output_format)
    if max_count is not None and max_count < 1:
        raise UsageError(f"--max must be at least 1, not {max_count}")
    if not maps:
        raise UsageError("name the map file whose history to show")
    if chart is not None:
        if len(maps) > 1:
            raise UsageError("--chart draws the history of one map; name one")
        chart_format(chart)
    for written in (output, chart):
        if written is not None and str(written) != "-":
            check_output_path(written)  # before git is asked anything: exit 2, one line
    _check_date(since)
    with fast_gc():
        histories = [read_history(m, since=since, rev_range=rev_range, max_count=max_count)
                     for m in maps]
    with text_output(output, maps, streams.stdout) as stream:
        reporter(stream, color=stream is streams.stdout and wants_color(stream),
                 wide=wide).report(histories)
    if stream is not streams.stdout:
        streams.note(f"History written to {output}.")
    if chart is not None:
        from cjmap.reporting.history.chart import write_chart

        write_chart(histories[0], chart, inputs=maps)
        streams.note(f"Chart written to {chart}.")
    shallow = [h.path for h in histories if h.shallow]
    if shallow:
        raise InputError(f"{', '.join(shallow)}: this repository is a shallow clone, so the "
                         "history above stops where the clone was cut; run git fetch "
                         "--unshallow for the whole of it")
    return ExitCode.OK
