"""A persona, channel, evidence or metric nothing refers to.

Definitions that nothing uses are usually left over from an earlier version of the
map, or a reference was forgotten. A touchpoint with no `personas` applies to all
personas, but a persona still counts as unused until something names it.

Passing:

```yaml
channels: [{id: web, name: Web shop}]
# on a touchpoint:
channel: web
```

Failing:

```yaml
channels: [{id: web, name: Web shop}, {id: fax, name: Fax}]
# on a touchpoint:
channel: web
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.index import Kind
from cjmap.lint.rule import Context, Problem, rule_from_module

_CHECKED = (Kind.PERSONA, Kind.CHANNEL, Kind.EVIDENCE, Kind.METRIC)


def check(ctx: Context) -> Iterator[Problem]:
    used = ctx.index.referenced_ids()
    for definition in ctx.index.definitions:
        if definition.kind in _CHECKED and definition.id not in used:
            yield Problem(f"{definition.pointer}/id",
                          f"{definition.kind.noun} {definition.id!r} is defined but never used")


RULE = rule_from_module(__doc__, "CJ206", "unused-definition", Severity.WARNING, check)
