"""The command line of ``cjmap preview`` (docs/share.md), kept apart from :mod:`cjmap.cli`
so that module stays small; ``cli.py`` registers it on its app."""

from __future__ import annotations

from typing import Annotated

import typer

from cjmap.choices import THEMES
from cjmap.clikit import command, command_streams
from cjmap.errors import ExitCode


@command
def preview_command(
    map_file: Annotated[str, typer.Argument(metavar="MAP", help="The map file to follow.")],
    port: Annotated[int, typer.Option(
        metavar="PORT", help="Port on 127.0.0.1 [default: a free one].")] = 0,
    open_browser: Annotated[bool, typer.Option(
        "--open", help="Open the page in the default browser.")] = False,
    persona: Annotated[str | None, typer.Option(
        metavar="PERSONA", help="Start with one persona's journey.")] = None,
    lanes: Annotated[str | None, typer.Option(
        metavar="LANES", help="Comma-separated lanes, in order (as for render).")] = None,
    theme: Annotated[str, typer.Option(
        metavar="THEME", autocompletion=THEMES.complete,
        help=f"{THEMES.listed()} [default: light].", show_default=False)] = "light",
) -> ExitCode:
    """Serve a map's HTML view on 127.0.0.1 that updates itself on every save."""
    from cjmap.commands.preview import preview

    return preview(map_file, port=port, open_browser=open_browser, persona=persona,
                   lanes=lanes, theme=theme, streams=command_streams())
