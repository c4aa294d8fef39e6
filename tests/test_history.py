"""`cjmap history` on a real git repository built here (tests/history_repo.py): rows and
figures against numbers worked out by hand, a broken version in the middle, a rename,
the revision filters, shallow clones and bad input."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cjmap import gitio
from cjmap.commands.history import read_history
from history_repo import DATES, V1, cjmap, git, init_repo, make_history_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ROOT = Path(__file__).resolve().parent.parent
MAP = "maps/shop.cjmap.yaml"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("history") / "repo"
    return root, make_history_repo(root)


def history_json(root: Path, *args: str) -> dict[str, Any]:
    done = cjmap(root, "history", MAP, "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def versions(root: Path, *args: str) -> list[dict[str, Any]]:
    maps = history_json(root, *args)["maps"]
    assert len(maps) == 1
    found: list[dict[str, Any]] = maps[0]["versions"]
    return found


def means(items: list[dict[str, Any]]) -> dict[str, float | None]:
    return {item["id"]: item["mean"] for item in items}


def test_one_row_per_version_oldest_first_following_the_rename(
        repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    rows = versions(root)
    # The readme-only commit changed no map: four versions, not five.
    assert [r["commit"] for r in rows] == commits
    assert [r["date"] for r in rows] == list(DATES)
    assert [r["path"] for r in rows] == ["maps/old.cjmap.yaml"] + [MAP] * 3
    assert rows[0]["subject"] == "v1"


def test_figures_match_the_hand_computation(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    v1, v2, _, v4 = (r["figures"] for r in versions(root))
    assert (v1["reviewed"], v1["touchpoints"], v1["pain_points"]) == ("2026-01-01", 3, 2)
    assert v1["opportunities"] == {"idea": 1, "planned": 0, "in_progress": 0, "done": 0,
                                   "dropped": 0}
    assert v1["pain_weight"] == 5  # 4 × 0.5 + 3 × 1
    assert v1["coverage"] == pytest.approx(0.4)  # 2 / 5
    assert means(v1["stage_emotions"]) == {"find": 0.75, "buy": -2}
    assert means(v1["persona_emotions"]) == pytest.approx({"ann": 1 / 3, "bob": 0})
    assert {m["id"]: m["status"] for m in v1["metrics"]} == {"nps": "off target",
                                                              "churn": "on target"}
    assert v1["emotion_scale"] == {"min": -2, "max": 2}

    assert v2["reviewed"] == "2026-02-01"
    assert v2["coverage"] == 1  # (2 + 3) / 5
    assert v2["opportunities"]["planned"] == 1 and v2["opportunities"]["done"] == 1
    assert {m["id"]: (m["value"], m["status"]) for m in v2["metrics"]}["nps"] == (
        35, "on target")

    assert v4["coverage"] == pytest.approx(0.4)  # no-fees dropped: 2 / 5
    assert v4["opportunities"]["dropped"] == 1 and v4["opportunities"]["done"] == 1
    assert means(v4["stage_emotions"]) == {"find": 0.75, "buy": 0}
    assert means(v4["persona_emotions"]) == {"ann": 1, "bob": 0}  # (1 + 2 + 0) / 3


def test_a_broken_version_is_a_row_that_says_why(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    broken = versions(root)[2]
    assert broken["figures"] is None
    assert broken["problem"].startswith("does not load")
    assert broken["findings"][0]["code"] == "CJ001"
    # The unclosed "[" opens on line 19 of V3 ("stages:" is the 19th line of V1); libyaml
    # notices on a later line, where the block content inside it starts.
    assert V1.splitlines().index("stages:") + 1 == 19
    assert broken["findings"][0]["line"] > 19
    done = cjmap(root, "history", MAP)
    assert done.returncode == 0
    assert "does not load" in done.stdout and "CJ001" in done.stdout


def test_json_output_validates_against_the_published_schema(
        repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    schema = json.loads((ROOT / "schemas" / "history.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(history_json(root), schema)


def test_table_fits_100_columns(repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    done = cjmap(root, "history", MAP)
    assert done.returncode == 0, done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 100
    for commit in commits:
        assert commit[:7] in done.stdout
    assert "40%" in done.stdout and "100%" in done.stdout


def test_csv_has_one_row_per_version_with_wide_columns(repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    done = cjmap(root, "history", MAP, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["commit"] for r in rows] == commits
    assert [r["coverage"] for r in rows] == ["0.4", "1.0", "", "0.4"]
    assert [r["emotion:buy"] for r in rows] == ["-2.0", "-2.0", "", "0.0"]
    assert [r["status:nps"] for r in rows] == ["off target", "on target", "", "on target"]
    assert rows[2]["problem"].startswith("does not load")


def test_markdown_neutralises_mentions_and_issue_refs(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    init_repo(root)
    name = "@ops #12.cjmap.yaml"
    (root / name).write_text(V1, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "one", date=DATES[0])
    done = cjmap(root, "history", name, "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert "@ops" not in done.stdout and "#12" not in done.stdout
    assert "@\u200bops" in done.stdout and "#\u200b12" in done.stdout
    assert "| Commit | Date | Reviewed |" in done.stdout


@pytest.mark.parametrize(("args", "expected"), [
    (["--max", "2"], [2, 3]),
    (["--since", "2026-03-01"], [2, 3]),
    (["--rev-range", "v1..HEAD"], [1, 2, 3]),
    (["--rev-range", "v1..HEAD~1"], [1, 2]),
])
def test_revision_filters(repo: tuple[Path, list[str]], args: list[str],
                          expected: list[int]) -> None:
    root, commits = repo
    assert [r["commit"] for r in versions(root, *args)] == [commits[i] for i in expected]


def test_run_from_another_directory_and_through_a_relative_path(
        repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    done = cjmap(root / "maps", "history", "shop.cjmap.yaml", "-f", "json")
    assert [v["commit"] for v in json.loads(done.stdout)["maps"][0]["versions"]] == commits


@pytest.mark.parametrize(("args", "message"), [
    (["--rev-range", "nope..HEAD"], "unknown revision 'nope'"),
    (["--since", "March"], "--since 'March' is not a date"),
    (["--max", "0"], "--max must be at least 1"),
    (["--chart", "trend.gif"], "give a file ending in .svg, .png or .pdf"),
    (["maps"], "maps: is a directory; name the map file whose history to show"),
])
def test_bad_options_are_one_line_and_exit_2(repo: tuple[Path, list[str]], args: list[str],
                                             message: str) -> None:
    root, _ = repo
    done = cjmap(root, "history", MAP, *args)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_a_file_git_never_knew(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    (root / "maps" / "new.cjmap.yaml").write_text(V1, encoding="utf-8")
    try:
        done = cjmap(root, "history", "maps/new.cjmap.yaml")
    finally:
        (root / "maps" / "new.cjmap.yaml").unlink()
    assert done.returncode == 2
    assert done.stderr == ("cjmap: error: maps/new.cjmap.yaml: git has no commit of this "
                           "file\n")


def test_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "m.cjmap.yaml").write_text(V1, encoding="utf-8")
    done = cjmap(tmp_path / "alone", "history", "m.cjmap.yaml")
    assert done.returncode == 2
    assert done.stderr == ("cjmap: error: m.cjmap.yaml: not inside a git repository; cjmap "
                           "history reads the versions of a map from git\n")


def test_shallow_clone_shows_what_is_there_and_says_so(repo: tuple[Path, list[str]],
                                                       tmp_path: Path) -> None:
    root, commits = repo
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{root}", str(clone))
    done = cjmap(clone, "history", MAP, "--format", "json")
    assert done.returncode == 2
    document = json.loads(done.stdout)
    assert document["maps"][0]["shallow"] is True
    # Depth 2 holds the two newest commits, which are the map's V3 and V4.
    assert [v["commit"] for v in document["maps"][0]["versions"]] == commits[2:]
    assert done.stderr.splitlines() == [
        f"cjmap: error: {MAP}: this repository is a shallow clone, so the history above "
        "stops where the clone was cut; run git fetch --unshallow for the whole of it"]


def test_every_version_is_read_through_one_cat_file_process(
        repo: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    root, commits = repo
    # Every git process starts through subprocess.Popen (subprocess.run uses it too): a spy
    # that records each and lets it run.
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def popen(args: list[str], **kwargs: Any) -> Any:
        started.append(args[1:])
        return real_popen(args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.chdir(root)
    history = read_history(MAP)
    assert [row.version.commit for row in history.rows] == commits
    assert sum(1 for args in started if args[:1] == ["cat-file"]) == 1
    assert sum(1 for args in started if args[:1] == ["show"]) == 0
    assert len(started) == 4  # rev-parse --show-toplevel, --is-shallow-repository, log, cat-file


def test_blob_reader_reads_many_blobs_and_says_none_for_a_missing_one(
        repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    with gitio.BlobReader(root) as reader:
        assert reader.read(commits[0], "maps/old.cjmap.yaml") == V1.encode()
        assert reader.read(commits[0], "maps/shop.cjmap.yaml") is None
        assert reader.read(commits[0], "maps") is None  # a tree, not a file
        assert reader.read(commits[0], "maps/old.cjmap.yaml") == V1.encode()


def test_a_deleted_file_has_a_row_saying_so(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    init_repo(root)
    (root / "m.cjmap.yaml").write_text(V1, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "add", date=DATES[0])
    git(root, "rm", "-q", "m.cjmap.yaml")
    git(root, "commit", "-q", "-m", "remove", date=DATES[1])
    done = cjmap(root, "history", "m.cjmap.yaml", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["maps"][0]["versions"]
    assert [r["subject"] for r in rows] == ["add", "remove"]
    assert rows[0]["figures"]["pain_weight"] == 5
    assert (rows[1]["figures"], rows[1]["problem"]) == (None,
                                                       "the file was deleted in this commit")


def test_several_maps_each_get_their_history(repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    document = history_json(root, "README.md")
    assert [m["path"] for m in document["maps"]] == [MAP, "README.md"]
    assert len(document["maps"][0]["versions"]) == len(commits)
    readme = document["maps"][1]["versions"]
    # README.md is no map: its one version is a row that does not load (CJ003, the schema).
    assert len(readme) == 1 and readme[0]["figures"] is None
    assert readme[0]["problem"].startswith("does not load")
