"""Every file the package reads besides its modules is package data, so a wheel has it.

An editable install reads ``src/`` and never notices a file left out of
``[tool.setuptools.package-data]`` in pyproject.toml; an installed wheel would fail at
run time (the theme colours, the page's CSS, the templates).
"""

from __future__ import annotations

import tomllib
from pathlib import Path, PurePosixPath

from helpers import ROOT

SRC = ROOT / "src"


def _patterns() -> dict[str, list[str]]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    table: dict[str, list[str]] = pyproject["tool"]["setuptools"]["package-data"]
    return table


def _covered(path: Path, patterns: dict[str, list[str]]) -> bool:
    """Whether a glob of ``path``'s package, or of a package above it, matches it."""
    relative = PurePosixPath(path.relative_to(SRC).as_posix())
    for package, globs in patterns.items():
        folder = PurePosixPath(*package.split("."))
        if folder in relative.parents:
            inside = relative.relative_to(folder)
            # A glob is relative to the package's folder: "*.json" is not render/x.json.
            if any(inside.match(glob) and len(inside.parts) == len(PurePosixPath(glob).parts)
                   for glob in globs):
                return True
    return False


def test_every_data_file_in_the_package_is_package_data() -> None:
    patterns = _patterns()
    data = [p for p in (SRC / "cjmap").rglob("*") if p.is_file()
            and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert SRC / "cjmap" / "render" / "themes.json" in data
    assert [str(p.relative_to(SRC)) for p in data if not _covered(p, patterns)] == []


def test_a_file_outside_the_globs_is_noticed() -> None:
    patterns = {"cjmap": ["*.json"], "cjmap.html": ["*.css"]}
    assert _covered(SRC / "cjmap" / "render" / "themes.json", patterns) is False
    assert _covered(SRC / "cjmap" / "html" / "view.js", patterns) is False
    assert _covered(SRC / "cjmap" / "html" / "view.css", patterns) is True
