"""The faster render steps keep their documented results (docs/performance.md, "Render").

The expected texts below are written by hand from the rules in the docstrings of
``cjmap.render.dot.svg_id``, ``cjmap.render.scene.is_link`` and ``cjmap.render.finish_svg``;
the SVG fragment has the shape of Graphviz's own output (``<!-- name -->``, then the
element, its ``<title>`` and its first child).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cjmap.render import finish_svg, svg_finish
from cjmap.render.dot import inches, num, svg_id, to_dot
from cjmap.render.layout import layout
from cjmap.render.scene import Line, Picture, Text, is_link
from helpers import ROOT, journey_at


def test_svg_id_keeps_letters_digits_dash_underscore_dot_of_any_script() -> None:
    assert svg_id("tp:a b/c") == "tp-a-b-c"
    assert svg_id("x_1.2-3") == "x_1.2-3"
    # é and the Arabic-Indic three are letters and digits; superscript two is a digit.
    assert svg_id("caf\u00e9\u0663\u00b2") == "caf\u00e9\u0663\u00b2"
    assert svg_id("\u20ac\u00a0\u2014\t") == "----"
    assert svg_id("") == ""


def test_numbers_are_formatted_the_same_the_second_time() -> None:
    assert [num(v) for v in (1.0, 1.005, -0.001, 12.5, 12.5, 0.0, -0.0)] == [
        "1", "1", "0", "12.5", "12.5", "0", "0"]
    assert [inches(p) for p in (72, 36.0, 36, 1)] == ["1", "0.5", "0.5", "0.0139"]


def test_links_refuse_any_whitespace_or_control_character() -> None:
    assert is_link("https://example.org/a?b=c")
    for bad in ("https://example.org/a b", "https://example.org/\u2028",
                "https://example.org/\u00a0", "https://example.org/\x01", "http://",
                "javascript:alert(1)", None, ""):
        assert not is_link(bad), bad
    assert not is_link("  https://example.org/  ")  # spaces around it too
    assert is_link("HTTPS://Example.org/")  # the scheme in any case


_RAW = (
    b'<?xml version="1.0"?>\n<svg width="10pt" height="10pt">\n'
    b'<g id="graph0" class="graph" transform="x">\n<title>journey</title>\n'
    b'<!-- card -->\n<g id="card" class="node card">\n<title>card</title>\n'
    b'<g id="a_card"><a xlink:title="Tip &amp; more">\n<path d="M0"/>\n</a>\n</g>\n</g>\n'
    b'<!-- plain -->\n<g id="plain" class="node card">\n<title>plain</title>\n'
    b'<text text-anchor="start" x="1" y="2">box text</text>\n</g>\n'
    b'<!-- chip:text -->\n<g id="chip&#45;text" class="node txt chip-text">\n'
    b'<title>chip:text</title>\n<text text-anchor="start" x="3.5" y="4">OK</text>\n</g>\n'
    b'<!-- left -->\n<g id="left" class="node txt body">\n<title>left</title>\n'
    b'<text text-anchor="start" x="7" y="8">left</text>\n</g>\n'
    b'<!-- grid -->\n<g id="grid" class="edge grid">\n<title>a&#45;&#45;b</title>\n'
    b'<path d="M1"/>\n</g>\n</g>\n</svg>\n')

_FINISHED = (
    b'<?xml version="1.0"?>\n'
    b'<svg width="10pt" height="10pt" role="img" aria-labelledby="cjmap-title cjmap-desc">'
    b'\n<title id="cjmap-title">A &amp; B</title>\n<desc id="cjmap-desc">About &lt;it&gt;</desc>'
    b'\n<g id="graph0" class="graph" transform="x">\n<title>A &amp; B</title>\n'
    # a card: its tooltip becomes its title
    b'<!-- card -->\n<g id="card" class="node card">\n<title>Tip &amp; more</title>\n'
    b'<g id="a_card"><a xlink:title="Tip &amp; more">\n<path d="M0"/>\n</a>\n</g>\n</g>\n'
    # no tooltip: no title; its text is not a text node's, so it stays where Graphviz set it
    b'<!-- plain -->\n<g id="plain" class="node card">\n'
    b'<text text-anchor="start" x="1" y="2">box text</text>\n</g>\n'
    # centred one-line text: anchored at the middle of its block (x 10, width 20)
    b'<!-- chip:text -->\n<g id="chip&#45;text" class="node txt chip-text" '
    b'pointer-events="none">\n<text text-anchor="middle" x="20" y="4">OK</text>\n</g>\n'
    # left-aligned text keeps Graphviz's start anchor, and lets the pointer through
    b'<!-- left -->\n<g id="left" class="node txt body" pointer-events="none">\n'
    b'<text text-anchor="start" x="7" y="8">left</text>\n</g>\n'
    b'<!-- grid -->\n<g id="grid" class="edge grid">\n'
    b'<path d="M1"/>\n</g>\n</g>\n</svg>\n')


def test_finish_svg_rewrites_titles_and_anchors_in_one_pass() -> None:
    line = Line("OK", 8, "#000", 12.0)
    picture = Picture(
        width=10, height=10, title="A & B", description="About <it>", background="#fff",
        font="sans-serif", boxes=(), curves=(), dots=(),
        texts=(Text("chip:text", "chip-text", 10.0, 0.0, 20.0, (line,), align="center"),
               Text("left", "body", 0.0, 0.0, 20.0, (line,), align="left")))
    assert finish_svg(_RAW, "A & B", "About <it>", picture) == _FINISHED


def _finished_in_pieces(svg: bytes, sizes: list[int], picture: Picture) -> bytes:
    """``svg`` fed to the streaming finisher in pieces of these sizes (then the rest)."""
    finish = svg_finish(picture)
    start = 0
    for size in sizes:
        finish.feed(svg[start:start + size])
        start += size
    finish.feed(svg[start:])
    return finish.close()


def test_finish_svg_as_graphviz_writes_gives_the_same_bytes_however_it_is_cut() -> None:
    """The SVG is finished piece by piece while Graphviz writes it (``Job.finish``'s
    sink); every cut, even inside a tag, gives the bytes of the whole-document rewrite."""
    line = Line("OK", 8, "#000", 12.0)
    picture = Picture(
        width=10, height=10, title="A & B", description="About <it>", background="#fff",
        font="sans-serif", boxes=(), curves=(), dots=(),
        texts=(Text("chip:text", "chip-text", 10.0, 0.0, 20.0, (line,), align="center"),
               Text("left", "body", 0.0, 0.0, 20.0, (line,), align="left")))
    for cut in range(len(_RAW) + 1):
        assert _finished_in_pieces(_RAW, [cut], picture) == _FINISHED, cut
    for size in (1, 2, 3, 7, 64):
        assert _finished_in_pieces(_RAW, [size] * (len(_RAW) // size), picture) == _FINISHED
    # not an SVG (a broken Graphviz): left as it was; an SVG without a graph title too
    assert _finished_in_pieces(b"<html>no</html>", [3], picture) == b"<html>no</html>"
    untitled = _RAW.replace(b"<title>journey</title>\n", b"")
    assert _finished_in_pieces(untitled, [40], picture) == finish_svg(
        untitled, "A & B", "About <it>", picture)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_a_real_graphviz_svg_finished_in_pieces_is_the_one_finished_whole() -> None:
    picture = layout(journey_at(ROOT / "examples" / "online-clothing.cjmap.yaml"))
    raw = subprocess.run(["dot", "-Kneato", "-n2", "-Tsvg"], input=to_dot(picture).encode(),
                         capture_output=True, check=True).stdout
    whole = finish_svg(raw, picture.title, picture.description, picture)
    assert whole != raw and whole.count(b'pointer-events="none"') > 10
    for size in (4096, 65536, 333):
        assert _finished_in_pieces(raw, [size] * (len(raw) // size), picture) == whole


_GRAPHVIZ = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def _whole_and_halves(picture: Picture, share: float,
                      monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes, list[bool]]:
    """The SVG drawn by one Graphviz, and by two (the first with ``share`` of the work),
    with whether the halves were joined (else they were drawn again, whole)."""
    import cjmap.render as render
    from cjmap.render.graphviz import find_graphviz

    joined: list[bool] = []
    join = render.join_halves

    def spy(first: bytes, second: bytes) -> bytes | None:
        result = join(first, second)
        joined.append(result is not None)
        return result

    monkeypatch.setattr(render, "HALVES_FROM", 0)
    monkeypatch.setattr(render, "spare_core", lambda: True)  # however busy the machine
    monkeypatch.setattr(render, "FIRST_SHARE", share)
    monkeypatch.setattr(render, "join_halves", spy)
    engine = find_graphviz(choice="system")
    whole = render.draw(picture, "svg", engine.start("svg"))
    halves = render.draw(picture, "svg", engine.start("svg"), parallel=True)
    return whole, halves, joined


@_GRAPHVIZ
@pytest.mark.parametrize("name", ["online-clothing", "hostile", "personas"])
def test_two_graphviz_drawing_halves_give_the_bytes_of_one_drawing_the_whole(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big SVG is drawn by two Graphviz processes at once (render.draw, parallel):
    every element of Graphviz's SVG depends only on its own node and the bounding box,
    so the joined halves must be the very bytes one Graphviz draws, wherever the cut."""
    path = ROOT / "examples" / f"{name}.cjmap.yaml"
    if not path.exists():
        path = ROOT / "tests" / "data" / "render" / f"{name}.cjmap.yaml"
    picture = layout(journey_at(path))
    for share in (0.05, 0.55, 0.95):
        whole, halves, joined = _whole_and_halves(picture, share, monkeypatch)
        assert joined == [True], share
        assert halves == whole, share


