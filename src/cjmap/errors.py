"""One exception base and the exit codes of docs/cli.md, decided here and nowhere else."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1  # the maps have problems: findings, a map that cannot be loaded, a gate missed
    USAGE = 2  # usage, configuration or environment error
    INTERNAL = 3  # a bug in cjmap


class CjmapError(Exception):
    """An error that ends a command with one line for the user and a fixed exit code."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(CjmapError):
    """A bad option or argument, or an input that does not exist."""


class InputError(UsageError):
    """A file or revision that cannot be read."""


class ConfigError(CjmapError):
    """Invalid configuration; the message names the offending key."""


class EnvironmentProblem(CjmapError):
    """Something cjmap needs from the machine is missing, e.g. Graphviz."""


class MapProblems(CjmapError):
    """The maps themselves have problems (used where a command cannot go on)."""

    exit_code = ExitCode.PROBLEMS
