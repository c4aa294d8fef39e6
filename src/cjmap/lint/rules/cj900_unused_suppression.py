"""A suppression comment that suppresses nothing.

`# cjmap: ignore[CODE]` at the end of a line silences CODE's findings on that line;
alone on a line it silences them on the next line that is not blank or a comment.
`# cjmap: ignore-file[CODE]` silences CODE in the whole file. A suppression that no
longer matches a finding (the problem was fixed, or the line moved) is reported so it
does not hide the next, unrelated problem. Also reported: a suppression without codes
(a blanket `# cjmap: ignore` is not supported), a code that is not a rule, and
CJ001, CJ003 and CJ004, which stop a map from loading and cannot be suppressed.
Suppressions of rules that are not selected for the file are not reported.

Passing (the pain point has no opportunity, so CJ201 fires and is silenced):

```yaml
pain_points:
  - id: slow-delivery  # cjmap: ignore[CJ201]
    title: Slow delivery
    severity: 3
```

Failing (an opportunity addresses the pain, so CJ201 no longer fires there):

```yaml
pain_points:
  - id: slow-delivery  # cjmap: ignore[CJ201]
    title: Slow delivery
    severity: 3
opportunities:
  - {id: express, title: Express option, addresses: [slow-delivery], impact: 3, effort: 2}
```
"""

from cjmap.findings import Severity
from cjmap.lint.rule import rule_from_module

# The engine applies this rule after all others, from the comments in the source text.
RULE = rule_from_module(__doc__, "CJ900", "unused-suppression", Severity.INFO)
