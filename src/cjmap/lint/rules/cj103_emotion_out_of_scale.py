"""An emotion outside `scales.emotion`.

Emotions are integers on the map's scale, `-2..2` unless `scales.emotion` says
otherwise. A value outside it would distort the emotion curve.

Passing:

```yaml
scales: {emotion: {min: -3, max: 3}}
# ... on a touchpoint:
emotion: -3
```

Failing:

```yaml
# default scale -2..2, on a touchpoint:
emotion: {busy-parent: 4}
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module


def check(ctx: Context) -> Iterator[Problem]:
    scale = ctx.journey.scales.emotion
    for ref in ctx.index.touchpoints:
        emotion = ref.touchpoint.emotion
        values = ({"": emotion} if isinstance(emotion, int)
                  else dict(emotion) if isinstance(emotion, dict) else {})
        for persona, value in values.items():
            if not scale.min <= value <= scale.max:
                pointer = f"{ref.pointer}/emotion" + (f"/{persona}" if persona else "")
                yield Problem(pointer, f"emotion {value} is outside the scale "
                                       f"{scale.min}..{scale.max}")


RULE = rule_from_module(__doc__, "CJ103", "emotion-out-of-scale", Severity.ERROR, check,
                        partial=True)
