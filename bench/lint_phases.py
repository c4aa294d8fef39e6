"""Where the time of a one-file ``cjmap lint MAP`` goes, stage by stage.

``python -m bench.lint_phases MAP`` does in one fresh process what the installed
``cjmap lint MAP`` does (the entry point's start-up, then the command line run as the
command runs it) with a timer between the stages, and prints the wall-clock and CPU
milliseconds of each as JSON. The imports are made one package at a time first, in the
order of the table, so each row holds what that package adds to the ones above it (a
module that two of them import counts in the first). The command is then timed in three
parts by wrapping two of its functions: typer's work before ``lint()`` is entered
(building the click command of ``lint`` and coercing its options through pydantic
``TypeAdapter``s), the map work (``lint_paths``) and the rest (configuration before,
the report after). :func:`phases` runs it several times and gives the medians
(docs/performance.md, "Where one lint's time goes now").

Python's own start (the interpreter, before any import) is not in the table:
``python -c pass`` measures it.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.timing import Clock, median_rows

PHASES: tuple[tuple[str, str], ...] = (
    ("typer", "typer (its vendored click included)"),
    ("cli", "cjmap's command line (cjmap.cli, clikit, the option tables)"),
    ("pydantic", "pydantic (from pydantic import BaseModel)"),
    ("adapters", "the rest of pydantic that typer's option coercion imports"),
    ("yaml", "PyYAML with libyaml"),
    ("model", "cjmap.model (the map models' validators)"),
    ("imports", "the rest of cjmap.commands.lint (config, loader, engine, rules, ...)"),
    ("options", "typer: lint's click command, its options parsed and coerced"),
    ("config", "configuration discovered, options resolved"),
    ("lint", "lint_paths: read, compose, validate, library, index, rules"),
    ("report", "the report, the exit code"),
)


def _run(source: str) -> dict[str, tuple[float, float]]:
    clock = Clock()
    from cjmap.fastgc import pause_for_startup
    from cjmap.start import without_pydantic_plugins

    pause_for_startup()  # what cjmap.start.main does first
    without_pydantic_plugins()
    import typer

    clock.lap("typer")
    import cjmap.cli

    clock.lap("cli")
    from pydantic import BaseModel  # noqa: F401

    clock.lap("pydantic")
    import typer._adapters  # noqa: F401

    clock.lap("adapters")
    import yaml  # noqa: F401

    clock.lap("yaml")
    import cjmap.model

    clock.lap("model")
    import cjmap.commands.lint as command

    clock.lap("imports")
    _wrap(command, clock)
    with open(os.devnull, "w") as nowhere, contextlib.redirect_stdout(nowhere):
        try:
            cjmap.cli.main(["lint", source])
        except SystemExit as done:
            if done.code not in (0, None):
                raise
        clock.lap("report")
    return clock.times


def _wrap(command: Any, clock: Clock) -> None:
    """Laps when typer calls ``lint()`` and around its ``lint_paths``."""
    lint, lint_paths = command.lint, command.lint_paths

    def timed_lint(*args: Any, **kwargs: Any) -> Any:
        clock.lap("options")
        return lint(*args, **kwargs)

    def timed_lint_paths(*args: Any, **kwargs: Any) -> Any:
        clock.lap("config")
        try:
            return lint_paths(*args, **kwargs)
        finally:
            clock.lap("lint")

    command.lint, command.lint_paths = timed_lint, timed_lint_paths


def phases(source: Path, runs: int, cwd: Path) -> list[str]:
    """Rows of a table: the median wall-clock and CPU milliseconds of each stage, the
    lint run in ``cwd`` (as the figures are: no configuration file there or above)."""
    samples: list[dict[str, list[float]]] = []
    # The bench package from here, whatever cwd is (cjmap itself as installed, or from a
    # PYTHONPATH already set, to measure another version of it).
    paths = [str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-m", "bench.lint_phases", str(source)],
                             check=True, capture_output=True, env=env, cwd=cwd).stdout
        samples.append(json.loads(out))
    return median_rows(samples, PHASES, f"stage (median of {runs} fresh processes)", 70)


if __name__ == "__main__":
    print(json.dumps(_run(sys.argv[1])))
