"""The trend chart of `cjmap history --chart`: what the SVG holds, and the same bytes for
the same history (SVG, PNG and PDF)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cjmap.commands.history import read_history
from cjmap.reporting.history.chart import render_chart
from history_repo import cjmap, cjmap_without_matplotlib, make_history_repo

pytest.importorskip("matplotlib")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SVG = "{http://www.w3.org/2000/svg}"
MAP = "maps/shop.cjmap.yaml"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("chart") / "repo"
    make_history_repo(root)
    return root


def chart(root: Path, name: str) -> bytes:
    done = cjmap(root, "history", MAP, "--chart", name)
    assert done.returncode == 0, done.stderr
    assert f"Chart written to {name}." in done.stderr
    return (root / name).read_bytes()


def texts(svg: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]


def ids(svg: ET.Element, prefix: str) -> list[str]:
    return [g.get("id", "") for g in svg.iter(f"{SVG}g") if g.get("id", "").startswith(prefix)]


@pytest.fixture(scope="module")
def svg_bytes(repo: Path) -> bytes:
    return chart(repo, "trend.svg")


def test_svg_has_labelled_axes_one_line_per_stage_and_target_lines(svg_bytes: bytes) -> None:
    svg = ET.fromstring(svg_bytes)
    words = texts(svg)
    for label in ("Coverage (%)", "Total pain weight", "Mean emotion (-2..2)", "neutral",
                  "NPS: higher is better", "Churn: lower is better", "does not load"):
        assert label in words, label
    # One emotion line per stage of the map (find, buy), one value and one target per metric.
    assert ids(svg, "stage-emotion--") == ["stage-emotion--find", "stage-emotion--buy"]
    assert ids(svg, "target--") == ["target--nps", "target--churn"]
    assert ids(svg, "metric--") == ["metric--nps", "metric--churn"]
    assert ids(svg, "coverage") == ["coverage"] and ids(svg, "neutral") == ["neutral"]
    # Dates on the time axis: the months of the commits (Jan..Apr 2026).
    assert {"Feb", "Mar", "Apr"} <= set(words)
    # The legend names the stages as the map does.
    assert {"Find", "Buy"} <= set(words)


def test_greyscale_lines_differ_in_style_or_marker(svg_bytes: bytes) -> None:
    root = ET.fromstring(svg_bytes)
    styles = []
    for gid in ("stage-emotion--find", "stage-emotion--buy"):
        group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == gid)
        path = next(group.iter(f"{SVG}path"))
        styles.append(path.get("style", ""))
    # Solid for the first stage, dashed (stroke-dasharray) for the second.
    assert "stroke-dasharray" not in styles[0]
    assert "stroke-dasharray" in styles[1]


def test_same_history_gives_the_same_svg_from_another_process(repo: Path,
                                                               svg_bytes: bytes) -> None:
    assert chart(repo, "again.svg") == svg_bytes
    assert b"<dc:date>" not in svg_bytes


@pytest.mark.parametrize("file_format", ["png", "pdf"])
def test_same_history_gives_the_same_png_and_pdf(repo: Path, file_format: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    history = read_history(MAP)
    first = render_chart(history, file_format)
    assert render_chart(history, file_format) == first
    assert first.startswith(b"\x89PNG" if file_format == "png" else b"%PDF")
    assert b"CreationDate" not in first and b"matplotlib" not in first.lower()


def test_chart_with_several_maps_is_a_usage_error(repo: Path) -> None:
    done = cjmap(repo, "history", MAP, MAP, "--chart", "t.svg")
    assert done.returncode == 2
    assert "--chart draws the history of one map" in done.stderr


def test_without_matplotlib_the_chart_says_how_to_install_it(repo: Path) -> None:
    done = cjmap_without_matplotlib(repo, "history", MAP, "--chart", "x.svg")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == ("cjmap: error: --chart needs matplotlib: "
                                            "pip install 'cjmap[chart]'")
    assert not (repo / "x.svg").exists()
