"""The pieces every command of the command line is built from (see :mod:`cjmap.cli`):
the wrapper that turns a command function's result or error into the exit code, the
streams it writes to, and typer classes and options whose help reads well."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from cjmap.commands import Streams
from cjmap.errors import CjmapError, ExitCode
from cjmap.fastgc import command_scope
from cjmap.inputs import describe_os_error
from cjmap.reporting.registry import Choices
from cjmap.terminal import printable

state = {"debug": False}

P = ParamSpec("P")
R = TypeVar("R")


def fail(code: ExitCode, message: str) -> NoReturn:
    say_error(message)
    raise typer.Exit(int(code))


def say_error(message: str) -> None:
    # Without a standard error to say it on, the exit code says it.
    with contextlib.suppress(CjmapError, OSError, ValueError):
        sys.stderr.write(f"cjmap: {printable(message)}\n")


def command_streams() -> Streams:
    """The process's standard streams, as they are when a command starts."""
    return Streams(sys.stdout, sys.stderr)


def command(func: Callable[P, ExitCode | int]) -> Callable[P, None]:
    """Run a command function and turn its result or error into the exit code.

    CjmapError is the user's problem (one line, its own code); anything else is
    ours: one line naming it, exit 3, and the traceback only with --debug.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            with command_scope():
                code = func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except CjmapError as exc:
            if state["debug"]:
                traceback.print_exc()
            fail(exc.exit_code, f"error: {exc}")
        except KeyboardInterrupt:
            fail(ExitCode.USAGE, "interrupted")
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(int(ExitCode.OK)) from None
        except OSError as exc:
            if exc.errno not in _MACHINE_ERRNOS:
                internal_error(exc)
            # Files are written by cjmap.output, which says this itself; here it is a
            # standard stream (`> /dev/full`, a full disk): the machine's problem, exit 2.
            _discard_stdout()
            fail(ExitCode.USAGE, f"error: cannot write the output ({describe_os_error(exc)})")
        except Exception as exc:
            internal_error(exc)
        raise typer.Exit(int(code))

    return wrapper


# Errors of the machine, not of cjmap, when writing: a full disk or quota, an I/O error.
_MACHINE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EROFS}


def internal_error(exc: BaseException) -> NoReturn:
    """An error that is a bug in cjmap: one line, exit 3 (the traceback with --debug)."""
    if state["debug"]:
        traceback.print_exc()
    detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    fail(ExitCode.INTERNAL,
         f"internal error: {detail} (this is a bug in cjmap; run with --debug "
         "for the traceback and report it)")


def _discard_stdout() -> None:
    """Drop what standard output still buffers: flushing it at exit would fail again and
    print Python's "Exception ignored" after our one line."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class Argument(TyperArgument):
    """An argument shown by its metavar alone (``MAP...``), as a person writes it,
    instead of typer's ``{maps}...`` and ``<list[str]>``."""

    def _usage_display_name(self) -> str:
        return self.metavar or super()._usage_display_name()

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.metavar else super().display_type_rich(ctx)


class WholeSummary:
    """Lists the whole first paragraph of a command's help in ``cjmap --help`` (click
    would cut it at its first ". " or at the terminal's width: "...then...", "(e.g.")."""

    help: str | None

    def get_short_help_str(self, limit: int = 45) -> str:
        return " ".join((self.help or "").split("\n\n")[0].split())


class Group(WholeSummary, TyperGroup):
    """A group of commands (``cjmap metrics``) listed with its whole summary."""


class Command(WholeSummary, TyperCommand):
    """A command whose help reads well: its whole summary, and arguments shown by their
    metavars."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # typer.Argument takes no class of its own: arguments given a metavar are
        # re-classed here, which changes only how help shows them.
        for param in self.params:
            if type(param) is TyperArgument and param.metavar:
                param.__class__ = Argument


def format_option(choices: Choices, default: str, more: str = "") -> Any:
    """``--format``: its help and its completion from the command's table of formats."""
    return typer.Option("--format", "-f", metavar="FORMAT", autocompletion=choices.complete,
                        show_default=False,
                        help=f"{choices.listed()} [default: {default}].{more}")


def output_option(what: str) -> Any:
    return typer.Option("--output", "-o", metavar="FILE", help=f"Write {what} to this file.")


# The help of flags cli.py declares in one line each (it is kept under 500 lines).
FLAG_HELP = {
    "--library": "The schema of a library file (*.cjlib.yaml) instead.",
    "--resolve": "Merge each version's libraries into it first: show what a library's "
                 "change did to the map.",
}


def flag_option(name: str) -> Any:
    """A flag (``--name``, off by default) with its help from :data:`FLAG_HELP`."""
    return typer.Option(name, help=FLAG_HELP[name])
