"""A library item that no map linted with the library uses.

CJ206's form across files: a persona, channel, evidence or metric of a library that
no map in the same `cjmap lint` run refers to, reported at the item's id in the
library. Lint the library together with the maps that use it (a directory holding
both, or `cjmap lint maps/ library/`); a library linted alone has no users, so every
item is reported. Only references count: a touchpoint without `personas` does not
use every persona. An item kept on purpose takes a suppression in the library:
`- {id: fax, name: Fax}  # cjmap: ignore[CJ304]` (CJ900 reports it once a map uses
the item).

Passing (a map linted with the library has `channel: email` on a touchpoint):

```yaml
# shared.cjlib.yaml
channels: [{id: email, name: Email}]
```

Failing (no map names `fax`):

```yaml
# shared.cjlib.yaml
channels: [{id: email, name: Email}, {id: fax, name: Fax}]
```
"""

from cjmap.findings import Severity
from cjmap.lint.rule import rule_from_module

# Applied by the engine once every file of the run is linted (cjmap.lint.library_lint).
RULE = rule_from_module(__doc__, "CJ304", "unused-library-item", Severity.WARNING)
