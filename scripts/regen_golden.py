"""Regenerate the golden files the tests compare outputs with (`make golden`).

Each entry of GENERATORS writes one family of golden files, tests/golden/<command>/, and
returns their paths. Review the result with `git diff tests/golden` before committing: a golden
file must be right, not just what the program printed.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

# The example pair of `cjmap diff`, and the golden files made from it.
DIFF_PAIR = ("examples/diff/online-clothing.before.cjmap.yaml",
             "examples/diff/online-clothing.after.cjmap.yaml")
DIFF_GOLDEN = {"text": "online-clothing.txt", "markdown": "online-clothing.md",
               "json": "online-clothing.json"}

# `cjmap score` of three hand-written test maps, and the golden files made from it
# (the same cases as tests/test_score_cli.py).
SCORE_DATA = ROOT / "tests" / "data" / "score"
SCORE_MAPS = ["shop.cjmap.yaml", "alpha.cjmap.yaml", "calm.cjmap.yaml"]
SCORE_GOLDEN = {"shop-alpha-calm.table.txt": ["--top", "3"],
                "shop-alpha-calm.explain.md": ["--format", "markdown", "--explain"]}


@contextmanager
def _in(directory: Path) -> Iterator[None]:
    """Paths in outputs read as a user in ``directory`` would type them, on every machine."""
    before = Path.cwd()
    os.chdir(directory)
    try:
        yield None
    finally:
        os.chdir(before)


def _write_golden(family: str, texts: Iterable[tuple[str, str]]) -> list[Path]:
    """Write each (file name, text) into tests/golden/<family>/; the paths written."""
    target = GOLDEN / family
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts:
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def diff_output(output_format: str) -> str:
    """What `cjmap diff --format FORMAT before after` prints, run from the repository root."""
    from cjmap.commands import Streams
    from cjmap.commands.diff import diff

    buffer = io.StringIO()
    with _in(ROOT):
        diff(list(DIFF_PAIR), output_format=output_format, streams=Streams(buffer, sys.stderr))
    return buffer.getvalue()


def regen_diff() -> list[Path]:
    return _write_golden("diff", ((name, diff_output(output_format))
                                  for output_format, name in DIFF_GOLDEN.items()))


def score_output(arguments: list[str]) -> str:
    """What `cjmap score shop alpha calm ARGUMENTS` prints, run beside the maps."""
    from typer.testing import CliRunner

    from cjmap.cli import app

    with _in(SCORE_DATA):
        result = CliRunner().invoke(app, ["score", *SCORE_MAPS, *arguments])
    if result.exit_code != 0:
        raise SystemExit(f"cjmap score {' '.join(arguments)} failed: {result.stderr}")
    return result.stdout


def regen_score() -> list[Path]:
    return _write_golden("score", ((name, score_output(arguments))
                                   for name, arguments in SCORE_GOLDEN.items()))


def regen_render() -> list[Path]:
    """`cjmap render --format dot` of each test map in tests/data/render/ (compared as graphs)."""
    from cjmap.load import load_path
    from cjmap.render.dot import to_dot
    from cjmap.render.layout import layout

    def dot_files() -> Iterator[tuple[str, str]]:
        for source in sorted((ROOT / "tests" / "data" / "render").glob("*.cjmap.yaml")):
            loaded = load_path(str(source))
            if loaded.journey is None:
                raise SystemExit(f"{source} does not load: {loaded.findings}")
            yield source.name.replace(".cjmap.yaml", ".dot"), to_dot(layout(loaded.journey))

    return _write_golden("render", dot_files())


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
