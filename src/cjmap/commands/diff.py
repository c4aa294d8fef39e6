"""``cjmap diff``: not built yet."""

from __future__ import annotations

from typing import Any

from cjmap.errors import ExitCode, UsageError


def diff(*args: Any, **kwargs: Any) -> ExitCode:
    raise UsageError("'cjmap diff' is not available in this build yet")
