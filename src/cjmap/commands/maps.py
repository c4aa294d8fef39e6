"""Loading maps for the commands that need them whole (render, diff, score).

A map that fails to load stops those commands with exit 1 and its findings, in the
same ``path:line:col: CODE [severity] message`` form as ``cjmap lint --format concise``.
"""

from __future__ import annotations

from typing import NoReturn

from cjmap.commands import Streams
from cjmap.config import find_maps, load_config
from cjmap.errors import MapProblems, UsageError
from cjmap.libraries import LibraryCache, is_library_path, problem_findings, resolve_loaded
from cjmap.load import LoadedMap, load_path
from cjmap.model import JourneyMap


def expand(targets: list[str]) -> list[str]:
    """Files named, plus the maps found (by the configured globs) in directories named;
    libraries found in a directory are not maps (they are read through the maps)."""
    files = [f for f in find_maps(targets, load_config())
             if f in targets or not is_library_path(f)]
    if not files:
        raise UsageError(f"no map files found in {', '.join(targets)}")
    return files


def usable(loaded: LoadedMap) -> bool:
    """Whether a map may be drawn, diffed or scored.

    A duplicate key still yields a map, but which value was meant is a guess: every
    loader finding is an error, so a map with any of them is refused.
    """
    return loaded.journey is not None and not loaded.findings and not (
        loaded.resolved is not None and loaded.resolved.problems)


def load_map(path: str, cache: LibraryCache) -> LoadedMap:
    """Load a map and merge in the libraries it uses (docs/portfolio.md, "Libraries"):
    the one step every command takes, so that each sees a library's items as the map's."""
    return resolve_loaded(load_path(path), cache)


def load_all(paths: list[str], streams: Streams, *, libraries: bool = True,
             ) -> list[tuple[LoadedMap, JourneyMap]]:
    """Load every map with its libraries (each library read once); when any fails,
    report the findings of all that failed and stop. ``libraries=False`` keeps each
    map as written (for commands that edit the map's own file)."""
    cache = LibraryCache()
    loaded = [load_map(p, cache) if libraries else load_path(p) for p in paths]
    failed = [m for m in loaded if not usable(m)]
    if failed:
        refuse(failed, streams)
    return [(m, m.journey) for m in loaded if m.journey is not None]


def refuse(failed: list[LoadedMap], streams: Streams) -> NoReturn:
    """Write the findings of every map that failed to load, then stop with exit 1."""
    for m in failed:
        for f in [*m.findings, *problem_findings(m)]:
            streams.note(f.concise)
    names = ", ".join(m.path for m in failed)
    raise MapProblems(f"cannot load {names}: fix the problems above (cjmap lint shows all)")

