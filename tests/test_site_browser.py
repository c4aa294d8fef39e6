"""The site of the examples in a real headless Chromium (Selenium + chromedriver): every
internal link of every page leads to a page (and an element) that exists, nothing is
fetched from the network, and the portfolio picture is there and switches between pain
weight and emotion without JavaScript (docs/portfolio.md)."""

from __future__ import annotations

import os
import re
import shutil
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from typer.testing import CliRunner

from browser import LOCAL_SCHEMES, chrome, requested_urls
from cjmap.cli import app
from helpers import ROOT

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")]

# Relative paths, as a repository's CI names them (the index shows each map's path).
EXAMPLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.cjmap.yaml"))
SCREENSHOT = ROOT / "docs" / "images" / "site-index.png"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site") / "site"
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["site", *EXAMPLES, "-o", str(target)])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    # The site has no script: it must work as a reader without JavaScript sees it.
    with chrome(javascript=False) as browser:
        yield browser


def _ids(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))


def test_every_link_resolves_and_nothing_is_fetched(site: Path, driver: Any) -> None:
    """Walk the site from its index in the browser, following every link it finds."""
    requested_urls(driver)
    index = (site / "index.html").as_uri()
    queue, seen, broken = deque([index]), {index}, []
    while queue:
        url = queue.popleft()
        driver.get(url)
        hrefs = driver.execute_script(
            "return [...document.querySelectorAll('a[href]')].map(a => a.href)")
        for href in hrefs:
            if not href.startswith("file:"):
                continue  # evidence links of the maps (http/https), opened by the reader
            page, fragment = urldefrag(href)
            target = Path(unquote(urlparse(page).path))
            exists = target.is_file() and site in target.parents
            if not exists or (fragment and fragment not in _ids(target)):
                broken.append((url, href))
            elif page not in seen:
                seen.add(page)
                queue.append(page)
    pages = {p.as_uri() for p in site.rglob("*.html")}
    assert broken == []
    assert seen == pages  # every page is reachable from the index
    urls = requested_urls(driver)
    assert urls and all(u.startswith(LOCAL_SCHEMES) for u in urls), urls
    assert all(site.as_uri() in u for u in urls if u.startswith("file:")), urls


def test_the_portfolio_picture_switches_without_javascript(site: Path, driver: Any) -> None:
    from selenium.webdriver.common.by import By

    driver.get((site / "index.html").as_uri())
    weight = driver.find_element(By.CSS_SELECTOR, ".heat-weight table.heat")
    emotion = driver.find_element(By.CSS_SELECTOR, ".heat-emotion table.heat")
    assert weight.is_displayed() and not emotion.is_displayed()
    assert len(weight.find_elements(By.CSS_SELECTOR, "tbody tr")) == len(EXAMPLES)
    assert weight.find_elements(By.CSS_SELECTOR, "td.w5")  # the heaviest stage
    driver.find_element(By.CSS_SELECTOR, "label[for=colour-emotion]").click()
    assert emotion.is_displayed() and not weight.is_displayed()
    cell = emotion.find_element(By.CSS_SELECTOR, "td.e-3, td.e-2")
    assert cell.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"


def test_screenshot_for_the_docs(site: Path, driver: Any, tmp_path: Path) -> None:
    """docs/images/site-index.png, written only with CJMAP_UPDATE_IMAGES=1 (`make images`)."""
    driver.set_window_size(1400, 1000)
    driver.get((site / "index.html").as_uri())
    png = driver.get_screenshot_as_png()
    (tmp_path / "site-index.png").write_bytes(png)
    if os.environ.get("CJMAP_UPDATE_IMAGES"):
        SCREENSHOT.write_bytes(png)
    driver.set_window_size(1400, 900)
