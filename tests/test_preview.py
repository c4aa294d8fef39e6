"""``cjmap preview``: a real server in a subprocess, a real port, real saves the way
editors make them, and a real headless Chromium following them (docs/share.md)."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from browser import chrome, console_errors
from helpers import ROOT, wait_for

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")

SOURCE = (ROOT / "tests" / "data" / "render" / "personas.cjmap.yaml").read_text(encoding="utf-8")


@dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    path: Path

    def get(self, target: str, method: str = "GET") -> tuple[int, str, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request(method, target)  # sent as written: no path clean-up
            response = connection.getresponse()
            return response.status, response.getheader("Content-Type") or "", response.read()
        finally:
            connection.close()

    def status(self) -> dict[str, Any]:
        code, _, body = self.get("/version")
        assert code == 200
        result: dict[str, Any] = json.loads(body)
        return result

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def save(path: Path, text: str) -> None:
    """Save as editors do: write a temporary file beside it, then rename it over."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def first_line(process: subprocess.Popen[str], timeout: float = 30.0) -> str:
    """The first line the server prints (the URL), or fail when it prints nothing."""
    lines: list[str] = []
    assert process.stdout is not None
    stdout = process.stdout
    reader = threading.Thread(target=lambda: lines.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    assert lines and lines[0], "cjmap preview printed no URL"
    return lines[0]


def start(path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "cjmap", "preview", str(path), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=path.parent, env=env)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    path = tmp_path / "journey.cjmap.yaml"
    path.write_text(SOURCE, encoding="utf-8")
    process = start(path)
    try:
        line = first_line(process)
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        yield Server(process, int(match.group(1)), path)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)


def stop(server: Server) -> tuple[int, str]:
    server.process.send_signal(signal.SIGINT)
    _out, err = server.process.communicate(timeout=10)
    return server.process.returncode, err


def title(driver: Any) -> str:
    """The page's heading, read in one step (the page may swap it at any moment)."""
    return str(driver.execute_script("return document.querySelector('h1').textContent"))


def problems_shown(driver: Any) -> str | None:
    return driver.execute_script(  # type: ignore[no-any-return]
        "var p = document.getElementById('problems');"
        "return p && !p.hidden && p.offsetHeight > 0 ? p.innerText : null;")


@pytest.mark.browser
def test_the_open_page_follows_saves_and_keeps_the_reader_state(server: Server) -> None:
    from selenium.webdriver.common.by import By

    with chrome() as driver:
        driver.get(server.url)
        assert title(driver) == "Two personas"
        driver.find_element(By.CSS_SELECTOR, "input[name=persona][value='student']").click()
        driver.find_element(By.ID, "viewport").send_keys("+")
        driver.execute_script("window.cjmapMarker = 'still the same page'; "
                              "window.scrollTo(0, 250);")
        assert driver.execute_script("return window.scrollY") == 250
        zoomed = driver.execute_script(
            "return document.querySelector('#view-student svg').getAttribute('viewBox')")

        save(server.path, SOURCE.replace("title: Two personas", "title: Renamed by a save"))
        assert wait_for(lambda: title(driver) == "Renamed by a save", timeout=5)
        assert driver.execute_script("return window.cjmapMarker") == "still the same page"
        assert driver.execute_script("return window.scrollY") == 250
        shown = driver.execute_script(
            "return Array.from(document.querySelectorAll('.view'))"
            ".filter(function (v) { return !v.hidden; }).map(function (v) { return v.id; })")
        assert shown == ["view-student"]
        assert driver.execute_script(
            "return document.querySelector('#view-student svg').getAttribute('viewBox')"
        ) == zoomed

        # Half-typed YAML: the findings over the last good picture, until the next good save.
        # "title: Two: personas" on line 4: a second ':' where YAML allows none (column 11).
        save(server.path, SOURCE.replace("title: Two personas", "title: Two: personas"))
        message = wait_for(lambda: problems_shown(driver), timeout=5)
        assert message and "line 4, column 11: CJ001" in message, message
        assert title(driver) == "Renamed by a save"
        assert driver.find_element(By.CSS_SELECTOR, "#view-student svg").is_displayed()

        save(server.path, SOURCE.replace("title: Two personas", "title: Fixed again"))
        assert wait_for(lambda: title(driver) == "Fixed again")
        assert wait_for(lambda: problems_shown(driver) is None)
        assert driver.execute_script("return window.cjmapMarker") == "still the same page"
        assert console_errors(driver) == []
    code, err = stop(server)
    assert code == 0, err


def test_schema_errors_are_positioned_and_the_last_good_page_stays(server: Server) -> None:
    good = server.get("/")[2]
    assert b"Two personas" in good
    save(server.path, SOURCE.replace("severity: 3", "severity: 9"))
    status = wait_for(lambda: (s := server.status()) and not s["ok"] and s)
    assert status["findings"][0]["code"] == "CJ003"
    assert status["findings"][0]["line"] == SOURCE.splitlines().index(
        next(line for line in SOURCE.splitlines() if "severity: 3" in line)) + 1
    assert server.get("/")[2] == good
    assert stop(server)[0] == 0


