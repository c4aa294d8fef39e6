"""JSON pointer -> position in the YAML source, built from the composed document."""

from __future__ import annotations

from cjmap.yamlio import Positions, Span, split_lines

FILE_START = Span(1, 1, 1, 2)


class SourceMap:
    """Answers "where in the file is this pointer?" for findings and diffs.

    A pointer with no position of its own (a default value, a field that is
    missing, content reached through an alias) is placed at its nearest ancestor
    that has one, so a finding always lands on something the user wrote.

    A plain class with slots, not a dataclass: cheaper to create at import
    (docs/performance.md, "One map: start-up").
    """

    __slots__ = ("_lines", "positions", "text")

    def __init__(self, positions: Positions, text: str) -> None:
        self.positions = positions
        self.text = text
        # Split once: a code frame is asked for every finding, and re-splitting the
        # text each time made a file with many findings quadratic to lint.
        self._lines: list[str] | None = None

    def locate(self, pointer: str, *, at_key: bool = False) -> Span:
        if at_key:
            span = self.positions.key_span(pointer)
            if span is not None:
                return span
        while True:
            span = self.positions.value_span(pointer)
            if span is not None:
                return span
            if not pointer:
                return FILE_START
            pointer = pointer.rsplit("/", 1)[0]

    def has(self, pointer: str) -> bool:
        return pointer in self.positions.values

    def line_text(self, line: int) -> str:
        if self._lines is None:
            self._lines = split_lines(self.text)
        lines = self._lines
        return lines[line - 1] if 0 < line <= len(lines) else ""

    @classmethod
    def empty(cls) -> SourceMap:
        return cls(Positions(), "")
