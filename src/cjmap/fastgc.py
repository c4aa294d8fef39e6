"""A pause of the cyclic garbage collector, for a process cjmap owns.

Loading a map allocates tens of thousands of containers and makes no reference cycles,
so the collector would only walk them again and again (a tenth of the time of a load).
The commands (the CLI's process) and the lint workers (processes of their own) enter
:func:`fast_gc` around their work; the library never does: a caller's own reference
cycles must stay collectable (docs/architecture.md, "No global side effects").

The entry point (:mod:`cjmap.start`) pauses the collector through start-up with
:func:`pause_for_startup`; the first :func:`fast_gc` takes that pause over, and ends it
like its own.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Whether the collector is paused by pause_for_startup (and not yet handed over).
_startup_pause = {"active": False}


def pause_for_startup() -> None:
    """Pause the collector until a command's :func:`fast_gc` takes over.

    Only the process's entry point calls this: importing typer, pydantic and the
    models makes no reference cycles, and about 80 collections walked them for nothing.
    """
    if gc.isenabled():
        gc.disable()
        _startup_pause["active"] = True


@contextmanager
def fast_gc() -> Iterator[None]:
    """Hold off the collector; afterwards freeze what was allocated out of later passes.

    Without the freeze, the next collections would walk the maps still alive (a diff
    after two loads took twice as long as the loads for it); reference counting still
    frees them. Re-entrant: an inner use leaves the decision to the outer one.
    """
    collecting = gc.isenabled() or _startup_pause["active"]
    _startup_pause["active"] = False
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
