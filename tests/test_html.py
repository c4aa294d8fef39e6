"""``cjmap render -o map.html``: the self-contained HTML view (docs/share.md), read back
with the standard library's HTML parser; the browser tests are in test_html_browser.py."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.html.markup import external_link
from cjmap.html.sections import item_of
from cjmap.index import build_index
from helpers import EXAMPLE_MAPS, ROOT, journey_at

DATA = ROOT / "tests" / "data" / "render"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


class Page(HTMLParser):
    """Every element with its attributes, and the text, as a browser's parser sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self.raw[self._in].append(data)
        else:
            self.text.append(data)

    def by_id(self, element_id: str) -> dict[str, str | None]:
        return next(a for _, a in self.elements if a.get("id") == element_id)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == name]


def render_html(source: Path, target: Path, *extra: str) -> str:
    result = CliRunner().invoke(app, ["render", str(source), "-o", str(target), *extra])
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no cjmap.toml of the repository's above


@needs_dot
def test_page_is_self_contained_and_its_policy_allows_only_its_own_code(tmp_path: Path) -> None:
    page = Page(render_html(EXAMPLE_MAPS[0], tmp_path / "m.html"))
    policy = next(a["content"] for t, a in page.elements
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["connect-src"] == "'none'"

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    # The one script and one style sheet, allowed by their hashes (computed here).
    assert [digest(t) for t in page.raw["script"]] == [directives["script-src"]]
    assert [digest(t) for t in page.raw["style"]] == [directives["style-src"]]
    assert not page.tags("link") and not page.tags("img") and not page.tags("iframe")
    for tag, attrs in page.elements:
        assert "src" not in attrs, tag
        assert "style" not in attrs, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "xlink:href"):
                assert value is not None
                assert value.startswith("#") or (
                    value.startswith(("https://", "http://")) and tag == "a"
                    and attrs.get("rel") == "noopener noreferrer"), (tag, value)


@needs_dot
def test_same_input_gives_byte_identical_files(tmp_path: Path) -> None:
    first = render_html(EXAMPLE_MAPS[0], tmp_path / "a.html")
    second = render_html(EXAMPLE_MAPS[0], tmp_path / "b.html")
    assert first == second


@needs_dot
def test_ids_are_unique_and_every_card_names_its_item(tmp_path: Path) -> None:
    source = DATA / "personas.cjmap.yaml"
    page = Page(render_html(source, tmp_path / "m.html"))
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids))
    journey = journey_at(source)
    # One drawing for all personas and one per persona, the first one shown.
    figures = [a for a in page.tags("figure") if a.get("class") == "view"]
    assert [f["data-view"] for f in figures] == ["all"] + [p.id for p in journey.personas]
    assert ["hidden" in f for f in figures] == [False] + [True] * len(journey.personas)
    cards = [a for _, a in page.elements if "card" in (a.get("class") or "").split()]
    assert cards and all(c["tabindex"] == "0" and c["role"] == "button" for c in cards)
    details = {a["id"] for t, a in page.elements if t == "article"}
    for card in cards:
        assert f"item-{card['data-item']}" in details
        assert card["aria-label"]
    # Each drawing keeps its title and description for screen readers.
    for k, svg in enumerate(page.tags("svg")[:len(figures)]):
        assert svg["aria-labelledby"] == f"v{k}-cjmap-title v{k}-cjmap-desc"
        assert svg["role"] == "group"  # not "img", which would hide the cards inside


@needs_dot
def test_details_hold_everything_the_map_says_about_an_item(tmp_path: Path) -> None:
    source = ROOT / "examples" / "online-clothing.cjmap.yaml"
    page = Page(render_html(source, tmp_path / "m.html"))
    text = " ".join(" ".join(page.text).split())
    journey = journey_at(source)
    index = build_index(journey)
    evidence = {e.id: e for e in journey.evidence}
    for ref in index.pains:
        pain = ref.pain
        assert page.by_id(f"item-{pain.id}")
        assert pain.title in text
        if pain.description:
            assert " ".join(pain.description.split()) in text
        for evidence_id in pain.evidence:
            assert evidence[evidence_id].title in text
    for opportunity in journey.opportunities:
        assert page.by_id(f"item-{opportunity.id}")
    for tp in index.touchpoints:
        assert page.by_id(f"item-{tp.touchpoint.id}")
    # Evidence links: http(s) only, and they leave without a referrer.
    links = [a for a in page.tags("a") if (a.get("href") or "").startswith("http")]
    assert links and all(a["rel"] == "noopener noreferrer" for a in links)


