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
from dataclasses import dataclass
from pathlib import Path

from cjmap import gitio
from cjmap.commands import Streams
from cjmap.commands.maps import refuse, usable
from cjmap.config import load_config, matches_any
from cjmap.diff import DiffResult, Side, diff_maps
from cjmap.errors import ExitCode, InputError, UsageError
from cjmap.fastgc import fast_gc
from cjmap.inputs import TooLarge
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


def diff(
    targets: list[str],
    *,
    git: str | None = None,
    paths: list[str] | None = None,
    git_driver: bool = False,
    output_format: str = "text",
    output: Path | None = None,
    exit_code: bool = False,
    mermaid: bool = False,
    streams: Streams,
) -> ExitCode:
    """Diff two versions of a map, or every map changed since ``git``; report."""
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
        report = DiffReport(tuple(_diff_all(pairs, streams)), base=git)
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
        return _Raw(gitio.show(rev, path), spec)
    return _Raw(read_input(spec), spec, spec)


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
        old = (_Raw(gitio.show(base, changed.old_path, root), f"{base}:{changed.old_path}")
               if changed.old_path else _Raw(None, DEV_NULL))
        if changed.new_path:
            target = root / changed.new_path
            new = _Raw(read_input(str(target)), changed.new_path, str(target))
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

def _load(raw: _Raw) -> LoadedMap | None:
    return None if raw.data is None else load_bytes(raw.data, raw.label)


def _side(raw: _Raw, loaded: LoadedMap | None) -> Side:
    if loaded is None:
        return Side(None, SourceMap.empty(), raw.label)
    return Side(loaded.journey, loaded.source, raw.label)


def _diff_all(pairs: list[tuple[_Raw, _Raw]], streams: Streams) -> list[DiffResult]:
    loaded = [(_load(old), _load(new)) for old, new in pairs]
    failed = [m for pair in loaded for m in pair if m is not None and not usable(m)]
    if failed:
        refuse(failed, streams)
    return [diff_maps(_side(old, a), _side(new, b))
            for (old, new), (a, b) in zip(pairs, loaded, strict=True)]


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
