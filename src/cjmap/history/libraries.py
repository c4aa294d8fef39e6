"""The libraries a map uses, as they were at each of the map's commits (docs/history.md).

A map's ``uses`` paths are relative to the map; at a commit they lead to the library's
blob in that commit's tree, if there is one. Each blob is loaded once however many
commits have it: a library that changed three times over a hundred versions of the map
is read and validated three times. Git is asked through a :class:`BlobStore`
(:class:`cjmap.gitio.BlobReader` is one): first a blob's id and size, then its bytes
only when that blob is new. A blob over the cap of every input is never read
(docs/limits.md).
"""

from __future__ import annotations

import os
from typing import Protocol

from cjmap.errors import InputError
from cjmap.gitio import BlobInfo
from cjmap.inputs import NoSuchFile, TooLarge
from cjmap.libraries import LoadedLibrary, load_library
from cjmap.yamlio import DEFAULT_LIMITS, Limits


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

    def __init__(self, store: BlobStore, limits: Limits = DEFAULT_LIMITS) -> None:
        self._store = store
        self._limits = limits
        self._by_blob: dict[str, LoadedLibrary] = {}
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
        blob: BlobInfo = found
        loaded = self._by_blob.get(blob.blob_id)
        if loaded is None:
            self.reads += 1
            loaded = load_library(label, lambda name, limit: self._read(blob, name, limit),
                                  self._limits)
            self._by_blob[blob.blob_id] = loaded
        return loaded

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
