"""``cjmap score``: not built yet."""

from __future__ import annotations

from typing import Any

from cjmap.errors import ExitCode, UsageError


def score(*args: Any, **kwargs: Any) -> ExitCode:
    raise UsageError("'cjmap score' is not available in this build yet")
