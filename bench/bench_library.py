"""Libraries: linting maps that share one library against the same maps with its items
copied into each (docs/performance.md, "Libraries").

Two corpora of generated maps (``bench/generate.py``), identical but for where the
personas, channels, evidence and metrics are written: in ``copied/`` every map holds
them; in ``shared/`` they are in one ``library/shared.cjlib.yaml`` that every map names
in ``uses``. Both are linted by the in-process engine on one core, a map of one corpus
then the same map of the other (the machine's load then weighs on both alike), the
shared maps through one library cache as ``cjmap lint DIR`` does (the library is read
once, and linted once, with the check across files at the end). The best of the rounds
counts for each. Goal: the shared corpus within 1.2x of the copied one. ``cjmap lint DIR`` as a
whole (``lint_paths``, one core) is timed once beside it.

Environment: ``CJMAP_BENCH_LIBRARY_MAPS`` (default 1,000 maps), ``CJMAP_BENCH_ROUNDS``
(default 3).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from bench.generate import generate_map
from cjmap.config import load_config
from cjmap.fastgc import fast_gc
from cjmap.libraries import LibraryCache
from cjmap.lint.engine import FileResult, LintOptions, is_selected, lint_file, lint_paths
from cjmap.lint.library_lint import add_unused_items

GOAL = 1.2
TOUCHPOINTS = 62  # about 1,000 lines a map, as the lint corpus (bench_lint.py)
USES = "uses: [../library/shared.cjlib.yaml]\n"


def split(text: str) -> tuple[str, str]:
    """A generated map as (the map using a library, the library's items): the lists
    from ``personas:`` up to ``stages:`` move into the library."""
    start = text.index("\npersonas:\n") + 1
    end = text.index("\nstages:\n") + 1
    return text[:start] + USES + text[end:], text[start:end]


def write_corpora(root: Path, maps: int) -> tuple[Path, Path]:
    copied, shared = root / "copied", root / "shared"
    (copied / "maps").mkdir(parents=True)
    (shared / "maps").mkdir(parents=True)
    (shared / "library").mkdir()
    items = ""
    for i in range(maps):
        text = generate_map(TOUCHPOINTS, seed=i, map_id=f"map-{i}")
        (copied / "maps" / f"map-{i:05d}.cjmap.yaml").write_text(text, encoding="utf-8")
        using, items = split(text)
        (shared / "maps" / f"map-{i:05d}.cjmap.yaml").write_text(using, encoding="utf-8")
    # The generator writes the same personas, channels, evidence and metrics in every map.
    library = "cjmap: 1\nid: shared\ntitle: Shared items\n" + items
    (shared / "library" / "shared.cjlib.yaml").write_text(library, encoding="utf-8")
    return copied, shared


def lint_seconds(directory: Path) -> tuple[float, int, int]:
    """Seconds to lint ``directory`` on one core; files and findings, as a check."""
    options = LintOptions(today=dt.date(2026, 11, 1))
    config = load_config(start=directory)
    start = time.perf_counter()
    with fast_gc():
        result = lint_paths([str(directory)], config, options, jobs=1)
    elapsed = time.perf_counter() - start
    return elapsed, len(result.files), len(result.findings)


def interleaved(copied: Path, shared: Path) -> tuple[float, float, int]:
    """Seconds to lint every map of each corpus, one map of each in turn; the shared
    corpus's time includes its library's lint and the check across files."""
    options = LintOptions(today=dt.date(2026, 11, 1))
    cache = LibraryCache()
    copied_maps = sorted((copied / "maps").glob("*.cjmap.yaml"))
    shared_maps = sorted((shared / "maps").glob("*.cjmap.yaml"))
    totals = [0.0, 0.0]
    results: list[FileResult] = []
    findings = 0
    with fast_gc():
        start = time.perf_counter()
        results.append(lint_file(str(shared / "library" / "shared.cjlib.yaml"), options,
                                 cache=cache))
        totals[1] += time.perf_counter() - start
        for one, other in zip(copied_maps, shared_maps, strict=True):
            start = time.perf_counter()
            findings += len(lint_file(str(one), options).findings)
            middle = time.perf_counter()
            results.append(lint_file(str(other), options, cache=cache))
            totals[0] += middle - start
            totals[1] += time.perf_counter() - middle
        start = time.perf_counter()
        add_unused_items(results, options, is_selected)
        totals[1] += time.perf_counter() - start
    findings += sum(len(r.findings) for r in results)
    assert cache.reads == 1, cache.reads
    return totals[0], totals[1], findings


def main() -> None:
    maps = int(os.environ.get("CJMAP_BENCH_LIBRARY_MAPS", "1000"))
    rounds = int(os.environ.get("CJMAP_BENCH_ROUNDS", "3"))
    with tempfile.TemporaryDirectory(prefix="cjmap-bench-library-") as tmp:
        copied, shared = write_corpora(Path(tmp), maps)
        measured = []
        for _ in range(rounds):
            copied_s, shared_s, findings = interleaved(copied, shared)
            assert findings == 0, f"{findings} findings: the corpora should lint clean"
            measured.append((copied_s, shared_s))
        # Each corpus's best round (not the round of the best ratio, which would flatter).
        best = (min(c for c, _ in measured), min(s for _, s in measured))
        whole = {name: lint_seconds(directory)
                 for name, directory in (("copied", copied), ("shared", shared))}
    ratio = best[1] / best[0]
    verdict = "PASS" if ratio <= GOAL else "MISS"
    print(f"{maps:,} maps of {TOUCHPOINTS} touchpoints, one core, best of {rounds} rounds "
          "(interleaved map by map)")
    print(f"  items copied into each map  {best[0]:7.2f} s")
    print(f"  one shared library          {best[1]:7.2f} s")
    print(f"shared library / items copied into each map: {ratio:.2f}x "
          f"(goal <= {GOAL}x) {verdict}")
    for name, (seconds, files, findings) in whole.items():
        print(f"  cjmap lint DIR ({name}, once): {seconds:.2f} s, {files:,} files, "
              f"{findings:,} findings")