def test_it_survives_delete_and_recreate_moves_and_rapid_saves(server: Server) -> None:
    version = server.status()["version"]
    server.path.unlink()
    gone = wait_for(lambda: (s := server.status()) and not s["ok"] and s)
    assert "cannot read" in gone["findings"][0]["message"]
    server.path.write_text(SOURCE.replace("Two personas", "Recreated"), encoding="utf-8")
    assert wait_for(lambda: server.status()["version"] > version and server.status()["ok"])
    assert b"Recreated" in server.get("/")[2]

    away = server.path.with_name("elsewhere.yaml")
    os.replace(server.path, away)
    assert wait_for(lambda: not server.status()["ok"])
    away.write_text(SOURCE.replace("Two personas", "Moved back"), encoding="utf-8")
    os.replace(away, server.path)
    assert wait_for(lambda: b"Moved back" in server.get("/")[2])

    for n in range(8):
        save(server.path, SOURCE.replace("Two personas", f"Rapid save {n}"))
    assert wait_for(lambda: b"Rapid save 7" in server.get("/")[2])
    assert server.status()["ok"]
    assert stop(server)[0] == 0


def test_a_map_broken_from_the_start_is_shown_when_fixed(tmp_path: Path) -> None:
    path = tmp_path / "journey.cjmap.yaml"
    path.write_text(SOURCE.replace("title: Two personas", "title: Two: personas"),
                    encoding="utf-8")
    process = start(path)
    try:
        port = int(re.findall(r":(\d+)/", first_line(process))[0])
        server = Server(process, port, path)
        status = server.status()
        assert not status["ok"] and status["version"] == 0
        assert (status["findings"][0]["line"], status["findings"][0]["column"]) == (4, 11)
        first = server.get("/")[2]
        assert b"The map cannot be drawn yet." in first and b"line 4, column 11: CJ001" in first
        save(path, SOURCE)
        assert wait_for(lambda: server.status() == {"version": 1, "ok": True, "findings": []})
        assert b'data-version="1"' in server.get("/")[2]
        code, err = stop(server)
        assert code == 0
        # The terminal heard about both saves.
        assert re.search(r"journey\.cjmap\.yaml:4:11: CJ001 \[error\]", err), err
        assert "Updated the view of" in err
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)


def test_it_serves_its_own_pages_and_nothing_else(server: Server) -> None:
    code, kind, body = server.get("/")
    assert (code, kind) == (200, "text/html; charset=utf-8")
    assert body.startswith(b"<!DOCTYPE html>") and b'data-live="1"' in body
    assert b"connect-src &#x27;self&#x27;" in body  # the policy, escaped in its attribute
    assert server.get("/?x=1")[0] == 200
    for target in ("/../etc/passwd", "/etc/passwd", "/journey.cjmap.yaml", "/index.html",
                   "/version/", "/%2e%2e/journey.cjmap.yaml", "/static/", "/./"):
        code, _, body = server.get(target)
        assert code == 404, target
        assert b"journey" not in body.lower()
    assert server.get("/", method="POST")[0] == 501
    assert stop(server)[0] == 0


def test_a_port_in_use_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "journey.cjmap.yaml"
    path.write_text(SOURCE, encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start(path, "--port", str(port))
        _out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert f"127.0.0.1:{port}" in err and "--port" in err
    assert "Traceback" not in err


def test_a_missing_file_is_exit_2(tmp_path: Path) -> None:
    process = start(tmp_path / "nothing.cjmap.yaml")
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and "no such file" in err


def test_open_hands_the_address_to_the_browser(tmp_path: Path) -> None:
    # The standard `BROWSER` variable names the browser; this one writes down what it got.
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf %s "$1" > "{opened}"\n', encoding="utf-8")
    browser.chmod(0o755)
    path = tmp_path / "journey.cjmap.yaml"
    path.write_text(SOURCE, encoding="utf-8")
    process = start(path, "--open", env={**os.environ, "BROWSER": str(browser)})
    try:
        url = re.findall(r"http://127\.0\.0\.1:\d+/", first_line(process))[0]
        assert wait_for(lambda: opened.exists() and opened.read_text() == url, timeout=10)
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)
    assert process.returncode == 0


def test_the_state_rebuilds_only_when_the_bytes_change(tmp_path: Path) -> None:
    from cjmap.preview import Built, Preview, Problem

    path = tmp_path / "m.yaml"
    built: list[int] = []

    def build(raw: bytes, version: int) -> Built:
        built.append(version)
        if raw.startswith(b"good"):
            return Built(f"page {version}: {raw.decode()}")
        return Built(None, (Problem(1, 5, "CJ001", "bad"),))

    state = Preview(str(path), build)
    assert state.refresh()  # no file yet: a problem, no page
    assert json.loads(state.status())["ok"] is False and state.page == b""
    path.write_text("good 1")
    assert state.refresh() and state.page == b"page 1: good 1" and built == [1]
    os.utime(path, ns=(1, 1))  # touched, same bytes: nothing to rebuild
    assert not state.refresh() and built == [1]
    save(path, "bad")
    assert state.refresh() and state.page == b"page 1: good 1"
    assert json.loads(state.status()) == {
        "version": 1, "ok": False,
        "findings": [{"line": 1, "column": 5, "code": "CJ001", "message": "bad"}]}
    save(path, "good 2")
    assert state.refresh() and state.page == b"page 2: good 2"
    assert json.loads(state.status()) == {"version": 2, "ok": True, "findings": []}


def test_a_bug_while_building_is_shown_and_watching_goes_on(tmp_path: Path) -> None:
    from cjmap.preview import Built, Preview

    path = tmp_path / "m.yaml"
    path.write_text("boom")

    def build(raw: bytes, version: int) -> Built:
        if raw == b"boom":
            raise RuntimeError("an unexpected failure")
        return Built(f"page {version}")

    state = Preview(str(path), build)
    assert state.refresh()
    message = json.loads(state.status())["findings"][0]["message"]
    assert message.startswith("internal error: RuntimeError: an unexpected failure")
    save(path, "fine")
    assert state.refresh() and state.page == b"page 1"
