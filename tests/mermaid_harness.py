"""Mermaid's own parser for the tests: journey.jison compiled by the `jison` package in
node (tests/data/mermaid/record.js), fed many diagrams in one run.

``make test`` installs node and jison (``make jison``: build/node/node_modules).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from helpers import ROOT

DATA = ROOT / "tests" / "data" / "mermaid"
MODULES = ROOT / "build" / "node" / "node_modules"


def run_jison(diagrams: list[str]) -> list[dict[str, Any]]:
    """What Mermaid's grammar calls for each diagram (or ``{"error": ...}``)."""
    node = shutil.which("node")
    if node is None or not (MODULES / "jison").is_dir():
        pytest.fail("node and the jison package are needed: run `make jison` (make test does)")
    done = subprocess.run([node, str(DATA / "record.js"), str(MODULES)],
                          input=json.dumps(diagrams), capture_output=True, text=True,
                          timeout=120, check=True)
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


def real_diagrams() -> list[Path]:
    return sorted(DATA.glob("*.mmd"))


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


__all__ = ["DATA", "Path", "read_text", "real_diagrams", "run_jison"]
