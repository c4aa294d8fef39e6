"""YAML that does not parse, or is not a single mapping document.

The file must be valid YAML (UTF-8, spaces for indentation), hold exactly one
document, and that document must be a mapping. Aliases are allowed, but a document
that expands past the node limit (an "alias bomb"), nests deeper than the depth
limit, or is larger than the size limit is refused. Tags other than YAML's plain
types (`!!binary`, `!custom`) are refused too.

The message says where the structure broke and what to do for the two usual causes:
a quote that ends the quoted text early (`'I'm late'`: the finding is at the quote
that ends it), and a line indented differently from the line it should line up with
(the finding names both lines and the number of columns between them).

Passing:

```yaml
cjmap: 1
id: checkout
title: Checkout
stages: [{id: buy, name: Buy}]
```

Failing (a tab before `name`):

```yaml
cjmap: 1
id: checkout
stages:
	- name: Buy
```
"""

from cjmap.findings import Severity
from cjmap.lint.rule import rule_from_module

RULE = rule_from_module(__doc__, "CJ001", "yaml-syntax", Severity.ERROR)
