"""``cjmap import`` / ``cjmap export`` and ``--mermaid`` from the command line (with the
Mermaid format; the commands work the same way for every registered format)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cjmap.cli import app
from cjmap.load import load_path
from cjmap.yamlio import compose, dump
from helpers import EXAMPLE_MAPS
from mermaid_harness import DATA, run_jison

HOTEL = next(p for p in EXAMPLE_MAPS if p.name == "hotel-stay.cjmap.yaml")


def hotel_in(directory: Path) -> Path:
    """The hotel example copied into ``directory``, with the library it uses."""
    shutil.copytree(HOTEL.parent / "library", directory / "library")
    source = directory / "hotel.cjmap.yaml"
    shutil.copy(HOTEL, source)
    return source


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_import_writes_a_map_beside_the_diagram_that_lints_without_errors(
        tmp_path: Path) -> None:
    source = tmp_path / "quirks.mmd"
    shutil.copy(DATA / "hand-quirks-crlf.mmd", source)
    result = _run("import", str(source))
    assert result.exit_code == 0, result.output
    target = tmp_path / "quirks.cjmap.yaml"
    lines = target.read_text().splitlines()
    # No schema file above tmp_path: the line says how to make one (as `cjmap init` does).
    assert lines[0].startswith("# No schema file found:")
    assert lines[1] == "# imported from quirks.mmd (Mermaid journey) by cjmap import"
    (tmp_path / "cjmap.schema.json").write_text("{}")
    assert _run("import", str(source), "--force").exit_code == 0
    assert target.read_text().startswith("# yaml-language-server: $schema=cjmap.schema.json\n")
    assert load_path(str(target)).journey is not None
    lint = _run("lint", str(target), "--fail-on", "error")
    assert lint.exit_code == 0, lint.output
    # What was not carried over is on stderr, with its line.
    assert "warning: " in result.stderr and "line 5: task 'Half point'" in result.stderr


def test_import_refuses_to_overwrite_without_force_and_writes_to_stdout(
        tmp_path: Path) -> None:
    target = tmp_path / "out.cjmap.yaml"
    target.write_text("keep me")
    source = str(DATA / "docs-working-day.mmd")
    refused = _run("import", source, "-o", str(target))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text() == "keep me"
    assert _run("import", source, "-o", str(target), "--force").exit_code == 0
    assert "title: My working day" in target.read_text()
    printed = _run("import", source, "-o", "-")
    assert printed.exit_code == 0 and "name: Go to work" in printed.stdout


def test_import_errors_and_usage(tmp_path: Path) -> None:
    missing = _run("import", str(tmp_path / "nope.mmd"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    bad = tmp_path / "bad.mmd"
    bad.write_text("journey\nsection A\n  Task without score\n")
    rejected = _run("import", str(bad))
    assert rejected.exit_code == 1
    assert "error: " in rejected.stderr and "line 3: Mermaid rejects" in rejected.stderr
    assert not (tmp_path / "bad.cjmap.yaml").exists()
    unknown = tmp_path / "journey.txt"
    unknown.write_text("journey\n")
    assert _run("import", str(unknown)).exit_code == 2
    assert _run("import", str(bad), "--from", "mermiad").exit_code == 2
    assert _run("import", str(bad), "-o", str(bad), "--force", "--from", "mermaid"
                ).exit_code == 1  # rejected before anything is written
    huge = tmp_path / "huge.mmd"
    with huge.open("wb") as handle:
        handle.write(b"journey\n")
        handle.truncate(11 * 1024 * 1024)
    too_large = _run("import", str(huge))
    assert too_large.exit_code == 1 and "MiB limit" in too_large.stderr
    good = tmp_path / "good.mmd"
    shutil.copy(DATA / "docs-working-day.mmd", good)
    over = _run("import", str(good), "-o", str(good), "--force")
    assert over.exit_code == 2 and "over an input" in over.stderr


def test_export_to_a_default_file_and_to_stdout(tmp_path: Path) -> None:
    source = hotel_in(tmp_path)
    before = source.read_bytes()
    result = _run("export", str(source), "--to", "mermaid")
    assert result.exit_code == 0, result.output
    written = (tmp_path / "hotel.mmd").read_text()
    assert "averaged" in result.stderr and "--persona" in result.stderr
    assert source.read_bytes() == before
    assert "error" not in run_jison([written])[0]
    again = _run("export", str(source), "--to", "mermaid")
    assert again.exit_code == 2 and "--force" in again.stderr
    printed = _run("export", str(source), "--to", "mermaid", "-o", "-",
                   "--persona", "family")
    assert printed.exit_code == 0 and printed.stdout.startswith("journey\n")
    assert ": Family with young children" in printed.stdout
    assert "Business traveller" not in printed.stdout


def test_export_errors(tmp_path: Path) -> None:
    assert _run("export", str(tmp_path / "none.cjmap.yaml"), "--to", "mermaid").exit_code == 2
    assert _run("export", str(HOTEL), "--to", "pdf").exit_code == 2
    unknown = _run("export", str(HOTEL), "--to", "mermaid", "--persona", "famly", "-o", "-")
    assert unknown.exit_code == 2 and "did you mean 'family'" in unknown.stderr
    source = hotel_in(tmp_path)
    over = _run("export", str(source), "--to", "mermaid", "-o", str(source), "--force")
    assert over.exit_code == 2 and "over an input" in over.stderr
    broken = tmp_path / "broken.cjmap.yaml"
    broken.write_text("cjmap: 1\nid: x\n")
    assert _run("export", str(broken), "--to", "mermaid").exit_code == 1


@pytest.mark.parametrize("command", [["score", str(HOTEL)], ["diff", str(HOTEL), str(HOTEL)]])
def test_mermaid_option_on_markdown_reports(command: list[str]) -> None:
    result = _run(*command, "--format", "markdown", "--mermaid")
    assert result.exit_code == 0, result.output
    assert "## Journeys" in result.stdout
    block = result.stdout.split("```mermaid\n", 1)[1].split("```", 1)[0]
    got = run_jison([block])[0]
    assert got["title"] == "A stay at a city-centre hotel" and len(got["tasks"]) == 16
    plain = _run(*command, "--mermaid")
    assert plain.exit_code == 2 and "--format markdown" in plain.stderr


def test_yaml_dump_quotes_what_needs_quoting() -> None:
    tricky = {"a": ["No", "123", "a: b", "#x", "yes", "null", "1.5", "- x", "'q'", "~", "",
                    "2026-01-01", "@x", "%x", "*x", "&x", "!x", "{x}", "[x]", "|", ">"]}
    assert compose(dump(tricky)).data == tricky
    assert list(compose(dump({"z": 1, "a": 2})).data) == ["z", "a"]


@pytest.mark.parametrize("name, out", [("xlsx", "hotel.xlsx"), ("csv", "hotel-csv")])
def test_the_commands_carry_any_registered_format(tmp_path: Path, name: str, out: str) -> None:
    source = hotel_in(tmp_path)
    assert _run("export", str(source), "--to", name).exit_code == 0
    assert (tmp_path / out).exists()
    back = tmp_path / "back.cjmap.yaml"
    imported = _run("import", str(tmp_path / out), "-o", str(back))
    assert imported.exit_code == 0, imported.output
    # The export holds the library's items inline (docs/portfolio.md): the map read back
    # has them as its own and uses no library; with its library merged in, the map it
    # came from is the same but for that.
    diff = _run("diff", "--resolve", "-f", "json", str(source), str(back))
    assert diff.exit_code == 0, diff.output
    changes = [(c["path"], c["old"], c["new"]) for c in json.loads(diff.stdout)["changes"]]
    assert changes == [("uses", ["library/shared.cjlib.yaml"], [])]
    assert _run("export", str(source), "--to", name, "-o", "-").exit_code == 2
