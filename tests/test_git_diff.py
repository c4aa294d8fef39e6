"""`cjmap diff` against a real git repository made in the test: REV:path, --git BASE,
and the git diff driver (``.gitattributes`` + ``diff.cjmap.command``) through `git diff`."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "diff"
BASE_TEXT = (DATA / "base.cjmap.yaml").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OTHER = """cjmap: 1
id: gone
title: A map deleted later
stages:
  - id: only
    name: Only stage
    touchpoints:
      - id: lonely
        name: Lonely touchpoint
"""
NEW = OTHER.replace("id: gone", "id: fresh").replace("A map deleted later", "A new map")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "FORCE_COLOR"))}
    # No user or system git configuration may change what the test sees.
    env.update({"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
                "GIT_CONFIG_GLOBAL": os.devnull, "LC_ALL": "C"})
    return env


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=_env(repo.parent), capture_output=True,
                          text=True, check=True)
    return done.stdout


def cjmap(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjmap", *args], cwd=repo,
                          env=_env(repo.parent), capture_output=True, text=True, timeout=60,
                          check=False)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """v1 commit: shop + gone maps and a README. v2 commit: shop's checkout emotion 1 -> -1.
    Work tree on top of v2: gone deleted, fresh added (untracked), shop's title changed."""
    root = tmp_path_factory.mktemp("gitdiff") / "repo"
    (root / "maps").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.com")
    git(root, "config", "commit.gpgsign", "false")
    (root / "maps" / "shop.cjmap.yaml").write_text(BASE_TEXT, encoding="utf-8")
    (root / "maps" / "gone.cjmap.yaml").write_text(OTHER, encoding="utf-8")
    (root / "README.md").write_text("maps\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "v1")
    git(root, "tag", "v1")
    v2 = BASE_TEXT.replace("        emotion: 1\n", "        emotion: -1\n")
    (root / "maps" / "shop.cjmap.yaml").write_text(v2, encoding="utf-8")
    git(root, "commit", "-q", "-am", "v2")
    (root / "maps" / "shop.cjmap.yaml").write_text(
        v2.replace("title: Shop journey", "title: Shop"), encoding="utf-8")
    (root / "maps" / "gone.cjmap.yaml").unlink()
    (root / "maps" / "fresh.cjmap.yaml").write_text(NEW, encoding="utf-8")
    (root / "README.md").write_text("maps, changed\n", encoding="utf-8")
    return root


# -- REV:path ----------------------------------------------------------------------------------

def test_rev_path_arguments(repo: Path) -> None:
    done = cjmap(repo, "diff", "v1:maps/shop.cjmap.yaml", "main:maps/shop.cjmap.yaml",
                 "-f", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["old"]["label"] == "v1:maps/shop.cjmap.yaml"
    assert [(c["path"], c["old"], c["new"]) for c in document["changes"]] == [
        ("stages[buy].touchpoints[checkout].emotion", 1, -1)]
    assert document["highlights"][0]["kind"] == "emotion-drop"


def test_rev_path_against_the_work_tree_relative_to_cwd(repo: Path) -> None:
    done = cjmap(repo / "maps", "diff", "HEAD:./shop.cjmap.yaml", "shop.cjmap.yaml",
                 "--exit-code")
    assert done.returncode == 1  # the title changed in the work tree
    assert "title  \"Shop journey\" → \"Shop\"" in done.stdout


def test_empty_revision_reads_the_staged_version(repo: Path) -> None:
    done = cjmap(repo, "diff", "main:maps/shop.cjmap.yaml", ":maps/shop.cjmap.yaml",
                 "--exit-code")
    assert (done.returncode, done.stderr) == (0, "")  # nothing staged since main
    assert "No changes" in done.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["nope:maps/shop.cjmap.yaml", "maps/shop.cjmap.yaml"], "unknown revision 'nope'"),
    (["v1:maps/none.cjmap.yaml", "maps/shop.cjmap.yaml"], "no such file in revision 'v1'"),
    (["--git", "nope"], "unknown revision 'nope'"),
])
def test_unknown_revision_or_path_is_exit_2(repo: Path, args: list[str], message: str) -> None:
    done = cjmap(repo, "diff", *args)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_rev_path_outside_a_repository_is_exit_2(tmp_path: Path) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    done = cjmap(outside, "diff", "HEAD:a.cjmap.yaml", "HEAD:b.cjmap.yaml")
    assert done.returncode == 2
    assert "not inside a git repository" in done.stderr


# -- --git BASE ---------------------------------------------------------------------------------

