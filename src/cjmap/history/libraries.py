"""The libraries a map uses, as they were at each of the map's commits (docs/history.md).

A map's ``uses`` paths are relative to the map; at a commit they lead to the library's
blob in that commit's tree, if there is one. Each blob is loaded once however many
commits have it: a library that changed three times over a hundred versions of the map
is read and validated three times. Git is asked through a :class:`BlobStore`
(:class:`cjmap.gitio.BlobReader` is one): first a blob's id and size, then its bytes
only when that blob is new. A blob over the cap of every input is never read
(docs/limits.md).

The loaded libraries are kept while their blobs add up to at most :data:`KEPT_BYTES`,
the least recently used going first: a library loaded is about 15 times its size in
memory, and a long history of a library changed at every commit would otherwise keep
all of its versions. Versions come in git's order, so a blob is needed again soon after
or never (unless the library goes back to an old text after many others).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from typing import Protocol

from cjmap.errors import InputError
from cjmap.gitio import BlobInfo
from cjmap.inputs import NoSuchFile, TooLarge
from cjmap.libraries import LoadedLibrary, load_library
from cjmap.source import SourceMap
from cjmap.yamlio import DEFAULT_LIMITS, Limits

KEPT_BYTES = 4 * 1024 * 1024
"""How many bytes of library blobs stay loaded (docs/limits.md), at least the last one."""


class BlobStore(Protocol):
    """Git's blobs: what is at a path in a commit, and the bytes of a blob."""

    def info(self, commit: str, path: str) -> BlobInfo | None: ...

    def read_blob(self, blob_id: str, limit: int) -> bytes | None: ...


def outside_repository(path: str) -> bool:
    """Whether a library path (from the repository's top, normalised) leaves the
    repository: git has no version of such a file."""
    return os.path.isabs(path) or path == os.pardir or path.startswith(os.pardir + os.sep)


class LibraryVersions:
    """The libraries of every version of a map, loaded once per blob (``reads`` counts
    the blobs read)."""

    def __init__(self, store: BlobStore, limits: Limits = DEFAULT_LIMITS,
                 kept_bytes: int = KEPT_BYTES) -> None:
        self._store = store
        self._limits = limits
        self._kept_bytes = kept_bytes
        self._by_blob: OrderedDict[str, tuple[LoadedLibrary, int]] = OrderedDict()
        self._bytes = 0
        self.reads = 0

    def at(self, commit: str) -> LibrariesAt:
        """The libraries as they were at ``commit``, for :func:`cjmap.libraries.resolve`."""
        return LibrariesAt(self, commit)

    def get(self, commit: str, path: str) -> LoadedLibrary:
        """The library at ``path`` (from the repository's top) in ``commit``.

        A blob met before is the library loaded then: its findings (a library that does
        not load) name the first commit it was met in, where the same bytes are.
        """
        label = f"{commit[:12]}:{path}"
        if outside_repository(path):
            return load_library(label, _outside, self._limits)
        found = self._store.info(commit, path)
        if found is None:
            return load_library(label, _missing, self._limits)
        blob: BlobInfo = found  # for the reader below: a closure does not keep "not None"
        kept = self._by_blob.get(blob.blob_id)
        if kept is not None:
            self._by_blob.move_to_end(blob.blob_id)
            return kept[0]
        self.reads += 1
        loaded = load_library(label, lambda name, limit: self._read(blob, name, limit),
                              self._limits)
        self._keep(blob, loaded)
        return loaded

    def _keep(self, blob: BlobInfo, loaded: LoadedLibrary) -> None:
        # Where the library's items are in its file is for lint, not for a history's
        # figures (what went wrong is in the findings already): not kept.
        loaded.source = SourceMap.empty()
        size = blob.size if blob.size <= self._limits.max_bytes else 0  # 0: never read
        self._by_blob[blob.blob_id] = (loaded, size)
        self._bytes += size
        while self._bytes > self._kept_bytes and len(self._by_blob) > 1:
            _, (_, dropped) = self._by_blob.popitem(last=False)
            self._bytes -= dropped

    def _read(self, blob: BlobInfo, name: str, limit: int) -> bytes:
        if blob.size > limit:  # git gave the size first: the blob is never read
            raise TooLarge(name, limit, blob.size)
        data = self._store.read_blob(blob.blob_id, limit)
        if data is None:  # gone between the two questions: only if git's store changed
            raise InputError(f"{name}: git no longer has blob {blob.blob_id}")
        return data


class LibrariesAt:
    """The libraries at one commit: what :func:`cjmap.libraries.resolve` asks for."""

    __slots__ = ("_commit", "_versions")

    def __init__(self, versions: LibraryVersions, commit: str) -> None:
        self._versions = versions
        self._commit = commit

    def get(self, path: str) -> LoadedLibrary:
        return self._versions.get(self._commit, os.path.normpath(path))


def _missing(name: str, limit: int) -> bytes:
    raise NoSuchFile(f"{name}: not in this commit")


def _outside(name: str, limit: int) -> bytes:
    path = name.partition(":")[2]
    raise InputError(f"{path} is outside the git repository, so git has no version of it")
