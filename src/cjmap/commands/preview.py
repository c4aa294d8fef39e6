"""``cjmap preview MAP``: the map's HTML view on 127.0.0.1, following every save.

Ctrl-C stops it with exit 0; a port in use or a missing Graphviz is exit 2.
"""

from __future__ import annotations

import contextlib
import os
import threading
import webbrowser
from typing import TextIO

from cjmap.commands import Streams
from cjmap.commands.maps import usable
from cjmap.commands.render import _options as render_options
from cjmap.config import load_config
from cjmap.errors import ExitCode, UsageError
from cjmap.html import Live, problem_page
from cjmap.html.view import display_name, render_view
from cjmap.inputs import TooLarge, read_bounded
from cjmap.libraries import LibraryCache, problem_findings, resolve_loaded
from cjmap.lint.engine import LintOptions
from cjmap.load import load_bytes
from cjmap.preview import Built, Preview, Problem, bind
from cjmap.render.graphviz import Engine, find_graphviz
from cjmap.render.options import RenderOptions
from cjmap.yamlio import DEFAULT_MAX_BYTES


def _builder(path: str, graphviz: Engine, options: RenderOptions, lint: LintOptions,
             stderr: TextIO) -> tuple[Preview, str]:
    """The preview state, whose builder also tells the terminal how each save went."""
    name = display_name(path)

    def build(raw: bytes, version: int) -> Built:
        # Libraries are read afresh for each save: they may have changed too.
        loaded = resolve_loaded(load_bytes(raw, path, lint.limits), LibraryCache())
        if loaded.journey is None or not usable(loaded):
            problems = [*loaded.findings, *problem_findings(loaded)]
            for finding in problems:
                stderr.write(finding.concise + "\n")
            stderr.flush()
            return Built(None, tuple(Problem(f.line, f.column, f.code, f.message)
                                     for f in problems))
        page = render_view(loaded, graphviz, options, lint, live=Live(version))
        stderr.write(f"Updated the view of {path}\n")
        stderr.flush()
        return Built(page)

    return Preview(path, build), name


def preview(
    path: str,
    *,
    port: int = 0,
    open_browser: bool = False,
    persona: str | None = None,
    lanes: str | None = None,
    theme: str = "light",
    streams: Streams,
) -> ExitCode:
    """Serve the view until Ctrl-C."""
    if path == "-" or os.path.isdir(path):
        raise UsageError(f"{path}: preview follows one map file; name the file")
    with contextlib.suppress(TooLarge):  # that one is shown on the page, as map problems are
        read_bounded(path, DEFAULT_MAX_BYTES)  # no such file, a pipe, a device: exit 2 now
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: choose a port from 1 to 65535 (or leave it out)")
    # The same drawing options, checked the same way, as `cjmap render`.
    options = render_options(persona, lanes, theme)
    graphviz = find_graphviz()
    state, name = _builder(path, graphviz, options, LintOptions.from_config(load_config()),
                           streams.stderr)
    # The port first: one in use is exit 2 before the map is drawn and reported on.
    server = bind(state, port)
    try:
        state.refresh()
    except BaseException:
        server.server_close()
        raise
    if not state.page:
        rows = [(p.line, p.column, p.code, p.message) for p in state.problems]
        state.page = problem_page(name, rows, Live(0)).encode("utf-8")
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    streams.line(f"Previewing {path} at {url} (Ctrl-C stops)")
    streams.stdout.flush()
    watcher = threading.Thread(target=state.watch, name="cjmap-preview-watch", daemon=True)
    watcher.start()
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        streams.line("Stopped.")
    finally:
        state.stopped.set()
        server.server_close()
        watcher.join(timeout=2)
    return ExitCode.OK