def test_git_base_diffs_added_removed_and_changed_maps(repo: Path) -> None:
    done = cjmap(repo, "diff", "--git", "v1", "-f", "json", "--exit-code")
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    assert (document["version"], document["base"], document["identical"]) == (1, "v1", False)
    summary = [(d["old"]["label"], d["new"]["label"], [(c["kind"], c["path"])
                                                      for c in d["changes"]])
               for d in document["diffs"]]
    assert summary == [  # sorted by path; README.md is not a map
        ("/dev/null", "maps/fresh.cjmap.yaml", [("added", "")]),
        ("v1:maps/gone.cjmap.yaml", "/dev/null", [("removed", "")]),
        ("v1:maps/shop.cjmap.yaml", "maps/shop.cjmap.yaml",
         [("changed", "title"), ("changed", "stages[buy].touchpoints[checkout].emotion")]),
    ]


def test_git_base_limited_to_paths(repo: Path) -> None:
    done = cjmap(repo, "diff", "--git", "HEAD", "maps/shop.cjmap.yaml")
    assert done.returncode == 0
    assert done.stdout.startswith("cjmap diff HEAD:maps/shop.cjmap.yaml maps/shop.cjmap.yaml\n")
    assert "fresh" not in done.stdout and "gone" not in done.stdout
    assert 'title  "Shop journey" → "Shop"' in done.stdout


def test_git_base_with_nothing_changed(repo: Path) -> None:
    done = cjmap(repo, "diff", "--git", "HEAD", "docs", "--exit-code")
    assert (done.returncode, done.stdout) == (0, "No map changed since HEAD.\n")


# -- the git diff driver --------------------------------------------------------------------------

@pytest.fixture
def driver_repo(tmp_path: Path) -> Path:
    """A repository set up as docs/diff.md tells users to, running this checkout's cjmap."""
    root = tmp_path / "repo"
    (root / "maps").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.com")
    command = f"{shlex.quote(sys.executable)} -m cjmap diff --git-driver"
    git(root, "config", "diff.cjmap.command", command)
    (root / ".gitattributes").write_text("*.cjmap.yaml diff=cjmap\n", encoding="utf-8")
    (root / "maps" / "shop.cjmap.yaml").write_text(BASE_TEXT, encoding="utf-8")
    (root / "maps" / "gone.cjmap.yaml").write_text(OTHER, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "v1")
    return root


def test_git_diff_shows_the_semantic_diff(driver_repo: Path) -> None:
    shop = driver_repo / "maps" / "shop.cjmap.yaml"
    shop.write_text(BASE_TEXT.replace("emotion: {parent: -1, student: 1}",
                                      "emotion: {parent: 1, student: 1}"), encoding="utf-8")
    (driver_repo / "maps" / "gone.cjmap.yaml").unlink()
    out = git(driver_repo, "diff")
    assert "cjmap diff a/maps/shop.cjmap.yaml b/maps/shop.cjmap.yaml\n" in out
    assert "▲ +2 Product page for Parent: emotion -1 → 1" in out  # the persona by name
    assert "changed  stages[browse].touchpoints[product-page].emotion[parent]  -1 → 1" in out
    assert "cjmap diff a/maps/gone.cjmap.yaml b/maps/gone.cjmap.yaml\n" in out
    assert 'Map removed: "A map deleted later" (gone)' in out
    assert "@@" not in out  # no line diff


def test_git_diff_driver_for_a_renamed_file_and_staged_changes(driver_repo: Path) -> None:
    git(driver_repo, "mv", "maps/shop.cjmap.yaml", "maps/store.cjmap.yaml")
    out = git(driver_repo, "diff", "--cached", "-M")
    assert "cjmap diff a/maps/shop.cjmap.yaml b/maps/store.cjmap.yaml\n" in out
    assert "No changes: both versions describe the same map." in out


def test_git_diff_driver_falls_back_for_a_map_that_does_not_load(driver_repo: Path) -> None:
    shop = driver_repo / "maps" / "shop.cjmap.yaml"
    shop.write_text(BASE_TEXT.replace("title: Shop journey", "title: [unclosed"),
                    encoding="utf-8")
    done = subprocess.run(["git", "diff"], cwd=driver_repo, env=_env(driver_repo.parent),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr  # git diff is not broken by a bad map
    assert "CJ001" in done.stdout
    assert "cannot compare by id; showing the line diff" in done.stdout
    assert "-title: Shop journey\n+title: [unclosed\n" in done.stdout


def test_git_missing_is_an_environment_error(tmp_path: Path) -> None:
    env = {**_env(tmp_path), "PATH": str(tmp_path / "empty-bin")}
    done = subprocess.run([sys.executable, "-m", "cjmap", "diff", "--git", "main"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr == ("cjmap: error: git is not installed (or not on PATH); it is needed "
                           "to read REV:path arguments and for --git\n")
