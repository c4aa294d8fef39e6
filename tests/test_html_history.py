"""``cjmap render -o map.html --history``: the "Over time" charts in the HTML view.

A real git repository (tests/history_repo.py) holds four versions of a map; the page is
parsed with the standard library's HTML parser and opened once in headless Chromium.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from browser import LOCAL_SCHEMES, chrome, console_errors, requested_urls
from cjmap.html.history import inline_chart
from history_repo import V1, cjmap, cjmap_without_matplotlib, git, init_repo, make_history_repo

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")

MAP = "maps/shop.cjmap.yaml"


class Page(HTMLParser):
    """What the tests look at: the over-time section's elements, ids, scripts, styles."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.depth_in_section = 0
        self.section_tags: list[str] = []
        self.section_text: list[str] = []
        self.section_attributes: list[tuple[str, str | None]] = []
        self.ids: list[str] = []
        self.scripts = 0
        self.styles = 0
        self.images: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        self.scripts += tag == "script"
        self.styles += tag == "style"
        if tag == "img":
            self.images.append(str(found.get("src")))
        if tag == "section" and found.get("id") == "over-time":
            self.depth_in_section = 1
        elif self.depth_in_section:
            self.depth_in_section += tag == "section"
        if self.depth_in_section:
            self.section_tags.append(tag)
            self.section_attributes += attrs

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        # A self-closed tag opens nothing: undo the depth handle_starttag may have added.
        if tag == "section" and self.depth_in_section:
            self.depth_in_section -= 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth_in_section and tag == "section":
            self.depth_in_section -= 1

    def handle_data(self, data: str) -> None:
        if self.depth_in_section:
            self.section_text.append(data)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("html-history") / "repo"
    make_history_repo(root)
    return root


def render(cwd: Path, *args: str) -> tuple[int, str]:
    done = cjmap(cwd, "render", *args)
    return done.returncode, done.stderr


@pytest.fixture(scope="module")
def with_history(repo: Path) -> Path:
    code, err = render(repo, MAP, "-o", "with.html", "--history")
    assert code == 0, err
    return repo / "with.html"


def test_history_adds_the_over_time_section_with_one_inline_svg_per_chart(
        with_history: Path) -> None:
    page = Page(with_history.read_text(encoding="utf-8"))
    assert page.section_tags[:2] == ["section", "h2"]
    text = " ".join(page.section_text)
    assert "Over time" in text
    # One map, one chart; its title is the map's title and the count of versions
    # (four commits touch the map: tests/history_repo.py).
    assert page.section_tags.count("svg") == 1
    assert "Shop: 4 versions in git" in text
    assert page.images == []  # the chart is inline, nothing is fetched
    # Nothing the page's Content-Security-Policy would refuse: no inline style at all.
    assert page.styles == 1 and page.scripts == 1  # the page's own, in head and body
    assert not [name for name, _ in page.section_attributes if name == "style"]
    assert len(page.ids) == len(set(page.ids)), "ids must be unique in the page"


def test_without_history_there_is_no_such_section(repo: Path) -> None:
    code, err = render(repo, MAP, "-o", "without.html")
    assert code == 0, err
    html = (repo / "without.html").read_text(encoding="utf-8")
    page = Page(html)
    assert page.section_tags == []
    assert "Over time" not in html


def test_the_page_with_history_is_the_same_bytes_every_time(repo: Path,
                                                            with_history: Path) -> None:
    code, err = render(repo, MAP, "-o", "again.html", "--history")
    assert code == 0, err
    assert (repo / "again.html").read_bytes() == with_history.read_bytes()


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "map.svg"], "--history adds charts to the HTML view, not to SVG"),
    (["--format", "png", "-o", "map.png"], "not to PNG"),
])
def test_history_is_for_the_html_view_only(repo: Path, args: list[str], message: str) -> None:
    code, err = render(repo, MAP, *args, "--history")
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (repo / args[-1]).exists()


def test_history_of_standard_input_is_a_usage_error(repo: Path) -> None:
    done = cjmap(repo, "render", "-", "-o", "stdin.html", "--history", stdin=V1)
    assert done.returncode == 2
    assert "standard input" in done.stderr


def test_a_map_outside_git_is_exit_2_and_nothing_is_written(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "shop.cjmap.yaml").write_text(V1, encoding="utf-8")
    code, err = render(outside, "shop.cjmap.yaml", "-o", "shop.html", "--history")
    assert code == 2
    assert "not inside a git repository" in err and len(err.strip().splitlines()) == 1
    assert not (outside / "shop.html").exists()


def test_without_matplotlib_history_says_how_to_install_it(repo: Path) -> None:
    done = cjmap_without_matplotlib(repo, "render", MAP, "-o", "nompl.html", "--history")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == ("cjmap: error: --history needs matplotlib: "
                                            "pip install 'cjmap[chart]'")
    assert not (repo / "nompl.html").exists()


def test_map_text_in_the_chart_is_escaped(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init_repo(repo)
    title = '</svg><script>alert(1)</script> & "q" <b> url(#x) id="y" style="z"'
    stage = "<img src=http://x/a.png>"
    text = V1.replace("title: Shop", f"title: '{title}'").replace("name: Find",
                                                                 f"name: '{stage}'")
    (repo / "evil.cjmap.yaml").write_text(text, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "v1", date="2026-01-10T09:00:00+00:00")
    code, err = render(repo, "evil.cjmap.yaml", "-o", "evil.html", "--history")
    assert code == 0, err
    page = Page((repo / "evil.html").read_text(encoding="utf-8"))
    assert page.scripts == 1 and page.images == []
    section = " ".join(page.section_text)
    assert f"{title}: 1 versions in git" in section  # shown as text, not markup
    assert stage in section
    assert "b" not in page.section_tags


def test_inline_chart_turns_styles_into_attributes_and_prefixes_ids() -> None:
    svg = (b'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg width="10pt" height="5pt" '
           b'viewBox="0 0 10 5"><metadata><x/></metadata><defs><style type="text/css">'
           b"*{stroke-linejoin: round}</style></defs><g id=\"a\"><path "
           b'clip-path="url(#c)" style="fill: #ffffff; font-family: \'DejaVu Sans\'"/>'
           b'<use xlink:href="#m"/></g></svg>')
    assert inline_chart(svg, "h-") == (
        '<svg width="100%" stroke-linejoin="round" stroke-linecap="butt" '
        'viewBox="0 0 10 5"><defs></defs><g id="h-a"><path clip-path="url(#h-c)" '
        'fill="#ffffff" font-family="&#x27;DejaVu Sans&#x27;"/><use xlink:href="#h-m"/>'
        "</g></svg>")


@pytest.mark.browser
def test_the_page_opens_in_chromium_without_console_errors(with_history: Path) -> None:
    with chrome() as driver:
        driver.get(with_history.as_uri())
        errors = console_errors(driver)
        urls = [u for u in requested_urls(driver) if not u.startswith(LOCAL_SCHEMES)]
        size: Any = driver.execute_script(
            "const r = document.querySelector('#over-time svg').getBoundingClientRect();"
            "return [r.width, r.height];")
        background = driver.execute_script(
            "return getComputedStyle(document.querySelector('#over-time svg path')).fill;")
    assert errors == []
    assert urls == []
    width, height = size
    # The chart is drawn at the page's width with matplotlib's proportions (792 × 633.6).
    assert width > 600 and abs(height / width - 633.6 / 792) < 0.01
    assert background == "rgb(255, 255, 255)"  # the presentation attributes apply
