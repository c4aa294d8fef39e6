"""Linting across files: libraries as lint targets, and CJ304 (unused-library-item).

A library linted on its own gets the loader's checks (CJ001-CJ004) and the rules that
make sense in a file of shared items (:data:`LIBRARY_RULES`). Whether a library item
is used is only known once every map of the run is linted: each map's result carries
the library items it refers to, each library's result the items it defines, and
:func:`add_unused_items` adds CJ304 findings to the libraries at the end of the run
(what a map uses, :func:`cjmap.libraries.uses_of`, is there: every map lint needs it,
and this module is imported only when a library is linted). A library's inline
suppressions of CJ304 are kept from its check (``FileResult.deferred``) and applied
then, as every rule's are, with CJ900 for those that silenced nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cjmap.errors import InputError
from cjmap.findings import Finding
from cjmap.libraries import ItemKey, LibraryCache, library_as_map
from cjmap.load import LoadedMap
from cjmap.model import LIBRARY_LISTS

if TYPE_CHECKING:
    from cjmap.lint.engine import FileResult, LintOptions

UNUSED_LIBRARY_ITEM = "CJ304"
# The rules whose findings are made at the end of the run, not in the file's check.
FOUND_AFTER_THE_RUN = frozenset({UNUSED_LIBRARY_ITEM})
# The rules that apply inside a library: ids must be unique; suppressions must be used.
LIBRARY_RULES = frozenset({"CJ101", "CJ900"})


@dataclass(frozen=True, slots=True)
class LibraryItem:
    """One item a library defines, with where its id is written (for CJ304)."""

    kind: str
    id: str
    pointer: str
    anchor: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str  # the source line, for code frames


def load_for_lint(path: str, display: str, cache: LibraryCache,
                  ) -> tuple[LoadedMap, tuple[LibraryItem, ...]]:
    """A library as a loaded map without stages (so the map rules can check it), and
    its items; a file that cannot be read raises InputError, as a map's does."""
    loaded = cache.get(path)
    if loaded.missing:
        raise InputError(f"{display}: no such file")
    if loaded.unreadable is not None:
        raise InputError(loaded.unreadable)
    findings = [f._replace(file=display) for f in loaded.findings]
    library = loaded.library
    if library is None:
        return LoadedMap(display, None, loaded.source, findings), ()
    from cjmap.lint.baseline import stable_pointer  # only here: linting a library

    journey = library_as_map(library)
    lines = loaded.source.text.splitlines()
    items = []
    for name in LIBRARY_LISTS:
        for position, item in enumerate(getattr(library, name)):
            pointer = f"/{name}/{position}/id"
            span = loaded.source.locate(pointer)
            text = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
            items.append(LibraryItem(item.KIND.value, item.id, pointer,
                                     stable_pointer(journey, pointer), span.line, span.column,
                                     span.end_line, span.end_column, text))
    return LoadedMap(display, journey, loaded.source, findings), tuple(items)


Selected = Callable[[str, Iterable[str], Iterable[str]], bool]


def add_unused_items(files: Sequence[FileResult], options: LintOptions,
                     selected: Selected) -> None:
    """Add a CJ304 finding to each linted library for each item no linted map uses,
    unless an inline suppression covers it; CJ900 for the suppressions of CJ304 that
    silenced nothing."""
    from cjmap.lint import suppress
    from cjmap.lint.engine import UNUSED_SUPPRESSION, unused_suppressions

    libraries = [f for f in files if f.library_items or f.deferred]
    if not libraries:
        return
    used: set[ItemKey] = set()
    for file in files:
        used |= file.library_uses
    for file in libraries:
        ignore = options.ignore + options.ignored_for(file.path)

        def enabled(code: str, ignore: tuple[str, ...] = ignore) -> bool:
            return selected(code, options.select, ignore)

        found = _unused_items(file, used) if enabled(UNUSED_LIBRARY_ITEM) else []
        deferred = file.deferred
        if deferred is not None:  # the library's own ``# cjmap: ignore[CJ304]`` comments
            directives = deferred.suppressions()
            found = suppress.apply(found, directives)
            if enabled(UNUSED_SUPPRESSION):
                found += unused_suppressions(directives, file.path, enabled)
        if not found:
            continue
        lines = {item.line: item.text for item in file.library_items}
        lines.update(deferred.lines if deferred is not None else {})
        anchors = {item.pointer: item.anchor for item in file.library_items}
        overrides = dict(options.severity)
        for finding in found:  # the lines and stable pointers of code frames and baselines
            file.findings.append(finding._replace(
                severity=overrides.get(finding.code, finding.severity)))
            file.lines[finding.line] = lines.get(finding.line, "")
            file.anchors[finding.pointer] = anchors.get(finding.pointer, finding.pointer)
        file.findings.sort(key=lambda f: f.sort_key)


def _unused_items(file: FileResult, used: set[ItemKey]) -> list[Finding]:
    """CJ304 for the items of the library ``file`` that are not in ``used``."""
    from cjmap.lint.registry import BY_CODE  # the registry imports every rule

    rule = BY_CODE[UNUSED_LIBRARY_ITEM]
    real = os.path.realpath(file.path)
    found = []
    for item in file.library_items:
        if (real, item.kind, item.id) in used:
            continue
        noun = item.kind.replace("_", " ")
        found.append(Finding(
            rule.code, rule.name, rule.severity,
            f"{noun} {item.id!r} is in the library but no map linted with it uses it",
            file.path, item.line, item.column, item.end_line, item.end_column,
            item.pointer))
    return found
