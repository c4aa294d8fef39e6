"""Big maps and a misbehaving Graphviz (issue 10 rows 4 and 5): docs/limits.md, "Render"."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench.bench_render import compact_map

from cjmap.commands import Streams
from cjmap.commands.render import render
from cjmap.errors import EnvironmentProblem, UsageError
from cjmap.load import load_bytes
from cjmap.model import JourneyMap
from cjmap.render.dot import to_dot
from cjmap.render.layout import layout
from cjmap.render.sketch import MAX_LINES
from helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "online-clothing.cjmap.yaml")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz `dot` is not installed (make graphviz)")


def journey_of(text: str) -> JourneyMap:
    loaded = load_bytes(text.encode(), "map.cjmap.yaml")
    assert loaded.journey is not None, loaded.findings
    return loaded.journey


def fake_dot(directory: Path, script: str) -> str:
    """A real executable named `dot`, alone in ``directory`` (used as PATH)."""
    directory.mkdir()
    path = directory / "dot"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return str(directory)


def test_a_dot_printing_junk_is_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    search = fake_dot(tmp_path / "bin", "cat >/dev/null\necho 'Segmentation fault'\n")
    target = tmp_path / "map.svg"
    out = io.StringIO()
    with pytest.raises(EnvironmentProblem, match=r"returned no valid SVG \(it begins "
                                                 r"'Segmentation fault"):
        render([EXAMPLE], output=target, streams=Streams(out, out), search_path=search)
    assert not target.exists()


def test_a_dot_printing_half_a_png_is_refused(tmp_path: Path) -> None:
    # a PNG signature, then nothing: no IEND chunk, so not a whole PNG
    search = fake_dot(tmp_path / "bin", "cat >/dev/null\nprintf '\\211PNG\\r\\n\\032\\n'\n")
    out = io.StringIO()
    with pytest.raises(EnvironmentProblem, match="no valid PNG"):
        render([EXAMPLE], output=tmp_path / "m.png", streams=Streams(out, out),
               search_path=search)


def test_a_hanging_dot_is_stopped_after_the_timeout(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # a wrapper that never reads its input and starts a child that outlives it
    pid_file = tmp_path / "pid"
    search = fake_dot(tmp_path / "bin", f"sleep 60 &\necho $! > {pid_file}\nwait\n")
    monkeypatch.setenv("CJMAP_GRAPHVIZ_TIMEOUT", "1")
    out = io.StringIO()
    start = time.monotonic()
    with pytest.raises(EnvironmentProblem, match=r"did not finish within 1 s and was stopped; "
                                                 r"set CJMAP_GRAPHVIZ_TIMEOUT"):
        render([EXAMPLE], output=tmp_path / "m.svg", streams=Streams(out, out),
               search_path=search)
    assert time.monotonic() - start < 10
    assert not (tmp_path / "m.svg").exists()
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _running(child):
        time.sleep(0.05)
    assert not _running(child)  # the whole process group was stopped


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_the_cli_says_the_timeout_is_not_a_number(tmp_path: Path) -> None:
    env = {**os.environ, "CJMAP_GRAPHVIZ_TIMEOUT": "soon"}
    done = subprocess.run([sys.executable, "-m", "cjmap", "render", EXAMPLE, "-o",
                           str(tmp_path / "m.svg")], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 2
    assert "CJMAP_GRAPHVIZ_TIMEOUT='soon'" in done.stderr and "Traceback" not in done.stderr


def test_a_3000_touchpoint_map_has_no_quoted_string_graphviz_refuses() -> None:
    dot = to_dot(layout(journey_of(compact_map(3000))))
    # Graphviz refuses a quoted string longer than 16,384 bytes
    longest = max(len(m.group(0).encode()) for m in re.finditer(r'"(?:[^"\\]|\\.)*"', dot))
    assert longest < 16384
    assert dot.count('class="emotion-line"') > 1  # the line is drawn in parts


@needs_dot
@pytest.mark.slow
def test_a_3000_touchpoint_map_renders_to_svg(tmp_path: Path) -> None:
    source = tmp_path / "big.cjmap.yaml"
    source.write_text(compact_map(3000), encoding="utf-8")
    out = io.StringIO()
    assert render([str(source)], output=tmp_path / "big.svg", streams=Streams(out, out)) == 0
    svg = (tmp_path / "big.svg").read_text(encoding="utf-8")
    assert "Touchpoint 3000" in svg and svg.rstrip().endswith("</svg>")


def test_more_touchpoints_than_the_limit_is_a_usage_error_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "m.cjmap.yaml"
    source.write_text(compact_map(150), encoding="utf-8")
    monkeypatch.setenv("CJMAP_RENDER_MAX_TOUCHPOINTS", "100")
    out = io.StringIO()
    with pytest.raises(UsageError, match=r"150 touchpoints, more than the 100 a picture may "
                                         r"have.*set CJMAP_RENDER_MAX_TOUCHPOINTS"):
        render([str(source)], output_format="dot", output=tmp_path / "m.dot",
               streams=Streams(out, out))
    assert not (tmp_path / "m.dot").exists()
    monkeypatch.setenv("CJMAP_RENDER_MAX_TOUCHPOINTS", "150")
    assert render([str(source)], output_format="dot", output=tmp_path / "m.dot",
                  streams=Streams(out, out)) == 0
    monkeypatch.setenv("CJMAP_RENDER_MAX_TOUCHPOINTS", "-5")
    with pytest.raises(UsageError, match="whole number above 0"):
        render([str(source)], output_format="dot", streams=Streams(out, out))


def test_a_huge_thought_shows_a_bounded_number_of_lines_quickly() -> None:
    words = " ".join(f"word{n}" for n in range(300_000))  # about 2.5 MB
    text = (compact_map(2, stages=1).replace("        actions: [Does step 1]",
                                   f"        thoughts: [\"{words}\"]", 1))
    journey = journey_of(text)
    start = time.perf_counter()
    picture = layout(journey)
    assert time.perf_counter() - start < 2.0  # about 0.01 s; 28 s before the bound
    block = next(t for t in picture.texts if t.id == "thought:tp-1:0:text")
    assert len(block.lines) == MAX_LINES == 30
    assert block.lines[0].text.startswith("\u201cword0 word1")
    assert block.lines[-1].text.endswith("\u2026")
    # and a 2.5 MB word (no space to break at) too
    text = compact_map(2, stages=1).replace("        actions: [Does step 1]",
                                  f"        thoughts: [\"{'x' * 2_500_000}\"]", 1)
    picture = layout(journey_of(text))
    block = next(t for t in picture.texts if t.id == "thought:tp-1:0:text")
    assert len(block.lines) == 30 and block.lines[-1].text.endswith("\u2026")


def test_tooltips_are_cut() -> None:
    text = compact_map(2, stages=1).replace("        channel: web",
                                  "        channel: web\n        description: "
                                  + "very long " * 50_000, 1)
    dot = to_dot(layout(journey_of(text)))
    tooltip = re.search(r'"tp:tp-1" \[[^\n]*tooltip="([^"]*)"', dot)
    assert tooltip is not None
    assert 1000 < len(tooltip.group(1)) <= 1200 * 5 and tooltip.group(1).endswith("\u2026")
