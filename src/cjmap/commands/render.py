"""``cjmap render``: not built yet."""

from __future__ import annotations

from typing import Any

from cjmap.errors import ExitCode, UsageError


def render(*args: Any, **kwargs: Any) -> ExitCode:
    raise UsageError("'cjmap render' is not available in this build yet")
