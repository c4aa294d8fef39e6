"""A date in the future.

A map records what was reviewed, researched and measured, all of which has already
happened: a date after today is almost always a typo (`2027` for `2026`, or the day
and month swapped). Every date field is checked: the map's `reviewed`, each piece of
evidence's `date`, each metric's `measured`.

Passing (today is 2026-11-01):

```yaml
reviewed: 2026-10-30
evidence: [{id: survey, title: Survey, date: 2026-09-15}]
```

Failing:

```yaml
reviewed: 2027-11-30
```
"""

import datetime as dt
from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from cjmap.fieldtypes import is_a
from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module


@cache
def date_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that hold a date, read from its annotations."""
    return tuple(name for name, info in model.model_fields.items()
                 if is_a(info.annotation, dt.date))


def check(ctx: Context) -> Iterator[Problem]:
    today = ctx.settings.today
    for pointer, item in ctx.items():
        for name in date_fields(type(item)):
            value = getattr(item, name)
            if isinstance(value, dt.date) and value > today:
                yield Problem(f"{pointer}/{name}",
                              f"{name} {value.isoformat()} is in the future (today is "
                              f"{today.isoformat()}); a date ahead is almost always a typo")


RULE = rule_from_module(__doc__, "CJ209", "future-date", Severity.WARNING, check, partial=True)
