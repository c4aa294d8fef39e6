"""Helpers shared by several test files. Import as ``from helpers import ...``.

(Not conftest.py: mypy would see that under two module names. pytest puts tests/ on
sys.path for the test files, and mypy names this module ``helpers``.)
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cjmap.libraries import LibraryCache, resolve_loaded
from cjmap.load import load_path
from cjmap.model import JourneyMap

ROOT = Path(__file__).resolve().parent.parent
"""The repository (tests run from any working directory)."""
EXAMPLE_MAPS = sorted((ROOT / "examples").glob("*.cjmap.yaml"))
"""The realistic example maps, by name."""
WEB_SHOP = ROOT / "examples" / "web-shop"
"""The portfolio example: one business's journeys and the library they share."""
WEB_SHOP_MAPS = sorted(WEB_SHOP.glob("*.cjmap.yaml"))
"""The web shop's journeys (not in EXAMPLE_MAPS, which holds the top-level examples)."""
SHOP_MAP = ROOT / "tests" / "data" / "shop.cjmap.yaml"
"""A small map the CLI and configuration tests lint (not the scoring fixture data/score/shop)."""
SHOP_REVIEWED = "reviewed: 2026-11-01\n"


def journey_at(path: Path) -> JourneyMap:
    """The map in ``path``, which must load, with its libraries' items merged in (as
    every command sees it)."""
    loaded = resolve_loaded(load_path(str(path)), LibraryCache())
    assert loaded.journey is not None, loaded.findings
    assert loaded.resolved is None or not loaded.resolved.problems, loaded.resolved.problems
    return loaded.journey


def shop_map(reviewed: str) -> str:
    """The text of SHOP_MAP, last reviewed on ``reviewed`` (an ISO date) instead of its own date.

    Tests count line:column positions in this text by hand: the edit keeps every line where it is.
    """
    text = SHOP_MAP.read_text(encoding="utf-8")
    assert text.count(SHOP_REVIEWED) == 1, f"{SHOP_MAP} no longer has one {SHOP_REVIEWED!r}"
    return text.replace(SHOP_REVIEWED, f"reviewed: {reviewed}\n")


def as_json(value: Any) -> Any:
    """YAML data as an editor's JSON Schema validator sees it: dates are strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def wait_for(condition: Callable[[], Any], timeout: float = 5.0) -> Any:
    """``condition()``'s first true value, polled every 50 ms; its last value after ``timeout``
    seconds (a browser or a server reacts in its own time)."""
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > end:
            return value
        time.sleep(0.05)
