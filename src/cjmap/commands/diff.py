"""``cjmap diff``: read two versions of a map (files, ``REV:path``, ``-``), diff, report.

Three ways in:

- ``cjmap diff OLD NEW`` — each side a path, ``REV:path`` (read through git) or ``-``;
- ``cjmap diff --git BASE [PATH...]`` — every map added, removed, changed or renamed
  between BASE and the work tree (untracked maps count as added);
- ``cjmap diff --git-driver ARGS`` — git's external-diff calling convention
  (``path old-file old-hex old-mode new-file new-hex new-mode`` [``new-path info``]),
  for ``git config diff.cjmap.command "cjmap diff --git-driver"``.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, replace
from pathlib import Path

from cjmap import gitio
from cjmap.commands import Streams
from cjmap.commands.library_users import with_users
from cjmap.commands.maps import refuse, usable
from cjmap.config import load_config, matches_any
from cjmap.diff import DiffResult, Side, diff_maps
from cjmap.errors import ExitCode, InputError, UsageError
from cjmap.fastgc import fast_gc
from cjmap.inputs import TooLarge
from cjmap.libraries import (
    LibraryCache,
    is_library_path,
    library_as_map,
    load_library_bytes,
    map_directory,
    resolve,
)
from cjmap.load import STDIN, LoadedMap, load_bytes, read_input
from cjmap.output import text_output
from cjmap.reporting.diff.base import DiffReport, DiffReporter
from cjmap.reporting.formats import DIFF_REPORTERS
from cjmap.source import SourceMap
from cjmap.terminal import wants_color

DEV_NULL = "/dev/null"


@dataclass(frozen=True, slots=True)
class _Raw:
    """The bytes of one side (None: the file does not exist on this side)."""

    data: bytes | None
    label: str
    file: str | None = None  # a file on disk, so the output is never written over it
    # Where its libraries are read from (--resolve): a revision (None: the work tree)
    # and the path of the map in it (in the repository for a revision).
    rev: str | None = None
    path: str | None = None


def diff(
    targets: list[str],
    *,
    git: str | None = None,
    paths: list[str] | None = None,
    git_driver: bool = False,
    output_format: str = "text",
    output: Path | None = None,
    exit_code: bool = False,
    resolve: bool = False,
    mermaid: bool = False,
    streams: Streams,
) -> ExitCode:
    """Diff two versions of a map, or every map changed since ``git``; report.

    ``resolve`` merges each side's libraries into it first (each side's own version
    of them), so the diff shows what a library's change did to the map."""
    reporter = DIFF_REPORTERS.chosen(output_format)
    for arg in [*targets, *(paths or []), git or ""]:
        if "\0" in arg:
            raise InputError(f"{arg!r}: a path or revision cannot contain a NUL character")
    if mermaid and output_format != "markdown":
        raise UsageError("--mermaid adds journeys to the Markdown report: use --format markdown")
    if git_driver:
        with fast_gc():
            return _driver(targets, reporter, streams)
    if git is not None:
        pairs = _git_pairs(git, [*targets, *(paths or [])])
    else:
        if paths:
            raise UsageError("--path only works with --git BASE")
        if len(targets) != 2:
            raise UsageError("give two versions to compare: cjmap diff OLD NEW "
                             "(or cjmap diff --git BASE [PATH...])")
        if targets == [STDIN, STDIN]:
            raise UsageError("only one side can be read from standard input ('-')")
        pairs = [(_read(targets[0]), _read(targets[1]))]

    with fast_gc():
        results = _diff_all(pairs, streams, _Libraries() if resolve else None)
        if git is not None:
            results = with_users(results, pairs)
        report = DiffReport(tuple(results), base=git)
    inputs = [raw.file for pair in pairs for raw in pair if raw.file]
    journeys = _mermaid_journeys(pairs) if mermaid else ""
    with text_output(output, inputs, streams.stdout) as stream:
        reporter(stream, color=stream is streams.stdout and wants_color(stream)).report(report)
        stream.write(journeys)
    if exit_code and not report.identical:
        return ExitCode.PROBLEMS
    return ExitCode.OK


