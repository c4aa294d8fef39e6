"""Regenerate the golden files the tests compare outputs with (`make golden`).

Each entry of GENERATORS writes one family of golden files and returns their paths.
Review the result with `git diff tests/golden` before committing: a golden file
must be right, not just what the program printed.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

# The example pair of `cjmap diff`, and the golden files made from it.
DIFF_PAIR = ("examples/diff/online-clothing.before.cjmap.yaml",
             "examples/diff/online-clothing.after.cjmap.yaml")
DIFF_GOLDEN = {"text": "online-clothing.txt", "markdown": "online-clothing.md",
               "json": "online-clothing.json"}


@contextmanager
def _in_root() -> Iterator[None]:
    """Paths in outputs read as a user in the repository would type them."""
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        yield None
    finally:
        os.chdir(before)


def diff_output(output_format: str) -> str:
    """What `cjmap diff --format FORMAT before after` prints, run from the repository root."""
    from cjmap.commands import Streams
    from cjmap.commands.diff import diff

    buffer = io.StringIO()
    with _in_root():
        diff(list(DIFF_PAIR), output_format=output_format, streams=Streams(buffer, sys.stderr))
    return buffer.getvalue()


def regen_diff() -> list[Path]:
    target = GOLDEN / "diff"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for output_format, name in DIFF_GOLDEN.items():
        path = target / name
        path.write_text(diff_output(output_format), encoding="utf-8")
        written.append(path)
    return written


def regen_score() -> list[Path]:
    """`cjmap score` goldens: the cases live in tests/test_score_cli.py, which writes them."""
    import subprocess

    env = {**os.environ, "CJMAP_REGEN_GOLDEN": "1"}
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "tests/test_score_cli.py", "-k", "golden"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return sorted((ROOT / "tests" / "data" / "score" / "golden").iterdir())


def regen_render() -> list[Path]:
    """`cjmap render --format dot` of each test map in tests/data/render/ (compared as graphs)."""
    from cjmap.load import load_path
    from cjmap.render.dot import to_dot
    from cjmap.render.layout import layout

    target = GOLDEN / "render"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted((ROOT / "tests" / "data" / "render").glob("*.cjmap.yaml")):
        loaded = load_path(str(source))
        if loaded.journey is None:
            raise SystemExit(f"{source} does not load: {loaded.findings}")
        path = target / source.name.replace(".cjmap.yaml", ".dot")
        path.write_text(to_dot(layout(loaded.journey)), encoding="utf-8")
        written.append(path)
    return written


GENERATORS: list[Callable[[], list[Path]]] = [
    regen_diff,
    regen_score,
    regen_render,
]


def main() -> int:
    os.environ.pop("FORCE_COLOR", None)
    os.environ["NO_COLOR"] = "1"
    for generate in GENERATORS:
        for path in generate():
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
