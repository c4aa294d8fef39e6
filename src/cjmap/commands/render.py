"""``cjmap render``: draw maps as journey-map pictures (SVG, PNG, PDF or DOT), or as the
interactive HTML view of docs/share.md (drawn by :mod:`cjmap.html` around the SVG).

Where pictures go:
- ``-o FILE`` (one map): that file; ``-o -`` writes to standard output;
- ``--out-dir DIR`` (any number of maps): ``DIR/<name>.<format>``, DIR created if needed;
- neither: ``<name>.<format>`` in the current directory,
where ``<name>`` is the map's file name without ``.cjmap.yaml`` (its ``id`` for stdin).
Every file is written atomically and never over an input. A map that fails to load
gets its findings on stderr and makes the exit code 1; the other maps are still drawn.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cjmap.choices import RENDER_FORMATS, THEMES
from cjmap.commands import Streams
from cjmap.commands.maps import expand, load_map, usable
from cjmap.errors import ExitCode, UsageError
from cjmap.fastgc import fast_gc
from cjmap.libraries import LibraryCache, problem_findings
from cjmap.load import LoadedMap
from cjmap.model import JourneyMap
from cjmap.output import (
    atomic_write_bytes,
    check_output_path,
    ensure_directory,
    refuse_inputs,
)
from cjmap.render import draw, format_of_suffix, known_suffixes
from cjmap.render.graphviz import EmbeddedJob, Engine, Job, find_graphviz
from cjmap.render.lanes import parse_lanes
from cjmap.render.layout import layout
from cjmap.render.options import ENV_MAX_TOUCHPOINTS, RenderOptions, max_touchpoints
from cjmap.render.pages import page_size, render_pages
from cjmap.render.themes import get_theme
from cjmap.terminal import is_terminal, printable, wants_progress

if TYPE_CHECKING:
    from rich.progress import Progress

    from cjmap.history import History

_MAP_SUFFIXES = (".cjmap.yaml", ".cjmap.yml", ".yaml", ".yml")
_BINARY = ("png", "pdf")


def choose_format(output_format: str | None, output: Path | None) -> str:
    """--format wins; else the suffix of -o (an unknown one is an error); else svg."""
    if output_format is not None:
        return RENDER_FORMATS.check(output_format.strip().lower())
    if output is not None and str(output) != "-" and output.suffix:
        by_suffix = format_of_suffix(output.suffix)
        if by_suffix is None:
            raise UsageError(f"-o {output}: {output.suffix!r} is no format cjmap render "
                             f"writes; use one of {known_suffixes()}, or choose the "
                             "format with --format")
        return by_suffix
    return "svg"


def _lanes(spec: str | None) -> tuple[str, ...]:
    """The chosen lanes; the core's message gets the option's name in front."""
    try:
        return parse_lanes(spec)
    except UsageError as exc:
        raise UsageError(f"--lanes: {exc}") from None


def _sayer(progress: Progress | None, streams: Streams) -> Callable[[str], None]:
    """A line for the user (control characters escaped): above the progress bar when
    there is one."""
    def say(message: str) -> None:
        if progress is not None:
            progress.console.print(printable(message), markup=False)
        else:
            streams.note(message)
    return say


def _claim(target: Path, path: str, targets: dict[Path, str], paths: list[str]) -> None:
    """Refuse a second map drawn to the same file, and any output over an input."""
    if target in targets:
        raise UsageError(f"{path} and {targets[target]} would both be drawn to {target}; "
                         "rename one")
    targets[target] = path
    refuse_inputs(target, paths)


def _check_outputs(output: Path | None, out_dir: Path | None, maps: int, fmt: str,
                   stdout: TextIO) -> bool:
    """Refuse output options that cannot work; returns whether output is stdout."""
    if output is not None and out_dir is not None:
        raise UsageError("use either -o/--output (one map) or --out-dir (many), not both")
    if output is not None and maps > 1:
        raise UsageError(f"-o names one file but {maps} maps were given; "
                         "use --out-dir for several maps")
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and fmt in _BINARY and is_terminal(stdout):
        raise UsageError(f"refusing to write {fmt.upper()} to a terminal; use -o FILE")
    if output is not None and not to_stdout:
        check_output_path(output)  # before any drawing: exit 2 in one line
    return to_stdout


def _prepare_out_dir(paths: list[str], out_dir: Path, fmt: str) -> None:
    """Refuse two maps drawn to one file, then make the directory; both before drawing.

    Two maps of one file name in different directories collide; a map from stdin is
    named by its id, known only once loaded (``_claim`` catches that one).
    """
    drawn_by: dict[str, str] = {}
    for path in paths:
        if path == "-":
            continue
        name = f"{output_name(path, '')}.{fmt}"
        if name in drawn_by:
            raise UsageError(f"{drawn_by[name]} and {path} would both be drawn to "
                             f"{out_dir / name}; render them to different --out-dir")
        drawn_by[name] = path
    ensure_directory(out_dir)


def _options(persona: str | None, lanes: str | None, theme: str) -> RenderOptions:
    return RenderOptions(persona=persona, lanes=_lanes(lanes), theme=get_theme(THEMES.check(theme)),
                         max_touchpoints=max_touchpoints(os.environ.get(ENV_MAX_TOUCHPOINTS)))


def _draw(loaded: LoadedMap, journey: JourneyMap, options: RenderOptions, fmt: str,
          job: Job | EmbeddedJob | None, graphviz: Engine | None, page: str | None,
          history: History | None = None) -> bytes:
    """The picture's bytes: one drawing, --page's pages (each with its own Graphviz), or
    the HTML view around the drawings (with the charts of ``history``, if given)."""
    if fmt == "html" and graphviz is not None:
        return _html_view(loaded, options, graphviz, history)
    if page is not None and graphviz is not None:
        if job is not None:
            job.cancel()
        return render_pages(journey, options, page, graphviz)
    return draw(layout(journey, options), fmt, job)


def _check_page(page: str | None, fmt: str) -> None:
    """--page lays a PDF out on paper: a known size, and PDF output."""
    if page is None:
        return
    try:
        page_size(page)
    except UsageError as exc:
        raise UsageError(f"--page: {exc}") from None
    if fmt != "pdf":
        raise UsageError(f"--page lays out PDF pages, not {fmt.upper()}; write to a .pdf "
                         "file or add --format pdf")


def _histories(paths: list[str], wanted: bool, fmt: str) -> dict[str, History]:
    """Each map's history in git for --history, read before anything is drawn, so that a
    map outside git is one line and exit 2 with no file written (docs/history.md)."""
    if not wanted:
        return {}
    if fmt != "html":
        raise UsageError(f"--history adds charts to the HTML view, not to {fmt.upper()}; "
                         "write to a .html file or add --format html")
    if "-" in paths:
        raise UsageError("--history reads a map's versions from git; name the map file "
                         "instead of standard input")
    from cjmap.commands.history import read_history
    from cjmap.reporting.history.chart import require_matplotlib

    require_matplotlib("--history")
    return {path: read_history(path) for path in paths}


def output_name(path: str, map_id: str) -> str:
    if path == "-":
        return map_id
    name = Path(path).name
    for suffix in _MAP_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return Path(name).stem or map_id


@contextmanager
def _progress(total: int, stderr: TextIO) -> Iterator[Progress | None]:
    """A rich progress bar for several maps (:mod:`cjmap.terminal` decides where)."""
    if total < 2 or not wants_progress(stderr, None):
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=stderr, highlight=False), transient=True) as progress:
        yield progress


def render(
    maps: list[str],
    *,
    output: Path | None = None,
    output_format: str | None = None,
    persona: str | None = None,
    lanes: str | None = None,
    theme: str = "light",
    out_dir: Path | None = None,
    page: str | None = None,
    history: bool = False,
    search_path: str | None = None,
    streams: Streams,
) -> ExitCode:
    """Draw each map; returns 1 when a map could not be loaded, else 0. ``history`` adds
    the HTML view's charts over time; ``search_path`` replaces PATH when looking for
    Graphviz (tests hide it this way)."""
    fmt = choose_format(output_format, output)
    options = _options(persona, lanes, theme)
    _check_page(page, fmt)
    paths = expand(maps or ["."])
    to_stdout = _check_outputs(output, out_dir, len(paths), fmt, streams.stdout)
    graphviz: Engine | None = None if fmt == "dot" else find_graphviz(search_path)
    histories = _histories(paths, history, fmt)
    if out_dir is not None:
        _prepare_out_dir(paths, out_dir, fmt)

    failed = 0
    targets: dict[Path, str] = {}
    cache = LibraryCache()
    with fast_gc(), _progress(len(paths), streams.stderr) as progress:
        task = progress.add_task("Rendering", total=len(paths)) if progress else None
        say = _sayer(progress, streams)
        for path in paths:
            # Graphviz starts first so that its start-up overlaps loading and layout.
            job = graphviz.start(fmt) if graphviz is not None and fmt != "html" else None
            try:
                loaded = load_map(path, cache)
                if loaded.journey is None or not usable(loaded):
                    failed += 1
                    _refused(path, loaded, say)
                else:
                    target = output if output is not None else (out_dir or Path(".")) / (
                        f"{output_name(path, loaded.journey.id)}.{fmt}")
                    if not to_stdout:
                        _claim(target, path, targets, paths)
                    data = _draw(loaded, loaded.journey, options, fmt, job, graphviz, page,
                                 histories.get(path))
                    if to_stdout:
                        _write_stdout(streams.stdout, data)
                    else:
                        atomic_write_bytes(target, data, paths)
                        say(f"Wrote {target}")
            finally:
                if job is not None:
                    job.cancel()
            if progress is not None and task is not None:
                progress.advance(task)
    return ExitCode.PROBLEMS if failed else ExitCode.OK


def _refused(path: str, loaded: LoadedMap, say: Callable[[str], None]) -> None:
    """Say why a map is not drawn: its findings, then what to do."""
    for finding in [*loaded.findings, *problem_findings(loaded)]:
        say(finding.concise)
    say(f"cjmap: {path}: not rendered: fix the errors above (cjmap lint shows all)")


def _html_view(loaded: LoadedMap, options: RenderOptions, graphviz: Engine,
               history: History | None) -> bytes:
    """The self-contained HTML view, with the findings ``cjmap lint`` would report here
    and, when ``history`` is given, its charts over time."""
    from cjmap.config import load_config
    from cjmap.html.view import render_view
    from cjmap.lint.engine import LintOptions

    over_time = ""
    if history is not None:
        from cjmap.html.history import over_time_section

        over_time = over_time_section(history)
    lint = LintOptions.from_config(load_config())
    return render_view(loaded, graphviz, options, lint, over_time=over_time).encode("utf-8")


def _write_stdout(stdout: TextIO, data: bytes) -> None:
    buffer = getattr(stdout, "buffer", None)
    if buffer is not None:
        stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:
        stdout.write(data.decode("utf-8", "replace"))
