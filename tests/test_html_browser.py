"""The HTML view in a real headless Chromium driven through chromedriver (Selenium):
no console errors, a drawn map, the details panel, the persona switcher, keyboard use,
no network at all, and a readable document without JavaScript."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from browser import LOCAL_SCHEMES, chrome, console_errors, requested_urls
from cjmap.cli import app
from helpers import ROOT, wait_for
from test_render_browser import decode_png

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")]

EXAMPLE = ROOT / "examples" / "online-clothing.cjmap.yaml"
SCREENSHOT = ROOT / "docs" / "images" / "html-view.png"


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("html") / "online-clothing.html"
    result = CliRunner().invoke(app, ["render", str(EXAMPLE), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target.as_uri()


@pytest.fixture(scope="module")
def driver(page_url: str) -> Iterator[Any]:
    with chrome() as browser:
        browser.get(page_url)
        yield browser


def distinct_colours(png: bytes) -> int:
    width, _height, rows, bpp = decode_png(png)
    return len({row[x:x + 3] for row in rows[::4] for x in range(0, width * bpp, bpp * 4)})


def test_loads_without_console_errors_and_draws_the_map(driver: Any) -> None:
    from selenium.webdriver.common.by import By

    assert console_errors(driver) == []
    assert "js" in driver.find_element(By.TAG_NAME, "html").get_attribute("class")
    viewport = driver.find_element(By.ID, "viewport")
    # The whole map fits the window on open: the view box covers the picture's box.
    box, shown = driver.execute_script(
        "var s = document.querySelector('#view-all svg');"
        "return [s.getAttribute('data-box'), s.getAttribute('viewBox')];")
    bx, by, bw, bh = map(float, box.split())
    vx, vy, vw, vh = map(float, shown.split())
    assert vx <= bx and vy <= by and vx + vw >= bx + bw - 0.5 and vy + vh >= by + bh - 0.5
    # A drawn map has many colours (stage headers, severities, emotion lines).
    assert distinct_colours(viewport.screenshot_as_png) > 30


def test_clicking_a_pain_card_shows_its_description_and_evidence(driver: Any) -> None:
    from selenium.webdriver.common.by import By

    card = driver.find_element(By.CSS_SELECTOR, "#view-all .card[data-item='size-uncertainty']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})",
                          driver.find_element(By.ID, "viewport"))
    card.click()
    panel = driver.find_element(By.ID, "panel")
    assert wait_for(panel.is_displayed)
    text = driver.find_element(By.ID, "panel-body").text
    assert "Unsure which size to pick" in text
    assert '61% of returns give "wrong size" as the reason.' in text
    assert "Return reasons recorded at the returns portal, H1 2026" in text
    assert "Size advisor using height, age and past returns" in text  # relieved by
    assert "selected" in card.get_attribute("class")
    # A link in the panel opens that item.
    driver.find_element(By.CSS_SELECTOR, "#panel-body a[href='#item-size-advisor']").click()
    assert wait_for(lambda: "relieves" in driver.find_element(By.ID, "panel-body").text.lower())
    assert console_errors(driver) == []


def _emotion_series(driver: Any) -> set[str]:
    """The personas whose emotion lines the shown drawing has."""
    ids = driver.execute_script(
        "return Array.from(document.querySelectorAll('.view:not([hidden]) g.emotion-line'))"
        ".filter(function (g) { return g.getBoundingClientRect().width > 0; })"
        ".map(function (g) { return g.id; });")
    personas = ("busy-parent", "style-seeker", "bargain-hunter")
    return {p for i in ids for p in personas if f"-emotion-{p}-" in i}


def test_persona_switcher_changes_the_emotion_lines(driver: Any) -> None:
    from selenium.webdriver.common.by import By

    assert _emotion_series(driver) == {"busy-parent", "style-seeker", "bargain-hunter"}
    driver.find_element(By.CSS_SELECTOR, "input[name=persona][value='style-seeker']").click()
    assert wait_for(lambda: _emotion_series(driver) == {"style-seeker"})
    driver.find_element(By.CSS_SELECTOR, "input[name=persona][value='all']").click()
    assert wait_for(lambda: len(_emotion_series(driver)) == 3)


def test_keyboard_zoom_and_enter_on_a_card(driver: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def width() -> float:
        return float(driver.execute_script(
            "return document.querySelector('.view:not([hidden]) svg')"
            ".getAttribute('viewBox').split(' ')[2];"))

    viewport = driver.find_element(By.ID, "viewport")
    viewport.send_keys("0")
    fitted = width()
    viewport.send_keys("+")
    assert width() == pytest.approx(fitted / 1.25)
    viewport.send_keys("0")
    card = driver.find_element(By.CSS_SELECTOR, ".view:not([hidden]) .card[data-item='payment']")
    driver.execute_script("arguments[0].focus()", card)
    card.send_keys(Keys.ENTER)
    assert wait_for(lambda: "Payment" in driver.find_element(By.ID, "panel-body").text)
    active = driver.execute_script("return document.activeElement.id")
    assert active == "panel-h"
    driver.find_element(By.ID, "panel-h").send_keys(Keys.ESCAPE)
    assert wait_for(lambda: not driver.find_element(By.ID, "panel").is_displayed())
    assert driver.execute_script("return document.activeElement.getAttribute('data-item')") \
        == "payment"


def test_nothing_is_fetched_while_loading_and_using_the_page(driver: Any, page_url: str) -> None:
    from selenium.webdriver.common.by import By

    requested_urls(driver)
    driver.get(page_url)
    driver.find_element(By.CSS_SELECTOR, "#view-all .card.pain").click()
    driver.find_element(By.CSS_SELECTOR, "input[name=persona][value='busy-parent']").click()
    driver.find_element(By.CSS_SELECTOR, "button[data-zoom='in']").click()
    driver.find_element(By.CSS_SELECTOR, "#scorecard a.item-link").click()
    time.sleep(0.3)
    urls = requested_urls(driver)
    assert urls and urls[0] == page_url
    assert all(url.startswith(LOCAL_SCHEMES) for url in urls), urls
    assert console_errors(driver) == []


def test_screenshot_for_the_docs(driver: Any, page_url: str, tmp_path: Path) -> None:
    """The picture in docs/share.md: the map with a pain point's details open.

    Written to docs/images/ only with CJMAP_UPDATE_IMAGES=1 (`make images`)."""
    from selenium.webdriver.common.by import By

    driver.set_window_size(1440, 1150)
    driver.get(page_url)
    driver.find_element(By.CSS_SELECTOR, "button[data-zoom='in']").click()
    driver.find_element(By.CSS_SELECTOR,
                        "#view-all .card[data-item='surprise-delivery-cost']").click()
    time.sleep(0.2)
    png = driver.get_screenshot_as_png()
    assert distinct_colours(png) > 30
    (tmp_path / "html-view.png").write_bytes(png)
    if os.environ.get("CJMAP_UPDATE_IMAGES"):
        SCREENSHOT.write_bytes(png)
    driver.set_window_size(1400, 900)


def test_without_javascript_the_details_are_a_document(page_url: str) -> None:
    from selenium.webdriver.common.by import By

    with chrome(javascript=False) as driver:
        driver.get(page_url)
        assert "js" not in (driver.find_element(By.TAG_NAME, "html").get_attribute("class")
                            or "")
        article = driver.find_element(By.ID, "item-size-uncertainty")
        assert article.is_displayed()
        assert '61% of returns give "wrong size" as the reason.' in article.text
        assert "Return reasons recorded at the returns portal, H1 2026" in article.text
        assert driver.find_element(By.ID, "view-all").is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, ".toolbar").is_displayed()
        assert driver.find_element(By.ID, "scorecard").is_displayed()
        assert all(url.startswith(LOCAL_SCHEMES) for url in requested_urls(driver))


def test_print_media_shows_pages_of_whole_stages_with_lane_names(driver: Any,
                                                                  page_url: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(page_url)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not driver.find_element(By.ID, "view-all").is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, ".toolbar").is_displayed()
        pages = [p for p in driver.find_elements(By.CSS_SELECTOR, ".print-page")
                 if p.is_displayed()]
        # online-clothing: 5 stages of 2-4 touchpoints, about 1,150 points a page -> 3 pages.
        assert len(pages) == 3
        captions = [p.find_element(By.TAG_NAME, "figcaption").text for p in pages]
        assert captions[0].endswith("Awareness, Consideration (page 1 of 3)")
        for page in pages:
            # Two windows onto the drawing: the lane names, then the page's stages.
            uses = page.find_elements(By.TAG_NAME, "use")
            assert [u.get_attribute("href") for u in uses] == ["#v0-graph0"] * 2
            assert distinct_colours(page.screenshot_as_png) > 20
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_dark_mode_follows_the_system_setting(driver: Any, page_url: str) -> None:
    def background() -> str:
        return str(driver.execute_script(
            "return getComputedStyle(document.body).backgroundColor"))

    driver.get(page_url)
    light = background()
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "", "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        dark = background()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    assert light == "rgb(244, 246, 248)" and dark == "rgb(17, 24, 39)"


def test_mouse_drag_and_wheel_move_the_map_and_ctrl_wheel_zooms(driver: Any,
                                                                page_url: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def view_box() -> list[float]:
        return [float(v) for v in driver.execute_script(
            "return document.querySelector('#view-all svg').getAttribute('viewBox')").split()]

    driver.get(page_url)
    viewport = driver.find_element(By.ID, "viewport")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", viewport)
    viewport.send_keys("+")  # zoomed in, so that there is somewhere to move to
    start = view_box()
    ActionChains(driver).move_to_element(viewport).click_and_hold().move_by_offset(-120, 0) \
        .move_by_offset(-80, 0).release().perform()
    dragged = view_box()
    assert dragged[0] > start[0] and dragged[2] == pytest.approx(start[2])
    assert not driver.find_element(By.ID, "panel").is_displayed()  # a drag is not a click

    over_map = ScrollOrigin.from_element(viewport)
    ActionChains(driver).scroll_from_origin(over_map, 0, 200).perform()
    scrolled = view_box()
    assert scrolled[1] > dragged[1] and scrolled[2] == pytest.approx(dragged[2])

    ActionChains(driver).key_down(Keys.CONTROL).scroll_from_origin(over_map, 0, -200) \
        .key_up(Keys.CONTROL).perform()
    assert wait_for(lambda: view_box()[2] < scrolled[2])  # zoomed in at the pointer


def test_the_hostile_map_runs_no_script_of_its_own(tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    target = tmp_path / "hostile.html"
    result = CliRunner().invoke(app, ["render", str(ROOT / "tests" / "data" / "render" /
                                                     "hostile.cjmap.yaml"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    with chrome() as driver:
        driver.get(target.as_uri())
        driver.find_element(By.CSS_SELECTOR, "#view-all .card.pain").click()
        time.sleep(0.3)
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018 (reading it is the check)
        assert console_errors(driver) == []
        assert "<img src=x onerror=alert(1)>" in driver.find_element(By.ID, "panel-body").text
        assert all(url.startswith(LOCAL_SCHEMES) for url in requested_urls(driver))
