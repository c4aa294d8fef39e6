"""`cjmap history` of a map that uses libraries: each version is measured with its
libraries as they were at the same commit (docs/history.md, "Libraries").

Real git repositories built here with the `git` command (tests/history_repo.py). Every
expected value is written by hand from the commits below; blob ids come from git itself.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cjmap import gitio
from cjmap.commands.history import read_history
from cjmap.gitio import BlobInfo
from cjmap.history import build_history
from cjmap.history.libraries import LibraryVersions
from cjmap.yamlio import Limits
from history_repo import cjmap, git, init_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

MAP = "maps/shop.cjmap.yaml"
LIBRARY = "library/shared.cjlib.yaml"

SHOP = """\
cjmap: 1
id: shop
title: Shop
reviewed: {reviewed}
uses: [../library/shared.cjlib.yaml]
personas:
  - {{id: ann, name: Ann}}
metrics:
  - {{id: csat, name: CSAT, value: 4.1, target: 4.5, better: higher}}
stages:
  - id: find
    name: Find
    touchpoints:
      - id: search
        name: Search
        emotion: 1
      - id: browse
        name: Browse
        emotion: {{ann: 2, pat: -1}}
"""
# Persona means by hand, with the library's persona pat: ann: search 1 (for everyone),
# browse 2 -> 1.5; pat: search 1 (for everyone: pat is one of the map's personas once the
# library is in), browse -1 -> 0. Without the library pat would be -1 (browse only).

SHARED = """\
cjmap: 1
id: shared
title: Shared
personas:
  - {{id: pat, name: Pat}}
metrics:
  - id: nps
    name: Net Promoter Score
    value: {nps}
    target: 30
    better: higher
"""
BROKEN_SHARED = "cjmap: 1\nid: shared\ntitle: Shared\nmetrics: [\n"


def commit(root: Path, message: str, date: str, files: dict[str, str | None]) -> str:
    """Write (text) or remove (None) each file, commit them all; the new commit's id."""
    for name, text in files.items():
        path = root / name
        if text is None:
            git(root, "rm", "-q", name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        git(root, "add", name)
    git(root, "commit", "-q", "-m", message, date=f"{date}T09:00:00+00:00")
    return git(root, "rev-parse", "HEAD").strip()


def make_library_repo(root: Path) -> list[str]:
    """Eight commits; the map changes in all but the third. Returns every commit id."""
    init_repo(root)

    def shop(month: int) -> str:
        return SHOP.format(reviewed=f"2026-{month:02}-01")

    return [
        commit(root, "c1", "2026-01-10", {LIBRARY: SHARED.format(nps=10), MAP: shop(1)}),
        commit(root, "c2", "2026-02-10", {LIBRARY: SHARED.format(nps=20), MAP: shop(2)}),
        commit(root, "c3: library only", "2026-02-20", {LIBRARY: SHARED.format(nps=25)}),
        commit(root, "c4", "2026-03-10", {MAP: shop(3)}),
        commit(root, "c5: library gone", "2026-04-10", {LIBRARY: None, MAP: shop(4)}),
        commit(root, "c6: library broken", "2026-05-10", {LIBRARY: BROKEN_SHARED,
                                                          MAP: shop(5)}),
        commit(root, "c7", "2026-06-10", {LIBRARY: SHARED.format(nps=35), MAP: shop(6)}),
        commit(root, "c8", "2026-07-10", {MAP: shop(7)}),
    ]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("history-libraries") / "repo"
    return root, make_library_repo(root)


def versions(root: Path, path: str = MAP) -> list[dict[str, Any]]:
    done = cjmap(root, "history", path, "--format", "json")
    assert done.returncode == 0, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)["maps"][0]["versions"]
    return found


def metric(figures: dict[str, Any], metric_id: str) -> tuple[Any, Any, str]:
    found = {m["id"]: m for m in figures["metrics"]}[metric_id]
    return found["value"], found["target"], found["status"]


