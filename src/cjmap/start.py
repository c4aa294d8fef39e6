"""The ``cjmap`` process's entry point (``cjmap`` and ``python -m cjmap``).

Start-up is most of what a one-file lint costs (docs/performance.md, "One map"): the
imports of typer, pydantic and the models allocate hundreds of thousands of objects and
no garbage, so the cyclic collector would walk them over and over for nothing. This
module, which owns the process, pauses the collector before anything is imported; the
command's :func:`cjmap.fastgc.fast_gc` takes the pause over and ends it (freezing what
start-up allocated out of later passes). Nothing is imported here at module level.
"""

from __future__ import annotations

from typing import Any


def main() -> Any:
    """Console-script entry point: the command line of :mod:`cjmap.cli`, started fast."""
    from cjmap.fastgc import pause_for_startup

    pause_for_startup()
    from cjmap.cli import main as run

    return run()
