"""``cjmap rules [CODE]``: list the lint rules, explain one, or document them all."""

from __future__ import annotations

from cjmap.commands import Streams
from cjmap.errors import ExitCode, UsageError
from cjmap.lint import registry
from cjmap.terminal import layout_width, shorten


def rules(code: str | None = None, *, markdown: bool = False, wide: bool = False,
          streams: Streams) -> ExitCode:
    """List the rules (``code`` None), explain one, or print docs/rules.md (``markdown``)."""
    if markdown:
        from cjmap.docs import rules_markdown

        if code is not None:
            raise UsageError("--markdown documents every rule; leave out the rule code")
        streams.stdout.write(rules_markdown())
        return ExitCode.OK
    if code is None:
        # On a terminal the summaries are shortened to fit it (never the codes or names).
        width = None if wide else layout_width(streams.stdout)
        for rule in registry.RULES:
            line = f"{rule.code}  {rule.name:<28} {rule.severity:<8} {rule.summary}"
            if width is not None:
                line = shorten(line, max(width, len(line) - len(rule.summary) + 8))
            streams.stdout.write(line + "\n")
        return ExitCode.OK
    found = registry.get(code)
    if found is None:
        raise UsageError(f"unknown rule {code!r}; `cjmap rules` lists them")
    streams.stdout.write(
        f"{found.code} {found.name} ({found.severity})\n\n{found.summary}\n\n{found.doc}\n")
    return ExitCode.OK
