"""Parallel lint: --jobs 1 and --jobs 2 give the same bytes; the progress bar's rules."""

from __future__ import annotations

import io
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from bench.generate import generate_map, write_corpus

from cjmap.commands import Streams
from cjmap.commands.lint import PROGRESS_MIN_FILES, ReportTarget, lint
from cjmap.errors import ExitCode, InputError
from cjmap.lint import engine, pool
from cjmap.lint.engine import LintOptions, iter_lint

FORMATS = ("text", "concise", "json", "sarif", "junit", "github")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "cjmap.toml").write_text("[lint]\nstale-after-days = 100000\n")
    maps = root / "maps"
    write_corpus(maps, 200, touchpoints=5)
    # A big map first, so the first chunk finishes last when run in parallel.
    (maps / "map-00000.cjmap.yaml").write_text(generate_map(400, seed=1, map_id="big"))
    (maps / "map-00003.cjmap.yaml").write_text("cjmap: 1\nid: [unclosed\n")  # CJ001
    (maps / "map-00077.cjmap.yaml").write_text(
        generate_map(5, seed=77, map_id="map-77").replace("severity: ", "severity: x"))
    with_warnings = generate_map(5, seed=150, map_id="map-150")
    with_warnings = with_warnings.replace("channels:\n", "channels:\n  - id: fax\n"
                                          "    name: Fax  # cjmap: ignore[CJ201]\n", 1)
    (maps / "map-00150.cjmap.yaml").write_text(with_warnings)
    (maps / "map-00199.cjmap.yaml").write_text(
        with_warnings.replace("  - id: fax\n", "  - id: fax  # cjmap: ignore[CJ206]\n"))
    return root


def run_all_formats(corpus: Path, out: Path, jobs: int) -> ExitCode:
    out.mkdir()
    reports = [ReportTarget(fmt, out / f"lint.{fmt}") for fmt in FORMATS]
    return lint(["maps"], reports=reports, jobs=jobs,
                streams=Streams(io.StringIO(), io.StringIO()))


def test_jobs_1_and_jobs_2_give_identical_bytes(corpus: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)  # the corpus is small: pool anyway
    pools: list[int] = []

    class CountingPool(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pool, "ProcessPoolExecutor", CountingPool)
    serial = run_all_formats(corpus, tmp_path / "serial", jobs=1)
    assert pools == []
    parallel = run_all_formats(corpus, tmp_path / "parallel", jobs=2)
    assert pools == [1]
    assert serial == parallel == ExitCode.PROBLEMS  # the CJ001 and CJ003 maps
    for fmt in FORMATS:
        one = (tmp_path / "serial" / f"lint.{fmt}").read_bytes()
        two = (tmp_path / "parallel" / f"lint.{fmt}").read_bytes()
        assert one == two, fmt
    concise = (tmp_path / "serial" / "lint.concise").read_text().splitlines()
    files = sorted({line.split(":")[0] for line in concise})
    assert files == ["maps/map-00003.cjmap.yaml", "maps/map-00077.cjmap.yaml",
                     "maps/map-00150.cjmap.yaml", "maps/map-00199.cjmap.yaml"]
    # map-00150: 'fax' is unused (CJ206) and the CJ201 suppression on its line is unused.
    assert [line.split(" ")[1] for line in concise if "map-00150" in line] == [
        "CJ206", "CJ900"]
    assert [line.split(" ")[1] for line in concise if "map-00199" in line] == ["CJ900"]
    text = (tmp_path / "serial" / "lint.text").read_text()
    assert text.splitlines()[-1].startswith("200 files checked: ")


def test_results_come_back_in_input_order(corpus: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)
    paths = sorted(str(p) for p in (corpus / "maps").glob("*.cjmap.yaml"))[:48]
    results = list(iter_lint(paths, LintOptions(), jobs=2))
    assert [r.path for r in results] == paths


def test_file_results_keep_only_the_lines_findings_point_at(corpus: Path) -> None:
    path = str(corpus / "maps" / "map-00150.cjmap.yaml")
    (result,) = iter_lint([path], LintOptions())
    assert sorted(result.lines) == sorted({f.line for f in result.findings})


def test_an_unreadable_file_stops_a_parallel_run_with_exit_2(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)
    paths = sorted(str(p) for p in (corpus / "maps").glob("*.cjmap.yaml"))[:40]
    paths.insert(20, str(corpus / "maps" / "missing.cjmap.yaml"))
    with pytest.raises(InputError, match=r"missing\.cjmap\.yaml: no such file"):
        list(iter_lint(paths, LintOptions(), jobs=2))


def test_little_work_does_not_start_a_pool(corpus: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(pool, "ProcessPoolExecutor", no_pool)
    paths = sorted(str(p) for p in (corpus / "maps").glob("*.cjmap.yaml"))
    # 200 small maps: far less YAML than PARALLEL_MIN_BYTES.
    assert sum(Path(p).stat().st_size for p in paths) < engine.PARALLEL_MIN_BYTES
    assert len(list(iter_lint(paths, LintOptions(), jobs=2))) == len(paths)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)
    few = paths[: engine.PARALLEL_MIN_FILES - 1]
    assert len(list(iter_lint(few, LintOptions(), jobs=2))) == len(few)


def test_a_pool_that_cannot_start_falls_back_to_linting_here(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable(*args: object, **kwargs: object) -> None:
        raise OSError(38, "Function not implemented")  # e.g. no working sem_open

    paths = sorted(str(p) for p in (corpus / "maps").glob("*.cjmap.yaml"))[:20]
    expected = list(iter_lint(paths, LintOptions(), jobs=1))
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(pool, "ProcessPoolExecutor", unavailable)
    assert list(iter_lint(paths, LintOptions(), jobs=2)) == expected


def test_jobs_must_be_positive(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    with pytest.raises(Exception, match="--jobs 0"):
        lint(["maps"], jobs=0, streams=Streams(io.StringIO(), io.StringIO()))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("ci", "count", "shown"), [
    (None, 200, True),
    ("true", 200, False),
    (None, PROGRESS_MIN_FILES - 1, False),
    ("false", 200, True),
])
def test_progress_bar_only_on_a_terminal_outside_ci_for_many_files(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        ci: str | None, count: int, shown: bool) -> None:
    monkeypatch.chdir(corpus)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    paths = sorted(str(p.relative_to(corpus)) for p in (corpus / "maps").glob("*.yaml"))
    stderr = Terminal()
    lint(paths[:count], reports=[ReportTarget("concise", tmp_path / "out")], jobs=1,
         streams=Streams(io.StringIO(), stderr))
    assert ("linting" in stderr.getvalue()) is shown


def test_no_progress_bar_when_stderr_is_not_a_terminal(corpus: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    monkeypatch.delenv("CI", raising=False)
    stderr = io.StringIO()
    lint(["maps"], reports=[ReportTarget("concise", tmp_path / "out")], jobs=1,
         streams=Streams(io.StringIO(), stderr))
    assert "linting" not in stderr.getvalue()