@_GRAPHVIZ
def test_halves_of_different_sizes_are_drawn_again_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A shape beyond the canvas in the second half makes that half's drawing bigger than
    the first's: they cannot be joined, and one Graphviz draws the whole picture again."""
    picture = layout(journey_at(ROOT / "examples" / "online-clothing.cjmap.yaml"))
    beyond = Text("beyond", "body", picture.width + 50.0, 10.0, 40.0,
                  (Line("far", 8, "#000", 12.0),))
    picture = picture._replace(texts=(*picture.texts, beyond))
    whole, halves, joined = _whole_and_halves(picture, 0.55, monkeypatch)
    assert joined == [False]
    assert halves == whole and b'id="beyond"' in whole


def test_a_second_graphviz_only_with_a_core_to_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    """``spare_core``: as ``make -l`` judges it, from the last minute's load average."""
    import os

    import cjmap.render as render

    def machine(cores: int, load: float) -> bool:
        monkeypatch.setattr(os, "cpu_count", lambda: cores)
        monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
        return render.spare_core()

    assert machine(2, 0.0) and machine(2, 1.4) and machine(8, 7.0)
    assert not machine(2, 1.5) and not machine(2, 6.0) and not machine(1, 0.0)


@_GRAPHVIZ
@pytest.mark.skipif(not Path("/proc/sys/fs/pipe-max-size").exists(), reason="not Linux")
def test_the_dot_is_written_into_a_wide_pipe() -> None:
    """Linux lets the DOT's pipe hold 1 MB (graphviz.PIPE_SIZE, under fs.pipe-max-size):
    cjmap writes at its own pace, not at Graphviz's parsing pace."""
    import fcntl

    from cjmap.render.graphviz import PIPE_SIZE, Job, find_graphviz

    limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    job = find_graphviz(choice="system").start("svg")
    try:
        assert isinstance(job, Job) and job.process.stdin is not None
        size = fcntl.fcntl(job.process.stdin.fileno(), fcntl.F_GETPIPE_SZ)
        assert size == PIPE_SIZE or (limit < PIPE_SIZE and size < PIPE_SIZE)
    finally:
        job.cancel()
