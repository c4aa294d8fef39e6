"""A library named in `uses` cannot be found, or is not a library.

Each `uses` entry is a path, relative to the map, to a library file named
`*.cjlib.yaml` (docs/portfolio.md, "Libraries"). The finding is on the entry when the
file does not exist, cannot be read, is not named as a library, or does not load as
one (`cjmap lint` the library to see its own problems). The map's references to
the library's items then fail too (CJ102): fix the path first.

Passing (with `../library/shared.cjlib.yaml` next to the map's directory):

```yaml
uses: [../library/shared.cjlib.yaml]
```

Failing:

```yaml
uses: [../library/shraed.cjlib.yaml]   # no such file
uses: [../other/checkout.cjmap.yaml]   # a map, not a library
```
"""

from cjmap.findings import Severity
from cjmap.libraries import LIBRARY_NOT_FOUND
from cjmap.lint.rule import library_problems_check, rule_from_module

RULE = rule_from_module(__doc__, *LIBRARY_NOT_FOUND, Severity.ERROR,
                        library_problems_check(LIBRARY_NOT_FOUND))
