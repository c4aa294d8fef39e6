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
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from bench.timing import Clock, median_rows

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


def _timed(chunks: Iterable[str], clock: Clock) -> Iterator[str]:
    """The DOT chunks; the lap ends when Graphviz has been handed the last one."""
    yield from chunks
    clock.lap("dot")


def _run(source: str, target: str) -> dict[str, tuple[float, float]]:
    clock = Clock()
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


def _draw(render: ModuleType, picture: Picture, job: Job | EmbeddedJob, clock: Clock) -> bytes:
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
    return median_rows(samples, PHASES, f"phase (median of {runs} fresh processes)", 60)


if __name__ == "__main__":
    print(json.dumps(_run(sys.argv[1], sys.argv[2])))
