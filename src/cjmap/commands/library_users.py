"""Which maps use a library: for ``cjmap diff --git BASE``, which lists them under each
changed library (docs/portfolio.md, "Diff and review")."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from cjmap import gitio
from cjmap.config import find_maps, load_config
from cjmap.diff import DiffResult
from cjmap.errors import InputError
from cjmap.libraries import is_library_path, library_path
from cjmap.load import load_path


class _Side(Protocol):
    @property
    def data(self) -> bytes | None: ...
    @property
    def path(self) -> str | None: ...


def maps_using(root: Path) -> dict[str, list[str]]:
    """The maps under ``root`` (by the configured globs) that use each library, by the
    library's real path; the maps as paths relative to ``root``, in the globs' order."""
    users: dict[str, list[str]] = {}
    for path in find_maps([str(root)], load_config()):
        if is_library_path(path):
            continue
        try:
            loaded = load_path(path)
        except InputError:
            continue  # unreadable maps use nothing that can be known
        if loaded.journey is None:
            continue
        name = os.path.relpath(path, root)
        for entry in dict.fromkeys(loaded.journey.uses):
            target = os.path.realpath(library_path(os.path.dirname(path), entry))
            users.setdefault(target, []).append(name)
    return users


def with_users(results: list[DiffResult], pairs: Sequence[tuple[_Side, _Side]],
               ) -> list[DiffResult]:
    """The results, each library's with the maps of the work tree that use it (the maps
    as they are now, which is what the library's change reaches)."""
    libraries = [i for i, (old, new) in enumerate(pairs)
                 if (new.path or old.path) and is_library_path(str(new.path or old.path))]
    if not libraries:
        return results
    root = gitio.repo_root()
    users = maps_using(root)
    out = list(results)
    for i in libraries:
        old, new = pairs[i]
        where = str(new.path) if new.data is not None else str(root / str(old.path))
        out[i] = replace(out[i], used_by=tuple(users.get(os.path.realpath(where), ())))
    return out
