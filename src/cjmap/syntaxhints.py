"""YAML syntax errors explained: where the structure broke and what to write instead.

libyaml reports what its parser expected ("did not find expected key while parsing a
block mapping"), at the place it noticed. The two usual causes are a quote that ends
the quoted text too early (``'I'm late'``) and a line indented differently from the
lines it belongs with; both can be seen in the text, so the message says which
(docs/format.md, "Traps that cjmap reports"). Pure text work: no YAML is parsed here.
"""

from __future__ import annotations

import re

from cjmap.yamlio import Span, YamlProblem, split_lines

# libyaml's messages for a block structure that does not continue as it began.
_STRUCTURE = ("did not find expected key", "did not find expected '-' indicator",
              "did not find expected ',' or ']'", "did not find expected ',' or '}'",
              "expected <block end>", "did not find expected <document start>")
# A quoted scalar starts after a key's ': ', a list's '- ' or a flow '[', '{' or ','.
_QUOTE_START = re.compile(r"(?:^\s*(?:-\s+)*|:\s+|[\[{,]\s*)(['\"])")
_ENDS_VALUE = " \t,]}#:"


def syntax_hint(problem: YamlProblem, text: str) -> YamlProblem:
    """``problem`` with a message that says what to do, when the text shows it."""
    if problem.kind != "syntax" or not text or not any(
            problem.message.startswith(s) for s in _STRUCTURE):
        return problem
    lines = split_lines(text)
    line = problem.span.line
    for number in (line, line - 1):  # libyaml may notice on the line after
        if 0 < number <= len(lines):
            hint = _early_quote(lines[number - 1], number)
            if hint is not None:
                return problem._replace(message=hint[0], span=hint[1])
    if 0 < line <= len(lines):
        indented = _out_of_line(lines, line)
        if indented is not None:
            return problem._replace(message=indented)
    return problem


def _closing_quote(line: str, start: int, quote: str) -> int | None:
    """The index of the quote closing the one at ``start``, or None."""
    index = start + 1
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and line[index + 1:index + 2] == "'":
                index += 2  # '' is an apostrophe inside single quotes
                continue
            return index
        index += 1
    return None


def _early_quote(line: str, number: int) -> tuple[str, Span] | None:
    """A quoted value whose closing quote is followed by more text on the line."""
    for match in _QUOTE_START.finditer(line):
        start = match.start(1)
        quote = line[start]
        close = _closing_quote(line, start, quote)
        if close is None or close + 1 >= len(line) or line[close + 1] in _ENDS_VALUE:
            continue
        if quote == "'":
            fix = "write it twice ('') inside single quotes, or use double quotes"
            what = "apostrophe"
        else:
            fix = 'write it as \\" inside double quotes, or use single quotes'
            what = "double quote"
        message = (f"this {what} ends the quoted text that starts at column {start + 1}, "
                   f"and the rest of the line cannot follow it: {fix}")
        return message, Span(number, close + 1, number, close + 2)
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_item(line: str) -> bool:
    stripped = line.lstrip(" ")
    return stripped == "-" or stripped.startswith("- ")


def _out_of_line(lines: list[str], number: int) -> str | None:
    """Which earlier line ``number`` should line up with, and by how many columns."""
    line = lines[number - 1]
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    indent, item = _indent(line), _is_item(line)
    best: tuple[int, int] | None = None  # (distance in columns, line number)
    for earlier in range(number - 1, 0, -1):
        text = lines[earlier - 1]
        if not text.strip() or text.lstrip().startswith("#") or _is_item(text) != item:
            continue
        distance = abs(_indent(text) - indent)
        if distance == 0:
            return None  # it lines up with something: not an indentation slip
        if best is None or distance < best[0]:
            best = (distance, earlier)
        if _indent(text) < indent - 4:
            break  # past the enclosing block
    if best is None or best[0] > 4:
        return None
    distance, earlier = best
    what = "list item" if item else "key"
    direction = "right" if _indent(lines[earlier - 1]) > indent else "left"
    columns = "column" if distance == 1 else "columns"
    return (f"line {number} is indented {indent} spaces but the {what} on line {earlier} "
            f"is indented {_indent(lines[earlier - 1])}: move line {number} {distance} "
            f"{columns} to the {direction} so that they line up (YAML nests by indentation)")