def test_the_work_tree_map_lints_clean(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    done = cjmap(root, "lint", MAP)
    assert done.returncode == 0, done.stdout + done.stderr


def test_each_version_has_the_library_as_it_was_at_that_commit(
        repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    rows = versions(root)
    # c3 changed only the library: seven rows, not eight.
    assert [r["commit"] for r in rows] == [c for i, c in enumerate(commits) if i != 2]
    loaded = {r["subject"]: r["figures"] for r in rows if r["figures"] is not None}
    assert metric(loaded["c1"], "nps") == (10, 30, "off target")
    assert metric(loaded["c2"], "nps") == (20, 30, "off target")
    # c4 did not touch the library: it has c3's, not c2's nor the newest.
    assert metric(loaded["c4"], "nps") == (25, 30, "off target")
    assert metric(loaded["c7"], "nps") == (35, 30, "on target")
    assert metric(loaded["c8"], "nps") == (35, 30, "on target")
    # The map's own metric is there too, alongside the library's.
    assert {m["id"] for m in loaded["c1"]["metrics"]} == {"csat", "nps"}
    assert metric(loaded["c1"], "csat") == (4.1, 4.5, "off target")


def test_library_personas_count_in_persona_emotions(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    figures = versions(root)[0]["figures"]
    assert figures["persona_emotions"] == [
        {"id": "ann", "name": "Ann", "mean": 1.5},
        {"id": "pat", "name": "Pat", "mean": 0},
    ]


def test_a_missing_or_broken_library_is_a_row_that_says_why(
        repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    by_subject = {r["subject"]: r for r in versions(root)}
    gone = by_subject["c5: library gone"]
    assert gone["figures"] is None
    assert gone["problem"] == (
        "does not load: library '../library/shared.cjlib.yaml' not found (looked for "
        f"{commits[4][:12]}:{LIBRARY})")
    # The finding is on the map's `uses` entry: line 5 of SHOP, after "uses: [".
    [finding] = gone["findings"]
    assert (finding["code"], finding["line"], finding["column"]) == ("CJ301", 5, 8)

    broken = by_subject["c6: library broken"]
    assert broken["figures"] is None
    assert broken["problem"].startswith(
        "does not load: library '../library/shared.cjlib.yaml' has 1 problem (cjmap lint "
        f"it): {commits[5][:12]}:{LIBRARY}:")
    assert "CJ001" in broken["problem"]


def test_the_table_lists_the_library_problems_and_exits_0(
        repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    done = cjmap(root, "history", MAP)
    # As for a map version that does not load (docs/history.md): not an error.
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "2 of which do not load" in done.stdout
    words = " ".join(done.stdout.split())  # the table wraps long lines at 100 columns
    assert (f"{commits[4][:12]}:{MAP}:5:8: CJ301 [error] library "
            f"'../library/shared.cjlib.yaml' not found (looked for "
            f"{commits[4][:12]}:{LIBRARY})") in words
    assert f"{commits[5][:12]}:{MAP}:5:8: CJ301 [error] library" in words
    assert "Traceback" not in done.stdout + done.stderr


class CountingStore:
    """The real reader, counting the blobs whose bytes are read."""

    def __init__(self, reader: gitio.BlobReader) -> None:
        self.reader = reader
        self.reads: Counter[str] = Counter()

    def info(self, commit: str, path: str) -> BlobInfo | None:
        return self.reader.info(commit, path)

    def read_blob(self, blob_id: str, limit: int) -> bytes | None:
        self.reads[blob_id] += 1
        return self.reader.read_blob(blob_id, limit)


def test_each_library_blob_is_read_once(repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    versions_in_git = gitio.file_log(MAP, root)
    with gitio.BlobReader(root) as reader:
        store = CountingStore(reader)
        pairs = [(v, reader.read(v.commit, v.path)) for v in versions_in_git]
        history = build_history(MAP, pairs, LibraryVersions(store))
    assert [row.version.commit for row in history.rows] == [
        c for i, c in enumerate(commits) if i != 2]
    # The library's blobs at the map's commits, as git names them (c5 has none; c4 has
    # c3's blob, c8 has c7's): five different blobs for six commits that have one.
    expected = [git(root, "rev-parse", f"{c}:{LIBRARY}").strip()
                for i, c in enumerate(commits) if i not in (2, 4)]
    assert len(expected) == 6 and len(set(expected)) == 5
    assert store.reads == Counter(set(expected))


def test_the_map_s_own_item_wins_and_the_first_library_wins(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    init_repo(root)
    own = """\
cjmap: 1
id: own
title: Own
uses: [first.cjlib.yaml, second.cjlib.yaml]
metrics:
  - {id: nps, name: Our NPS, value: 99}
stages:
  - {id: s, name: S, touchpoints: [{id: t, name: T}]}
"""
    library = ("cjmap: 1\nid: {id}\ntitle: {id}\nmetrics:\n"
               "  - {{id: nps, name: NPS, value: {nps}}}\n"
               "  - {{id: ces, name: CES, value: {ces}}}\n")
    second = "cjmap: 1\nid: second\ntitle: Second\nmetrics:\n" + (
        "  - {id: ces, name: CES, value: 5}\n  - {id: churn, name: Churn, value: 0.1}\n")
    commit(root, "one", "2026-01-10", {
        "first.cjlib.yaml": library.format(id="first", nps=10, ces=3),
        "second.cjlib.yaml": second, "own.cjmap.yaml": own})
    commit(root, "two", "2026-02-10", {
        "first.cjlib.yaml": library.format(id="first", nps=20, ces=4),
        "own.cjmap.yaml": own.replace("title: Own", "title: Own map")})
    rows = versions(root, "own.cjmap.yaml")
    values = [{m["id"]: m["value"] for m in r["figures"]["metrics"]} for r in rows]
    # nps: the map's own (CJ302), whatever the library says; ces: the first library's
    # (CJ303), as it was at each commit; churn: the second library's only metric left.
    assert values == [{"nps": 99, "ces": 3, "churn": 0.1},
                      {"nps": 99, "ces": 4, "churn": 0.1}]
    names = [{m["id"]: m["name"] for m in r["figures"]["metrics"]} for r in rows]
    assert [n["nps"] for n in names] == ["Our NPS"] * 2


def test_a_library_outside_the_repository_says_so(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    init_repo(root)
    (tmp_path / "outside.cjlib.yaml").write_text(SHARED.format(nps=1), encoding="utf-8")
    text = SHOP.format(reviewed="2026-01-01").replace(
        "uses: [../library/shared.cjlib.yaml]", "uses: [../outside.cjlib.yaml]")
    commit(root, "one", "2026-01-10", {"shop.cjmap.yaml": text})
    [row] = versions(root, "shop.cjmap.yaml")
    assert row["figures"] is None
    assert row["problem"] == (
        "does not load: library '../outside.cjlib.yaml' cannot be read: ../outside.cjlib.yaml "
        "is outside the git repository, so git has no version of it")


def test_the_chart_draws_the_library_metric(repo: tuple[Path, list[str]],
                                            tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    root, _ = repo
    done = cjmap(root, "history", MAP, "--chart", str(tmp_path / "trend.svg"))
    assert done.returncode == 0, done.stderr
    # No pain in this map: the pain-weight axis of 0 throughout is drawn without a warning.
    assert "Warning" not in done.stderr
    svg = (tmp_path / "trend.svg").read_text(encoding="utf-8")
    for gid in ("metric--nps", "target--nps", "metric--csat"):
        assert f'id="{gid}"' in svg


def test_a_moved_map_s_libraries_are_found_from_where_it_was(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    init_repo(root)
    text = SHOP.format(reviewed="2026-01-01")
    commit(root, "in maps/", "2026-01-10", {LIBRARY: SHARED.format(nps=10), MAP: text})
    # Moved up a directory: its `uses` entry changes with it, and git sees a rename.
    git(root, "mv", MAP, "shop.cjmap.yaml")
    commit(root, "moved up", "2026-02-10", {
        LIBRARY: SHARED.format(nps=20),
        "shop.cjmap.yaml": text.replace("../library/", "library/")})
    rows = versions(root, "shop.cjmap.yaml")
    assert [r["path"] for r in rows] == [MAP, "shop.cjmap.yaml"]
    assert [metric(r["figures"], "nps")[0] for r in rows] == [10, 20]


def test_the_libraries_cost_one_more_git_process_whatever_the_versions(
        repo: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    root, commits = repo
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def popen(args: list[str], **kwargs: Any) -> Any:  # a spy: records, then runs git
        started.append(args[1:])
        return real_popen(args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.chdir(root)
    assert len(read_history(MAP).rows) == len(commits) - 1
    assert [a for a in started if a[:1] == ["cat-file"]] == [
        ["cat-file", "--batch"], ["cat-file", "--batch-check"]]
    assert len(started) == 5  # rev-parse twice, log, and the two cat-file processes


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
def test_the_html_view_over_time_has_the_library_metric(repo: tuple[Path, list[str]],
                                                        tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    root, _ = repo
    page = tmp_path / "shop.html"
    done = cjmap(root, "render", MAP, "-o", str(page), "--history")
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    # The chart's ids get the view's prefix (cjmap.html.history.ID_PREFIX).
    for gid in ("metric--nps", "target--nps", "metric--csat"):
        assert f'id="hist-{gid}"' in html
    assert "Shop: 7 versions in git" in html


def test_a_library_over_the_cap_is_never_read(repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    # A cap below the library's size (the 10 MiB of every input is the same code path):
    # git's size is asked first, so the blob's bytes are never read.
    size = len(SHARED.format(nps=10).encode())
    with gitio.BlobReader(root) as reader:
        store = CountingStore(reader)
        libraries = LibraryVersions(store, Limits(max_bytes=size - 1))
        loaded = libraries.get(commits[0], LIBRARY)
        again = libraries.get(commits[0], LIBRARY)
    assert store.reads == Counter()
    assert loaded is again and libraries.reads == 1
    assert not loaded.ok
    assert [f.code for f in loaded.findings] == ["CJ001"]
    assert f"{size:,} bytes" in loaded.findings[0].message


def test_json_with_library_rows_validates_against_the_schema(
        repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    schema = json.loads((Path(__file__).resolve().parent.parent / "schemas" /
                         "history.schema.json").read_text("utf-8"))
    done = cjmap(root, "history", MAP, "--format", "json")
    jsonschema.validate(json.loads(done.stdout), schema)


def test_the_libraries_kept_loaded_are_bounded_by_their_bytes(
        repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    blob = {i: git(root, "rev-parse", f"{commits[i]}:{LIBRARY}").strip() for i in (0, 1)}
    with gitio.BlobReader(root) as reader:
        # Room for one library only (the last one is always kept): in git's order each
        # blob's versions come together, so the whole history still reads each blob once.
        store = CountingStore(reader)
        versions_in_git = gitio.file_log(MAP, root)
        pairs = [(v, reader.read(v.commit, v.path)) for v in versions_in_git]
        build_history(MAP, pairs, LibraryVersions(store, kept_bytes=1))
        assert set(store.reads.values()) == {1} and len(store.reads) == 5
        # Going back to a blob after another one pushed it out reads it again...
        store = CountingStore(reader)
        small = LibraryVersions(store, kept_bytes=1)
        for i in (0, 1, 0):
            assert small.get(commits[i], LIBRARY).ok
        assert store.reads == Counter({blob[0]: 2, blob[1]: 1})
        # ... and with the default room it is still there.
        store = CountingStore(reader)
        default = LibraryVersions(store)
        for i in (0, 1, 0):
            assert default.get(commits[i], LIBRARY).ok
        assert store.reads == Counter({blob[0]: 1, blob[1]: 1})
