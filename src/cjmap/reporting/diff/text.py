"""Human output for a terminal: a summary, the highlights, then every change.

Colour only when writing to a terminal; otherwise plain text (as in a git pager,
a CI log or a file).
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from cjmap import terminal
from cjmap.diff import Change, ChangeKind, DiffResult, HighlightKind
from cjmap.reporting.diff.base import (
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
from cjmap.terminal import printable

_KIND_STYLE = {ChangeKind.ADDED: "green", ChangeKind.REMOVED: "red",
               ChangeKind.CHANGED: "yellow", ChangeKind.MOVED: "cyan",
               ChangeKind.RENAMED: "magenta"}
_HIGHLIGHT_STYLE = {HighlightKind.EMOTION_RISE: "green", HighlightKind.EMOTION_DROP: "red",
                    HighlightKind.PAIN_NEW: "red", HighlightKind.PAIN_RESOLVED: "green",
                    HighlightKind.PAIN_SEVERITY: "yellow",
                    HighlightKind.OPPORTUNITY_STATUS: "cyan",
                    HighlightKind.METRIC_VALUE: "blue"}


class TextDiffReporter(DiffReporter):
    for_people = True

    def report(self, report: DiffReport) -> None:
        console = terminal.console(self.stream, self.color, soft_wrap=True, emoji=False,
                                   markup=False)
        if report.base is not None and not report.results:
            console.print(printable(f"No map changed since {report.base}."))
            return
        for i, result in enumerate(report.results):
            if i:
                console.print()
            self._result(console, result)

    def _result(self, console: Console, result: DiffResult) -> None:
        console.print(Text(printable(f"cjmap diff {result.old_label} {result.new_label}"),
                           style="bold"))
        if result.used_by:
            console.print(printable(used_by_sentence(result.used_by)))
        verdict = short_verdict(result)
        if verdict is not None:
            console.print(Text(printable(verdict), style="green" if result.identical else ""))
            return
        console.print(summary(result).capitalize())
        groups = grouped(result.highlights)
        if groups:
            console.print()
            console.print(Text("Highlights", style="bold underline"))
            for title, members in groups:
                console.print(Text(f"  {title}", style="bold"))
                for h in members:
                    marker, sentence = highlight_text(h)
                    row = Text("    ")
                    row.append(marker, style=_HIGHLIGHT_STYLE[h.kind])
                    row.append(f" {printable(sentence)}  ")
                    row.append(printable(h.path), style="dim")
                    console.print(row)
        console.print()
        console.print(Text("Changes", style="bold underline"))
        width = max(len(c.kind.value) for c in result.changes)
        for change in result.changes:
            console.print(self._change(change, width))

    def _change(self, c: Change, width: int) -> Text:
        row = Text("  ")
        row.append(c.kind.value.ljust(width), style=_KIND_STYLE[c.kind])
        row.append("  ")
        row.append(printable(where(c.path)), style="bold")
        detail = change_text(c)
        if detail:
            row.append(f"  {printable(detail)}")
        at = lines(c.old_line, c.new_line)
        if at:
            row.append(f"  ({at})", style="dim")
        return row
