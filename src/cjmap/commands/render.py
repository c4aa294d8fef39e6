"""``cjmap render``: draw maps as journey-map pictures (SVG, PNG, PDF or DOT).

Where pictures go:
- ``-o FILE`` (one map): that file; ``-o -`` writes to standard output;
- ``--out-dir DIR`` (any number of maps): ``DIR/<name>.<format>``, DIR created if needed;
- neither: ``<name>.<format>`` in the current directory,
where ``<name>`` is the map's file name without ``.cjmap.yaml`` (its ``id`` for stdin).
Every file is written atomically and never over an input. A map that fails to load
gets its findings on stderr and makes the exit code 1; the other maps are still drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cjmap.choices import RENDER_FORMATS, THEMES
from cjmap.commands import Streams
from cjmap.commands.maps import expand, usable
from cjmap.errors import ExitCode, UsageError
from cjmap.fastgc import fast_gc
from cjmap.load import load_path
from cjmap.output import atomic_write_bytes, refuse_inputs
from cjmap.render import draw
from cjmap.render.graphviz import Engine, find_graphviz
from cjmap.render.layout import RenderOptions, layout, parse_lanes
from cjmap.render.themes import get_theme
from cjmap.terminal import is_terminal, printable, wants_progress

SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
if TYPE_CHECKING:
    from rich.progress import Progress

_MAP_SUFFIXES = (".cjmap.yaml", ".cjmap.yml", ".yaml", ".yml")
_BINARY = ("png", "pdf")


def choose_format(output_format: str | None, output: Path | None) -> str:
    """--format wins; else the suffix of -o; else svg."""
    if output_format is not None:
        return RENDER_FORMATS.check(output_format.strip().lower())
    if output is not None and str(output) != "-":
        return SUFFIXES.get(output.suffix.lower(), "svg")
    return "svg"


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


@dataclass(frozen=True, slots=True)
class _Job:
    """What every map of one ``cjmap render`` shares."""

    fmt: str
    options: RenderOptions
    output: Path | None
    out_dir: Path | None
    paths: list[str]
    graphviz: Engine | None

    @property
    def to_stdout(self) -> bool:
        return self.output is not None and str(self.output) == "-"


def render(
    maps: list[str],
    *,
    output: Path | None = None,
    output_format: str | None = None,
    persona: str | None = None,
    lanes: str | None = None,
    theme: str = "light",
    out_dir: Path | None = None,
    search_path: str | None = None,
    streams: Streams,
) -> ExitCode:
    """Draw each map; returns 1 when a map could not be loaded, else 0.

    ``search_path`` replaces PATH when looking for Graphviz (tests hide it this way).
    """
    fmt = choose_format(output_format, output)
    options = RenderOptions(persona=persona, lanes=parse_lanes(lanes),
                            theme=get_theme(THEMES.check(theme)))
    if output is not None and out_dir is not None:
        raise UsageError("use either -o/--output (one map) or --out-dir (many), not both")
    paths = expand(maps or ["."])
    if output is not None and len(paths) > 1:
        raise UsageError(f"-o names one file but {len(paths)} maps were given; "
                         "use --out-dir for several maps")
    job = _Job(fmt, options, output, out_dir, paths,
               None if fmt == "dot" else find_graphviz(search_path))
    if job.to_stdout and fmt in _BINARY and is_terminal(streams.stdout):
        raise UsageError(f"refusing to write {fmt.upper()} to a terminal; use -o FILE")
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise UsageError(f"--out-dir {out_dir}: not a directory")
        out_dir.mkdir(parents=True, exist_ok=True)

    failed = 0
    targets: dict[Path, str] = {}
    with fast_gc(), _progress(len(paths), streams.stderr) as progress:
        task = progress.add_task("Rendering", total=len(paths)) if progress else None

        def say(message: str) -> None:
            if progress is not None:
                progress.console.print(printable(message), markup=False)
            else:
                streams.note(message)

        for path in paths:
            failed += not _render_one(path, job, targets, say, streams.stdout)
            if progress is not None and task is not None:
                progress.advance(task)
    return ExitCode.PROBLEMS if failed else ExitCode.OK


def _render_one(path: str, job: _Job, targets: dict[Path, str],
                say: Callable[[str], None], stdout: TextIO) -> bool:
    """Draw one map; False when it could not be loaded (its findings said)."""
    # Graphviz starts first so that its start-up overlaps loading and layout.
    process = job.graphviz.start(job.fmt) if job.graphviz is not None else None
    try:
        loaded = load_path(path)
        if loaded.journey is None or not usable(loaded):
            for finding in loaded.findings:
                say(finding.concise)
            say(f"cjmap: {path}: not rendered: fix the errors above (cjmap lint shows all)")
            return False
        target = job.output if job.output is not None else (job.out_dir or Path(".")) / (
            f"{output_name(path, loaded.journey.id)}.{job.fmt}")
        if not job.to_stdout:
            if target in targets:
                raise UsageError(f"{path} and {targets[target]} would both be "
                                 f"drawn to {target}; rename one")
            targets[target] = path
            refuse_inputs(target, job.paths)
        data = draw(layout(loaded.journey, job.options), job.fmt, process)
        if job.to_stdout:
            _write_stdout(stdout, data)
        else:
            atomic_write_bytes(target, data, job.paths)
            say(f"Wrote {target}")
        return True
    finally:
        if process is not None:
            process.cancel()


def _write_stdout(stdout: TextIO, data: bytes) -> None:
    buffer = getattr(stdout, "buffer", None)
    if buffer is not None:
        stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:
        stdout.write(data.decode("utf-8", "replace"))
