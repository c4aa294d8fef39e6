"""Baselines: freeze today's findings so that only new ones are reported.

A baseline is a JSON document (documented in docs/ci.md)::

    {"cjmap-baseline": 1,
     "findings": [{"file": "maps/checkout.cjmap.yaml", "code": "CJ201",
                   "pointer": "/stages/[buy]/touchpoints/[pay]/pain_points/[fees]/id",
                   "count": 1}, ...]}

Entries are keyed by file, rule code and a *stable pointer*: the finding's JSON pointer
with each list position replaced by ``[id]`` of the item there (when it has an id), so
neither lines inserted above a finding nor items reordered around it wake it up.
``count`` is how many findings share the key; more than that are reported.
File paths are relative to the directory of the baseline file, ``/``-separated, so the
baseline works from any working directory. Findings that stop a map from loading
(CJ001, CJ003, CJ004) are never baselined: such a map is not checked at all.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from cjmap.errors import InputError
from cjmap.findings import Finding
from cjmap.inputs import NoSuchFile, read_bounded
from cjmap.lint.suppress import UNSUPPRESSIBLE
from cjmap.model import JourneyMap
from cjmap.yamlio import unescape_pointer_token

if TYPE_CHECKING:
    from cjmap.lint.engine import LintResult

BASELINE_VERSION = 1
# A baseline holds about 150 bytes per finding: this is hundreds of thousands of them.
BASELINE_MAX_BYTES = 64 * 1024 * 1024

Key = tuple[str, str, str]  # (file relative to the baseline, code, stable pointer)


def stable_pointer(journey: JourneyMap | None, pointer: str) -> str:
    """``/stages/0/touchpoints/2`` -> ``/stages/[buy]/touchpoints/[pay]`` where ids exist."""
    if journey is None or not pointer:
        return pointer
    current: Any = journey
    out: list[str] = []
    for token in pointer.split("/")[1:]:
        name = unescape_pointer_token(token)
        if isinstance(current, list) and name.isdigit() and int(name) < len(current):
            current = current[int(name)]
            item_id = getattr(current, "id", None)
            out.append(f"[{item_id}]" if isinstance(item_id, str) else name)
            continue
        out.append(token)
        if isinstance(current, BaseModel):
            current = getattr(current, name, None) if name in type(current).model_fields else None
        elif isinstance(current, dict):
            current = current.get(name)
        else:
            current = None
    return "/" + "/".join(out)


def relative_file(file: str, base: Path) -> str:
    """A finding's file relative to the baseline's directory (``-`` stays as it is)."""
    if file == "-":
        return file
    return Path(os.path.relpath(Path(file).resolve(), base.resolve())).as_posix()


@dataclass(slots=True)
class Baseline:
    """The frozen findings, and how many of each key the current run has used up."""

    entries: Counter[Key]
    path: Path

    @property
    def base(self) -> Path:
        return self.path.parent

    def key(self, finding: Finding, anchors: dict[str, str]) -> Key:
        return (relative_file(finding.file, self.base), finding.code,
                anchors.get(finding.pointer, finding.pointer))

    def filter(self, findings: list[Finding], anchors: dict[str, str],
               remaining: Counter[Key]) -> list[Finding]:
        """Findings not in the baseline; ``remaining`` counts down the entries used."""
        kept = []
        for finding in findings:
            if finding.code in UNSUPPRESSIBLE:
                kept.append(finding)
                continue
            key = self.key(finding, anchors)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(finding)
        return kept


@dataclass(frozen=True, slots=True)
class Applied:
    """A result with the baseline's findings removed, and what the baseline did."""

    result: LintResult
    silenced: int
    stale: int  # entries for the files checked that matched nothing (fixed since)


def apply(result: LintResult, baseline: Baseline) -> Applied:
    from cjmap.lint.engine import FileResult, LintResult

    remaining = Counter(baseline.entries)
    files = []
    silenced = 0
    checked: set[str] = set()
    for file in result.files:
        checked.add(relative_file(file.path, baseline.base))
        kept = baseline.filter(file.findings, file.anchors, remaining)
        silenced += len(file.findings) - len(kept)
        files.append(FileResult(file.path, kept, file.loaded,
                                {f.line: file.lines.get(f.line, "") for f in kept},
                                {f.pointer: file.anchors.get(f.pointer, f.pointer)
                                 for f in kept}))
    stale = sum(count for (path, _, _), count in remaining.items()
                if count > 0 and path in checked)
    return Applied(LintResult(files, result.fail_on), silenced, stale)


def from_result(result: LintResult, base: Path) -> Counter[Key]:
    """Today's findings, as baseline entries relative to ``base``."""
    return collect(((f, file.anchors) for file in result.files for f in file.findings), base)


def collect(findings: Iterable[tuple[Finding, dict[str, str]]], base: Path) -> Counter[Key]:
    counts: Counter[Key] = Counter()
    for finding, anchors in findings:
        if finding.code not in UNSUPPRESSIBLE:
            counts[(relative_file(finding.file, base), finding.code,
                    anchors.get(finding.pointer, finding.pointer))] += 1
    return counts


def dumps(entries: Counter[Key]) -> str:
    """The baseline document: sorted, one entry per line so reviews read as diffs."""
    rows = [json.dumps({"file": file, "code": code, "pointer": pointer, "count": count},
                       ensure_ascii=False)
            for (file, code, pointer), count in sorted(entries.items())]
    body = ",\n".join(f"    {row}" for row in rows)
    findings = f"[\n{body}\n  ]" if rows else "[]"
    return f'{{\n  "cjmap-baseline": {BASELINE_VERSION},\n  "findings": {findings}\n}}\n'


def _bad(path: Path, why: str) -> InputError:
    return InputError(f"{path}: not a cjmap baseline ({why}); "
                      "write one with --write-baseline")


def load(path: Path) -> Baseline:
    """Read a baseline file; a missing or malformed one is exit 2 with the reason."""
    try:
        # The one bounded reader of every input: a device or a pipe named here is refused.
        raw = read_bounded(str(path), BASELINE_MAX_BYTES)
    except NoSuchFile:
        raise InputError(f"{path}: no such baseline file (create it with "
                         "--write-baseline)") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot read the baseline ({exc})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(path, f"invalid JSON: {exc}") from None
    if not isinstance(document, dict) or "cjmap-baseline" not in document:
        raise _bad(path, "no 'cjmap-baseline' key")
    if document["cjmap-baseline"] != BASELINE_VERSION:
        raise _bad(path, f"version {document['cjmap-baseline']!r}, this release reads "
                         f"{BASELINE_VERSION}")
    entries: Counter[Key] = Counter()
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise _bad(path, "'findings' is not a list")
    for number, entry in enumerate(findings):
        if not (isinstance(entry, dict)
                and all(isinstance(entry.get(k), str) for k in ("file", "code", "pointer"))
                and isinstance(entry.get("count", 1), int)):
            raise _bad(path, f"entry {number} needs text 'file', 'code', 'pointer' and an "
                             "integer 'count'")
        entries[(entry["file"], entry["code"], entry["pointer"])] += int(entry.get("count", 1))
    return Baseline(entries, path)

