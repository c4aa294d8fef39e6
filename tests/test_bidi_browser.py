"""Bidirectional controls in a real headless Chromium (Selenium + chromedriver): a
right-to-left override left open in one name does not reorder the text after it — in the
HTML view, the site and the SVG from Graphviz — and right-to-left names written on
purpose still read right to left in their own element (docs/limits.md, "Hostile text").

What is measured is where the browser draws each character: for left-to-right text each
character must be drawn to the right of the one before it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from browser import chrome, console_errors
from cjmap.cli import app
from helpers import ROOT

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")]

TROJAN = ROOT / "tests" / "data" / "bidi" / "trojan.cjmap.yaml"

# [character, left, top] of every visible character under an element, in text order.
_HTML_PLACES = """
const places = [];
const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  for (let i = 0; i < node.data.length; i++) {
    if (/[\\s\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]/.test(node.data[i])) continue;
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const box = range.getBoundingClientRect();
    places.push([node.data[i], box.left, box.top]);
  }
}
return places;
"""
# [character, x] of every character of an SVG text element, in text order.
_SVG_PLACES = """
const text = arguments[0], places = [];
for (let i = 0; i < text.getNumberOfChars(); i++) {
  places.push([text.textContent[i], text.getStartPositionOfChar(i).x]);
}
return places;
"""


def _places(driver: Any, element: Any) -> list[tuple[str, float]]:
    return [(ch, left) for ch, left, _top in driver.execute_script(_HTML_PLACES, element)]


def _reads_left_to_right(places: list[tuple[str, float]]) -> bool:
    lefts = [left for _ch, left in places]
    return len(lefts) > 1 and all(a < b for a, b in pairwise(lefts))


def _reads_right_to_left(places: list[tuple[str, float]]) -> bool:
    lefts = [left for _ch, left in places]
    return len(lefts) > 1 and all(a > b for a, b in pairwise(lefts))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bidi")
    for args in (["render", str(TROJAN), "-o", str(folder / "trojan.html")],
                 ["render", str(TROJAN), "-o", str(folder / "trojan.svg")],
                 ["site", str(TROJAN), "-o", str(folder / "site")]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with chrome() as browser:
        yield browser


def test_the_persona_switcher_keeps_its_order_after_an_override(outputs: Path,
                                                                 driver: Any) -> None:
    from selenium.webdriver.common.by import By

    driver.get((outputs / "trojan.html").as_uri())
    assert console_errors(driver) == []  # the style and script hashes still match
    labels = driver.find_elements(By.CSS_SELECTOR, ".personas-switch label")
    names = [label.text.strip() for label in labels]
    assert names[0] == "All personas" and "Plain persona" in names
    # Each choice is drawn right of the one before it, its radio button with it ...
    lefts = [label.rect["x"] for label in labels]
    assert lefts == sorted(lefts)
    for label in labels:
        radio = label.find_element(By.TAG_NAME, "input")
        assert 0 <= label.rect["x"] <= radio.rect["x"] < label.rect["x"] + 20
    # ... and the left-to-right name after the override reads left to right.
    plain = labels[names.index("Plain persona")]
    assert _reads_left_to_right(_places(driver, plain))


def test_details_read_in_order_and_right_to_left_names_read_right_to_left(
        outputs: Path) -> None:
    from selenium.webdriver.common.by import By

    with chrome(javascript=False) as driver:  # the details as a document, all shown
        driver.get((outputs / "trojan.html").as_uri())
        article = driver.find_element(By.ID, "item-checkout")
        personas = next(dd for dd in article.find_elements(By.TAG_NAME, "dd")
                        if "Plain persona" in dd.text)
        names = personas.find_elements(By.TAG_NAME, "bdi")
        assert [n.text for n in names] == ["Evil \u202eeman\u202c", "Plain persona",
                                           "مريم الحسن", "שרה כהן"]
        # The four names in the order written, the plain one left to right ...
        lefts = [n.rect["x"] for n in names]
        assert lefts == sorted(lefts)
        assert _reads_left_to_right(_places(driver, names[1]))
        # ... and the Arabic and Hebrew ones right to left, here and in the persona list.
        assert _reads_right_to_left(_places(driver, names[2]))
        assert _reads_right_to_left(_places(driver, names[3]))
        for span in driver.find_elements(By.CSS_SELECTOR, ".persona-name"):
            if span.text in ("مريم الحسن", "שרה כהן"):
                assert _reads_right_to_left(_places(driver, span))
        # The action after the overridden one, and the owner after a stray closer.
        actions = article.find_elements(By.CSS_SELECTOR, "li")
        after = next(li for li in actions if li.text == "After the click")
        assert _reads_left_to_right(_places(driver, after))


def test_the_site_index_reads_the_counts_after_an_overridden_name(outputs: Path,
                                                                   driver: Any) -> None:
    from selenium.webdriver.common.by import By

    driver.get((outputs / "site" / "index.html").as_uri())
    assert console_errors(driver) == []
    item = next(li for li in driver.find_elements(By.CSS_SELECTOR, ".members li")
                if li.text.startswith("Evil"))
    counts = item.find_element(By.CSS_SELECTOR, ".muted")
    assert counts.text == "(evil; 1 map, 1 touchpoint)"
    assert _reads_left_to_right(_places(driver, counts))
    assert counts.rect["x"] > item.find_element(By.TAG_NAME, "a").rect["x"]


def test_the_svg_from_graphviz_reads_the_text_after_an_override(outputs: Path,
                                                                  driver: Any) -> None:
    from selenium.webdriver.common.by import By

    driver.get((outputs / "trojan.svg").as_uri())
    texts = driver.find_elements(By.TAG_NAME, "text")
    # The persona after the overridden one: in the header's facts and on the card.
    lists = [t for t in texts if "Plain persona" in t.get_attribute("textContent")]
    assert {t.get_attribute("textContent").split(":")[0] for t in lists} >= {
        "Current-state journey · Personas", "Only"}
    for persona_list in lists:
        places = driver.execute_script(_SVG_PLACES, persona_list)
        content = "".join(ch for ch, _x in places)
        start = content.index("Plain persona")
        plain = [(ch, x) for ch, x in places[start:start + len("Plain persona")] if ch != " "]
        assert _reads_left_to_right(plain), content
    # The text after the overridden touchpoint's name: the next card, left to right.
    after = next(t for t in texts if t.get_attribute("textContent") == "After the click")
    assert _reads_left_to_right([(ch, x) for ch, x in driver.execute_script(_SVG_PLACES, after)
                                 if ch != " "])
