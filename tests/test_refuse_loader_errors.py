"""render, diff and score refuse a map with any loader finding, as they refuse one that
does not load: a duplicate key (CJ002) leaves the map ambiguous."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap.cli import app

DUPLICATE_TITLE = """\
cjmap: 1
id: dup
title: First title
title: Second title
stages: [{id: s, name: S, touchpoints: [{id: t, name: T, emotion: 0}]}]
"""


@pytest.mark.parametrize(
    "command",
    [
        ["score", "{map}"],
        ["diff", "{map}", "{map}"],
        ["render", "{map}", "--format", "dot", "-o", "{out}"],
    ],
)
def test_duplicate_key_is_refused(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "dup.cjmap.yaml"
    path.write_text(DUPLICATE_TITLE, encoding="utf-8")
    out = tmp_path / "out.dot"
    args = [a.format(map=path, out=out) for a in command]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    # The second 'title' key is on line 4, column 1.
    assert f"{path}:4:1: CJ002 [error] duplicate key 'title'" in result.stderr
    assert not out.exists()
