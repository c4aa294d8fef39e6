"""A touchpoint or opportunity without an owner.

Someone has to be accountable for each moment and each planned improvement.

Passing:

```yaml
touchpoints: [{id: cart, name: Cart, owner: ecommerce}]
opportunities:
  - {id: one-click, title: One-click pay, addresses: [slow-pay], impact: 4, effort: 3,
     owner: payments}
```

Failing (a touchpoint without an owner fails the same way):

```yaml
opportunities:
  - {id: one-click, title: One-click pay, addresses: [slow-pay], impact: 4, effort: 3}
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module, touchpoints_lacking


def check(ctx: Context) -> Iterator[Problem]:
    yield from touchpoints_lacking(ctx, "owner")
    for i, opportunity in enumerate(ctx.journey.opportunities):
        if opportunity.owner is None:
            yield Problem(f"/opportunities/{i}",
                          f"opportunity {opportunity.id!r} has no owner")


RULE = rule_from_module(__doc__, "CJ205", "missing-owner", Severity.INFO, check)
