"""An id defined both in the map and in a library it uses.

An id names one item in the whole map, library items included. When the map
defines an item with the id of an item of a library it uses, which one a reference
means is a guess: the map's own item is kept, and this finding is on its id. Remove
the map's copy (to use the library's) or rename one of them.

Passing (the library defines the channel `email`):

```yaml
uses: [../library/shared.cjlib.yaml]
channels: [{id: web, name: Web shop}]
```

Failing:

```yaml
uses: [../library/shared.cjlib.yaml]
channels: [{id: email, name: Email}]
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.libraries import ID_IN_MAP_AND_LIBRARY
from cjmap.lint.rule import Context, Problem, rule_from_module


def check(ctx: Context) -> Iterator[Problem]:
    if ctx.libraries is not None:
        for problem in ctx.libraries.problems:
            if problem.rule == ID_IN_MAP_AND_LIBRARY:
                yield Problem(problem.pointer, problem.message)


RULE = rule_from_module(__doc__, *ID_IN_MAP_AND_LIBRARY, Severity.ERROR, check)
