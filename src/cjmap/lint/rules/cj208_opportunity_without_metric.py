"""An opportunity tied to no metric.

Without a metric there is no way to tell whether the opportunity, once done,
worked.

Passing:

```yaml
opportunities:
  - {id: express, title: Express option, addresses: [slow-delivery], impact: 3,
     effort: 2, metrics: [nps]}
```

Failing:

```yaml
opportunities:
  - {id: express, title: Express option, addresses: [slow-delivery], impact: 3, effort: 2}
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module


def check(ctx: Context) -> Iterator[Problem]:
    for i, opportunity in enumerate(ctx.journey.opportunities):
        if not opportunity.metrics:
            yield Problem(f"/opportunities/{i}",
                          f"opportunity {opportunity.id!r} is tied to no metric")


RULE = rule_from_module(__doc__, "CJ208", "opportunity-without-metric", Severity.INFO, check)
