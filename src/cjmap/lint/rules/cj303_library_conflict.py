"""Two libraries used by one map define the same id.

The first library listed in `uses` wins and the later one's item is left out; the
finding is on the later library's `uses` entry. Rename the item in one library, or
keep it in one library only.

Passing (`shared` defines `email`, `retail` does not):

```yaml
uses: [../library/shared.cjlib.yaml, ../library/retail.cjlib.yaml]
```

Failing (both define the channel `email`):

```yaml
uses: [../library/shared.cjlib.yaml, ../library/marketing.cjlib.yaml]
```
"""

from cjmap.findings import Severity
from cjmap.libraries import LIBRARY_CONFLICT
from cjmap.lint.rule import library_problems_check, rule_from_module

RULE = rule_from_module(__doc__, *LIBRARY_CONFLICT, Severity.ERROR,
                        library_problems_check(LIBRARY_CONFLICT))
