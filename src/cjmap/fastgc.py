"""A pause of the cyclic garbage collector, for a process cjmap owns.

Loading a map allocates tens of thousands of containers and makes no reference cycles,
so the collector would only walk them again and again (a tenth of the time of a load).
The commands (the CLI's process) and the lint workers (processes of their own) enter
:func:`fast_gc` around their work; the library never does: a caller's own reference
cycles must stay collectable (docs/architecture.md, "No global side effects").

The entry point (:mod:`cjmap.start`) holds the collector off through start-up with
:func:`pause_for_startup`; the first :func:`fast_gc` takes that over, and ends it like
its own pause.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# The youngest generation's threshold through start-up: above the ~50,000 containers
# that importing typer, pydantic and the models allocates before a lint starts, so that
# start-up never collects, yet a command that never enters fast_gc (a long-running
# preview) still collects, only less often than at the default of 700.
STARTUP_THRESHOLD = 100_000

# The thresholds pause_for_startup replaced, until fast_gc restores them.
_before_startup: dict[str, tuple[int, ...]] = {}
# Whether this is the CLI's own process (cjmap.start called pause_for_startup).
_cli_process = {"owned": False}


def pause_for_startup() -> None:
    """Hold the collector off until a command's :func:`fast_gc` takes over.

    Only the process's entry point calls this: start-up allocates long-lived objects
    and no garbage, and about 80 collections walked them for nothing.
    """
    _cli_process["owned"] = True
    if gc.isenabled() and not _before_startup:
        thresholds = gc.get_threshold()
        _before_startup["thresholds"] = thresholds
        gc.set_threshold(STARTUP_THRESHOLD, *thresholds[1:])


@contextmanager
def fast_gc() -> Iterator[None]:
    """Hold off the collector; afterwards freeze what was allocated out of later passes.

    Without the freeze, the next collections would walk the maps still alive (a diff
    after two loads took twice as long as the loads for it); reference counting still
    frees them. Re-entrant: an inner use leaves the decision to the outer one.
    """
    startup = _before_startup.pop("thresholds", None)
    if startup is not None:
        gc.set_threshold(*startup)
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

    A program or a test that runs commands in its own process gets its objects back
    under the collector. Only a freeze the command made is undone: one the caller made
    before stays as it was. The CLI's own process (started by :mod:`cjmap.start`) keeps
    the freeze: it ends with the command, and unfrozen, Python's last collection at exit
    would walk everything start-up and the command allocated (about 7 ms for a lint).
    """
    if _cli_process["owned"]:
        # Nothing to decide, so nothing asked: gc.get_freeze_count() walks every frozen
        # object (about 2 ms after a lint's start-up and command).
        yield
        return
    frozen_before = gc.get_freeze_count()
    try:
        yield
    finally:
        if frozen_before == 0 and gc.get_freeze_count():
            gc.unfreeze()
