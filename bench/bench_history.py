"""`cjmap history` on 500 versions of a ~1,000-line map in a real git repository.

Goal (issue 14): reading the whole history (git log --follow, one git cat-file --batch,
loading and measuring every version) takes at most 2× the time of loading the same 500
versions from files on disk. The repository is built with ``git fast-import`` (500
commits in well under a second), each version a small edit of the one before.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.generate import generate_map
from bench.timing import best_seconds
from cjmap.commands.history import read_history
from cjmap.fastgc import fast_gc
from cjmap.load import load_path

VERSIONS = 500
TOUCHPOINTS = 60  # about 1,000 lines
GOAL = 2.0
REPEATS = 3


def versions() -> list[str]:
    """500 texts of one map, each a small edit of the last (a value, an emotion)."""
    base = generate_map(TOUCHPOINTS, seed=3)
    texts = []
    for i in range(VERSIONS):
        text = base.replace("    value: 21\n", f"    value: {21 + i % 30}\n")
        text = text.replace("          persona-0: ", f"          persona-0: {i % 5 - 2} #", 1)
        texts.append(text)
    return texts


def build_repo(root: Path, texts: list[str]) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=env)
    # fast-import continues a branch from its last commit: no "from" lines are needed.
    stream = []
    for i, text in enumerate(texts):
        data = text.encode("utf-8")
        when = 1_767_225_600 + i * 86_400  # one version a day from 2026-01-01
        message = f"version {i}".encode()
        stream.append(b"commit refs/heads/main\n"
                      + f"committer Bench <bench@example.com> {when} +0000\n".encode()
                      + f"data {len(message)}\n".encode() + message + b"\n"
                      + f"M 100644 inline maps/big.cjmap.yaml\ndata {len(data)}\n".encode()
                      + data + b"\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream),
                   check=True, env=env)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True, env=env)


def _best(func: Callable[[], object]) -> float:
    return best_seconds(func, REPEATS)


def main() -> None:
    texts = versions()
    with tempfile.TemporaryDirectory(prefix="cjmap-bench-history-") as tmp:
        root = Path(tmp) / "repo"
        build_repo(root, texts)
        files = Path(tmp) / "files"
        files.mkdir()
        paths = []
        for i, text in enumerate(texts):
            path = files / f"v{i:03}.cjmap.yaml"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))

        def load_files() -> None:
            for path in paths:
                assert load_path(path).journey is not None

        def load_files_paused() -> None:
            # The same with the collector paused for the whole loop, as history does:
            # shows how much of the difference is the collector rather than git.
            with fast_gc():
                load_files()

        def history() -> None:
            with fast_gc():  # as `cjmap history` does
                rows = read_history(str(root / "maps" / "big.cjmap.yaml")).rows
            assert len(rows) == VERSIONS and all(row.ok for row in rows)

        load = _best(load_files)
        paused = _best(load_files_paused)
        total = _best(history)
    lines = texts[0].count("\n")
    print(f"map: {lines} lines, {len(texts[0]) // 1024} KiB; {VERSIONS} versions in git")
    print(f"load {VERSIONS} files:                      {load * 1000:8.0f} ms")
    print(f"load {VERSIONS} files, collector paused: {paused * 1000:8.0f} ms  (cross-check)")
    print(f"cjmap history (all):                  {total * 1000:8.0f} ms  "
          "(git log, cat-file --batch, load, measure)")
    print(f"history / paused loading: {total / paused:.2f}x (cross-check)")
    ratio = total / load
    verdict = "ok" if ratio <= GOAL else "MISSED"
    print(f"ratio: {ratio:.2f}x loading (goal <= {GOAL:.0f}x): {verdict}")
