"""Inline suppressions of CJ304 (unused-library-item) in a library (docs/portfolio.md).

CJ304 is found at the end of a lint run, after each file's own check; a library's
``# cjmap: ignore[CJ304]`` comments are kept from its check and applied then, with CJ900
for those that silenced nothing, in every output format, in a process pool as in one
process, and under a baseline. Lines and columns are counted by hand from the texts below.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from cjmap.commands import Streams
from cjmap.commands.lint import ReportTarget, lint
from cjmap.config import load_config
from cjmap.errors import ExitCode
from cjmap.findings import Severity
from cjmap.lint import pool
from cjmap.lint.engine import PARALLEL_MIN_FILES, LintOptions, LintResult, lint_paths

# Line 6: "  - {id: fax, name: Fax}" is 24 characters, two spaces, then the comment:
# '#' at column 27, the directive "# cjmap: ignore[CJ304]" (22 characters) ends before 49.
# The ids are at column 10 ("  - {id: " is 9 characters).
LIBRARY = """\
cjmap: 1
id: shared
title: Shared
channels:
  - {id: email, name: Email}
  - {id: fax, name: Fax}  # cjmap: ignore[CJ304]
  - {id: post, name: Post}
"""
FAX_LINE, POST_LINE, ID_COLUMN = 6, 7, 10
COMMENT_COLUMN, COMMENT_END = 27, 49

MAP = """\
cjmap: 1
id: {id}
title: Shop
uses: [../library/shared.cjlib.yaml]
stages: [{{id: buy, name: Buy, touchpoints: [{{id: mail, name: Mail, channel: email}}]}}]
"""
POST_MESSAGE = "channel 'post' is in the library but no map linted with it uses it"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "library").mkdir()
    (tmp_path / "maps").mkdir()
    write_library(tmp_path, LIBRARY)
    (tmp_path / "maps" / "shop.cjmap.yaml").write_text(MAP.format(id="shop"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_library(repo: Path, text: str) -> None:
    (repo / "library" / "shared.cjlib.yaml").write_text(text, encoding="utf-8")


def with_line(line: int, text: str) -> str:
    """LIBRARY with its ``line`` (1-based) replaced by ``text``."""
    lines = LIBRARY.splitlines()
    lines[line - 1] = text
    return "\n".join(lines) + "\n"


def run(repo: Path, **options: Any) -> LintResult:
    lint_options = LintOptions(**{"select": ("CJ3", "CJ9"), **options})
    return lint_paths(["."], load_config(start=repo), lint_options)


def found(result: LintResult) -> list[tuple[str, str, int, int]]:
    return [(f.file, f.code, f.line, f.column) for f in result.findings]


LIB = "library/shared.cjlib.yaml"


def test_two_unused_items_one_suppressed_only_the_other_is_reported(repo: Path) -> None:
    result = run(repo)
    assert found(result) == [(LIB, "CJ304", POST_LINE, ID_COLUMN)]
    assert result.findings[0].message == POST_MESSAGE


def test_the_same_library_without_the_comment_reports_both(repo: Path) -> None:
    write_library(repo, with_line(FAX_LINE, "  - {id: fax, name: Fax}"))
    assert found(run(repo)) == [(LIB, "CJ304", FAX_LINE, ID_COLUMN),
                                (LIB, "CJ304", POST_LINE, ID_COLUMN)]


def test_a_comment_alone_on_its_line_covers_the_next_item(repo: Path) -> None:
    write_library(repo, with_line(FAX_LINE, "  # cjmap: ignore[CJ304]\n"
                                            "  - {id: fax, name: Fax}"))
    # The comment is line 6, fax line 7 (silenced), post line 8.
    assert found(run(repo)) == [(LIB, "CJ304", 8, ID_COLUMN)]


def test_a_file_wide_suppression_silences_every_unused_item(repo: Path) -> None:
    write_library(repo, LIBRARY + "# cjmap: ignore-file[CJ304]\n")
    assert found(run(repo)) == []


def test_a_suppression_of_a_used_item_is_an_unused_suppression(repo: Path) -> None:
    # 'email' is used by the map: "  - {id: email, name: Email}" is 28 characters, the
    # comment starts at column 31.
    write_library(repo, with_line(5, "  - {id: email, name: Email}  # cjmap: ignore[CJ304]"))
    result = run(repo)
    assert found(result) == [(LIB, "CJ900", 5, 31), (LIB, "CJ304", POST_LINE, ID_COLUMN)]
    unused = result.findings[0]
    assert unused.message == ("unused suppression: no CJ304 (unused-library-item) finding "
                              "on line 5")
    assert (unused.end_line, unused.end_column) == (5, 31 + 22)
    library = result.files[0]
    # The code frame's line, as for every CJ900.
    assert library.lines[5] == "  - {id: email, name: Email}  # cjmap: ignore[CJ304]"
    assert set(library.lines) == {5, POST_LINE}


def test_a_file_wide_suppression_with_nothing_to_silence_is_reported(repo: Path) -> None:
    write_library(repo, with_line(FAX_LINE, "  - {id: fax, name: Fax}")
                  .replace("  - {id: fax, name: Fax}\n  - {id: post, name: Post}\n", "")
                  + "# cjmap: ignore-file[CJ304]\n")
    # Left: lines 1-5 (only 'email', which the map uses), the comment on line 6.
    result = run(repo)
    assert found(result) == [(LIB, "CJ900", 6, 1)]
    assert result.findings[0].message == ("unused suppression: no CJ304 "
                                          "(unused-library-item) finding in this file")


def test_a_library_without_items_still_reports_its_unused_suppression(repo: Path) -> None:
    write_library(repo, "cjmap: 1\nid: shared\ntitle: Shared\n"
                        "# cjmap: ignore-file[CJ304]\n")
    assert found(run(repo)) == [(LIB, "CJ900", 4, 1)]


def test_cj900_on_the_comment_line_or_for_the_file_silences_the_report(repo: Path) -> None:
    used = "  - {id: email, name: Email}  # cjmap: ignore[CJ304]"
    write_library(repo, with_line(5, used + "  # cjmap: ignore[CJ900]"))
    assert found(run(repo)) == [(LIB, "CJ304", POST_LINE, ID_COLUMN)]
    write_library(repo, with_line(5, used) + "# cjmap: ignore-file[CJ900]\n")
    assert found(run(repo)) == [(LIB, "CJ304", POST_LINE, ID_COLUMN)]
    write_library(repo, with_line(5, used))
    assert found(run(repo, ignore=("CJ900",))) == [(LIB, "CJ304", POST_LINE, ID_COLUMN)]


def test_with_cj304_off_its_suppressions_wait_and_are_not_reported(repo: Path) -> None:
    write_library(repo, with_line(5, "  - {id: email, name: Email}  # cjmap: ignore[CJ304]"))
    assert found(run(repo, ignore=("CJ304",))) == []
    assert found(run(repo, per_file_ignores=(("library/**", ("CJ304",)),),
                     root=repo.resolve())) == []


def test_other_codes_on_the_same_comment_are_checked_with_the_file(repo: Path) -> None:
    write_library(repo, with_line(FAX_LINE, "  - {id: fax, name: Fax}  "
                                            "# cjmap: ignore[CJ304, CJ101]"))
    # CJ304 silences fax; CJ101 (duplicate ids) has nothing there.
    result = run(repo, select=("CJ1", "CJ3", "CJ9"))
    assert found(result) == [(LIB, "CJ900", FAX_LINE, COMMENT_COLUMN),
                             (LIB, "CJ304", POST_LINE, ID_COLUMN)]
    assert "no CJ101 (duplicate-id) finding on line 6" in result.findings[0].message


def test_severity_overrides_apply_to_cj304_and_its_cj900(repo: Path) -> None:
    write_library(repo, with_line(5, "  - {id: email, name: Email}  # cjmap: ignore[CJ304]"))
    result = run(repo, severity=(("CJ304", Severity.ERROR),
                                         ("CJ900", Severity.WARNING)))
    assert [(f.code, f.severity) for f in result.findings] == [("CJ900", "warning"),
                                                               ("CJ304", "error")]


def test_a_library_that_does_not_load_reports_no_unused_suppression(repo: Path) -> None:
    write_library(repo, LIBRARY + "channels: [\n")  # YAML that does not parse
    library, shop = run(repo).files
    assert [f.code for f in library.findings] == ["CJ001"]
    assert [f.code for f in shop.findings] == ["CJ301"]  # the library cannot be used
    assert library.deferred is None


def test_a_library_keeps_only_its_cj304_comments_not_its_text(repo: Path) -> None:
    write_library(repo, with_line(2, "id: shared  # cjmap: ignore[CJ101]")
                  + "# cjmap: ignore-file[CJ900]\n")
    result = run(repo)
    library, shop = result.files
    assert library.deferred is not None and shop.deferred is None
    # (code, line, column, end column, line covered; 0: the whole file)
    assert library.deferred.directives == (
        ("CJ304", FAX_LINE, COMMENT_COLUMN, COMMENT_END, FAX_LINE), ("CJ900", 8, 1, 28, 0))
    assert library.deferred.lines == {FAX_LINE: LIBRARY.splitlines()[FAX_LINE - 1]}
    write_library(repo, with_line(FAX_LINE, "  - {id: fax, name: Fax}"))
    assert run(repo).files[0].deferred is None  # no comment about CJ304: nothing kept


# -- every output, a process pool, a baseline -------------------------------------------


def quiet() -> Streams:
    return Streams(io.StringIO(), io.StringIO())


def test_json_and_sarif_show_the_same(repo: Path) -> None:
    write_library(repo, with_line(5, "  - {id: email, name: Email}  # cjmap: ignore[CJ304]"))
    code = lint(["."], select=["CJ3", "CJ9"], streams=quiet(),
                reports=[ReportTarget("json", repo / "out.json"),
                         ReportTarget("sarif", repo / "out.sarif")])
    assert code == ExitCode.OK  # a warning and an info
    document = json.loads((repo / "out.json").read_text(encoding="utf-8"))
    assert [(f["file"], f["code"], f["line"], f["column"]) for f in document["findings"]] == [
        (LIB, "CJ900", 5, 31), (LIB, "CJ304", POST_LINE, ID_COLUMN)]
    sarif = json.loads((repo / "out.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["level"],
             r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["locations"][0]["physicalLocation"]["region"]["startColumn"])
            for r in results] == [("CJ900", "note", LIB, 5, 31),
                                  ("CJ304", "warning", LIB, POST_LINE, ID_COLUMN)]
    assert results[1]["message"]["text"] == POST_MESSAGE


FORMATS = ("text", "concise", "json", "sarif", "junit", "github")


def test_jobs_2_in_a_process_pool_gives_the_same_as_jobs_1(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_library(repo, with_line(5, "  - {id: email, name: Email}  # cjmap: ignore[CJ304]"))
    for n in range(PARALLEL_MIN_FILES):
        (repo / "maps" / f"copy{n}.cjmap.yaml").write_text(MAP.format(id=f"copy{n}"),
                                                           encoding="utf-8")
    pooled_files: list[str] = []
    real_pooled = pool.pooled

    def counted(*args: Any, **kwargs: Any) -> Any:
        for result in real_pooled(*args, **kwargs):
            pooled_files.append(result.path)
            yield result

    monkeypatch.setattr("cjmap.lint.engine.PARALLEL_MIN_BYTES", 0)  # few bytes: pool anyway
    monkeypatch.setattr(pool, "pooled", counted)
    outputs = {}
    for jobs in (1, 2):
        out = repo / f"jobs{jobs}"
        out.mkdir()
        code = lint(["."], select=["CJ3", "CJ9"], jobs=jobs, streams=quiet(),
                    reports=[ReportTarget(fmt, out / f"lint.{fmt}") for fmt in FORMATS])
        outputs[jobs] = (code, {fmt: (out / f"lint.{fmt}").read_bytes() for fmt in FORMATS})
    assert LIB in pooled_files  # the library was linted in a worker process
    assert outputs[1] == outputs[2]
    concise = outputs[2][1]["concise"].decode().splitlines()
    assert concise == [
        f"{LIB}:5:31: CJ900 [info] unused suppression: no CJ304 (unused-library-item) "
        "finding on line 5",
        f"{LIB}:{POST_LINE}:{ID_COLUMN}: CJ304 [warning] {POST_MESSAGE}"]


def test_a_baseline_treats_cj304_and_its_cj900_as_other_findings(repo: Path) -> None:
    write_library(repo, with_line(5, "  - {id: email, name: Email}  # cjmap: ignore[CJ304]"))
    baseline = repo / "baseline.json"
    assert lint(["."], select=["CJ3", "CJ9"], write_baseline=baseline,
                streams=quiet()) == ExitCode.OK
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    # Keyed by the item's id, not its position; the suppressed 'fax' is not there.
    assert entries == [
        {"file": LIB, "code": "CJ304", "pointer": "/channels/[post]/id", "count": 1},
        {"file": LIB, "code": "CJ900", "pointer": "", "count": 1}]
    out = repo / "out.json"
    lint(["."], select=["CJ3", "CJ9"], baseline=baseline, streams=quiet(),
         reports=[ReportTarget("json", out)])
    assert json.loads(out.read_text(encoding="utf-8"))["findings"] == []
    # A new unused item is reported; the baselined ones stay silent.
    write_library(repo, with_line(5, "  - {id: email, name: Email}  # cjmap: ignore[CJ304]")
                  + "  - {id: sms, name: SMS}\n")
    lint(["."], select=["CJ3", "CJ9"], baseline=baseline, streams=quiet(),
         reports=[ReportTarget("json", out)])
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("CJ304", 8, 10)]
