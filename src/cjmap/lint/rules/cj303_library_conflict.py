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

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.libraries import LIBRARY_CONFLICT
from cjmap.lint.rule import Context, Problem, rule_from_module


def check(ctx: Context) -> Iterator[Problem]:
    if ctx.libraries is not None:
        for problem in ctx.libraries.problems:
            if problem.rule == LIBRARY_CONFLICT:
                yield Problem(problem.pointer, problem.message)


RULE = rule_from_module(__doc__, *LIBRARY_CONFLICT, Severity.ERROR, check)
