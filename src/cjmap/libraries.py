"""Libraries: personas, channels, evidence and metrics that several maps share.

A library is a ``*.cjlib.yaml`` file (docs/format.md, "Libraries"); a map names the
ones it uses in ``uses``, by paths relative to the map. :func:`resolve` is the one
step that turns a map as written into the map every command works on: the library
items appended to the map's own lists, plus where each came from and what went wrong
on the way (rules CJ301-CJ303 report those). :class:`LibraryCache` reads each library
once, however many maps use it.

A library uses no other library (the model has no ``uses`` field for it): sharing is
one level deep, so there is no chain to follow and no cycle to report.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import NamedTuple, Protocol

from cjmap.errors import InputError
from cjmap.findings import Finding, Severity
from cjmap.index import Definition, Item, MapIndex, build_index
from cjmap.inputs import NoSuchFile, TooLarge, read_bounded
from cjmap.load import LoadedMap, too_large_findings, validate_bytes
from cjmap.model import LIBRARY_LISTS, JourneyMap, Kind, Library
from cjmap.source import SourceMap
from cjmap.yamlio import DEFAULT_LIMITS, Limits

LIBRARY_SUFFIXES = (".cjlib.yaml", ".cjlib.yml")
# The rules that report what resolving found (their modules: cjmap.lint.rules.cj30*).
LIBRARY_NOT_FOUND = ("CJ301", "library-not-found")
ID_IN_MAP_AND_LIBRARY = ("CJ302", "id-in-map-and-library")
LIBRARY_CONFLICT = ("CJ303", "library-conflict")

Reader = Callable[[str, int], bytes]
ItemKey = tuple[str, str, str]  # (the library's real path, kind, id), for CJ304


def is_library_path(path: str) -> bool:
    """Whether a file is a library by its name (``*.cjlib.yaml``)."""
    return path.endswith(LIBRARY_SUFFIXES)


class LoadedLibrary:
    """One library file read: the library when it validated, where things are, what
    went wrong, and ``unreadable`` when the file could not be read at all."""

    # Plain classes, not dataclasses, for this module's records: a dataclass costs about
    # 0.2-0.3 ms to create at import, and every map lint imports this module
    # (docs/performance.md, "One map: start-up").
    __slots__ = ("findings", "library", "missing", "path", "source", "unreadable")

    def __init__(self, path: str, library: Library | None, source: SourceMap,
                 findings: list[Finding] | None = None, unreadable: str | None = None,
                 missing: bool = False) -> None:
        self.path = path
        self.library = library
        self.source = source
        self.findings = findings if findings is not None else []
        self.unreadable = unreadable
        self.missing = missing

    @property
    def ok(self) -> bool:
        return self.library is not None and not self.findings


def load_library_bytes(raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> LoadedLibrary:
    """Load a library from bytes; never raises for bad content."""
    library, source, findings = validate_bytes(raw, path, limits, Library)
    return LoadedLibrary(path, library, source, findings)


def load_library(path: str, read: Reader | None = None,
                 limits: Limits = DEFAULT_LIMITS) -> LoadedLibrary:
    """Read (through ``read``, by default the bounded reader of every input) and load a
    library; a file that cannot be read is recorded, not raised (the map that uses it
    gets a CJ301 finding)."""
    try:
        raw = (read or read_bounded)(path, limits.max_bytes)
    except TooLarge as exc:  # a finding, as for a map: lint goes on with the other files
        return LoadedLibrary(path, None, SourceMap.empty(),
                             too_large_findings(path, exc.size, limits))
    except NoSuchFile:
        return LoadedLibrary(path, None, SourceMap.empty(), unreadable="not found",
                             missing=True)
    except InputError as exc:
        return LoadedLibrary(path, None, SourceMap.empty(), unreadable=str(exc))
    return load_library_bytes(raw, path, limits)


class LibraryCache:
    """Libraries by normalised path, each read once (``reads`` counts the reads).

    ``read`` is how a file's bytes are had: the bounded reader for files on disk, or
    ``git show`` for the libraries of an older revision.
    """

    def __init__(self, read: Reader | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
        self._read = read
        self._limits = limits
        self._libraries: dict[str, LoadedLibrary] = {}
        self.reads = 0

    def get(self, path: str) -> LoadedLibrary:
        name = os.path.normpath(path)
        # One file by two spellings (relative, absolute, through a link) is read once;
        # a revision's files (a reader of its own) are named as they are.
        key = os.path.realpath(name) if self._read is None else name
        found = self._libraries.get(key)
        if found is None:
            self.reads += 1
            found = load_library(name, self._read, self._limits)
            self._libraries[key] = found
        return found


class LibrarySource(Protocol):
    """Where :func:`resolve` has a map's libraries from: a :class:`LibraryCache` (the
    files), or the libraries as they were at one commit (cjmap.history.libraries)."""

    def get(self, path: str) -> LoadedLibrary: ...


def library_as_map(library: Library) -> JourneyMap:
    """A library as a map without stages, for what works on maps' items (the diff,
    the duplicate-id rule). Built without validation: a map needs a stage."""
    return JourneyMap.model_construct(
        cjmap=library.cjmap, id=library.id, title=library.title, summary=library.summary,
        owner=library.owner, personas=library.personas, channels=library.channels,
        evidence=library.evidence, metrics=library.metrics, stages=[])


class Origin(NamedTuple):
    """Where a library item of a resolved map comes from."""

    library: str   # the library's path, as the map's ``uses`` entry leads to it
    pointer: str   # the item in the library file ("/channels/0")
    entry: int     # which ``uses`` entry brought it


class LibraryProblem(NamedTuple):
    rule: tuple[str, str]   # (code, name)
    pointer: str   # in the map
    message: str


class Resolved:
    """A map with its libraries' items merged in.

    ``journey`` holds the map's own items first, then each library's, in ``uses`` order;
    ``origins`` maps the pointer of every library item in ``journey`` ("/channels/7") to
    where it came from, and ``by_item`` does the same by (kind, id).
    """

    __slots__ = ("by_item", "index", "journey", "libraries", "origins", "problems")

    def __init__(self, journey: JourneyMap, index: MapIndex) -> None:
        self.journey = journey
        self.index = index
        self.origins: dict[str, Origin] = {}
        self.by_item: dict[tuple[Kind, str], Origin] = {}
        self.libraries: list[LoadedLibrary] = []
        self.problems: list[LibraryProblem] = []

    def origin_at(self, pointer: str) -> Origin | None:
        """The library item ``pointer`` (or a pointer inside it) is about, if any."""
        if not self.origins:
            return None
        parts = pointer.split("/", 3)
        return self.origins.get("/".join(parts[:3])) if len(parts) >= 3 else None

    def used_items(self) -> set[tuple[str, Kind, str]]:
        """(library path, kind, id) of every library item the map refers to."""
        used = set()
        for ref in self.index.references:
            origin = self.by_item.get((ref.kind, ref.target))
            if origin is not None:
                used.add((origin.library, ref.kind, ref.target))
        return used


def library_path(directory: str, entry: str) -> str:
    """Where a ``uses`` entry leads, from the map's directory."""
    return os.path.normpath(os.path.join(directory, entry))


