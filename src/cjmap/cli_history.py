"""The command line of ``cjmap history`` and ``cjmap metrics`` (docs/history.md), kept apart
from :mod:`cjmap.cli` so that module stays small; ``cli.py`` registers them on its app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cjmap.clikit import Command, Group, command, command_streams, format_option, output_option
from cjmap.errors import ExitCode
from cjmap.reporting.formats import HISTORY_REPORTERS, METRICS_REPORTERS


@command
def history_command(
    maps: Annotated[list[str], typer.Argument(
        metavar="MAP...", help="Map files (in a git work tree) whose versions to show.")],
    output_format: Annotated[str, format_option(HISTORY_REPORTERS.choices, "table")] = "table",
    output: Annotated[Path | None, output_option("the history")] = None,
    since: Annotated[str | None, typer.Option(
        metavar="DATE", help="Only commits on or after this date (YYYY-MM-DD).")] = None,
    rev_range: Annotated[str | None, typer.Option(
        "--rev-range", metavar="A..B", help="Only commits in this revision range.")] = None,
    max_count: Annotated[int | None, typer.Option(
        "--max", metavar="N", help="Only the N newest versions.")] = None,
    chart: Annotated[Path | None, typer.Option(
        metavar="FILE", help="Also draw the trends to this .svg, .png or .pdf "
        "(needs matplotlib: pip install 'cjmap[chart]').")] = None,
) -> ExitCode:
    """One row per version of a map in git: counts, pain weight, coverage, emotion, metrics."""
    from cjmap.commands.history import history

    return history(maps, output_format=output_format, output=output, since=since,
                   rev_range=rev_range, max_count=max_count, chart=chart, streams=command_streams())


metrics_app = typer.Typer(help="Metrics of maps: list them against their targets, or set "
                          "their values from a CSV file.", no_args_is_help=True, cls=Group)


@metrics_app.command("list", cls=Command)
@command
def metrics_list_command(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="[MAP]...", help="Map files or directories (default: .).")] = None,
    output_format: Annotated[str, format_option(METRICS_REPORTERS.choices, "table")] = "table",
    output: Annotated[Path | None, output_option("the list")] = None,
) -> ExitCode:
    """Every metric of every map against its target: on target, off target, no target."""
    from cjmap.commands.metrics import list_metrics

    return list_metrics(paths or ["."], output_format=output_format, output=output,
                        streams=command_streams())


@metrics_app.command("update", cls=Command)
@command
def metrics_update_command(
    map_path: Annotated[Path, typer.Argument(metavar="MAP", help="The map file to update.")],
    values: Annotated[str, typer.Option(
        "--from", metavar="CSV", help="CSV with columns metric, value and optional date "
        "(a header row); '-' reads standard input.")],
) -> ExitCode:
    """Set metrics' values (and measured dates) from a CSV file, editing only those lines."""
    from cjmap.commands.metrics import update_metrics

    return update_metrics(map_path, values, streams=command_streams())
