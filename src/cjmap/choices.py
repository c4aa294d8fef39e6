"""The fixed sets of values of the options that are not report formats.

The CLI builds its help and shell completion from these at start-up, before it may
import the renderer or the scorer (a tenth of a second each), so the names are
written here; tests/test_reporting.py checks that they are exactly the renderer's
formats, themes and page sizes and the scorer's methods. Report formats: the registries in
:mod:`cjmap.reporting`.
"""

from __future__ import annotations

from cjmap.reporting.registry import Choices

RENDER_FORMATS = Choices("format", ("svg", "png", "pdf", "dot", "html"))
THEMES = Choices("theme", ("light", "print"))
METHODS = Choices("method", ("weighted", "ice"))
PAGES = Choices("page size", ("a4", "a3", "letter"))
ROLLUPS = Choices("roll-up", ("persona", "channel", "stage", "owner"))
