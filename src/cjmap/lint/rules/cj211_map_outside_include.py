"""A file that looks like a map but is not linted: its name matches no `include` glob.

`cjmap lint DIRECTORY` checks the files matching the `include` globs, by default
`**/*.cjmap.yaml` and `**/*.cjmap.yml`. A YAML file with a top-level `cjmap:` key is a
map whatever it is called, so one that the globs miss (`outpatient.yaml`) would never
be checked, silently. This rule names it; rename it to end in `.cjmap.yaml`, add its
pattern to `include` in the configuration, or exclude it on purpose with `exclude`.
Only the first 4 KiB of each `.yaml`/`.yml` file outside the globs are read.

Passing (`lint .` of a directory holding):

```yaml
# outpatient.cjmap.yaml
cjmap: 1
id: outpatient
```

Failing:

```yaml
# outpatient.yaml
cjmap: 1
id: outpatient
```
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from cjmap.config import SKIPPED_DIRS, LoadedConfig, is_excluded, matches_any
from cjmap.findings import Finding, Severity
from cjmap.lint.rule import rule_from_module

HEAD_BYTES = 4096
YAML_SUFFIXES = (".yaml", ".yml")
_MAP_KEY = re.compile(r"^cjmap[ \t]*:", re.MULTILINE)


def map_key_line(path: str) -> int | None:
    """The line of a top-level ``cjmap:`` key in the file's first few KiB, or None."""
    try:
        with open(path, "rb") as file:  # a regular file found while searching
            head = file.read(HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    match = _MAP_KEY.search(head)
    return None if match is None else head.count("\n", 0, match.start()) + 1


def _outside(directory: str, loaded: LoadedConfig) -> Iterator[str]:
    include = loaded.config.include
    for folder, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder) / name
            rel = path.relative_to(directory).as_posix()
            if (name.endswith(YAML_SUFFIXES) and not matches_any(include, rel)
                    and not matches_any(loaded.config.exclude, rel)
                    and not is_excluded(path, loaded) and path.is_file()):
                yield os.path.normpath(path)


def findings(targets: list[str], loaded: LoadedConfig) -> list[Finding]:
    """One finding per map-like file under the directory ``targets`` that the globs miss."""
    found: list[Finding] = []
    globs = ", ".join(loaded.config.include)
    for target in targets:
        if target == "-" or not os.path.isdir(target):
            continue
        for path in _outside(target, loaded):
            line = map_key_line(path)
            if line is None:
                continue
            stem = Path(path).name.rsplit(".", 1)[0]
            message = (f"this looks like a journey map (it has a top-level 'cjmap:' key) but "
                       f"is not linted: its name matches none of the include globs ({globs}); "
                       f"rename it to {stem}.cjmap.yaml or add it to 'include' in cjmap.toml")
            found.append(Finding(RULE.code, RULE.name, RULE.severity, message, path, line, 1,
                                 line, 6, "/cjmap"))
    return found


RULE = rule_from_module(__doc__, "CJ211", "map-outside-include", Severity.WARNING)
