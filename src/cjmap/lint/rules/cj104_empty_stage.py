"""A stage without touchpoints.

A stage with nothing in it is usually a placeholder that was never filled in; it
draws as an empty column.

Passing:

```yaml
stages:
  - id: buy
    name: Buy
    touchpoints: [{id: cart, name: Cart}]
```

Failing:

```yaml
stages:
  - id: buy
    name: Buy
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module


def check(ctx: Context) -> Iterator[Problem]:
    for i, stage in enumerate(ctx.journey.stages):
        if not stage.touchpoints:
            yield Problem(f"/stages/{i}", f"stage {stage.id!r} has no touchpoints")


RULE = rule_from_module(__doc__, "CJ104", "empty-stage", Severity.WARNING, check)