def map_directory(path: str) -> str:
    """The directory a map's ``uses`` are relative to ("." for standard input)."""
    return os.path.dirname(path) if path not in ("-", "") else "."


def resolve(journey: JourneyMap, directory: str, cache: LibrarySource,
            index: MapIndex | None = None) -> Resolved:
    """The map with the items of the libraries it uses merged in (see :class:`Resolved`).

    The map's own definition of an id wins over a library's (CJ302), and the first
    library listed wins over a later one (CJ303); a library that cannot be used is
    skipped (CJ301). ``index`` is the map's own index, when the caller has it.
    """
    own = index if index is not None else build_index(journey)
    if not journey.uses:
        return Resolved(journey, own)
    merger = _Merger(journey, own)
    for entry_number, entry in enumerate(journey.uses):
        path = library_path(directory, entry)
        # A file not named as a library is not read: it may be anything (a map).
        merger.add(entry_number, entry, path, cache.get(path) if is_library_path(path) else None)
    return merger.result()


class _Merger:
    def __init__(self, journey: JourneyMap, own: MapIndex) -> None:
        self.journey = journey
        self.own = own
        self.lists: dict[str, list[Item]] = {name: list(getattr(journey, name))
                                             for name in LIBRARY_LISTS}
        self.definitions: list[Definition] = []
        self.resolved = Resolved(journey, own)
        self.seen: dict[str, int] = {}
        self.ids: dict[str, Origin] = {}  # library ids taken so far, whatever their kind

    def add(self, entry_number: int, entry: str, path: str,
            loaded: LoadedLibrary | None) -> None:
        if path in self.seen:
            return  # the same library named twice: its items are there already
        self.seen[path] = entry_number
        library = loaded.library if loaded is not None and loaded.ok else None
        if loaded is None or library is None:
            self.resolved.problems.append(LibraryProblem(
                LIBRARY_NOT_FOUND, f"/uses/{entry_number}", _unusable(entry, loaded)))
            return
        self.resolved.libraries.append(loaded)
        for name in LIBRARY_LISTS:
            for position, item in enumerate(getattr(library, name)):
                self._item(entry_number, entry, loaded.path, name, position, item)

    def _item(self, entry_number: int, entry: str, path: str, name: str, position: int,
              item: Item) -> None:
        kind = item.KIND
        mine = self.own.by_id.get(item.id)
        if mine is not None:
            also = "" if mine.kind is kind else f" (as a {kind.noun})"
            self.resolved.problems.append(LibraryProblem(
                ID_IN_MAP_AND_LIBRARY, f"{mine.pointer}/id",
                f"{mine.kind.noun} {item.id!r} is defined here and in library {entry!r}"
                f"{also}; remove one of them"))
            return
        earlier = self.ids.get(item.id)
        if earlier is not None:
            if earlier.entry != entry_number:
                first = self.journey.uses[earlier.entry]
                self.resolved.problems.append(LibraryProblem(
                    LIBRARY_CONFLICT, f"/uses/{entry_number}",
                    f"library {entry!r} defines {kind.noun} {item.id!r}, which library "
                    f"{first!r} (listed first, and used) defines too"))
            return  # a duplicate inside one library is that library's own CJ101
        pointer = f"/{name}/{len(self.lists[name])}"
        origin = Origin(path, f"/{name}/{position}", entry_number)
        self.lists[name].append(item)
        self.resolved.origins[pointer] = origin
        self.resolved.by_item[(kind, item.id)] = origin
        self.ids[item.id] = origin
        self.definitions.append(Definition(item.id, kind, pointer, item))

    def result(self) -> Resolved:
        resolved = self.resolved
        if not self.definitions:
            return resolved
        resolved.journey = self.journey.model_copy(update=self.lists)
        # Library items refer to nothing: the map's index plus their definitions is the
        # merged map's index, without walking the map again.
        own = self.own
        definitions = [*own.definitions, *self.definitions]
        by_id = dict(own.by_id)
        for definition in self.definitions:
            by_id.setdefault(definition.id, definition)
        resolved.index = MapIndex(definitions, own.references, own.touchpoints, own.pains,
                                  by_id, own.kinds | {(d.id, d.kind) for d in self.definitions})
        return resolved


