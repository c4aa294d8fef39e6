"""The layers of docs/architecture.md ("Data flow and layers"), checked on every import
statement of the package (at module level or inside a function)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "src" / "cjmap"
OUTPUTS = ("cjmap.reporting", "cjmap.render", "cjmap.html", "cjmap.site", "cjmap.interop",
           "cjmap.terminal", "cjmap.output")
COMMAND_LINE = ("cjmap.cli", "cjmap.commands")
RUNNERS = ("cjmap.start", "cjmap.__main__", "cjmap.fastgc", "cjmap.preview", "cjmap.choices")


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


MODULES = {_module(path): sorted(set(_imports(path))) for path in PACKAGE.rglob("*.py")}


def _offenders(allowed: tuple[str, ...], imported: tuple[str, ...]) -> list[str]:
    return sorted(f"{module} imports {name}" for module, names in MODULES.items()
                  if not module.startswith(allowed)
                  for name in names if name.startswith(imported))


def test_the_package_has_the_modules_these_rules_speak_of() -> None:
    assert {"cjmap.cli", "cjmap.load", "cjmap.reporting.formats", "cjmap.render.layout",
            "cjmap.commands.lint", "cjmap.model"} <= MODULES.keys()
    # The checker sees imports inside functions too: cli.py imports commands lazily.
    assert "cjmap.cli imports cjmap.commands.lint" in _offenders(("cjmap.x",), COMMAND_LINE)
    assert "cjmap.cli imports typer" in _offenders(("cjmap.x",), ("typer",))


@pytest.mark.parametrize(("who_may", "what"), [
    (("cjmap.cli",), ("typer", "click")),
    (("cjmap.reporting", "cjmap.terminal", "cjmap.commands"), ("rich",)),
    (COMMAND_LINE + RUNNERS, COMMAND_LINE),
    (OUTPUTS + COMMAND_LINE + RUNNERS, OUTPUTS),
], ids=["typer only in the command line", "rich only where reports are styled",
        "nothing below the command line imports it",
        "the core (format, model, analysis) imports no output"])
def test_layers(who_may: tuple[str, ...], what: tuple[str, ...]) -> None:
    assert _offenders(who_may, what) == []
