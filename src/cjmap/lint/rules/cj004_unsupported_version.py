"""A `cjmap:` format version this release cannot read.

This release reads format version 1. A map written for a newer version needs a
newer cjmap; the rest of the file is not checked, because its meaning may differ.

Passing:

```yaml
cjmap: 1
```

Failing:

```yaml
cjmap: 2
```
"""

from cjmap.findings import Severity
from cjmap.lint.rule import rule_from_module

RULE = rule_from_module(__doc__, "CJ004", "unsupported-version", Severity.ERROR)
