"""An id defined twice in the map.

Every `id` is unique across the whole map, whatever its kind, so that a reference
is never ambiguous: a persona and a touchpoint cannot share one either.

Passing:

```yaml
personas: [{id: busy-parent, name: Busy parent}]
channels: [{id: web, name: Web shop}]
```

Failing:

```yaml
personas: [{id: web, name: Web-savvy shopper}]
channels: [{id: web, name: Web shop}]
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.index import Definition
from cjmap.lint.rule import Context, Problem, rule_from_module


def check(ctx: Context) -> Iterator[Problem]:
    first: dict[str, Definition] = {}
    for definition in ctx.index.definitions:
        earlier = first.setdefault(definition.id, definition)
        if earlier is not definition:
            yield Problem(
                f"{definition.pointer}/id",
                f"id {definition.id!r} is already used by the {earlier.kind.noun} at "
                f"{ctx.position(earlier.pointer + '/id')}; ids are unique across the "
                "whole map",
            )


RULE = rule_from_module(__doc__, "CJ101", "duplicate-id", Severity.ERROR, check,
                        partial=True)
