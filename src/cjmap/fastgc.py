"""A pause of the cyclic garbage collector, for a process cjmap owns.

Loading a map allocates tens of thousands of containers and makes no reference cycles,
so the collector would only walk them again and again (a tenth of the time of a load).
The commands (the CLI's process) and the lint workers (processes of their own) enter
:func:`fast_gc` around their work; the library never does: a caller's own reference
cycles must stay collectable (docs/architecture.md, "No global side effects").
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def fast_gc() -> Iterator[None]:
    """Hold off the collector; afterwards freeze what was allocated out of later passes.

    Without the freeze, the next collections would walk the maps still alive (a diff
    after two loads took twice as long as the loads for it); reference counting still
    frees them. Re-entrant: an inner use leaves the decision to the outer one.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


@contextmanager
def command_scope() -> Iterator[None]:
    """The extent of one command: what :func:`fast_gc` froze during it is unfrozen at its end.

    In the CLI's own process that changes nothing (the process ends); a program or a test
    that runs commands in its own process gets its objects back under the collector. Only
    a freeze the command made is undone: one the caller made before stays as it was.
    """
    frozen_before = gc.get_freeze_count()
    try:
        yield
    finally:
        if frozen_before == 0 and gc.get_freeze_count():
            gc.unfreeze()
