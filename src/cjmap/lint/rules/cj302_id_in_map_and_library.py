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

from cjmap.findings import Severity
from cjmap.libraries import ID_IN_MAP_AND_LIBRARY
from cjmap.lint.rule import library_problems_check, rule_from_module

RULE = rule_from_module(__doc__, *ID_IN_MAP_AND_LIBRARY, Severity.ERROR,
                        library_problems_check(ID_IN_MAP_AND_LIBRARY))
