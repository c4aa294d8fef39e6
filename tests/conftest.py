"""Shared fixtures. Paths are relative to the repository so tests run from any cwd."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BROKEN = EXAMPLES / "broken"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def root() -> Path:
    return ROOT


def example_maps() -> list[Path]:
    return sorted(EXAMPLES.glob("*.cjmap.yaml"))
