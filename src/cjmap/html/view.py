"""A loaded map -> its HTML view: the lint findings to show, then the page."""

from __future__ import annotations

from pathlib import Path

from cjmap.findings import Finding, Severity
from cjmap.html.page import Live, build_page
from cjmap.lint.engine import LintOptions, check_loaded
from cjmap.load import STDIN, LoadedMap
from cjmap.render.graphviz import Engine
from cjmap.render.options import RenderOptions


def display_name(path: str) -> str:
    return "standard input" if path == STDIN else Path(path).name


def shown_findings(loaded: LoadedMap, lint: LintOptions) -> list[Finding]:
    """The map's lint findings at warning level and above, as ``cjmap lint`` finds them."""
    result = check_loaded(loaded, lint)
    return [f for f in result.findings if f.severity.rank >= Severity.WARNING.rank]


def render_view(loaded: LoadedMap, graphviz: Engine, options: RenderOptions, lint: LintOptions,
                *, live: Live | None = None, over_time: str = "") -> str:
    """The HTML view of a map that loaded (``loaded.journey`` is not None); ``over_time``
    is the markup of its history charts, if any (:mod:`cjmap.html.history`)."""
    if loaded.journey is None:
        raise ValueError(f"{loaded.path} did not load; there is nothing to show")
    return build_page(loaded.journey, shown_findings(loaded, lint), graphviz, options,
                      name=display_name(loaded.path), live=live, over_time=over_time)
