"""Shared fixtures. Shared constants and helpers are in helpers.py (mypy would see this
module under two names if test files imported it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT


@pytest.fixture
def root() -> Path:
    return ROOT
