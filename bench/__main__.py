"""`python -m bench [NAME...]`: run the benchmarks (all, or the named ones).

Each benchmark is a module ``bench/bench_<name>.py`` with ``main() -> None`` that prints
its figures; it is listed in BENCHMARKS below, in the order they run.
"""

from __future__ import annotations

import importlib
import platform
import sys

BENCHMARKS: list[str] = ["startup", "lint", "diff", "render", "history", "library"]


def main(argv: list[str]) -> int:
    names = argv or BENCHMARKS
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
          f"Python {platform.python_version()}")
    for name in names:
        if name not in BENCHMARKS:
            print(f"unknown benchmark {name!r}; choose from {', '.join(BENCHMARKS)}")
            return 2
        print(f"\n== {name} ==")
        importlib.import_module(f"bench.bench_{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