def _mermaid_journeys(pairs: list[tuple[_Raw, _Raw]]) -> str:
    """--mermaid: each map's journey before and after, as Mermaid blocks (docs/interop.md)."""
    from cjmap.commands.interop import mermaid_section

    journeys = []
    for old, new in pairs:
        a, b = _load(old), _load(new)
        journeys += [(f"Before ({old.label})", a.journey if a else None),
                     (f"After ({new.label})", b.journey if b else None)]
    return mermaid_section(journeys)


# -- reading the sides ----------------------------------------------------------------------

def _read(spec: str) -> _Raw:
    """A path, ``-``, ``/dev/null``, or ``REV:path`` when no file by that name exists."""
    if spec == STDIN:
        return _Raw(read_input(STDIN), "(stdin)")
    if spec == DEV_NULL:  # as in git: no file on this side (the map is added or removed)
        return _Raw(None, DEV_NULL)
    if ":" in spec and not os.path.lexists(spec):
        rev, path = spec.split(":", 1)
        if not path:
            raise InputError(f"{spec}: REV:path needs a path after the colon")
        return _Raw(gitio.show(rev, path), spec, rev=rev, path=path)
    return _Raw(read_input(spec), spec, spec, path=spec)


def _git_pairs(base: str, pathspecs: list[str]) -> list[tuple[_Raw, _Raw]]:
    gitio.verify_revision(base)  # the likeliest mistake, reported before anything else
    root = gitio.repo_root()
    loaded = load_config()
    explicit = {_relative(p, root) for p in pathspecs if os.path.isfile(p)}
    pairs = []
    for changed in gitio.changed_files(base, pathspecs):
        names = [p for p in (changed.old_path, changed.new_path) if p is not None]
        if not any(n in explicit or _is_map(n, root, loaded.root, loaded.config.include,
                                              loaded.config.exclude) for n in names):
            continue
        old = (_Raw(gitio.show(base, changed.old_path, root), f"{base}:{changed.old_path}",
                    rev=base, path=changed.old_path)
               if changed.old_path else _Raw(None, DEV_NULL))
        if changed.new_path:
            target = root / changed.new_path
            new = _Raw(read_input(str(target)), changed.new_path, str(target),
                       path=str(target))
        else:
            new = _Raw(None, DEV_NULL)
        pairs.append((old, new))
    return pairs


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, RuntimeError):  # RuntimeError: a symlink loop
        return path


def _is_map(name: str, root: Path, config_root: Path, include: list[str],
            exclude: list[str]) -> bool:
    """Whether a repository path is a map by the configured globs (relative to the
    configuration's directory, as ``cjmap lint`` reads them)."""
    rel = _relative(str(root / name), config_root)
    file_name = Path(name).name
    return (matches_any(include, rel) or matches_any(include, file_name)) and not (
        matches_any(exclude, rel))


# -- diffing --------------------------------------------------------------------------------

def _load(raw: _Raw, libraries: _Libraries | None = None) -> LoadedMap | None:
    """One side loaded: a library as a map without stages (its items diff like a
    map's), a map with its libraries merged in when ``libraries`` is given."""
    if raw.data is None:
        return None
    if is_library_path(raw.label):
        library = load_library_bytes(raw.data, raw.label)
        journey = library_as_map(library.library) if library.library is not None else None
        return LoadedMap(raw.label, journey, library.source, library.findings)
    loaded = load_bytes(raw.data, raw.label)
    if libraries is None or loaded.journey is None or not loaded.journey.uses:
        return loaded
    directory, cache = libraries.where(raw)
    resolved = resolve(loaded.journey, directory, cache)
    return LoadedMap(loaded.path, resolved.journey, loaded.source, loaded.findings, resolved)


class _Libraries:
    """The libraries of each side, read once: from the work tree, or from a revision."""

    def __init__(self) -> None:
        self._caches: dict[str | None, LibraryCache] = {}

    def where(self, raw: _Raw) -> tuple[str, LibraryCache]:
        cache = self._caches.get(raw.rev)
        if cache is None:
            rev = raw.rev
            cache = LibraryCache() if rev is None else LibraryCache(
                lambda path, limit: gitio.show(rev, path, limit=limit))
            self._caches[raw.rev] = cache
        return map_directory(raw.path or STDIN), cache


