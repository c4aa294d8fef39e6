"""``cjmap import`` and ``cjmap export``: maps in and out of other formats (docs/interop.md).

Both work with any format of :data:`cjmap.interop.FORMATS`. What a format cannot carry
over is reported on stderr as a warning with where it is in the source; an input the
format cannot read at all (``Notice.error``) is exit 1 with every located message.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol, cast

from cjmap import yamlio
from cjmap.commands import Streams
from cjmap.commands.init import schema_line
from cjmap.commands.maps import load_all
from cjmap.errors import EnvironmentProblem, ExitCode, MapProblems, UsageError
from cjmap.fastgc import fast_gc
from cjmap.findings import Severity
from cjmap.interop import FORMATS, SUFFIXES, format_module, guess_format
from cjmap.interop.base import Exported, Imported, Notice
from cjmap.lint.engine import LintOptions, lint_bytes
from cjmap.model import JourneyMap
from cjmap.output import (
    atomic_write_bytes,
    atomic_write_text,
    check_output_path,
    ensure_directory,
)
from cjmap.suggest import did_you_mean

MAP_SUFFIXES = (".cjmap.yaml", ".cjmap.yml", ".yaml", ".yml")


class _Format(Protocol):
    """What every format module provides (cjmap/interop/base.py)."""

    def read(self, path: Path) -> Imported: ...

    def write(self, journey: JourneyMap, *, persona: str | None = None) -> Exported: ...


def _module_of(name: str) -> _Format:
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}"
                         f"{did_you_mean(name, FORMATS)}")
    try:
        return cast(_Format, format_module(name))
    except ImportError as exc:
        raise EnvironmentProblem(f"the {name} format cannot be used here: {exc}") from None


def _report(notices: tuple[Notice, ...], source: str, streams: Streams) -> None:
    for notice in notices:
        kind = "error" if notice.error else "warning"
        streams.note(f"cjmap: {kind}: {source}: {notice}")


def _refuse_existing(target: Path, force: bool) -> None:
    # os.path.exists, not Path.exists, which raises on a name too long: the writer's own
    # path check then says what is wrong with the name, exit 2 in one line.
    if os.path.exists(target) and not force:
        raise UsageError(f"{target}: already exists (use --force to overwrite it)")


# -- import ------------------------------------------------------------------------------------

def imported_text(imported: Imported, directory: Path) -> str:
    """The map file of an import into ``directory``: the schema line ``cjmap init``
    writes (for the editor), where the map came from, then the map."""
    origin = f"# {imported.origin or 'imported'} by cjmap import\n"
    return schema_line(directory) + origin + yamlio.dump(imported.data)


def default_import_target(source: Path) -> Path:
    """``journey.mmd`` -> ``journey.cjmap.yaml`` beside it (a csv directory: its name)."""
    stem = source.name if source.is_dir() else source.stem
    return source.parent / f"{stem or 'imported'}.cjmap.yaml"


def import_map(source: Path, *, output: Path | None = None, from_format: str | None = None,
               force: bool = False, streams: Streams) -> ExitCode:
    """Read FILE in its format and write the map it gives (docs/interop.md)."""
    if str(source) == "-":  # as export says: not "-: no such file"
        raise UsageError("import reads a file, not standard input")
    if not source.exists():
        raise UsageError(f"{source}: no such file or directory")
    name = from_format or guess_format(source)
    if name is None:
        raise UsageError(f"{source}: cannot tell its format from the suffix; name it with "
                         f"--from ({', '.join(FORMATS)})")
    module = _module_of(name)
    target = output or default_import_target(source)
    to_stdout = str(target) == "-"
    if not to_stdout:
        check_output_path(target)
        _refuse_existing(target, force)
    imported = module.read(source)
    _report(imported.notices, str(source), streams)
    if not imported.ok:
        return ExitCode.PROBLEMS
    text = imported_text(imported, Path(".") if to_stdout else target.parent)
    _check_imported(text, "-" if to_stdout else str(target), streams)
    if to_stdout:
        streams.stdout.write(text)
    else:
        atomic_write_text(target, text, [source])
        streams.note(f"Imported {source} into {target}. Next: cjmap lint {target}")
    return ExitCode.OK


def _check_imported(text: str, name: str, streams: Streams) -> None:
    """An import must give a map that lints with no errors; warnings are expected."""
    result = lint_bytes(text.encode("utf-8"), name, LintOptions())
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors or not result.loaded:
        for finding in errors:
            streams.note(finding.concise)
        raise MapProblems("the imported map would not lint clean (the problems above); "
                          "nothing was written")


# -- export ------------------------------------------------------------------------------------

def map_stem(path: str) -> str:
    name = Path(path).name
    for suffix in MAP_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)] or "map"
    return Path(name).stem or "map"


def default_export_target(map_path: str, name: str, exported: Exported) -> Path:
    """``journey.cjmap.yaml`` -> ``journey.mmd`` beside it; a directory format
    (several files) -> ``journey-csv/``."""
    folder = Path(map_path).parent
    if set(exported.files) != {""}:
        return folder / f"{map_stem(map_path)}-{name}"
    suffix = next((s for s, f in SUFFIXES.items() if f == name), f".{name}")
    return folder / f"{map_stem(map_path)}{suffix}"


def export_map(map_path: str, *, to: str, output: Path | None = None,
               persona: str | None = None, force: bool = False,
               streams: Streams) -> ExitCode:
    """Write the map in format ``to``; the map itself is not changed (docs/interop.md)."""
    module = _module_of(to)
    if map_path == "-":
        raise UsageError("export reads a map file, not standard input")
    with fast_gc():
        _, journey = load_all([map_path], streams)[0]
    exported = module.write(journey, persona=persona)
    _report(exported.notices, map_path, streams)
    if any(notice.error for notice in exported.notices):
        return ExitCode.PROBLEMS
    target = output or default_export_target(map_path, to, exported)
    if str(target) == "-":
        _to_stdout(exported, to, streams)
        return ExitCode.OK
    if set(exported.files) == {""}:
        _refuse_existing(target, force)
        atomic_write_bytes(target, exported.files[""], [map_path])
    else:
        _write_directory(target, exported, map_path, force)
    streams.note(f"Exported {map_path} to {target} ({to}).")
    return ExitCode.OK


def _to_stdout(exported: Exported, name: str, streams: Streams) -> None:
    if set(exported.files) != {""}:
        raise UsageError(f"the {name} format writes several files; give -o DIRECTORY")
    try:
        text = exported.files[""].decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"the {name} format is binary; give -o FILE") from None
    streams.stdout.write(text)


def _write_directory(folder: Path, exported: Exported, map_path: str, force: bool) -> None:
    if os.path.exists(folder) and not os.path.isdir(folder):  # never raises
        raise UsageError(f"{folder}: is not a directory")
    for name in exported.files:
        _refuse_existing(folder / name, force)
    ensure_directory(folder)
    for name, data in exported.files.items():
        atomic_write_bytes(folder / name, data, [map_path])


# -- --mermaid on the Markdown reports of diff and score --------------------------------------

def mermaid_section(journeys: list[tuple[str, JourneyMap | None]]) -> str:
    """Markdown to append to a report: each map's journey as a ```mermaid block,
    under a heading naming it (``label`` is e.g. "After" or the map's path)."""
    from cjmap.interop.mermaid import journey_block
    from cjmap.reporting.markdown import escape as md

    parts = ["\n## Journeys\n"]
    for label, journey in journeys:
        if journey is not None:
            parts.append(f"\n### {md(label)}: {md(journey.title)}\n\n"
                         f"{journey_block(journey)}")
    return "".join(parts) if len(parts) > 1 else ""

