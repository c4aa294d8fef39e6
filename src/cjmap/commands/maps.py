"""Loading maps for the commands that need them whole (render, diff, score).

A map that fails to load stops those commands with exit 1 and its findings, in the
same ``path:line:col: CODE [severity] message`` form as ``cjmap lint --format concise``.
"""

from __future__ import annotations

from typing import NoReturn

from cjmap.commands import Streams
from cjmap.config import find_maps, load_config
from cjmap.errors import MapProblems, UsageError
from cjmap.load import LoadedMap, load_path
from cjmap.model import JourneyMap


def expand(targets: list[str]) -> list[str]:
    """Files named, plus the maps found (by the configured globs) in directories named."""
    files = list(find_maps(targets, load_config()))
    if not files:
        raise UsageError(f"no map files found in {', '.join(targets)}")
    return files


def usable(loaded: LoadedMap) -> bool:
    """Whether a map may be drawn, diffed or scored.

    A duplicate key still yields a map, but which value was meant is a guess: every
    loader finding is an error, so a map with any of them is refused.
    """
    return loaded.journey is not None and not loaded.findings


def load_all(paths: list[str], streams: Streams) -> list[tuple[LoadedMap, JourneyMap]]:
    """Load every map; when any fails, report the findings of all that failed and stop."""
    loaded = [load_path(p) for p in paths]
    failed = [m for m in loaded if not usable(m)]
    if failed:
        refuse(failed, streams)
    return [(m, m.journey) for m in loaded if m.journey is not None]


def refuse(failed: list[LoadedMap], streams: Streams) -> NoReturn:
    """Write the findings of every map that failed to load, then stop with exit 1."""
    for m in failed:
        for f in m.findings:
            streams.note(f.concise)
    names = ", ".join(m.path for m in failed)
    raise MapProblems(f"cannot load {names}: fix the problems above (cjmap lint shows all)")

