"""The faster render steps keep their documented results (docs/performance.md, "Render").

The expected texts below are written by hand from the rules in the docstrings of
``cjmap.render.dot.svg_id``, ``cjmap.render.scene.is_link`` and ``cjmap.render.finish_svg``;
the SVG fragment has the shape of Graphviz's own output (``<!-- name -->``, then the
element, its ``<title>`` and its first child).
"""

from __future__ import annotations

import shutil
import subprocess

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


_OK = Line("OK", 8, "#000", 12.0)
# A centred chip text and a left-aligned one: the two anchors finish_svg sets.
_CHIP_PICTURE = Picture(
    width=10, height=10, title="A & B", description="About <it>", background="#fff",
    font="sans-serif", boxes=(), curves=(), dots=(),
    texts=(Text("chip:text", "chip-text", 10.0, 0.0, 20.0, (_OK,), align="center"),
           Text("left", "body", 0.0, 0.0, 20.0, (_OK,), align="left")))


def test_finish_svg_rewrites_titles_and_anchors_in_one_pass() -> None:
    picture = _CHIP_PICTURE
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
    picture = _CHIP_PICTURE
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

