"""Regressions of the hostile-user probes of the new commands (import, export, site,
metrics, preview): each input once broke a rule of docs/cli.md — an exit 3 (a bug), a
traceback, a hang, or terminal control characters from a map reaching the terminal.

Every test runs the real ``cjmap`` in a subprocess, with a timeout, on real files.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

HOTEL = ROOT / "examples" / "hotel-stay.cjmap.yaml"
LIBRARY = ROOT / "examples" / "library"  # the shared definitions HOTEL refers to
# A name of 300 characters: over the 255 bytes a file name may have on Linux file systems.
TOO_LONG = "x" * 300


def cjmap(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run cjmap as a user would, standard input closed to a terminal-less /dev/null."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "cjmap", *args], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          encoding="utf-8", timeout=60, check=False)


def place_map(directory: Path, name: str = "hotel.cjmap.yaml", text: str | None = None) -> None:
    """HOTEL (or ``text``) as ``directory/name``, with the library it refers to beside it."""
    shutil.copytree(LIBRARY, directory / LIBRARY.name, dirs_exist_ok=True)
    (directory / name).write_text(HOTEL.read_text(encoding="utf-8") if text is None else text,
                                  encoding="utf-8")


def written(directory: Path) -> list[str]:
    """The names in ``directory`` besides the library place_map puts there."""
    return sorted(p.name for p in directory.iterdir() if p.name != LIBRARY.name)


def assert_one_line_usage_error(result: subprocess.CompletedProcess[str], needle: str) -> None:
    errors = [line for line in result.stderr.splitlines() if "warning:" not in line]
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(errors) == 1 and errors[0].startswith("cjmap: error: "), errors
    assert needle in errors[0]


@pytest.mark.parametrize(("to", "suffix"), [("mermaid", ".mmd"), ("xlsx", ".xlsx"),
                                            ("csv", ""), ("csv", "/tables")])
def test_export_to_a_name_too_long_is_exit_2(tmp_path: Path, to: str, suffix: str) -> None:
    place_map(tmp_path)
    result = cjmap("export", "--to", to, "hotel.cjmap.yaml", "-o", TOO_LONG + suffix,
                   cwd=tmp_path)
    assert_one_line_usage_error(result, "file name too long")
    assert written(tmp_path) == ["hotel.cjmap.yaml"]


@pytest.mark.parametrize("suffix", ["", "/site"])
def test_site_into_a_name_too_long_is_exit_2(tmp_path: Path, suffix: str) -> None:
    place_map(tmp_path)
    result = cjmap("site", "hotel.cjmap.yaml", "-o", TOO_LONG + suffix, cwd=tmp_path)
    assert_one_line_usage_error(result, "file name too long")
    assert written(tmp_path) == ["hotel.cjmap.yaml"]


CLEAR_SCREEN = "\x1b[2J"


def test_metrics_list_shows_control_characters_of_a_name_as_escapes(tmp_path: Path) -> None:
    text = HOTEL.read_text(encoding="utf-8")
    name = "    name: Post-stay Net Promoter Score\n"
    assert text.count(name) == 1
    # "\e" is YAML's escape for ESC in a double-quoted string.
    place_map(tmp_path, "m.cjmap.yaml", text.replace(name, '    name: "NPS \\e[2J now"\n'))
    result = cjmap("metrics", "list", "m.cjmap.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "NPS \\x1b[2J now" in result.stdout


def test_history_table_shows_control_characters_of_a_file_name_as_escapes(
        tmp_path: Path) -> None:
    name = f"{CLEAR_SCREEN}.cjmap.yaml"
    place_map(tmp_path, name)

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=QA", "-c", "user.email=qa@example.com",
                        *args], cwd=tmp_path, check=True, capture_output=True, timeout=60)

    git("init", "-q")
    # The library too: history reads the map's libraries from the same commit.
    git("add", name, LIBRARY.name)
    git("commit", "-q", "-m", "first")
    result = cjmap("history", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert result.stdout.splitlines()[0] == "1 version of \\x1b[2J.cjmap.yaml"


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
@pytest.mark.parametrize("from_format", ["xlsx", "mermaid"])
def test_import_refuses_what_is_no_regular_file_with_exit_2(
        tmp_path: Path, kind: str, from_format: str) -> None:
    if kind == "fifo":
        source = tmp_path / "book.xlsx"
        os.mkfifo(source)  # nobody writes to it: reading it would wait forever
    elif kind == "directory":
        source = tmp_path / "book"
        source.mkdir()
    else:
        source = Path("/dev/zero")  # never ends
    result = cjmap("import", str(source), "--from", from_format, "-o", "-", cwd=tmp_path)
    reason = {"fifo": "is a named pipe", "directory": "is a directory",
              "device": "is a device"}[kind]
    assert_one_line_usage_error(result, f"{source}: {reason}")
    assert result.stdout == ""


def test_preview_on_a_port_in_use_is_exit_2_before_drawing_the_map(tmp_path: Path) -> None:
    place_map(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cjmap("preview", "hotel.cjmap.yaml", "--port", str(port), cwd=tmp_path)
    # Only the error: no "Updated the view" first, as if the preview had started.
    assert_one_line_usage_error(result, f"cannot listen on 127.0.0.1:{port}")
    assert result.stderr.count("\n") == 1 and result.stdout == ""


@pytest.mark.parametrize("value", ["1_000", "\u0661\u0662", "\uff11\uff12", "0x1f"])
def test_metrics_update_refuses_what_is_no_plain_decimal_number(
        tmp_path: Path, value: str) -> None:
    place_map(tmp_path)
    (tmp_path / "values.csv").write_text(f"metric,value\nnps,{value}\n", encoding="utf-8")
    before = (tmp_path / "hotel.cjmap.yaml").read_bytes()
    result = cjmap("metrics", "update", "hotel.cjmap.yaml", "--from", "values.csv",
                   cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"values.csv:2: value {value!r} is not a number" in result.stderr
    assert (tmp_path / "hotel.cjmap.yaml").read_bytes() == before


def test_metrics_update_takes_a_csv_with_a_bom_and_crlf_line_ends(tmp_path: Path) -> None:
    place_map(tmp_path)
    (tmp_path / "values.csv").write_bytes(
        b"\xef\xbb\xbfmetric,value,date\r\nnps,-1.5e1,2026-11-20\r\ncheckin-wait,.5,2026-11-21\r\n")
    result = cjmap("metrics", "update", "hotel.cjmap.yaml", "--from", "values.csv",
                   cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "hotel.cjmap.yaml").read_text(encoding="utf-8")
    # Hand-written: nps was 31, checkin-wait 11 (examples/hotel-stay.cjmap.yaml).
    assert "    value: -15\n    measured: 2026-11-20\n" in text
    assert "    value: 0.5\n    measured: 2026-11-21\n" in text
    assert "\r" not in text


def test_metrics_update_of_standard_input_is_exit_2_and_writes_no_file_named_dash(
        tmp_path: Path) -> None:
    (tmp_path / "values.csv").write_text("metric,value\nnps,40\n", encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "cjmap", "metrics", "update", "-", "--from", "values.csv"],
        cwd=tmp_path, env=env, input=HOTEL.read_text(encoding="utf-8"), capture_output=True,
        text=True, encoding="utf-8", timeout=60, check=False)
    assert_one_line_usage_error(result, "name the file, not standard input")
    assert written(tmp_path) == ["values.csv"]


def test_import_of_standard_input_says_so(tmp_path: Path) -> None:
    result = cjmap("import", "-", "--from", "mermaid", cwd=tmp_path)
    assert_one_line_usage_error(result, "import reads a file, not standard input")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["metrics", "list", str(HOTEL)], ["init", "--list-templates"],
                                  ["export", "--to", "mermaid", str(HOTEL), "-o", "-"],
                                  ["lint", "-f", "json", str(HOTEL)]])
def test_standard_output_on_a_full_disk_is_exit_2_in_one_line(
        tmp_path: Path, args: list[str]) -> None:
    # /dev/full: every write fails with ENOSPC, as on a full disk.
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = subprocess.run([sys.executable, "-m", "cjmap", *args], cwd=tmp_path,
                                stdin=subprocess.DEVNULL, stdout=full, stderr=subprocess.PIPE,
                                text=True, encoding="utf-8", timeout=60, check=False)
    errors = [line for line in result.stderr.splitlines() if "warning:" not in line]
    assert result.returncode == 2, result.stderr
    assert errors == ["cjmap: error: cannot write the output (No space left on device)"]


def test_init_dash_is_exit_2_and_writes_no_file_named_dash(tmp_path: Path) -> None:
    result = cjmap("init", "-", "--template", "blank", cwd=tmp_path)
    assert_one_line_usage_error(result, "init writes a map file, not standard output")
    assert written(tmp_path) == []


def test_metrics_update_refuses_a_row_with_more_cells_than_the_header(tmp_path: Path) -> None:
    place_map(tmp_path)
    before = (tmp_path / "hotel.cjmap.yaml").read_bytes()
    # A decimal comma: the person meant 4.5, not 4 and a stray 5.
    (tmp_path / "values.csv").write_text("metric,value\nnps,4,5\n", encoding="utf-8")
    result = cjmap("metrics", "update", "hotel.cjmap.yaml", "--from", "values.csv",
                   cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "values.csv:2: 3 cells where the header has 2" in result.stderr
    assert (tmp_path / "hotel.cjmap.yaml").read_bytes() == before


def test_history_chart_of_hostile_names_is_well_formed_svg_without_warnings(
        tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    import xml.dom.minidom

    text = HOTEL.read_text(encoding="utf-8")
    name = "    name: Post-stay Net Promoter Score\n"
    # A TeX-like "$...$" (matplotlib's mathtext failed on it: exit 3), ESC (XML cannot
    # hold it: the SVG did not open) and an emoji DejaVu Sans lacks (a Python warning).
    place_map(tmp_path, "m.cjmap.yaml",
              text.replace(name, '    name: "NPS $\\\\frac{$ \\e[2J \\U0001F389"\n'))
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "one"]):
        subprocess.run(["git", "-c", "user.name=QA", "-c", "user.email=qa@example.com",
                        *args], cwd=tmp_path, check=True, capture_output=True, timeout=60)
    result = cjmap("history", "m.cjmap.yaml", "--chart", "chart.svg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "Chart written to chart.svg.\n"
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    xml.dom.minidom.parseString(svg)  # well-formed XML: a browser opens it
    assert "NPS $\\frac{$ \\x1b[2J \U0001F389" in svg
