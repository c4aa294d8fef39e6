"""The only module that runs Graphviz.

cjmap lays the picture out itself and hands Graphviz DOT with pinned positions
(``neato -n2``), so any Graphviz from 2.40 on draws it the same way. The system
``dot`` program is used (as ``dot -Kneato``); when it is missing the user gets one
clear line saying how to install it (exit 2).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from cjmap.errors import EnvironmentProblem

INSTALL_HINT = (
    "Graphviz is needed to draw maps, and its `dot` program was not found on PATH. "
    "Install it: Debian/Ubuntu `sudo apt-get install graphviz`, Fedora `sudo dnf install "
    "graphviz`, macOS `brew install graphviz`, Windows `winget install graphviz` (or "
    "`choco install graphviz`), conda `conda install -c conda-forge graphviz`; then open a "
    "new terminal. `cjmap render --format dot` writes the DOT text without Graphviz."
)
DEFAULT_TIMEOUT = 300.0
_OUTPUT_FLAGS = {"svg": ["-Tsvg"], "png": ["-Tpng:cairo"], "pdf": ["-Tpdf:cairo"]}


@dataclass(frozen=True, slots=True)
class Graphviz:
    """A located ``dot`` executable."""

    executable: str

    def command(self, output_format: str, dpi: int | None = None) -> list[str]:
        flags = _OUTPUT_FLAGS.get(output_format)
        if flags is None:
            raise ValueError(f"Graphviz cannot write {output_format!r} for cjmap")
        extra = [f"-Gdpi={dpi}"] if dpi and output_format == "png" else []
        return [self.executable, "-Kneato", "-n2", *flags, *extra]

    def run(self, dot_text: str, output_format: str, *, dpi: int | None = None,
            timeout: float = DEFAULT_TIMEOUT) -> bytes:
        """Draw ``dot_text``; Graphviz's failure is an EnvironmentProblem (exit 2)."""
        env = dict(os.environ)
        # Cairo honours SOURCE_DATE_EPOCH in newer versions; stable_pdf covers the rest.
        env.setdefault("SOURCE_DATE_EPOCH", "0")
        try:
            done = subprocess.run(self.command(output_format, dpi),
                                  input=dot_text.encode("utf-8"), capture_output=True,
                                  timeout=timeout, env=env, check=False)
        except FileNotFoundError:
            raise EnvironmentProblem(INSTALL_HINT) from None
        except subprocess.TimeoutExpired:
            raise EnvironmentProblem(
                f"Graphviz did not finish within {timeout:g} s; try --format dot and run "
                "`dot -Kneato -n2` yourself") from None
        except OSError as exc:
            raise EnvironmentProblem(f"cannot run Graphviz ({self.executable}): {exc}") from None
        if done.returncode != 0 or not done.stdout:
            errors = [line for line in done.stderr.decode("utf-8", "replace").splitlines()
                      if line.strip() and not line.startswith("Warning:")]
            detail = "; ".join(errors[:3]) or f"exit status {done.returncode}"
            raise EnvironmentProblem(f"Graphviz failed to draw the map: {detail}")
        data = done.stdout
        return stable_pdf(data) if output_format == "pdf" else data


def find_graphviz(search_path: str | None = None) -> Graphviz:
    """The system ``dot`` (``search_path`` replaces PATH, for tests), or exit 2 with a hint."""
    found = shutil.which("dot", path=search_path)
    if found is None:
        raise EnvironmentProblem(INSTALL_HINT)
    return Graphviz(found)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:([0-9]{4,14})([^)]*)\)")


def stable_pdf(data: bytes) -> bytes:
    """Replace the creation date in a PDF by a fixed one of the same length.

    The same length keeps the PDF's cross-reference offsets valid.
    """
    def fixed(match: re.Match[bytes]) -> bytes:
        digits = b"19700101000000"[: len(match.group(2))]
        tail = b"Z" + b" " * (len(match.group(3)) - 1) if match.group(3) else b""
        return b"/" + match.group(1) + b" (D:" + digits + tail + b")"

    return _PDF_DATE.sub(fixed, data)
