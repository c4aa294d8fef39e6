"""Where the time of ``cjmap render MAP -o map.svg`` goes, phase by phase.

``python -m bench.render_phases MAP OUT`` does in one fresh process what the installed
``cjmap render`` does (the entry point's start-up, the command's imports, then the
command's steps in its order: Graphviz started first, load, layout, the DOT streamed to
Graphviz, the SVG finished and written) with a timer between the steps, and prints the
wall-clock and CPU milliseconds of each as JSON. :func:`phases` runs it several times
and gives the medians (docs/performance.md, "Render: where the time goes").

Python's own start (the interpreter, before any import) is not in the table:
``python -c pass`` measures it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjmap.load import LoadedMap
    from cjmap.render.graphviz import EmbeddedJob, Job
    from cjmap.render.scene import Picture

PHASES: tuple[tuple[str, str], ...] = (
    ("startup", "start-up: cjmap.cli (typer, the option tables)"),
    ("loader", "imports of the loader (PyYAML, pydantic, the models)"),
    ("imports", "imports of the render modules (lanes, Graphviz runner)"),
    ("load", "load the map (YAML, pydantic validation)"),
    ("layout", "layout (every box, line, curve and dot)"),
    ("dot", "DOT text, streamed to Graphviz as it is written"),
    ("graphviz", "waiting for Graphviz after the last DOT chunk"),
    ("finish", "finish_svg (titles, anchors) once Graphviz is done"),
    ("write", "atomic write of the SVG"),
)


class _Clock:
    """Wall-clock and CPU time of each phase, in milliseconds."""

    def __init__(self) -> None:
        self.times: dict[str, tuple[float, float]] = {}
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.times[name] = ((wall - self.wall) * 1000, (cpu - self.cpu) * 1000)
        self.wall, self.cpu = wall, cpu


def _timed(chunks: Iterable[str], clock: _Clock) -> Iterator[str]:
    """The DOT chunks; the lap ends when Graphviz has been handed the last one."""
    yield from chunks
    clock.lap("dot")


def _run(source: str, target: str) -> dict[str, tuple[float, float]]:
    clock = _Clock()
    from cjmap.fastgc import pause_for_startup
    from cjmap.start import without_pydantic_plugins

    pause_for_startup()
    without_pydantic_plugins()
    import cjmap.cli

    clock.lap("startup")
    import cjmap.commands.maps
    from cjmap.load import load_path

    try:  # the command's loading, with shared libraries (cjmap.libraries), where it has it
        from cjmap.commands.maps import load_map
        from cjmap.libraries import LibraryCache

        cache = LibraryCache()

        def load(path: str) -> LoadedMap:
            return load_map(path, cache)
    except ImportError:
        load = load_path
    clock.lap("loader")
    import cjmap.commands.render  # noqa: F401
    import cjmap.render as render
    from cjmap.fastgc import fast_gc
    from cjmap.output import atomic_write_bytes
    from cjmap.render.graphviz import find_graphviz
    from cjmap.render.layout import layout
    from cjmap.render.options import RenderOptions

    clock.lap("imports")
    with fast_gc():
        job = find_graphviz().start("svg")
        loaded = load(source)
        assert loaded.journey is not None
        clock.lap("load")
        picture = layout(loaded.journey, RenderOptions())
        clock.lap("layout")
        data = _draw(render, picture, job, clock)
        clock.lap("finish")
        atomic_write_bytes(Path(target), data, [source])
        clock.lap("write")
    return clock.times


def _draw(render: ModuleType, picture: Picture, job: Job | EmbeddedJob, clock: _Clock) -> bytes:
    """Graphviz fed and waited for, and the SVG finished, as this version of the code
    does it: as Graphviz writes it (``svg_finish``, a sink), else once it is done (the
    anchors computed before, as the command does, where the code has ``_finish_svg``)."""
    from cjmap.render.dot import dot_chunks  # imported with cjmap.render already

    chunks = _timed(dot_chunks(picture, None, html=job.html_labels), clock)
    if hasattr(render, "svg_finish"):
        data: bytes = job.finish(chunks, render.svg_finish(picture))
        clock.lap("graphviz")
        return data
    early = hasattr(render, "_finish_svg")
    anchors = render._anchors(picture) if early else {}
    data = job.finish(chunks)
    clock.lap("graphviz")
    if early:
        return bytes(render._finish_svg(data, picture.title, picture.description, anchors))
    return bytes(render.finish_svg(data, picture.title, picture.description, picture))


def phases(source: Path, target: Path, runs: int) -> list[str]:
    """Rows of a table: the median wall-clock and CPU milliseconds of each phase."""
    samples: list[dict[str, list[float]]] = []
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-m", "bench.render_phases", str(source),
                              str(target)], check=True, capture_output=True, env=env,
                             cwd=Path(__file__).resolve().parent.parent).stdout
        samples.append(json.loads(out))
    rows = [f"{'phase (median of ' + str(runs) + ' fresh processes)':<62} wall ms  CPU ms"]
    total_wall = total_cpu = 0.0
    for key, label in PHASES:
        wall = statistics.median(s[key][0] for s in samples)
        cpu = statistics.median(s[key][1] for s in samples)
        total_wall, total_cpu = total_wall + wall, total_cpu + cpu
        rows.append(f"  {label:<60} {wall:7.1f} {cpu:7.1f}")
    rows.append(f"  {'sum of the medians':<60} {total_wall:7.1f} {total_cpu:7.1f}")
    return rows


if __name__ == "__main__":
    print(json.dumps(_run(sys.argv[1], sys.argv[2])))