@needs_dot
def test_scorecard_of_the_small_map(tmp_path: Path) -> None:
    # By hand (docs/scoring.md): no-sizes weighs 4 × 0.5 = 2, slow-pay 2 × 1 = 2.
    # size-chart (planned) relieves 2 × 4/5 × 1 / effort 2 = 0.8; faster-pay is done, so
    # it is not ranked but covers both pains: coverage 4 of 4.
    page = Page(render_html(DATA / "small.cjmap.yaml", tmp_path / "m.html"))
    text = " ".join(" ".join(page.text).split())
    assert "100% of the pain weight is addressed (4 of 4; 2 of 2 pain points)" in text
    assert "1 Add a size chart planned 0.8 2 4 2 1 No size chart" in text
    assert "None: every pain point has an opportunity that is not dropped." in text


@needs_dot
def test_findings_at_warning_and_above_link_to_their_item(tmp_path: Path) -> None:
    source = ROOT / "examples" / "broken" / "cj201-unaddressed-pain.yaml"
    page = Page(render_html(source, tmp_path / "m.html"))
    text = " ".join(" ".join(page.text).split())
    assert ("warning CJ201 line 33, column 17 Refunds take two weeks : pain point "
            "'slow-refund' is not addressed by any opportunity") in text
    assert any(a.get("href") == "#item-slow-refund" for a in page.tags("a"))
    # CJ205/CJ208 are info: not listed.
    assert "CJ205" not in text and "CJ208" not in text


@needs_dot
def test_hostile_map_text_never_becomes_markup(tmp_path: Path) -> None:
    source = DATA / "hostile.cjmap.yaml"
    html = render_html(source, tmp_path / "m.html")
    page = Page(html)
    journey = journey_at(source)
    svg_tags = {"svg", "g", "title", "desc", "polygon", "path", "text", "a", "polyline",
                "ellipse", "use", "figure", "figcaption"}
    page_tags = {"html", "head", "meta", "title", "style", "body", "a", "header", "p", "h1",
                 "h2", "h3", "h4", "h5", "dl", "dt", "dd", "div", "section", "ul", "li",
                 "span", "br", "main", "fieldset", "legend", "label", "input", "button",
                 "aside", "noscript", "meter", "strong", "table", "caption", "thead",
                 "tbody", "tr", "th", "td", "article", "footer", "script"}
    assert {t for t, _ in page.elements} <= svg_tags | page_tags
    assert len(page.tags("script")) == 1 and not page.tags("img") and not page.tags("b")
    assert not page.tags("i")  # from the persona's "<i>Persona</i>"
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "xlink:href"):
                assert value is not None and (value.startswith("#") or value.startswith(
                    "https://example.com/a?x=1&y=")), value
    # The hostile texts come back from the parser as the same text.
    text = "".join(page.text)
    assert journey.title in text
    assert "<script>alert(1)</script>" in text
    assert "Pain <img src=x onerror=alert(1)> &lt;tag&gt;" in text
    assert '" onmouseover="alert(1)' in text
    assert "Study <a href='javascript:alert(1)'>click</a>" in text
    assert "javascript:alert(3)" in text and not any(
        (v or "").startswith("javascript:") for _, a in page.elements for v in a.values())


