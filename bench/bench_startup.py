"""Start-up: one map linted or drawn by a fresh ``cjmap`` process, against the tool beside it.

This is what a pre-commit hook, an editor's lint-on-save and a CI step on a small
repository do (issue 16; docs/performance.md, "One map"). Each figure is measured in one
run as A/B pairs: the two commands run back to back, in alternating order, ``PAIRS``
times, and the figure is the median of the pairs' ratios, so that the load of the shared
machine, which changes by the second, weighs on both sides of each pair alike.

1. ``cjmap lint MAP`` of a generated ~1,100-line map against ``yamllint -d relaxed MAP``.
   Goal: at most 0.9.
2. the same on the 441-line example ``examples/online-clothing.cjmap.yaml``. Goal: 1.25.
3. ``cjmap render MAP -o map.svg`` of a generated 300-touchpoint map against Graphviz alone
   (``dot -Kneato -n2 -Tsvg``) on the DOT cjmap produced. Goal: at most 2.0 (and about
   0.2 s added).

Both sides run as the installed commands (the venv's ``cjmap`` and ``yamllint``) with
``PYTHONDONTWRITEBYTECODE=1``, as on the project's dev and CI machines: cjmap runs from the
bytecode its setup compiled (``make setup``), never from bytecode this benchmark wrote.
For information, beside the figures: ``python -c pass``, the floor (Python, PyYAML and
``from pydantic import BaseModel``) and ``cjmap --version``, each against yamllint too.
``CJMAP_BENCH_PAIRS`` sets the number of pairs (default 21);
``python -m bench.bench_startup render`` measures the render figure alone, and
where its time goes, phase by phase (``bench/render_phases.py``). The run ends with
where the example's lint spends its time, stage by stage (``bench/lint_phases.py``).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.generate import generate_map
from bench.lint_phases import phases as lint_phases
from bench.render_phases import phases

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "online-clothing.cjmap.yaml"
PAIRS = int(os.environ.get("CJMAP_BENCH_PAIRS", "21"))
# Fresh processes timed phase by phase for the render breakdown (bench/render_phases.py).
PHASE_RUNS = 11
ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
FLOOR = "import yaml; from pydantic import BaseModel"


def _tool(name: str) -> str | None:
    """The tool installed beside this Python (the venv), else on PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def _seconds(argv: Sequence[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of ``argv``; it must exit 0."""
    start = time.perf_counter()
    process = subprocess.Popen(list(argv), cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    # wait4: this child's own CPU time, which another engineer's load barely changes.
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"bench: {' '.join(argv[:3])} ... exited {code}")
    return elapsed, usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class Pairs:
    """Medians over the pairs: of the wall-clock ratios a/b (the figure), of the CPU-time
    ratios (a cross-check, steadier on a busy machine) and of each side's wall clock."""

    ratio: float
    cpu_ratio: float
    a_s: float
    b_s: float

    def row(self, name: str, goal: float | None) -> str:
        verdict = "info" if goal is None else ("PASS" if self.ratio <= goal else "MISS")
        shown_goal = "" if goal is None else f"<= {goal}"
        return (f"{name:<58} {self.ratio:5.2f}  {shown_goal:<7} {verdict}  "
                f"{self.a_s * 1000:4.0f} ms vs {self.b_s * 1000:4.0f} ms; "
                f"CPU ratio {self.cpu_ratio:.2f}")


def pairs(a: Sequence[str], b: Sequence[str], cwd: Path, *, count: int = PAIRS) -> Pairs:
    """``count`` back-to-back runs of a and b, the order alternating from pair to pair."""
    _seconds(a, cwd)  # warm the page cache
    _seconds(b, cwd)
    ratios, cpu_ratios, a_times, b_times = [], [], [], []
    for i in range(count):
        if i % 2:
            b_s, b_cpu = _seconds(b, cwd)
            a_s, a_cpu = _seconds(a, cwd)
        else:
            a_s, a_cpu = _seconds(a, cwd)
            b_s, b_cpu = _seconds(b, cwd)
        ratios.append(a_s / b_s)
        cpu_ratios.append(a_cpu / b_cpu)
        a_times.append(a_s)
        b_times.append(b_s)
    median = statistics.median
    return Pairs(median(ratios), median(cpu_ratios), median(a_times), median(b_times))


def bytecode_state() -> str:
    """Whether cjmap's modules have bytecode that Python will use (fresh .pyc files)."""
    import importlib.util

    import cjmap

    package = Path(cjmap.__file__).parent
    sources = sorted(package.rglob("*.py"))
    fresh = 0
    for source in sources:
        cached = Path(importlib.util.cache_from_source(str(source)))
        if cached.exists() and cached.stat().st_mtime >= source.stat().st_mtime:
            fresh += 1
    return f"{fresh} of {len(sources)} cjmap modules have fresh bytecode ({package})"


def main() -> None:
    cjmap, yamllint, dot = _tool("cjmap"), _tool("yamllint"), shutil.which("dot")
    if cjmap is None or yamllint is None:
        raise SystemExit("bench: cjmap and yamllint must be installed (run `make setup`)")
    print(bytecode_state())
    print(f"{PAIRS} A/B pairs per figure, median of the pair ratios; load: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="cjmap-startup-") as name:
        tmp = Path(name)
        generated = tmp / "one.cjmap.yaml"
        generated.write_text(generate_map(65, seed=4242, map_id="one-map"), encoding="utf-8")
        relaxed = [yamllint, "-d", "relaxed"]
        for label, path, goal in (("generated", generated, 0.9), ("example", EXAMPLE, 1.25)):
            lines = path.read_bytes().count(b"\n")
            # yamllint exits 0 on warnings only; a relaxed error would be a bad map.
            measured = pairs([cjmap, "lint", str(path)], [*relaxed, str(path)], tmp)
            rows.append(measured.row(f"cjmap lint / yamllint -d relaxed ({label}, "
                                     f"{lines} lines)", goal))
            print(rows[-1], flush=True)
        python = sys.executable
        for label, argv in (("python -c pass", [python, "-c", "pass"]),
                            ("floor: python + PyYAML + pydantic", [python, "-c", FLOOR]),
                            ("cjmap --version", [cjmap, "--version"])):
            measured = pairs(argv, [*relaxed, str(generated)], tmp, count=PAIRS // 2)
            rows.append(measured.row(f"{label} / yamllint (generated)", None))
            print(rows[-1], flush=True)
        if dot is None:
            rows.append("render: skipped, Graphviz `dot` is not installed (make graphviz)")
        else:
            rows.append(_render_row(tmp, cjmap, dot))
            print(rows[-1], flush=True)
        # Where the example's lint spends its time (bench/lint_phases.py).
        stages = lint_phases(EXAMPLE, PHASE_RUNS, tmp)
    print("\nstart-up figure" + " " * 44 + "ratio  goal    verdict  medians")
    print("\n".join(rows))
    print(f"\ncjmap lint of the example ({EXAMPLE.name}), stage by stage:")
    print("\n".join(stages))


def _render_row(tmp: Path, cjmap: str, dot: str) -> str:
    source = tmp / "big.cjmap.yaml"
    source.write_text(generate_map(300), encoding="utf-8")
    dot_file, svg, alone = tmp / "big.dot", tmp / "big.svg", tmp / "alone.svg"
    _seconds([cjmap, "render", str(source), "-o", str(dot_file)], tmp)
    measured = pairs([cjmap, "render", str(source), "-o", str(svg)],
                     [dot, "-Kneato", "-n2", "-Tsvg", str(dot_file), "-o", str(alone)], tmp)
    return (measured.row("cjmap render -o svg / dot on its DOT (300 touchpoints)", 2.0)
            + f"; adds {measured.a_s - measured.b_s:.2f} s")


def render_only() -> None:
    """The render figure alone (``python -m bench.bench_startup render``)."""
    cjmap, dot = _tool("cjmap"), shutil.which("dot")
    if cjmap is None or dot is None:
        raise SystemExit("bench: cjmap and Graphviz `dot` must be installed (make setup graphviz)")
    print(bytecode_state())
    print(f"{PAIRS} A/B pairs, median of the pair ratios; load: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="cjmap-startup-") as name:
        print(_render_row(Path(name), cjmap, dot), flush=True)
        tmp = Path(name)
        print("\n".join(phases(tmp / "big.cjmap.yaml", tmp / "phases.svg", PHASE_RUNS)))


if __name__ == "__main__":
    render_only() if sys.argv[1:] == ["render"] else main()
