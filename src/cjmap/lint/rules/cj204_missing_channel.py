"""A touchpoint without a channel.

Knowing where a moment happens (web, store, call centre) is what lets a team own
it.

Passing:

```yaml
touchpoints: [{id: cart, name: Cart, channel: web}]
```

Failing:

```yaml
touchpoints: [{id: cart, name: Cart}]
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module, touchpoints_lacking


def check(ctx: Context) -> Iterator[Problem]:
    return touchpoints_lacking(ctx, "channel")


RULE = rule_from_module(__doc__, "CJ204", "missing-channel", Severity.WARNING, check)
