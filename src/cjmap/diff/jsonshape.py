"""The JSON document of ``cjmap diff --format json`` (docs/diff.md, "JSON output").

The one place that knows the shape: field names and their order. Kept apart from the
comparing so that it can move to the reporting side as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from cjmap.diff.changes import Change, DiffResult, Highlight, JsonValue

JSON_VERSION = 1


def change_json(change: Change) -> dict[str, JsonValue]:
    c = change
    return {"kind": c.kind.value, "item_kind": c.item_kind, "id": c.item_id,
            "path": c.path, "old_path": c.old_path, "field": c.field,
            "old": c.old, "new": c.new, "old_line": c.old_line,
            "new_line": c.new_line}


def highlight_json(highlight: Highlight) -> dict[str, JsonValue]:
    h = highlight
    return {"kind": h.kind.value, "item_kind": h.item_kind, "id": h.item_id,
            "path": h.path, "title": h.title, "persona": h.persona,
            "old": h.old, "new": h.new, "delta": h.delta, "target": h.target,
            "better": h.better, "verdict": h.verdict,
            "met_target": h.met_target, "line": h.line}


def result_json(result: DiffResult) -> dict[str, JsonValue]:
    """One diff as a JSON document (a map's diff, or one entry of a multi-map diff)."""
    counts = result.counts()
    used_by = {"used_by": list(result.used_by)} if result.used_by else {}
    return {
        "version": JSON_VERSION,
        "old": {"label": result.old_label, "map": result.old_map_id},
        "new": {"label": result.new_label, "map": result.new_map_id},
        **used_by,
        "identical": result.identical,
        "summary": {**{k.value: v for k, v in counts.items()},
                    "total": len(result.changes)},
        "highlights": [highlight_json(h) for h in result.highlights],
        "changes": [change_json(c) for c in result.changes],
    }


def document_json(results: Sequence[DiffResult], base: str | None,
                  identical: bool) -> dict[str, JsonValue]:
    """The whole output: one diff is one object; a diff against a git revision wraps the
    diffs of every changed map in ``{"version", "base", "identical", "diffs"}``."""
    if base is None and len(results) == 1:
        return result_json(results[0])
    return {"version": JSON_VERSION, "base": base, "identical": identical,
            "diffs": [result_json(r) for r in results]}
