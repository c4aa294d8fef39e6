"""The collector pause of docs/architecture.md: commands pause and freeze, and give back."""

from __future__ import annotations

import gc

from cjmap.cli import main
from helpers import EXAMPLE_MAPS


def test_a_command_run_in_process_leaves_nothing_frozen() -> None:
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
