"""Human output: findings grouped by file, a code frame on a terminal, a summary line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap import terminal
from cjmap.findings import Finding, Severity
from cjmap.lint.engine import FileResult, LintResult
from cjmap.reporting.lint.base import LintReporter, summary_line
from cjmap.terminal import printable

if TYPE_CHECKING:
    from rich.console import Console

# rich is imported only when there is something to style: its import is a tenth of the
# start-up of `cjmap lint` on clean maps in CI, where the output is the summary alone.

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class TextReporter(LintReporter):
    for_people = True

    def report(self, result: LintResult) -> None:
        if not self.color and not result.findings:
            self.stream.write(summary_line(result) + "\n")
            return
        from rich.text import Text

        console = terminal.console(self.stream, self.color, soft_wrap=True)
        for file in result.files:
            if file.findings:
                self._file(console, file)
        style = "bold green" if result.success and not result.findings else "bold"
        console.print(Text(summary_line(result), style=style))

    def _file(self, console: Console, file: FileResult) -> None:
        from rich.text import Text

        console.print(Text(printable(file.path), style="bold underline"))
        width = max(len(f"{f.line}:{f.column}") for f in file.findings)
        for finding in file.findings:
            self._finding(console, finding, width, file.lines.get(finding.line, ""))
        console.print()

    def _finding(self, console: Console, f: Finding, width: int, line: str) -> None:
        from rich.text import Text

        where = f"{f.line}:{f.column}".ljust(width)
        row = Text("  ")
        row.append(where, style="dim")
        row.append("  ")
        row.append(f"{f.severity:<7}", style=_STYLE[f.severity])
        row.append("  ")
        row.append(printable(f.message))
        row.append("  ")
        row.append(f"{f.code} {f.name}", style="dim")
        console.print(row)
        if self.color and line:
            self._frame(console, f, line)

    def _frame(self, console: Console, f: Finding, line: str) -> None:
        from rich.markup import escape

        gutter = str(f.line)
        length = (f.end_column - f.column) if f.end_line == f.line else len(line) - f.column + 1
        shown, column, length = frame_window(line, f.column, max(1, length))
        caret = " " * (column - 1) + "^" * length
        console.print(f"  [dim]{gutter} │[/dim] {escape(shown)}")
        console.print(f"  [dim]{' ' * len(gutter)} │[/dim] [{_STYLE[f.severity]}]{caret}[/]")


FRAME_WIDTH = 100


def frame_window(line: str, column: int, length: int) -> tuple[str, int, int]:
    """The source line as a code frame shows it, and the span's column and length in it.

    Characters a terminal would act on (escape sequences in a hostile file) become '?',
    tabs a space, so that one character is one column; a long line (a map written as
    one flow mapping) is cut to FRAME_WIDTH characters around the span.
    """
    shown = "".join(c if c.isprintable() else "?" for c in line.replace("\t", " "))
    if len(shown) > FRAME_WIDTH:
        start = max(0, min(column - 1 - FRAME_WIDTH // 5, len(shown) - FRAME_WIDTH))
        end = start + FRAME_WIDTH
        window = shown[start:end]
        if start > 0:
            window = "…" + window[1:]
        if end < len(shown):
            window = window[:-1] + "…"
        shown, column = window, column - start
    length = max(1, min(length, len(shown) - column + 1))
    return shown, column, length
