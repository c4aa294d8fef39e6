"""Documentation generated from the code: ``docs/rules.md`` from the rule registry.

Each rule's module docstring is its documentation (first line: the summary; the rest,
with a passing and a failing example, the body). :func:`rules_markdown` renders them
all; ``scripts/gen_rules_doc.py`` (or ``cjmap rules --markdown``) writes the file, and a
test fails when the checked-in file and the rules disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from cjmap.lint.registry import RULES
from cjmap.lint.rule import Rule

RULES_DOC = "docs/rules.md"
GENERATOR = "scripts/gen_rules_doc.py"

_INTRO = """\
`cjmap lint` checks each map in three steps: the YAML itself (CJ001, CJ002), the
format's schema (CJ003, CJ004), then the rules about what a journey map should say
(CJ1xx: the map is inconsistent; CJ2xx: the map is incomplete; CJ9xx: about the
suppression comments). A map that does not parse or does not fit the schema is not
checked further. Codes are stable; names are kebab-case.

Choosing rules (see [cli.md](cli.md#configuration) for the configuration file):

- `--select CJ2` / `--ignore CJ205` on the command line, `select` / `ignore` in the
  configuration: codes or prefixes; the more specific of the two wins.
- `per-file-ignores = { "legacy/**" = ["CJ2"] }` turns rules off for some files.
- `severity = { CJ206 = "error" }` changes a rule's severity; `--fail-on` decides
  which severities fail the run.
- `# cjmap: ignore[CJ201]` at the end of a line (or alone on the line before it)
  silences one finding; `# cjmap: ignore-file[CJ206]` a rule in the whole file.

`cjmap rules` lists the rules; `cjmap rules CJ201` (or `cjmap rules unaddressed-pain`)
prints one rule's documentation; `cjmap rules --markdown` prints this page.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def anchor(rule: Rule) -> str:
    """The heading anchor GitHub gives ``## CJ201 unaddressed-pain``."""
    return f"{rule.code.lower()}-{rule.name}"


def rules_markdown(rules: Sequence[Rule] = RULES) -> str:
    """``docs/rules.md``: a table of every rule, then a section per rule."""
    out = [
        "# Lint rules",
        "",
        f"<!-- Generated from the rule docstrings by {GENERATOR}; do not edit by hand. -->",
        "",
        _INTRO,
        "| Code | Name | Default severity | Finds |",
        "|---|---|---|---|",
    ]
    for rule in rules:
        out.append(f"| [{rule.code}](#{anchor(rule)}) | `{rule.name}` | {rule.severity} "
                   f"| {_cell(rule.summary)} |")
    for rule in rules:
        out += [
            "",
            f"## {rule.code} {rule.name}",
            "",
            f"Default severity: **{rule.severity}**.",
            "",
            rule.summary,
        ]
        if rule.doc:
            out += ["", rule.doc]
    return "\n".join(out) + "\n"
