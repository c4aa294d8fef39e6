"""A reference to an id that is not defined.

Touchpoints refer to channels, personas, metrics and evidence; pain points to
personas and evidence; opportunities to the pain points they address and to
metrics; per-persona emotions to personas. Each reference must name an item of
the right kind defined in the same map. The message suggests the closest id.

Passing:

```yaml
channels: [{id: web, name: Web shop}]
stages:
  - id: buy
    name: Buy
    touchpoints: [{id: cart, name: Cart, channel: web}]
```

Failing (no persona is `parnet`: "did you mean 'parent'?"; and `cart` is a
touchpoint, where a pain point is expected):

```yaml
personas: [{id: parent, name: Busy parent}]
stages:
  - id: buy
    name: Buy
    touchpoints: [{id: cart, name: Cart, emotion: {parnet: -1}}]
    pain_points: [{id: slow-pay, title: Slow payment, severity: 4}]
opportunities:
  - {id: one-click, title: One-click pay, addresses: [cart], impact: 4, effort: 3}
```
"""

from collections.abc import Iterator

from cjmap.findings import Severity
from cjmap.index import Kind
from cjmap.lint.rule import Context, Problem, rule_from_module
from cjmap.suggest import did_you_mean


def check(ctx: Context) -> Iterator[Problem]:
    index = ctx.index
    # Listed once per kind, not once per broken reference.
    ids: dict[Kind, tuple[str, ...]] = {}
    for ref in index.references:
        if index.defines(ref.target, ref.kind) or ref.target in ctx.unread:
            continue  # an item left out for its schema errors is not unknown
        kind = index.kind_of(ref.target)
        if kind is None:
            if ref.kind not in ids:
                ids[ref.kind] = tuple(index.ids_of(ref.kind))
            hint = did_you_mean(ref.target, ids[ref.kind])
            message = f"unknown {ref.kind.noun} {ref.target!r}{hint}"
        else:
            message = f"{ref.target!r} is a {kind.noun}, but a {ref.kind.noun} is expected here"
        yield Problem(ref.pointer, message, at_key=ref.at_key)


RULE = rule_from_module(__doc__, "CJ102", "unknown-reference", Severity.ERROR, check,
                        partial=True)
