"""Lint performance: every lint figure of docs/performance.md, as ratios measured in one run.

1. corpus: the in-process lint engine over 1,000 generated maps (~1,000 lines each) against
   libyaml's bare composition of the same files (``yaml.compose`` with ``CSafeLoader``),
   both reading the files, both on one core, alternating every 50 files. Goal: within 2x.
   The ``cjmap lint DIR`` command (a subprocess, wall clock, start-up included; with
   ``--jobs 1`` and with the default process pool) is reported beside it.
2. schema: ``check-jsonschema --schemafile schemas/cjmap.schema.json`` on the corpus against
   ``cjmap lint --jobs 1`` on the same files, both subprocesses on one core, wall clock
   (CPU time and the default ``cjmap lint`` beside it). Goal: cjmap at least 20x faster.
3. one map against yamllint: measured by ``bench/bench_startup.py`` (``python -m bench
   startup``), as A/B pairs.
4. memory: peak RSS of ``cjmap lint`` over 10,000 maps against 1,000 maps. Goal: flat
   (a ratio of at most 1.2).

Environment variables: ``CJMAP_BENCH_SCHEMA_FILES`` caps how many corpus files
check-jsonschema is timed on (default: all 1,000; the same files are used for cjmap);
``CJMAP_BENCH_BIG=0`` skips the 10,000-map memory figure.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from bench.generate import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "cjmap.schema.json"
CORPUS_MAPS = 1_000
BIG_CORPUS_MAPS = 10_000


@dataclass(frozen=True)
class Figure:
    name: str
    value: float | None  # None: could not be measured
    goal: str
    passed: bool | None
    detail: str

    def row(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:.2f}"
        verdict = {True: "PASS", False: "MISS", None: "----"}[self.passed]
        return f"{self.name:<60} {shown:>6}  {self.goal:<7} {verdict}  {self.detail}"


def _tool(name: str) -> str | None:
    """The tool installed beside this Python (the venv), else on PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def _run(argv: Sequence[str], cwd: Path) -> tuple[float, int, int, float]:
    """Run a command with its output discarded.

    Returns (wall seconds, exit code, peak RSS in KiB, CPU seconds, user + system).
    """
    start = time.perf_counter()
    process = subprocess.Popen(list(argv), cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    # wait4 gives this child's own peak RSS (RUSAGE_CHILDREN would be the max of all).
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return (elapsed, process.returncode, int(usage.ru_maxrss),
            usage.ru_utime + usage.ru_stime)


def _best(repeats: int, *runs: Callable[[], float]) -> list[float]:
    """Best time of each run over ``repeats`` rounds, interleaved so that a busy moment
    of the (shared) machine does not fall on one side only."""
    best = [float("inf")] * len(runs)
    for _ in range(repeats):
        for i, run in enumerate(runs):
            best[i] = min(best[i], run())
    return best


def _seconds(argv: Sequence[str], cwd: Path, check: bool = True) -> float:
    seconds, code, _, _ = _run(argv, cwd)
    if check and code != 0:
        raise SystemExit(f"bench: {' '.join(argv[:3])} ... exited {code}")
    return seconds


def _compose_files(paths: Sequence[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def _lint_files(paths: Sequence[Path], directory: Path) -> float:
    """The lint engine in this process, one core: configuration, files, rules, with the
    collector paused as ``cjmap lint`` pauses it (cjmap.fastgc)."""
    from cjmap.config import load_config
    from cjmap.fastgc import fast_gc
    from cjmap.lint.engine import LintOptions, lint_paths

    start = time.perf_counter()
    loaded = load_config(start=directory)
    options = LintOptions.from_config(loaded)
    with fast_gc():
        result = lint_paths([str(p) for p in paths], loaded, options, jobs=1)
    elapsed = time.perf_counter() - start
    if len(result.files) != len(paths) or result.findings:
        raise SystemExit(f"bench: expected {len(paths)} clean maps, got {len(result.files)} "
                         f"files and {len(result.findings)} findings")
    return elapsed


def _corpus_pair(paths: Sequence[Path], directory: Path, rounds: int = 3,
                 chunk: int = 50) -> tuple[float, float]:
    """Best total of libyaml's compose and of the lint engine over the corpus.

    The two alternate every ``chunk`` files, so that the load of a shared machine,
    which changes by the second, weighs on both sides alike.
    """
    best_compose = best_lint = float("inf")
    for _ in range(rounds):
        compose_s = lint_s = 0.0
        for i in range(0, len(paths), chunk):
            part = paths[i:i + chunk]
            compose_s += _compose_files(part)
            lint_s += _lint_files(part, directory)
        best_compose, best_lint = min(best_compose, compose_s), min(best_lint, lint_s)
    return best_compose, best_lint


def _has_jobs(cjmap: str) -> bool:
    help_text = subprocess.run([cjmap, "lint", "--help"], capture_output=True, text=True,
                               check=False).stdout
    return "--jobs" in help_text


def _checked(label: str, result: tuple[float, int, int, float]) -> tuple[float, int, int, float]:
    if result[1] != 0:
        raise SystemExit(f"bench: {label} exited {result[1]}")
    return result


def corpus_figures(tmp: Path, corpus: Path, paths: list[Path], cjmap: str,
                   jobs: bool) -> list[Figure]:
    lines = sum(p.read_bytes().count(b"\n") for p in paths)
    print(f"corpus: {len(paths)} maps, {lines / len(paths):.0f} lines each "
          f"on average, {sum(p.stat().st_size for p in paths) / 1e6:.1f} MB")
    _compose_files(paths[:50])  # warm the page cache and the imports
    _lint_files(paths[:50], corpus)
    compose_s, engine_s = _corpus_pair(paths, corpus)
    print(f"  libyaml compose (in-process, 1 core)   {compose_s:7.2f} s  "
          f"{compose_s / len(paths) * 1000:5.2f} ms/map")
    print(f"  cjmap lint engine (in-process, 1 core) {engine_s:7.2f} s  "
          f"{engine_s / len(paths) * 1000:5.2f} ms/map")
    argv = [cjmap, "lint", corpus.name]
    cli_runs = [("cjmap lint DIR (CLI, default)", argv)]
    if jobs:
        cli_runs.append(("cjmap lint --jobs 1 DIR (CLI)", [*argv, "--jobs", "1"]))
    cli_times = _best(2, *[partial(_seconds, a, tmp) for _, a in cli_runs])
    figures = [Figure("corpus: engine / libyaml compose", engine_s / compose_s, "<= 2.0",
                      engine_s / compose_s <= 2.0,
                      f"{engine_s:.2f} s vs {compose_s:.2f} s, in-process, one core")]
    for (label, _), seconds in zip(cli_runs, cli_times, strict=True):
        print(f"  {label:<38} {seconds:7.2f} s  (wall clock, start-up included)")
        figures.append(Figure(f"corpus: {label} / compose", seconds / compose_s, "(info)",
                              None, f"{seconds:.2f} s wall clock"))
    return figures


def schema_figures(tmp: Path, paths: list[Path], cjmap: str, jobs: bool) -> list[Figure]:
    checker = _tool("check-jsonschema")
    name = "corpus: check-jsonschema / cjmap lint"
    if checker is None:
        return [Figure(name, None, ">= 20", None, "check-jsonschema is not installed")]
    count = int(os.environ.get("CJMAP_BENCH_SCHEMA_FILES", len(paths)))
    subset = [str(p.relative_to(tmp)) for p in paths[:count]]
    # check-jsonschema works on one core, so cjmap's goal figure is on one core too.
    one_core = [cjmap, "lint", *subset, *(["--jobs", "1"] if jobs else [])]
    default = [cjmap, "lint", *subset]
    # check-jsonschema runs once (minutes); cjmap runs just before and just after it and
    # the best of those counts, so that a change of load while it runs falls on both.
    before = _checked("cjmap lint", _run(one_core, tmp))
    default_s = _seconds(default, tmp) if jobs else None
    checker_s, code, _, checker_cpu = _run([checker, "--schemafile", str(SCHEMA), *subset], tmp)
    if code != 0:
        raise SystemExit(f"bench: check-jsonschema exited {code} on the generated corpus")
    after = _checked("cjmap lint", _run(one_core, tmp))
    if jobs:
        default_s = min(default_s or float("inf"), _seconds(default, tmp))
    cjmap_s, cjmap_cpu = min(before[0], after[0]), min(before[3], after[3])
    label = "cjmap lint --jobs 1 FILES" if jobs else "cjmap lint FILES"
    print(f"  check-jsonschema --schemafile on {len(subset)} maps {checker_s:8.2f} s wall, "
          f"{checker_cpu:.2f} s CPU")
    print(f"  {label:<42} {cjmap_s:7.2f} s wall, {cjmap_cpu:.2f} s CPU")
    ratio = checker_s / cjmap_s
    figures = [
        Figure(f"{name} (one core)", ratio, ">= 20", ratio >= 20,
               f"{checker_s:.1f} s vs {cjmap_s:.2f} s wall clock on {len(subset)} maps"),
        Figure(f"{name} (one core, CPU time)", checker_cpu / cjmap_cpu, "(info)", None,
               f"{checker_cpu:.1f} s vs {cjmap_cpu:.2f} s: steadier on a shared machine"),
    ]
    if default_s is not None:
        print(f"  {'cjmap lint FILES (default jobs)':<42} {default_s:7.2f} s wall")
        figures.append(Figure(f"{name} (default jobs)", checker_s / default_s, "(info)", None,
                              f"{checker_s:.1f} s vs {default_s:.2f} s wall clock"))
    return figures


def memory_figure(tmp: Path, corpus: Path, cjmap: str, jobs: bool) -> Figure:
    name = "memory: peak RSS 10,000 / 1,000 maps"
    if os.environ.get("CJMAP_BENCH_BIG", "1") == "0":
        return Figure(name, None, "<= 1.2", None, "skipped (CJMAP_BENCH_BIG=0)")
    big = tmp / "corpus-10k"
    start = time.perf_counter()
    write_corpus(big, BIG_CORPUS_MAPS)
    print(f"  generated {BIG_CORPUS_MAPS:,} maps in {time.perf_counter() - start:.0f} s")
    extra = ["--jobs", "1"] if jobs else []
    _, _, small_kib, _ = _checked("cjmap lint 1k",
                                  _run([cjmap, "lint", corpus.name, *extra], tmp))
    big_s, _, big_kib, _ = _checked("cjmap lint 10k",
                                    _run([cjmap, "lint", big.name, *extra], tmp))
    ratio = big_kib / small_kib
    print(f"  peak RSS: {small_kib / 1024:.1f} MiB for 1,000 maps, {big_kib / 1024:.1f} MiB "
          f"for 10,000 maps ({big_s:.0f} s)")
    return Figure(name, ratio, "<= 1.2", ratio <= 1.2,
                  f"{small_kib / 1024:.0f} MiB vs {big_kib / 1024:.0f} MiB"
                  f"{' (--jobs 1)' if jobs else ''}")


def main() -> None:
    cjmap = _tool("cjmap")
    if cjmap is None:
        raise SystemExit("bench: the cjmap command is not installed (run `make setup`)")
    jobs = _has_jobs(cjmap)
    print(f"libyaml: {'yes' if getattr(yaml, '__with_libyaml__', False) else 'NO'}; "
          f"cores: {os.cpu_count()}; cjmap lint --jobs: {'yes' if jobs else 'no'}")
    with tempfile.TemporaryDirectory(prefix="cjmap-bench-") as name:
        tmp = Path(name)
        corpus = tmp / "corpus"
        paths = write_corpus(corpus, CORPUS_MAPS)
        figures = corpus_figures(tmp, corpus, paths, cjmap, jobs)
        figures.extend(schema_figures(tmp, paths, cjmap, jobs))
        figures.append(memory_figure(tmp, corpus, cjmap, jobs))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"\n{'lint figure':<60} {'ratio':>6}  {'goal':<7} verdict")
    for figure in figures:
        print(figure.row())
    print(f"(benchmark process: {usage.ru_utime + usage.ru_stime:.0f} s CPU)")
