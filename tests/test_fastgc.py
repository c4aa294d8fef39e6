"""The collector pause of docs/architecture.md: commands pause and freeze, and give back."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmap.cli import main
from cjmap.lint.engine import LintOptions, lint_file
from helpers import EXAMPLE_MAPS, ROOT


def test_a_command_run_in_process_leaves_nothing_frozen() -> None:
    gc.unfreeze()  # whatever an earlier test's direct call of a command function froze
    assert gc.get_freeze_count() == 0
    try:
        main(["score", str(EXAMPLE_MAPS[0])])
    except SystemExit as done:
        assert done.code == 0
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_a_callers_own_freeze_is_left_as_it_was() -> None:
    kept: list[list[int]] = [[]]  # a container the caller froze itself
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0 and kept
        try:
            main(["score", str(EXAMPLE_MAPS[0])])
        except SystemExit as done:
            assert done.code == 0
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()


# -- no reference cycles: with the collector paused, a cycle is memory kept to the end --------

def _cycles_left_by(work: Callable[[], object]) -> list[str]:
    """Type names of what ``work`` (run once before, to warm caches) left in reference
    cycles: the objects only the cyclic collector could free."""
    work()
    gc.collect()
    flags = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)  # collected cycles go to gc.garbage, to be looked at
    try:
        work()
        gc.collect()
        found = [type(thing).__name__ for thing in gc.garbage]
    finally:
        gc.set_debug(flags)
        gc.garbage.clear()
    return found


def _lint(path: Path) -> Callable[[], object]:
    options = LintOptions()
    return lambda: lint_file(str(path), options)


MAPS = [*EXAMPLE_MAPS, *sorted((ROOT / "examples" / "broken").glob("*.yaml"))]


@pytest.mark.parametrize("path", MAPS, ids=lambda path: path.name)
def test_linting_a_map_leaves_no_reference_cycle(path: Path) -> None:
    """A map is freed by reference counting as soon as its findings are known, so that
    linting 10,000 maps takes the memory of one (docs/performance.md, "Memory"): a closure
    calling itself (the index walk once) or a validator's exception kept with its frames
    (a schema failure) made each linted map stay until the end of the run."""
    assert _cycles_left_by(_lint(path)) == []


def test_the_check_sees_a_cycle() -> None:
    def make_cycle() -> None:
        pair: list[object] = []
        pair.append(pair)

    assert _cycles_left_by(make_cycle) == ["list"]
