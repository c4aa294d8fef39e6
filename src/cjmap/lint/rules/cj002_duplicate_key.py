"""The same key twice in one mapping.

YAML parsers keep the last value silently, so the first one is lost without a word.
The finding points at the second key and names the line of the first.

Passing:

```yaml
title: Checkout
summary: Parents buying uniforms.
```

Failing:

```yaml
title: Checkout
title: Checkout v2
```
"""

from cjmap.findings import Severity
from cjmap.lint.rule import rule_from_module

RULE = rule_from_module(__doc__, "CJ002", "duplicate-key", Severity.ERROR)
