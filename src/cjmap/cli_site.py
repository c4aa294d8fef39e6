"""The command line of ``cjmap site`` (docs/portfolio.md), kept apart from :mod:`cjmap.cli`
so that module stays small; ``cli.py`` registers :func:`site_command` on its app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cjmap.clikit import command, command_streams
from cjmap.errors import ExitCode


@command
def site_command(
    maps: Annotated[list[str] | None, typer.Argument(
        metavar="[PATH...]", help="Map files or directories [default: .].")] = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="DIR", help="Directory to build the site in.")] = Path("site"),
    force: Annotated[bool, typer.Option(
        "--force", help="Write into DIR even if it holds files that are not a cjmap site "
                        "(they are left alone).")] = False,
) -> ExitCode:
    """Build a static site of every map: an index with the portfolio, a page per map,
    persona and channel."""
    from cjmap.commands.site import site

    return site(maps or [], output=output, force=force, streams=command_streams())