def _side(raw: _Raw, loaded: LoadedMap | None) -> Side:
    if loaded is None:
        return Side(None, SourceMap.empty(), raw.label)
    return Side(loaded.journey, loaded.source, raw.label)


def _diff_all(pairs: list[tuple[_Raw, _Raw]], streams: Streams,
              libraries: _Libraries | None = None) -> list[DiffResult]:
    loaded = [(_load(old, libraries), _load(new, libraries)) for old, new in pairs]
    failed = [m for pair in loaded for m in pair if m is not None and not usable(m)]
    if failed:
        refuse(failed, streams)
    return [_library_lines(diff_maps(_side(old, a), _side(new, b)), a, b)
            for (old, new), (a, b) in zip(pairs, loaded, strict=True)]


def _library_lines(result: DiffResult, old: LoadedMap | None,
                   new: LoadedMap | None) -> DiffResult:
    """No line numbers for the items a resolved map has from its libraries: they are
    not in the map's file (the diff of the library shows where they are)."""
    if not (old and old.resolved and old.resolved.by_item) and not (
            new and new.resolved and new.resolved.by_item):
        return result

    def from_library(loaded: LoadedMap | None, item_kind: str, item_id: str | None) -> bool:
        by_item = loaded.resolved.by_item if loaded and loaded.resolved else {}
        return (item_kind, item_id) in by_item

    changes = tuple(replace(
        c, old_line=None if from_library(old, c.item_kind, c.item_id) else c.old_line,
        new_line=None if from_library(new, c.item_kind, c.item_id) else c.new_line)
        for c in result.changes)
    highlights = tuple(replace(h, line=None) if from_library(new, h.item_kind, h.item_id)
                       else h for h in result.highlights)
    return replace(result, changes=changes, highlights=highlights)


# -- git's external diff ----------------------------------------------------------------------

def _driver(args: list[str], reporter: type[DiffReporter], streams: Streams) -> ExitCode:
    """Called by git as ``diff.cjmap.command``; always exit 0, or git stops the diff."""
    stdout = streams.stdout
    if len(args) == 1:  # git passes only the path for an unmerged file
        stdout.write(f"* Unmerged path {args[0]}\n")
        return ExitCode.OK
    if len(args) not in (7, 9):
        raise UsageError("--git-driver is for git (diff.<driver>.command): it expects git's "
                         "7 or 9 external-diff arguments")
    path, old_file, new_file = args[0], args[1], args[4]
    new_path = args[7] if len(args) == 9 else path
    try:
        old = _Raw(None if old_file == DEV_NULL else read_input(old_file), f"a/{path}")
        new = _Raw(None if new_file == DEV_NULL else read_input(new_file), f"b/{new_path}")
    except TooLarge as exc:
        stdout.write(f"# cjmap: {exc}; not compared\n")  # and `git diff` goes on
        return ExitCode.OK
    a, b = _load(old), _load(new)
    broken = [m for m in (a, b) if m is not None and not usable(m)]
    if broken:
        # A map that does not load (work in progress) must not break `git diff`:
        # say why, then show the plain line diff git would have shown.
        for m in broken:
            for f in m.findings:
                stdout.write(f"# {f.concise}\n")
        stdout.write("# cjmap: cannot compare by id; showing the line diff\n")
        stdout.writelines(difflib.unified_diff(
            _text_lines(old.data), _text_lines(new.data),
            old.label if old.data is not None else DEV_NULL,
            new.label if new.data is not None else DEV_NULL))
        return ExitCode.OK
    result = diff_maps(_side(old, a), _side(new, b))
    reporter(stdout, color=wants_color(stdout)).report(DiffReport((result,)))
    return ExitCode.OK


def _text_lines(data: bytes | None) -> list[str]:
    if data is None:
        return []
    lines = data.decode("utf-8", "replace").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines
