"""The command line: typer options -> a command function -> an exit code.

Each command here only parses options and calls a plain function in
:mod:`cjmap.commands`; exit codes come from :mod:`cjmap.errors`. Imports of the
heavier modules happen inside the commands so that ``cjmap --version`` and a lint
of one file start quickly.
"""

# No ``from __future__ import annotations`` here: typer evaluates a command's annotations
# from their text twice whenever it builds the command (inspect.signature(eval_str=True)
# and get_type_hints), which cost a one-file lint about 2 ms; evaluated once at import,
# they cost about 1 ms for every command together (docs/performance.md, "One map:
# start-up").
import copy
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, cast

import typer

from cjmap import __version__
from cjmap.choices import METHODS, PAGES, RENDER_FORMATS, ROLLUPS, THEMES
from cjmap.cli_history import history_command, metrics_app
from cjmap.cli_preview import preview_command
from cjmap.cli_site import site_command
from cjmap.clikit import (
    Command,
    command,
    command_streams,
    flag_option,
    format_option,
    output_option,
    say_error,
    state,
    wide_option,
)
from cjmap.errors import CjmapError, ExitCode
from cjmap.interop import FORMATS as INTEROP_FORMATS
from cjmap.reporting.formats import (
    DIFF_REPORTERS,
    REPORTERS,
    SCORE_REPORTERS,
)
from cjmap.terminal import ClosedStream, is_terminal

app = typer.Typer(
    name="cjmap",
    help="Customer journey maps as code: lint, diff, score and render YAML journey maps.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

def _version(value: bool) -> None:
    if value:
        typer.echo(f"cjmap {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    state["debug"] = debug


# -- lint --------------------------------------------------------------------------------

class FailOnChoice(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


def _codes(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


class _RawArgsCommand(Command):
    """Keeps the raw arguments: ``--output`` pairs with the ``--format`` before it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["cjmap.raw_args"] = list(args)
        return super().parse_args(ctx, args)


@app.command("lint", cls=_RawArgsCommand)
@command
def lint_command(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="[MAP]...",
        help="Map files or directories (default: .). '-' reads standard input.")] = None,
    output_format: Annotated[list[str] | None, format_option(
        REPORTERS.choices, "text",
        " Repeat for several reports; FORMAT:FILE writes one to FILE.")] = None,
    output: Annotated[list[Path] | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write the report of the --format before it to this file "
        "(atomically).")] = None,
    fail_on: Annotated[FailOnChoice | None, typer.Option(
        metavar="SEVERITY", help="Lowest severity that makes the exit code 1: error, "
        "warning, info or never [default: error].")] = None,
    select: Annotated[list[str] | None, typer.Option(
        metavar="CODES", help="Rule codes or prefixes to check (repeat or comma-separate).")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        metavar="CODES", help="Rule codes or prefixes to skip (repeat or comma-separate).")
    ] = None,
    config: Annotated[Path | None, typer.Option(
        metavar="FILE",
        help="Configuration file (default: discovered from the current directory up).")] = None,
    statistics: Annotated[bool, typer.Option(
        help="Also print how many findings each rule produced.")] = False,
    stdin_filename: Annotated[str | None, typer.Option(
        metavar="NAME", help="The file name to report for '-'.")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", metavar="N",
        help="Lint in this many processes [default and most: the number of cores].")
    ] = None,
    baseline: Annotated[Path | None, typer.Option(
        metavar="FILE", help="Do not report the findings recorded in this baseline file.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(
        metavar="FILE", help="Record every current finding in this baseline file and exit 0.")
    ] = None,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress",
        help="Progress bar [default: on a terminal for many files, never when CI is set].")
    ] = None,
    force_exclude: Annotated[bool, typer.Option(
        "--force-exclude",
        help="Apply the configured exclude globs to files named explicitly (for pre-commit).")
    ] = False,
) -> ExitCode:
    """Check maps: YAML syntax, duplicate keys, the schema, then semantic rules."""
    from cjmap.commands.lint import lint, plan_reports
    from cjmap.findings import FailOn

    reports = plan_reports(output_format or [], output or [], ctx.meta.get("cjmap.raw_args"))
    return lint(
        paths or ["."], reports=reports, fail_on=FailOn(fail_on.value) if fail_on else None,
        select=_codes(select), ignore=_codes(ignore), config_path=config,
        statistics=statistics, stdin_filename=stdin_filename, jobs=jobs, baseline=baseline,
        write_baseline=write_baseline, progress=progress, force_exclude=force_exclude,
        streams=command_streams())


# -- rules, schema, init -------------------------------------------------------------------

@app.command("rules", cls=Command)
@command
def rules_command(
    code: Annotated[str | None, typer.Argument(
        metavar="[CODE]", help="A rule code or name to explain, e.g. CJ201.")] = None,
    markdown: Annotated[bool, typer.Option(
        "--markdown", help="Print the documentation of every rule as Markdown (docs/rules.md)."
    )] = False,
    wide: Annotated[bool, wide_option()] = False,
) -> ExitCode:
    """List the lint rules, or explain one."""
    from cjmap.commands.rules import rules

    return rules(code, markdown=markdown, wide=wide, streams=command_streams())


@app.command("schema", cls=Command)
@command
def schema_command(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write the schema to this file instead of printing it.")] = None,
    library: Annotated[bool, flag_option("--library")] = False,
) -> ExitCode:
    """Print the JSON Schema of the map format (for editors and other tools)."""
    from cjmap.commands.schema import schema

    return schema(output=output, library=library, streams=command_streams())


def _complete_template(incomplete: str) -> list[str]:
    from cjmap.commands.init import template_names

    return [name for name in template_names() if name.startswith(incomplete)]


@app.command("init", cls=Command)
@command
def init_command(
    path: Annotated[Path | None, typer.Argument(
        metavar="[PATH]", help="Where to write the new map.")] = None,
    template: Annotated[str | None, typer.Option(
        "--template", "-t", metavar="TEMPLATE", autocompletion=_complete_template,
        help="Start from a template (see --list-templates).")] = None,
    list_templates: Annotated[bool, typer.Option(
        "--list-templates", help="List the templates and exit.")] = False,
    no_input: Annotated[bool, typer.Option(
        "--no-input", help="Never ask questions (they are asked only on a terminal).")] = False,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> ExitCode:
    """Write a starter map (or a template) that lints clean."""
    from cjmap.commands import init
    from cjmap.errors import UsageError

    streams = command_streams()
    if list_templates:
        return init.list_templates(streams=streams)
    if path is None:
        raise UsageError("give the PATH of the new map (or --list-templates)")
    answers = None
    if template is None and not no_input and is_terminal(sys.stdin) and is_terminal(
            streams.stdout):
        answers = init.ask(init.default_title(path),
                           lambda question, default: str(typer.prompt(question, default=default)))
    return init.init(path, template=template, answers=answers, force=force, streams=streams)


# -- render, diff, score ---------------------------------------------------------------------

@app.command("render", cls=Command)
@command
def render_command(
    maps: Annotated[list[str], typer.Argument(
        metavar="MAP...", help="Map files or directories to draw.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Output file (one map). Format from its suffix.")] = None,
    output_format: Annotated[str | None, format_option(
        RENDER_FORMATS, "from -o's suffix, else svg")] = None,
    persona: Annotated[str | None, typer.Option(
        metavar="PERSONA", help="Draw the journey of one persona.")] = None,
    lanes: Annotated[str | None, typer.Option(
        metavar="LANES",
        # The text of cjmap.render.lanes.lanes_help() (a test keeps them equal; importing
        # the lanes here would slow down every command's start).
        help="Comma-separated lanes, in order: touchpoints, actions, thoughts, emotion, pains, "
             "opportunities, backstage, metrics [default: touchpoints, actions, thoughts, "
             "emotion, pains, opportunities].")] = None,
    theme: Annotated[str, typer.Option(
        metavar="THEME", autocompletion=THEMES.complete,
        help=f"{THEMES.listed()} [default: light].", show_default=False)] = "light",
    out_dir: Annotated[Path | None, typer.Option(
        metavar="DIR", help="Directory for the pictures of many maps.")] = None,
    page: Annotated[str | None, typer.Option(
        metavar="SIZE", autocompletion=PAGES.complete,
        help=f"PDF on landscape pages of whole stages: {PAGES.listed()} "
             "[default: one page as big as the map].")] = None,
    history: Annotated[bool, typer.Option(
        "--history", help="HTML only: add charts of the map's versions in git.")] = False,
) -> ExitCode:
    """Draw maps as journey-map pictures through Graphviz (SVG, PNG, PDF, DOT or an
    interactive HTML page)."""
    from cjmap.commands.render import render

    return render(maps, output=output, output_format=output_format, persona=persona,
                  lanes=lanes, theme=theme, out_dir=out_dir, page=page, history=history,
                  streams=command_streams())


@app.command("diff", cls=Command)
@command
def diff_command(
    targets: Annotated[list[str] | None, typer.Argument(
        metavar="[OLD NEW | PATH...]",
        help="OLD and NEW versions, each a path, REV:path (read from git) or '-'; "
             "with --git, the paths to look in.")] = None,
    git: Annotated[str | None, typer.Option(
        "--git", metavar="REV",
        help="Diff every map changed between this revision and the work tree.")] = None,
    paths: Annotated[list[str] | None, typer.Option(
        "--path", metavar="PATH", help="With --git: only maps under these paths.")] = None,
    output_format: Annotated[str, format_option(DIFF_REPORTERS.choices, "text")] = "text",
    output: Annotated[Path | None, output_option("the diff")] = None,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit 1 when the maps differ.")] = False,
    resolve: Annotated[bool, flag_option("--resolve")] = False,
    mermaid: Annotated[bool, typer.Option(
        "--mermaid", help="With --format markdown: add each map's journey, before and after, "
                          "as a Mermaid diagram.")] = False,
    git_driver: Annotated[bool, typer.Option(
        "--git-driver", hidden=True,
        help="Called by git as diff.cjmap.command with git's external-diff arguments.")
    ] = False,
) -> ExitCode:
    """Show what changed between two versions of a map, matched by id."""
    from cjmap.commands.diff import diff

    return diff(targets or [], git=git, paths=paths or [], git_driver=git_driver,
                output_format=output_format, output=output, exit_code=exit_code,
                resolve=resolve, mermaid=mermaid, streams=command_streams())


@app.command("score", cls=Command)
@command
def score_command(
    maps: Annotated[list[str], typer.Argument(
        metavar="MAP...", help="Map files or directories to score.")],
    output_format: Annotated[str, format_option(SCORE_REPORTERS.choices, "table")] = "table",
    output: Annotated[Path | None, output_option("the scorecard")] = None,
    method: Annotated[str, typer.Option(
        metavar="METHOD", autocompletion=METHODS.complete, show_default=False,
        help=f"{METHODS.listed()} [default: weighted].")] = "weighted",
    top: Annotated[int | None, typer.Option(
        metavar="N", help="Show only the N highest priorities.")] = None,
    min_coverage: Annotated[float | None, typer.Option(
        metavar="RATIO", help="Exit 1 when any map's coverage is below this (0..1).")] = None,
    explain: Annotated[bool, typer.Option(
        help="Show the terms each number is computed from.")] = False,
    by: Annotated[str | None, typer.Option(
        metavar="GROUP", autocompletion=ROLLUPS.complete,
        help=f"Roll up across maps by {ROLLUPS.listed()} (see docs/scoring.md).")] = None,
    mermaid: Annotated[bool, typer.Option(
        "--mermaid", help="With --format markdown: add each map's journey as a Mermaid "
                          "diagram.")] = False,
    wide: Annotated[bool, wide_option()] = False,
) -> ExitCode:
    """Rank opportunities against the pain points they address; gate coverage."""
    from cjmap.commands.score import score

    return score(maps, output_format=output_format, output=output, method=method, top=top,
                 min_coverage=min_coverage, explain=explain, by=by, mermaid=mermaid, wide=wide,
                 streams=command_streams())


# -- import, export (docs/interop.md) -------------------------------------------------------

@app.command("import", cls=Command)
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
                      streams=command_streams())


@app.command("export", cls=Command)
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
                      streams=command_streams())


# -- history, metrics (cli_history.py), preview (cli_preview.py), site (cli_site.py) ---------

app.command("history", cls=Command)(history_command)
app.add_typer(metrics_app, name="metrics")
app.command("preview", cls=Command)(preview_command)
app.command("site", cls=Command)(site_command)


def _invoked_only(args: list[str]) -> typer.Typer:
    """The app holding only the command that ``args`` invoke, else the whole app.

    typer builds the click command (and a pydantic adapter per option) of every command
    it holds before parsing; building only the invoked one's saves about 10 ms of a
    one-file lint's start-up (docs/performance.md, "One map: start-up"). Help, errors and
    exit codes are the same: anything but a known command name first (``--help``,
    ``--version``, a typo, shell completion) gets the whole app.
    """
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return app
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name is None or "--" in args[:args.index(name)]:
        return app
    commands = [info for info in app.registered_commands if info.name == name]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands, narrowed.registered_groups = commands, groups
    return narrowed


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    # A stream closed before we started (`>&-`) is None in Python: stand-ins turn a
    # write to it into one line and exit 2 instead of an AttributeError.
    if sys.stdout is None:
        sys.stdout = cast(Any, ClosedStream("output"))
    if sys.stderr is None:
        sys.stderr = cast(Any, ClosedStream("error"))
    # A terminal or pipe whose encoding cannot show a map's text (PYTHONIOENCODING=ascii,
    # a legacy console) gets escapes instead of a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        args = sys.argv[1:] if argv is None else argv
        return _invoked_only(args)(args=args, prog_name="cjmap")
    except CjmapError as exc:  # outside a command: `cjmap --version >&-`
        say_error(f"error: {exc}")
        raise SystemExit(int(exc.exit_code)) from None