def _unusable(entry: str, loaded: LoadedLibrary | None) -> str:
    """Why a library cannot be used (``loaded`` None: not named as a library)."""
    if loaded is None:
        return f"{entry!r} is not a library: a library file is named *.cjlib.yaml"
    if loaded.missing:
        return f"library {entry!r} not found (looked for {loaded.path})"
    if loaded.unreadable is not None:
        return f"library {entry!r} cannot be read: {loaded.unreadable}"
    # It read, but did not load cleanly (a duplicate key too: which value was meant?).
    count = len(loaded.findings)
    first = loaded.findings[0].concise if loaded.findings else "it does not load"
    return (f"library {entry!r} has {count} problem{'s' if count != 1 else ''} "
            f"(cjmap lint it): {first}")


def resolve_loaded(loaded: LoadedMap, cache: LibraryCache) -> LoadedMap:
    """The loaded map with its libraries merged in (``journey`` the merged map,
    ``resolved`` the rest); a map that did not load, or is resolved, comes back as is."""
    if loaded.journey is None or loaded.resolved is not None:
        return loaded
    resolved = resolve(loaded.journey, map_directory(loaded.path), cache)
    return LoadedMap(loaded.path, resolved.journey, loaded.source, loaded.findings, resolved)


def problem_findings(loaded: LoadedMap) -> list[Finding]:
    """What resolving the map's libraries found, as error findings in the map."""
    if loaded.resolved is None:
        return []
    findings = []
    for problem in loaded.resolved.problems:
        code, name = problem.rule
        span = loaded.source.locate(problem.pointer)
        findings.append(Finding(code, name, Severity.ERROR, problem.message, loaded.path,
                                span.line, span.column, span.end_line, span.end_column,
                                problem.pointer))
    return findings


def uses_of(loaded: LoadedMap) -> frozenset[ItemKey]:
    """The library items a resolved map refers to, keyed by the library's real path
    (every map's lint result carries them for CJ304, cjmap.lint.library_lint)."""
    if loaded.resolved is None:
        return frozenset()
    real: dict[str, str] = {}
    used = set()
    for library, kind, item_id in loaded.resolved.used_items():
        if library not in real:
            real[library] = os.path.realpath(library)
        used.add((real[library], kind.value, item_id))
    return frozenset(used)
