"""A pull-request comment: summary table, highlights, every change in ``<details>``.

Everything that comes from a map or a file name is escaped, so hostile text cannot
inject HTML, break a table, start a code span, format, link, or notify anyone
(``@team`` and ``#123`` get a zero-width space after the sign).
"""

from __future__ import annotations

from cjmap.diff import MAP, Change, ChangeKind, DiffResult
from cjmap.reporting.diff.base import (
    KIND_ORDER,
    DiffReport,
    DiffReporter,
    change_text,
    grouped,
    highlight_text,
    lines,
    short_verdict,
    summary,
    used_by_sentence,
    where,
)
from cjmap.reporting.markdown import code
from cjmap.reporting.markdown import escape as md
from cjmap.reporting.text import plural

MAX_CELL = 300


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
        if result.used_by:
            out += [md(used_by_sentence(result.used_by)), ""]
        verdict = short_verdict(result)
        if verdict is not None:
            return [*out, md(verdict), ""]
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
        out += ["<details>", f"<summary>All {plural(total, 'change')}</summary>",
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
        return (f"| {label} | {path} | {md(change_text(c), limit=MAX_CELL)} "
                f"| {lines(c.old_line, c.new_line)} |")
