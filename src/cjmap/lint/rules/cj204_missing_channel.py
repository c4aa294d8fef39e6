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

from cjmap.findings import Severity
from cjmap.lint.rule import rule_from_module, touchpoint_field_check

RULE = rule_from_module(__doc__, "CJ204", "missing-channel", Severity.WARNING,
                        touchpoint_field_check("channel"))
