"""CJ210's heuristic, measured: no finding on any map of the repository, a finding on
every sentence collected in ``tests/data/split-sentence/`` (lines marked ``# split``),
and none on the lists collected there that are lists (docs/rules.md, CJ210)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from cjmap.lint.engine import LintOptions, lint_bytes
from helpers import ROOT

CASES = ROOT / "tests" / "data" / "split-sentence"
ONLY_CJ210 = LintOptions(select=("CJ210",))
MAP_KEY = re.compile(r"^cjmap\s*:", re.MULTILINE)
FENCED_YAML = re.compile(r"^```ya?ml\n(.*?)^```", re.MULTILINE | re.DOTALL)
# The maps written to hold split sentences on purpose.
ON_PURPOSE = {CASES / "split.cjmap.yaml", ROOT / "tests" / "data" / "analyst" / "outpatient.yaml",
              ROOT / "examples" / "broken" / "cj210-split-sentence.yaml",
              ROOT / "tests" / "rules" / "CJ210.yaml"}


def repository_maps() -> Iterator[tuple[str, bytes]]:
    """Every map in the repository: map files, and the snippets of the rule cases."""
    for folder in ("examples", "src/cjmap/templates", "tests", "docs", "bench"):
        for path in sorted((ROOT / folder).rglob("*.y*ml")):
            if path in ON_PURPOSE or not path.is_file():
                continue
            raw = path.read_bytes()
            if path.parent.name == "rules" and path.parent.parent.name == "tests":
                for case in yaml.safe_load(raw) or []:
                    yield f"{path.name}: {case['name']}", case["snippet"].encode()
            elif MAP_KEY.search(raw.decode("utf-8", errors="replace")):
                yield str(path.relative_to(ROOT)), raw
    # Whole maps shown in the documentation (rule examples are fragments, not maps).
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        blocks = FENCED_YAML.findall(doc.read_text(encoding="utf-8"))
        for number, block in enumerate(blocks):
            if MAP_KEY.search(block) and doc.name != "rules.md":
                yield f"{doc.name} block {number}", block.encode()


def split_findings(name: str, raw: bytes) -> list[int]:
    return [f.line for f in lint_bytes(raw, name, ONLY_CJ210).findings if f.code == "CJ210"]


def test_no_finding_on_any_map_of_the_repository() -> None:
    maps = list(repository_maps())
    assert len(maps) > 140  # examples, templates, test maps, rule-case snippets, docs
    hits = {name: lines for name, raw in maps if (lines := split_findings(name, raw))}
    assert hits == {}


def test_a_finding_on_every_collected_split_sentence() -> None:
    path = CASES / "split.cjmap.yaml"
    marked = [number for number, line in
              enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
              if line.rstrip().endswith("# split")]
    assert len(marked) == 12
    assert split_findings(path.name, path.read_bytes()) == marked


def test_no_finding_on_the_collected_lists_that_are_lists() -> None:
    path = CASES / "not-split.cjmap.yaml"
    assert split_findings(path.name, path.read_bytes()) == []
