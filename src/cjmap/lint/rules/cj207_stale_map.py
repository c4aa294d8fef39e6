"""`reviewed` missing, or older than `stale-after-days` (default 180).

Journey maps are living documents reviewed every quarter or so; a map nobody has
looked at for half a year probably no longer tells the truth. Set the `reviewed`
date when you review the map.

Passing (reviewed within the last 180 days):

```yaml
reviewed: 2026-10-01
```

Failing:

```yaml
reviewed: 2023-01-15
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module


def check(ctx: Context) -> Iterator[Problem]:
    reviewed = ctx.journey.reviewed
    limit = ctx.settings.stale_after_days
    if reviewed is None:
        yield Problem("", "the map has no 'reviewed' date")
        return
    age = (ctx.settings.today - reviewed).days
    if age > limit:
        yield Problem("/reviewed", f"last reviewed {age} days ago ({reviewed.isoformat()}), "
                                   f"more than {limit} days")


RULE = rule_from_module(__doc__, "CJ207", "stale-map", Severity.WARNING, check)
