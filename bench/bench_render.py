"""`cjmap render` of a 300-touchpoint map against Graphviz alone on the DOT it generates.

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

from bench.generate import generate_map

TOUCHPOINTS = 300
REPEATS = 5
GOAL = 0.3


def best(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


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


if __name__ == "__main__":
    main()
