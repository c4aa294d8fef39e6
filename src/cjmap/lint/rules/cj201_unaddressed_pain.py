"""A pain point no opportunity addresses.

A journey map exists to decide what to fix. A pain point that no opportunity's
`addresses` names is a pain nobody has a plan for (yet). An opportunity that was
`dropped` still counts as addressing it here; `cjmap score` weighs that apart.

Passing:

```yaml
# on a touchpoint:
pain_points: [{id: slow-delivery, title: Slow delivery, severity: 3}]
# at the top level:
opportunities:
  - {id: express, title: Express option, addresses: [slow-delivery], impact: 3, effort: 2}
```

Failing:

```yaml
pain_points: [{id: slow-delivery, title: Slow delivery, severity: 3}]
opportunities: []
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module


def check(ctx: Context) -> Iterator[Problem]:
    addressed = {pain for o in ctx.journey.opportunities for pain in o.addresses}
    for ref in ctx.index.pains:
        if ref.pain.id not in addressed:
            yield Problem(f"{ref.pointer}/id",
                          f"pain point {ref.pain.id!r} is not addressed by any opportunity")


RULE = rule_from_module(__doc__, "CJ201", "unaddressed-pain", Severity.WARNING, check)
