"""``cjmap init``: templates, questions on a terminal, any file name, the schema line
(docs/cli.md, ``cjmap init``; docs/format.md, "Editor setup")."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.commands import Streams
from cjmap.commands.init import Answers, ask, init, template_names

TEMPLATES = ["blank", "fintech-account-opening", "hotel-stay", "retail-checkout",
             "saas-onboarding", "subscription-billing"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def lint_warnings(runner: CliRunner, path: Path) -> str:
    result = runner.invoke(app, ["lint", "--fail-on", "warning", "--format", "concise",
                                 str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_templates_are_listed(runner: CliRunner) -> None:
    assert template_names() == TEMPLATES
    result = runner.invoke(app, ["init", "--list-templates"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == TEMPLATES
    assert "Opening an account in the app" in lines[1]


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_lints_clean_at_warning(runner: CliRunner, tmp_path: Path,
                                               name: str) -> None:
    target = tmp_path / "team-journey.cjmap.yaml"
    result = runner.invoke(app, ["init", str(target), "--template", name])
    assert result.exit_code == 0, result.output
    lint_warnings(runner, target)
    text = target.read_text(encoding="utf-8")
    assert "\nid: team-journey\n" in text
    assert "# Template:" in text or name == "blank"  # the template's own comments stay


@pytest.mark.parametrize(("file_name", "id_line", "title_line"), [
    ("123.cjmap.yaml", "id: '123'", "title: '123'"),
    ("yes.cjmap.yaml", "id: 'yes'", "title: 'Yes'"),
    ("null.cjmap.yml", "id: 'null'", "title: 'Null'"),
    ("2026-01-01.cjmap.yaml", "id: '2026-01-01'", "title: 2026 01 01"),
    ("1e3.cjmap.yaml", "id: '1e3'", "title: '1e3'"),  # a number to YAML 1.2 editors
    ("0x1f.cjmap.yaml", "id: '0x1f'", "title: '0x1f'"),
    ("Ünïcode Trip.yaml", "id: unicode-trip", "title: Unicode trip"),
    ("---.cjmap.yaml", "id: my-journey", "title: My journey"),
])
def test_any_file_name_gives_a_clean_map(runner: CliRunner, tmp_path: Path, file_name: str,
                                         id_line: str, title_line: str) -> None:
    target = tmp_path / file_name
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert id_line in lines and title_line in lines
    lint_warnings(runner, target)


def test_the_schema_line_points_at_a_schema_that_exists(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "cjmap.schema.json").write_text("{}\n")
    folder = tmp_path / "maps" / "retail"
    folder.mkdir(parents=True)
    out = io.StringIO()
    init(folder / "m.cjmap.yaml", template="retail-checkout", streams=Streams(out, out))
    first = (folder / "m.cjmap.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/cjmap.schema.json"
    assert (folder / "../../schemas/cjmap.schema.json").is_file()
    assert "No cjmap.schema.json" not in out.getvalue()


def test_a_schema_beside_the_map_wins(tmp_path: Path) -> None:
    (tmp_path / "cjmap.schema.json").write_text("{}\n")
    init(tmp_path / "m.cjmap.yaml", streams=Streams(io.StringIO(), io.StringIO()))
    text = (tmp_path / "m.cjmap.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=cjmap.schema.json\n")


def test_without_a_schema_it_says_how_to_make_one(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "schemas").mkdir()  # above the repository: not looked at
    (tmp_path / "outside" / "schemas" / "cjmap.schema.json").write_text("{}\n")
    repository = tmp_path / "outside" / "repo"
    (repository / ".git").mkdir(parents=True)
    out = io.StringIO()
    init(repository / "m.cjmap.yaml", streams=Streams(out, out))
    text = (repository / "m.cjmap.yaml").read_text(encoding="utf-8")
    assert "yaml-language-server: $schema" not in text
    assert "cjmap schema -o schemas/cjmap.schema.json" in text
    assert "cjmap schema -o schemas/cjmap.schema.json" in out.getvalue()


def test_answers_shape_the_starter(runner: CliRunner, tmp_path: Path) -> None:
    asked: list[tuple[str, str]] = []
    replies = iter(["Moving house", "Renter, Home owner, Renter", "Search, Move, Settle in"])

    def prompt(question: str, default: str) -> str:
        asked.append((question, default))
        return next(replies)

    answers = ask("Move", prompt)
    assert asked == [("Title", "Move"), ("Personas (comma-separated)", "New customer"),
                     ("Stages, in order (comma-separated)", "Awareness, Purchase, Use")]
    assert answers == Answers("Moving house", ["Renter", "Home owner", "Renter"],
                              ["Search", "Move", "Settle in"])
    target = tmp_path / "move.cjmap.yaml"
    init(target, answers=answers, streams=Streams(io.StringIO(), io.StringIO()))
    lint_warnings(runner, target)
    text = target.read_text(encoding="utf-8")
    assert "title: Moving house\n" in text
    assert "- id: renter\n  name: Renter\n- id: home-owner\n" in text
    assert "- id: renter-2\n" in text  # the same name twice still gives unique ids
    assert "- id: settle-in\n  name: Settle in\n" in text


def test_a_terminal_is_asked_and_no_input_is_not(tmp_path: Path) -> None:
    cjmap = [sys.executable, "-m", "cjmap"]
    controller, terminal = pty.openpty()
    process = subprocess.Popen([*cjmap, "init", "asked.cjmap.yaml"], cwd=tmp_path,
                               stdin=terminal, stdout=terminal, stderr=terminal)
    os.close(terminal)
    os.write(controller, b"Asked title\nFirst, Second\nOne, Two\n")
    output = b""
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        try:
            output += os.read(controller, 4096)
        except OSError:
            break
    process.wait(timeout=30)
    os.close(controller)
    assert b"Title [Asked]:" in output
    text = (tmp_path / "asked.cjmap.yaml").read_text(encoding="utf-8")
    assert "title: Asked title\n" in text and "- id: second\n" in text
    assert "- id: two\n  name: Two\n" in text
    quiet = subprocess.run([*cjmap, "init", "--no-input", "quiet.cjmap.yaml"], cwd=tmp_path,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    assert quiet.returncode == 0 and b"Title" not in quiet.stdout


def test_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "m.cjmap.yaml"), "-t", "hotel-stays"])
    assert result.exit_code == 2
    assert "no template 'hotel-stays' (did you mean 'hotel-stay'?)" in result.stderr
    assert runner.invoke(app, ["init"]).exit_code == 2
