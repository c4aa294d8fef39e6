"""Missing or unknown fields, wrong types, out-of-range values.

Every map is validated against the format's schema (the pydantic models that
`cjmap schema` prints). Unknown fields are errors, with a "did you mean" when one
is close, except keys starting with `x-`, which are yours. Types are strict: a
title written as `2026` or a name written as `yes` is reported, not converted.
A finding about a value points at the value; about a missing field, at the mapping
that lacks it. The usual mistakes get a message saying what to write instead: a YAML
boolean or null spelling where text is expected (`thoughts: No`), a percentage where a
share from 0 to 1 is expected (`frequency: 45%`), a display name or wrong-case
spelling where an id is expected (`channel: SMS`, with the id whose name matches).

A map that fails the schema is still checked by the rules that stay right on part of
a map (CJ101, CJ102, CJ103, CJ209, CJ210): they run on the map with the values that
failed left out (an item missing a required field is left out whole, and references to
it are not reported as unknown), so one run shows everything to fix.

Passing:

```yaml
pain_points:
  - id: slow-delivery
    title: Delivery takes a week
    severity: 4
```

Failing (`severity` is 1..5; `titel` is not a field):

```yaml
pain_points:
  - id: slow-delivery
    titel: Delivery takes a week
    severity: 7
```
"""

from cjmap.findings import Severity
from cjmap.lint.rule import rule_from_module

RULE = rule_from_module(__doc__, "CJ003", "schema", Severity.ERROR)
