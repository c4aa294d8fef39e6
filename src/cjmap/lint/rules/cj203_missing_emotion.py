"""A touchpoint without an emotion.

The emotion curve is the spine of a journey map: a touchpoint without an emotion
leaves a gap in it.

Passing:

```yaml
touchpoints:
  - {id: browse, name: Browse, emotion: 1}
  - {id: cart, name: Cart, emotion: -1}
```

Failing (the curve has no point at the cart):

```yaml
touchpoints:
  - {id: browse, name: Browse, emotion: 1}
  - {id: cart, name: Cart}
```
"""

from cjmap.findings import Severity
from cjmap.lint.rule import rule_from_module, touchpoint_field_check

RULE = rule_from_module(__doc__, "CJ203", "missing-emotion", Severity.WARNING,
                        touchpoint_field_check("emotion"))
