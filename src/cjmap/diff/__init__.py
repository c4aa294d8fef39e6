"""Semantic diff of two versions of a map: items matched by id, never by list position.

``diff_maps(old, new)`` compares two :class:`Side` values (a loaded map, its source
positions and a label) and returns a :class:`DiffResult`: the changes, sorted in
journey order, and the highlights a reviewer reads first, derived from those changes.

The package (docs/architecture.md, "The diff package"): ``changes`` (the records),
``items`` (one version's items and how values compare), ``matching`` (pairs and
renames), ``compare`` (the changes), ``ordering`` (their order), ``highlights`` and
``jsonshape`` (the JSON document). docs/diff.md explains the decisions for users.
"""

from __future__ import annotations

from cjmap.diff.changes import (
    MAP,
    Change,
    ChangeKind,
    DiffResult,
    Highlight,
    HighlightKind,
    JsonValue,
    Side,
)
from cjmap.diff.compare import diff_maps
from cjmap.diff.highlights import derive_highlights
from cjmap.diff.items import plain
from cjmap.diff.jsonshape import (
    JSON_VERSION,
    change_json,
    document_json,
    highlight_json,
    result_json,
)
from cjmap.diff.matching import FUZZY_RENAME_LIMIT, RENAME_THRESHOLD

__all__ = [
    "FUZZY_RENAME_LIMIT",
    "JSON_VERSION",
    "MAP",
    "RENAME_THRESHOLD",
    "Change",
    "ChangeKind",
    "DiffResult",
    "Highlight",
    "HighlightKind",
    "JsonValue",
    "Side",
    "change_json",
    "derive_highlights",
    "diff_maps",
    "document_json",
    "highlight_json",
    "plain",
    "result_json",
]
