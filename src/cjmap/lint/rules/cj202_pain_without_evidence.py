"""A pain point with no evidence on it or on its touchpoint.

Pain points should come from research, not opinion. Evidence on the pain point
itself, or on the touchpoint it sits on, satisfies this rule.

Passing:

```yaml
evidence: [{id: survey-q3, kind: survey, title: Q3 survey}]
# on a touchpoint:
pain_points:
  - {id: slow-delivery, title: Slow delivery, severity: 3, evidence: [survey-q3]}
```

Failing:

```yaml
pain_points:
  - {id: slow-delivery, title: Slow delivery, severity: 3}
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module


def check(ctx: Context) -> Iterator[Problem]:
    for ref in ctx.index.pains:
        on_touchpoint = ref.touchpoint.evidence if ref.touchpoint is not None else []
        if not ref.pain.evidence and not on_touchpoint:
            yield Problem(f"{ref.pointer}/id",
                          f"pain point {ref.pain.id!r} has no evidence behind it")


RULE = rule_from_module(__doc__, "CJ202", "pain-without-evidence", Severity.WARNING, check)
