"""A touchpoint or opportunity without an owner.

Someone has to be accountable for each moment and each planned improvement.

Passing:

```yaml
touchpoints: [{id: cart, name: Cart, owner: ecommerce}]
```

Failing:

```yaml
touchpoints: [{id: cart, name: Cart}]
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module


def check(ctx: Context) -> Iterator[Problem]:
    for ref in ctx.index.touchpoints:
        if ref.touchpoint.owner is None:
            yield Problem(ref.pointer, f"touchpoint {ref.touchpoint.id!r} has no owner")
    for i, opportunity in enumerate(ctx.journey.opportunities):
        if opportunity.owner is None:
            yield Problem(f"/opportunities/{i}",
                          f"opportunity {opportunity.id!r} has no owner")


RULE = rule_from_module(__doc__, "CJ205", "missing-owner", Severity.INFO, check)
