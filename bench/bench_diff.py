"""`cjmap diff` of two 1,000-touchpoint maps against loading the two maps.

Goal (docs/performance.md): loading both maps and diffing them takes at most 2x the time of
loading them, i.e. the diff itself costs no more than the load. Both figures are
measured in this one run, best of several repeats, on generated maps: the second
map is the first with emotions changed, touchpoints added, removed and moved to
another stage, and a touchpoint renamed.

Then the two rename-detection cases that were once slow (docs/performance.md): a
touchpoint with a 17 KB description renamed and edited, and 200 touchpoints removed
and 200 added with 600-character descriptions; time and peak memory of each diff.
"""

from __future__ import annotations

import re
import tracemalloc
from collections.abc import Callable

from bench.generate import generate_map, long_rename_pair, many_candidates_pair
from bench.timing import best_seconds
from cjmap.diff import ChangeKind, DiffResult, Side, diff_maps
from cjmap.fastgc import fast_gc
from cjmap.load import LoadedMap, load_bytes

TOUCHPOINTS = 1000
REPEATS = 5
GOAL = 2.0
RENAME_GOAL = 1.0  # seconds per rename case (they took 20 and 30+ s before)


def _blocks(text: str) -> tuple[list[str], list[list[str]]]:
    """Split the generated YAML into a head and touchpoint blocks (tagged by stage)."""
    head: list[str] = []
    blocks: list[list[str]] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("      - id: tp-") or (blocks and line.startswith(("  - id: stage",
                                                                               "opportunities"))):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
        else:
            head.append(line)
    return head, blocks


def modified(text: str) -> str:
    """The same map a quarter later."""
    head, blocks = _blocks(text)
    out: list[list[str]] = []
    moved: list[list[str]] = []
    for block in blocks:
        first = block[0]
        if first.startswith("      - id: tp-"):
            n = int(first.split("tp-")[1])
            if n % 97 == 3:
                continue  # removed
            if n % 89 == 5:
                moved.append(block)  # moved to the last stage
                continue
            if n % 10 == 0:  # emotions changed
                block = [re.sub(r"(persona-\d): (-?\d)",
                                lambda m: f"{m.group(1)}: {(int(m.group(2)) + 3) % 5 - 2}", ln)
                         for ln in block]
            if n == 500:
                block = [first.replace("tp-500", "tp-500-renamed"), *block[1:]]
            if n % 113 == 7:  # a new touchpoint after this one
                out.append(block)
                block = [ln.replace(f"tp-{n}", f"tp-{n}-new").replace("pain-", "pain-new-")
                         for ln in block]
        elif first.startswith("opportunities"):
            out.extend(moved)
        out.append(block)
    return "".join(head) + "".join(line for block in out for line in block)


def _best(func: Callable[[], object]) -> float:
    return best_seconds(func, REPEATS)


def main() -> None:
    old_text = generate_map(TOUCHPOINTS, seed=1).encode("utf-8")
    new_text = modified(generate_map(TOUCHPOINTS, seed=1)).encode("utf-8")

    # Each timed run pauses the collector as `cjmap diff` does (cjmap.fastgc).
    def load_both() -> tuple[LoadedMap, LoadedMap]:
        with fast_gc():
            return (load_bytes(old_text, "old.cjmap.yaml"),
                    load_bytes(new_text, "new.cjmap.yaml"))

    def load_and_diff() -> DiffResult:
        with fast_gc():
            a, b = load_both()
            assert a.journey is not None and b.journey is not None
            return diff_maps(Side(a.journey, a.source, a.path),
                             Side(b.journey, b.source, b.path))

    result = load_and_diff()
    assert not result.identical
    a, b = load_both()
    assert a.journey is not None and b.journey is not None
    sides = (Side(a.journey, a.source, a.path), Side(b.journey, b.source, b.path))
    load = _best(load_both)
    alone = _best(lambda: diff_maps(*sides))
    total = _best(load_and_diff)
    counts = result.counts()
    print(f"maps: 2 x {TOUCHPOINTS} touchpoints ({len(old_text) // 1024} KiB, "
          f"{len(new_text) // 1024} KiB); changes: "
          + ", ".join(f"{v} {k.value}" for k, v in counts.items()))
    print(f"load both:        {load * 1000:8.1f} ms")
    print(f"diff alone:       {alone * 1000:8.1f} ms  (maps already loaded)")
    print(f"load both + diff: {total * 1000:8.1f} ms")
    # The end-to-end figure is what a user waits for. (Best load + best diff alone was
    # once used instead and hid a collector cost that landed on the diff: 1.2x printed
    # while end to end took 2.3x. Both are printed; the end-to-end one is the verdict.)
    print(f"load + diff alone: {(load + alone) / load:.2f}x loading (cross-check)")
    ratio = total / load
    verdict = "ok" if ratio <= GOAL else "MISSED"
    print(f"ratio: {ratio:.2f}x loading (goal <= {GOAL:.0f}x): {verdict}")
    rename_cases()


def _sides(old: str, new: str) -> tuple[Side, Side]:
    a, b = load_bytes(old.encode("utf-8"), "old"), load_bytes(new.encode("utf-8"), "new")
    assert a.journey is not None and b.journey is not None
    return Side(a.journey, a.source, a.path), Side(b.journey, b.source, b.path)


def _rename_case(label: str, old: str, new: str) -> None:
    sides = _sides(old, new)
    seconds = _best(lambda: diff_maps(*sides))
    tracemalloc.start()
    result = diff_maps(*sides)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    verdict = "ok" if seconds <= RENAME_GOAL else "MISSED"
    print(f"{label}: {seconds * 1000:8.1f} ms, peak {peak / 2**20:.1f} MiB, "
          f"{result.counts()[ChangeKind.RENAMED]} renamed (goal <= {RENAME_GOAL:.0f} s): "
          f"{verdict}")


def rename_cases() -> None:
    """The rename-detection reproducers, each diff alone (maps already loaded)."""
    _rename_case("rename, 17 KB description  ", *long_rename_pair())
    _rename_case("200 removed x 200 added    ", *many_candidates_pair())
