"""A pull-request comment: summary table, highlights, every change in ``<details>``.

Everything that comes from a map or a file name is escaped, so hostile text cannot
inject HTML, break a table, start a code span, format, link, or notify anyone
(``@team`` and ``#123`` get a zero-width space after the sign).
"""

from __future__ import annotations

import re

from cjmap.diff import MAP, Change, ChangeKind, DiffResult
from cjmap.diffreport.base import (
    KIND_ORDER,
    DiffReport,
    DiffReporter,
    change_text,
    grouped,
    highlight_text,
    lines,
    summary,
    where,
    whole_map,
)

MAX_CELL = 300
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Brackets are escaped, so "(...)" and "!" can never become a link or an image.
_PUNCT = re.compile(r"([\\`*_\[\]~|])")
_SIGIL = re.compile(r"([@#])(?=\w)")
ZWSP = "\u200b"
_LEADING = frozenset("+-#>=")


def md(text: str, limit: int | None = None) -> str:
    """Inline markdown for any text: literal on GitHub, one line, safe in a table cell."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    text = "".join(_HTML.get(ch, ch) for ch in text)
    text = _PUNCT.sub(r"\\\1", text)
    text = _SIGIL.sub(lambda m: m.group(1) + ZWSP, text)
    if text[:1] in _LEADING:  # "+ x" after "- " would open a nested list, "# x" a heading
        text = "\\" + text
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


def code(text: str, *, in_table: bool = False) -> str:
    """A code span for a path or label; anything that could end it becomes escaped text.

    In a table a ``|`` must be escaped even inside a code span (GitHub splits cells
    first); elsewhere a backslash there would show, so the span is used as it is.
    """
    if not text or "`" in text or "\n" in text or "\r" in text:
        return md(text or "(the whole map)")
    return "`" + (text.replace("|", "\\|") if in_table else text) + "`"


class MarkdownDiffReporter(DiffReporter):
    def report(self, report: DiffReport) -> None:
        out: list[str] = []
        if report.base is not None:
            out.append(f"## cjmap diff against {code(report.base)}")
            out.append("")
            if not report.results:
                out.append(f"No map changed since {code(report.base)}.")
            for result in report.results:
                out.extend(self._result(result, level="###"))
        else:
            for result in report.results:
                out.extend(self._result(result, level="##"))
        self.stream.write("\n".join(out).rstrip("\n") + "\n")

    def _result(self, result: DiffResult, level: str) -> list[str]:
        out = [f"{level} cjmap diff: {code(result.old_label)} → {code(result.new_label)}", ""]
        if result.identical:
            return [*out, "No changes: both versions describe the same map.", ""]
        whole = whole_map(result)
        if whole is not None:
            return [*out, md(whole), ""]
        out += [f"**{summary(result).capitalize()}**", ""]
        out += self._table(result)
        groups = grouped(result.highlights)
        if groups:
            out += [f"{level}# Highlights", ""]
            for title, members in groups:
                out.append(f"**{title}**")
                out.append("")
                for h in members:
                    marker, sentence = highlight_text(h)
                    out.append(f"- {md(marker)} {md(sentence)} ({code(h.path)})")
                out.append("")
        total = len(result.changes)
        out += ["<details>", f"<summary>All {total} change{'s' if total != 1 else ''}</summary>",
                "", "| change | path | details | lines |", "|:--|:--|:--|:--|"]
        out += [self._row(c) for c in result.changes]
        out += ["", "</details>", ""]
        return out

    def _table(self, result: DiffResult) -> list[str]:
        header = "| item | " + " | ".join(k.value for k in KIND_ORDER) + " |"
        rule = "|:--|" + "--:|" * len(KIND_ORDER)
        rows = [header, rule]
        for item_kind, counts in result.item_counts().items():
            name = "map" if item_kind == MAP else item_kind.replace("_", " ")
            rows.append(f"| {name} | " + " | ".join(str(counts[k]) for k in KIND_ORDER) + " |")
        return [*rows, ""]

    def _row(self, c: Change) -> str:
        label = c.kind.value
        if c.kind is ChangeKind.MOVED and c.item_id is None:
            label = "reordered"
        path = code(where(c.path), in_table=True)
        return (f"| {label} | {path} | {md(change_text(c), MAX_CELL)} "
                f"| {lines(c.old_line, c.new_line)} |")
