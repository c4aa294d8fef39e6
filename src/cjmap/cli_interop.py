"""The options of ``cjmap import`` and ``cjmap export`` (docs/interop.md, docs/cli.md).

Declared apart from :mod:`cjmap.cli` only to keep that module small; importing
:mod:`cjmap.cli` imports this one at its end, which adds both commands to its ``app``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cjmap.cli import _Command, _streams, app, command
from cjmap.errors import ExitCode
from cjmap.interop import FORMATS as INTEROP_FORMATS


@app.command("import", cls=_Command)
@command
def import_command(
    source: Annotated[Path, typer.Argument(
        metavar="FILE", help="A Mermaid journey (.mmd), a spreadsheet (.xlsx) or CSV files.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="MAP",
        help="The map file to write ('-': standard output) [default: FILE's name with "
             ".cjmap.yaml, beside it].")] = None,
    from_format: Annotated[str | None, typer.Option(
        "--from", metavar="FORMAT", autocompletion=lambda: list(INTEROP_FORMATS),
        help=f"{', '.join(INTEROP_FORMATS)} [default: from the suffix].")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing map file.")] = False,
) -> ExitCode:
    """Make a map of a Mermaid journey, a spreadsheet or CSV files."""
    from cjmap.commands.interop import import_map

    return import_map(source, output=output, from_format=from_format, force=force,
                      streams=_streams())


@app.command("export", cls=_Command)
@command
def export_command(
    map_path: Annotated[str, typer.Argument(metavar="MAP", help="The map file to export.")],
    to: Annotated[str, typer.Option("--to", metavar="FORMAT",
                                    autocompletion=lambda: list(INTEROP_FORMATS),
                                    help=f"{', '.join(INTEROP_FORMATS)}.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="OUT",
        help="File (or directory for csv) to write; '-' for standard output "
             "[default: beside MAP, e.g. journey.mmd].")] = None,
    persona: Annotated[str | None, typer.Option(
        metavar="ID", help="Export the journey of this persona (its own emotions).")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite existing files.")] = False,
) -> ExitCode:
    """Write a map as a Mermaid journey, a spreadsheet or CSV files; the map is unchanged."""
    from cjmap.commands.interop import export_map

    return export_map(map_path, to=to, output=output, persona=persona, force=force,
                      streams=_streams())