@needs_dot
def test_format_option_and_out_dir(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", *map(str, EXAMPLE_MAPS), "--out-dir",
                                      str(tmp_path / "out"), "-f", "html"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(p.name.replace(".cjmap.yaml", ".html") for p in EXAMPLE_MAPS)
    for path in (tmp_path / "out").iterdir():
        assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@needs_dot
def test_persona_option_chooses_the_first_view(tmp_path: Path) -> None:
    page = Page(render_html(DATA / "personas.cjmap.yaml", tmp_path / "m.html",
                            "--persona", "student"))
    shown = [a["data-view"] for a in page.tags("figure")
             if a.get("class") == "view" and "hidden" not in a]
    assert shown == ["student"]
    checked = [a["value"] for a in page.tags("input") if "checked" in a]
    assert checked == ["student"]


@needs_dot
def test_unknown_persona_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(DATA / "personas.cjmap.yaml"), "-o",
                                      str(tmp_path / "m.html"), "--persona", "nobody"])
    assert result.exit_code == 2
    assert "unknown persona 'nobody' (personas: parent, student)" in result.output
    assert not (tmp_path / "m.html").exists()


@needs_dot
def test_standard_input_to_standard_output(tmp_path: Path) -> None:
    source = (DATA / "small.cjmap.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["render", "-", "-o", "-", "-f", "html"], input=source)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "Drawn by cjmap" in result.stdout and "from standard input." in result.stdout


def test_item_of_finds_the_innermost_item() -> None:
    journey = journey_at(DATA / "small.cjmap.yaml")
    definitions = build_index(journey).definitions
    def found(pointer: str) -> str | None:
        definition = item_of(definitions, pointer)
        return None if definition is None else definition.id

    assert found("/stages/0/touchpoints/1/pain_points/0/severity") == "no-sizes"
    assert found("/stages/0/touchpoints/1/pain_points/0") == "no-sizes"
    assert found("/stages/1") == "buy"
    assert found("/opportunities/1/addresses/0") == "faster-pay"
    assert found("/title") is None


@pytest.mark.parametrize(("url", "linked"), [
    ("https://example.com/x?a=1&b=2", True), ("http://example.com", True),
    ("javascript:alert(1)", False), ("file:///etc/passwd", False), ("//evil.com/x", False),
    ("data:text/html,<b>x</b>", False)])
def test_only_http_urls_become_links(url: str, linked: bool) -> None:
    html = external_link(url, "source")
    assert html.startswith("<a ") is linked
    if linked:
        assert 'rel="noopener noreferrer"' in html
        assert ("&" not in url) or ("&amp;" in html and "&b" not in html)
    else:
        assert html == "source"


def test_page_has_print_and_dark_styles() -> None:
    from cjmap.html.page import asset

    css = asset("view.css")
    assert re.search(r"@media print\s*{\s*@page\s*{\s*size:\s*landscape", css)
    assert "@media (prefers-color-scheme: dark)" in css


def test_metric_figures_read_like_the_picture() -> None:
    from cjmap.html.details import metric_figure
    from cjmap.model import Metric

    ratio = Metric.model_validate({"id": "m", "name": "Cart abandonment", "value": 0.68,
                                   "target": 0.5, "unit": "ratio", "better": "lower"})
    assert metric_figure(ratio) == "68% → target 50% (lower is better)"
    measured = Metric.model_validate({"id": "c", "name": "CSAT", "value": 4.1,
                                      "measured": "2026-10-01"})
    assert metric_figure(measured) == "4.1, measured 2026-10-01"
    nps = Metric.model_validate({"id": "n", "name": "NPS", "value": 31, "target": 40,
                                 "better": "higher"})
    assert metric_figure(nps) == "31 → target 40 (higher is better)"
    assert metric_figure(Metric.model_validate({"id": "e", "name": "Empty"})) == "no value yet"


def test_control_characters_in_map_text_are_shown_as_escapes(tmp_path: Path) -> None:
    """An escape sequence in a map (YAML's "\\e") must not reach the page raw: browsers
    show control characters as boxes or drop them. The page writes the escape text."""
    text = (DATA / "small.cjmap.yaml").read_text(encoding="utf-8")
    assert "\ntitle: " in text
    source = tmp_path / "ctl.cjmap.yaml"
    source.write_text(text.replace("\ntitle: ", '\ntitle: "Bell\\a and \\e[2J" # ', 1),
                      encoding="utf-8")
    page = render_html(source, tmp_path / "ctl.html")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)
    assert "Bell\\x07 and \\x1b[2J" in page
