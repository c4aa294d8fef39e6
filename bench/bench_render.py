"""`cjmap render` of a 300-touchpoint map against Graphviz alone on the DOT it generates,
and of big maps (3,000 and 15,000 touchpoints): time and peak memory.

Goal (docs/performance.md): the whole `cjmap render map -o map.svg` (a fresh process: start-up,
imports, loading, layout, DOT, Graphviz, writing) takes at most 0.3 s more than
`dot -Kneato -n2 -Tsvg` takes on the DOT cjmap hands it. Both are measured in this one
run, best of several repeats; the in-process split of cjmap's own part is printed too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.generate import generate_map, spread
from bench.timing import best_seconds

TOUCHPOINTS = 300
REPEATS = 5
GOAL = 0.3


def best(action: Callable[[], object], repeats: int = REPEATS) -> float:
    return best_seconds(action, repeats)


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def main() -> None:
    dot = shutil.which("dot")
    if dot is None:
        print("Graphviz `dot` is not installed: skipped (make graphviz)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "big.cjmap.yaml"
        source.write_text(generate_map(TOUCHPOINTS), encoding="utf-8")
        cjmap = [sys.executable, "-m", "cjmap", "render", str(source)]
        run([*cjmap, "-o", str(work / "big.dot")])
        run([*cjmap, "-o", str(work / "big.svg")])  # warm the file cache once

        total = best(lambda: run([*cjmap, "-o", str(work / "big.svg")]))
        graphviz = best(lambda: run([dot, "-Kneato", "-n2", "-Tsvg", str(work / "big.dot"),
                                     "-o", str(work / "alone.svg")]))
        startup = best(lambda: run([sys.executable, "-c",
                                    "import cjmap.cli, cjmap.commands.render"]))

        from cjmap.load import load_path
        from cjmap.render.dot import to_dot
        from cjmap.render.layout import layout

        loaded = load_path(str(source))
        assert loaded.journey is not None
        journey = loaded.journey
        picture = layout(journey)
        t_load = best(lambda: load_path(str(source)))
        t_layout = best(lambda: layout(journey))
        t_dot = best(lambda: to_dot(picture))
        size = (work / "big.dot").stat().st_size

    added = total - graphviz
    print(f"map: {TOUCHPOINTS} touchpoints; picture {picture.width:.0f} x {picture.height:.0f} "
          f"pt, {len(picture.boxes) + len(picture.texts) + len(picture.dots)} nodes, "
          f"{len(picture.curves)} curves, DOT {size / 1e6:.2f} MB")
    print(f"cjmap render -o map.svg (whole process): {total:.3f} s")
    print(f"Graphviz alone on the same DOT:          {graphviz:.3f} s")
    print(f"cjmap adds:                              {added:.3f} s "
          f"(goal <= {GOAL} s: {'met' if added <= GOAL else 'NOT met'})")
    print(f"  of which Python start-up and imports {startup:.3f} s, load {t_load:.3f} s, "
          f"layout {t_layout:.3f} s, DOT text {t_dot:.3f} s")
    big_maps()


# Big maps (docs/limits.md, "Render"): format, touchpoints. Memory should grow no faster
# than the map: compare the MB per 1,000 touchpoints of the two DOT runs.
BIG = [("dot", 3000), ("svg", 3000), ("dot", 15000)]
_PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
         "stdout=subprocess.DEVNULL); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def measured(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MB of ``command`` (its largest process, Graphviz included)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], check=True,
                          capture_output=True, text=True)
    kilobytes = int(done.stdout.split()[-1])  # Linux reports ru_maxrss in KB
    return time.perf_counter() - start, kilobytes / 1024


def big_maps() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for fmt, touchpoints in BIG:
            source = work / f"compact-{touchpoints}.cjmap.yaml"
            if not source.exists():
                source.write_text(compact_map(touchpoints), encoding="utf-8")
            seconds, peak = measured([sys.executable, "-m", "cjmap", "render", str(source),
                                      "-o", str(work / f"out.{fmt}")])
            size = source.stat().st_size / 1e6
            print(f"render -f {fmt} of {touchpoints:,} touchpoints ({size:.1f} MB map): "
                  f"{seconds:.2f} s, peak {peak:.0f} MB "
                  f"({peak / touchpoints * 1000:.0f} MB per 1,000 touchpoints)")


if __name__ == "__main__":
    main()


def compact_map(touchpoints: int, *, stages: int = 8) -> str:
    """A valid map of many small touchpoints (about 170 bytes each), so that 15,000 of
    them stay inside the loader's limits (10 MB, 250,000 YAML nodes)."""
    lines = ["cjmap: 1", "id: compact", "title: Compact generated journey",
             "reviewed: 2026-11-01", "personas:", "  - id: shopper", "    name: Shopper",
             "channels:", "  - id: web", "    name: Web shop", "stages:"]
    per_stage = spread(touchpoints, stages)
    opportunities: list[str] = []
    number = 0
    for s, count in enumerate(per_stage):
        lines += [f"  - id: stage-{s}", f"    name: Stage {s + 1}", "    touchpoints:"]
        for _ in range(count):
            number += 1
            lines += [f"      - id: tp-{number}", f"        name: Touchpoint {number}",
                      "        channel: web", f"        actions: [Does step {number}]",
                      f"        emotion: {number % 5 - 2}"]
            if number % 50 == 0:
                lines += ["        pain_points:", f"          - id: pain-{number}",
                          f"            title: Pain at step {number}", "            severity: 3"]
                opportunities += [f"  - id: fix-{number}", f"    title: Fix step {number}",
                                  f"    addresses: [pain-{number}]", "    impact: 3",
                                  "    effort: 2"]
    return "\n".join(lines + (["opportunities:", *opportunities] if opportunities else [])) \
        + "\n"
