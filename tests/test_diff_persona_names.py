"""Issue 11: diff highlights name personas (with the id where two share a name) and the
text report says what its markers mean."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cjmap.cli import app

MAP = """\
cjmap: 1
id: clinic
title: Clinic
personas:
  - {id: parent, name: Working parent}
  - {id: parent-2, name: Working parent}
  - {id: retired, name: Retired patient}
stages:
  - id: arrive
    name: Arrive
    touchpoints:
      - id: desk
        name: Reception desk
        emotion: {parent: EMOTION, parent-2: -1, retired: 0}
"""


def diff_text(tmp_path: Path, old: str, new: str) -> list[str]:
    (tmp_path / "old.cjmap.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.cjmap.yaml").write_text(new, encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", str(tmp_path / "old.cjmap.yaml"),
                                      str(tmp_path / "new.cjmap.yaml")])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_persona_names_with_the_id_where_names_collide(tmp_path: Path) -> None:
    old = MAP.replace("EMOTION", "-2")
    new = old.replace("retired: 0", "retired: 1").replace("parent-2: -1", "parent-2: 0")
    new = new.replace("parent: -2", "parent: -1")
    lines = diff_text(tmp_path, old, new)
    assert "    ▲ +1 Reception desk for Working parent (parent): emotion -2 → -1  " \
           "stages[arrive].touchpoints[desk].emotion[parent]" in lines
    assert any(line.startswith("    ▲ +1 Reception desk for Working parent (parent-2): ")
               for line in lines)
    assert any(line.startswith("    ▲ +1 Reception desk for Retired patient: ")
               for line in lines)


def test_the_legend_explains_the_markers_shown(tmp_path: Path) -> None:
    old = MAP.replace("EMOTION", "-2")
    new = old.replace("parent: -2", "parent: 1").replace("retired: 0", "retired: -1")
    lines = diff_text(tmp_path, old, new)
    highlights = lines.index("Highlights")
    assert lines[highlights + 1] == "  ▲ rose  ▼ fell"
