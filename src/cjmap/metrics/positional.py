"""Setting metric values by editing the map's text at the positions cjmap's loader reports.

The fallback of ``cjmap metrics update`` (docs/history.md, "How the edit is made"): used when
ruamel.yaml's round trip would change a line it should not, e.g. a flow mapping written over
several lines, which ruamel.yaml writes on one. Each value is replaced where it stands,
with the author's quotes; a missing ``measured`` (and ``value``) is added as a new line
indented like the metric's keys, or as ``, key: text`` inside a flow mapping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cjmap.load import LoadedMap
from cjmap.yamlio import LINE_BREAK


@dataclass(frozen=True, slots=True)
class TextUpdate:
    """The texts to write as ``value`` and ``measured`` of the metric at ``index``."""

    index: int
    value: str
    measured: str


@dataclass(frozen=True, slots=True)
class _Edit:
    offset: int
    end: int
    text: str


class _Text:
    """Offsets of (line, column) positions, and each line's own line break."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        self.breaks = [m.group() for m in LINE_BREAK.finditer(text)]

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def line_end(self, line: int) -> int:
        """The offset of the line break that ends ``line`` (or of the end of the text)."""
        if line < len(self.starts):
            return self.starts[line] - len(self.breaks[line - 1])
        return len(self.text)

    def newline(self, line: int) -> str:
        return self.breaks[min(line, len(self.breaks)) - 1] if self.breaks else "\n"


def _replace(loaded: LoadedMap, lines: _Text, pointer: str, new: str) -> _Edit:
    span = loaded.source.locate(pointer)
    start = lines.offset(span.line, span.column)
    end = lines.offset(span.end_line, span.end_column)
    old = lines.text[start:end]
    if old[:1] in ("'", '"'):  # keep the quoting the author chose
        new = old[0] + new + old[0]
    elif not old:  # `value:` with nothing after it
        new = " " + new
    return _Edit(start, end, new)


def _insert(loaded: LoadedMap, lines: _Text, base: str, after: str, key: str, text: str
            ) -> _Edit:
    """``key: text`` as a new entry of the metric at ``base``, after its ``after`` entry."""
    mapping = loaded.source.locate(base)
    anchor = loaded.source.locate(f"{base}/{after}")
    if lines.text[lines.offset(mapping.line, mapping.column)] == "{":  # a flow mapping
        at = lines.offset(anchor.end_line, anchor.end_column)
        return _Edit(at, at, f", {key}: {text}")
    key_span = loaded.source.positions.key_span(f"{base}/id")
    indent = " " * ((key_span.column if key_span else anchor.column) - 1)
    at = lines.line_end(anchor.end_line)
    return _Edit(at, at, f"{lines.newline(anchor.end_line)}{indent}{key}: {text}")


def _metric_edits(loaded: LoadedMap, lines: _Text, update: TextUpdate) -> list[_Edit]:
    base = f"/metrics/{update.index}"
    has = loaded.source.has
    edits = []
    new_entries = []
    for key, text in (("value", update.value), ("measured", update.measured)):
        if has(f"{base}/{key}"):
            edits.append(_replace(loaded, lines, f"{base}/{key}", text))
        else:
            new_entries.append((key, text))
    if new_entries:
        # New entries go after `value` (after `id` when there was none), value first.
        after = "value" if has(f"{base}/value") else "id"
        pieces = [_insert(loaded, lines, base, after, key, text) for key, text in new_entries]
        edits.append(_Edit(pieces[0].offset, pieces[0].end, "".join(p.text for p in pieces)))
    return edits


def set_values_in_place(loaded: LoadedMap, updates: Sequence[TextUpdate]) -> str:
    """The map's text with each update's texts written at their places."""
    lines = _Text(loaded.source.text)
    edits = [edit for update in updates for edit in _metric_edits(loaded, lines, update)]
    text = lines.text
    for edit in sorted(edits, key=lambda e: e.offset, reverse=True):
        text = text[: edit.offset] + edit.text + text[edit.end :]
    return text
