"""Libraries (docs/portfolio.md): every command on a repository of maps that share one.

The repository: ``library/shared.cjlib.yaml`` (a persona, two channels, a metric) and two
maps under ``maps/`` that use it. Expected values are the library's own text: a name
changed in the library must show in the map's render, HTML view and diff --resolve.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cjmap.inputs
import cjmap.libraries
from cjmap.cli import app
from cjmap.libraries import LibraryCache, resolve
from cjmap.load import load_path
from cjmap.model import Kind

LIBRARY = """\
cjmap: 1
id: shared
title: Shared items
personas:
  - {id: parent, name: Busy parent}
channels:
  - {id: email, name: Email newsletter}
  - {id: fax, name: Fax}
metrics:
  - {id: nps, name: Net Promoter Score, value: 10, target: 30, better: higher}
"""

CHECKOUT = """\
cjmap: 1
id: checkout
title: Checkout
uses: [../library/shared.cjlib.yaml]
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: receipt
        name: Receipt
        channel: email
        emotion: {parent: 1}
        metrics: [nps]
        pain_points: [{id: late, title: Late receipt, severity: 3}]
opportunities:
  - {id: instant, title: Instant receipt, addresses: [late], impact: 3, effort: 2}
"""

RETURNS = """\
cjmap: 1
id: returns
title: Returns
uses: [../library/shared.cjlib.yaml]
stages:
  - id: send
    name: Send back
    touchpoints: [{id: form, name: Return form, channel: fax}]
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "library").mkdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "library" / "shared.cjlib.yaml").write_text(LIBRARY, encoding="utf-8")
    (tmp_path / "maps" / "checkout.cjmap.yaml").write_text(CHECKOUT, encoding="utf-8")
    (tmp_path / "maps" / "returns.cjmap.yaml").write_text(RETURNS, encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rename_persona(repo: Path) -> None:
    """The change under review: the library renames its persona and raises a target."""
    path = repo / "library" / "shared.cjlib.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Busy parent", "Working parent")
                    .replace("target: 30", "target: 40"), encoding="utf-8")


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


# -- resolving ------------------------------------------------------------------------


def test_resolve_merges_the_library_after_the_maps_own_items(repo: Path) -> None:
    loaded = load_path("maps/checkout.cjmap.yaml")
    assert loaded.journey is not None
    resolved = resolve(loaded.journey, "maps", LibraryCache())
    assert resolved.problems == []
    assert [p.name for p in resolved.journey.personas] == ["Busy parent"]
    assert [c.id for c in resolved.journey.channels] == ["email", "fax"]
    origin = resolved.by_item[(Kind.CHANNEL, "fax")]
    assert (origin.library, origin.pointer) == ("library/shared.cjlib.yaml", "/channels/1")
    assert resolved.origin_at("/channels/1/name") == origin
    assert resolved.used_items() == {("library/shared.cjlib.yaml", Kind.PERSONA, "parent"),
                                     ("library/shared.cjlib.yaml", Kind.CHANNEL, "email"),
                                     ("library/shared.cjlib.yaml", Kind.METRIC, "nps")}


def test_a_library_may_not_use_another_library(repo: Path) -> None:
    path = repo / "library" / "shared.cjlib.yaml"
    path.write_text(LIBRARY + "uses: [other.cjlib.yaml]\n", encoding="utf-8")
    code, out = cli("lint", "-f", "concise", str(path))
    assert code == 1
    assert "CJ003 [error] unknown field 'uses'" in out


def test_lint_reads_each_library_once_however_many_maps_use_it(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(20):
        (repo / "maps" / f"copy{n}.cjmap.yaml").write_text(
            CHECKOUT.replace("id: checkout", f"id: copy{n}"), encoding="utf-8")
    reads: list[str] = []
    real = cjmap.inputs.read_bounded

    def counting(path: str, limit: int) -> bytes:
        reads.append(path)
        return real(path, limit)

    monkeypatch.setattr(cjmap.libraries, "read_bounded", counting)
    code, out = cli("lint", "--jobs", "1", "-f", "concise", ".")
    assert code == 0, out
    # 22 maps use it and it is linted itself: one read.
    assert reads == [os.path.normpath("library/shared.cjlib.yaml")]


def test_lint_suggests_a_library_id_for_a_misspelt_reference(repo: Path) -> None:
    path = repo / "maps" / "returns.cjmap.yaml"
    path.write_text(RETURNS.replace("channel: fax", "channel: fxa"), encoding="utf-8")
    code, out = cli("lint", "-f", "concise", "--select", "CJ102", str(path))
    assert code == 1
    assert "unknown channel 'fxa' (did you mean 'fax'?)" in out


def test_lint_of_the_directory_is_clean_and_finds_unused_library_items(repo: Path) -> None:
    code, out = cli("lint", "-f", "concise", "--select", "CJ1,CJ3", ".")
    assert (code, out) == (0, "")
    (repo / "maps" / "returns.cjmap.yaml").unlink()
    code, out = cli("lint", "-f", "concise", "--select", "CJ3", ".")
    assert code == 0  # a warning
    assert out.splitlines() == [
        "library/shared.cjlib.yaml:8:10: CJ304 [warning] channel 'fax' is in the library "
        "but no map linted with it uses it"]


def test_lint_in_parallel_finds_the_same(repo: Path) -> None:
    for n in range(12):
        (repo / "maps" / f"copy{n}.cjmap.yaml").write_text(
            CHECKOUT.replace("id: checkout", f"id: copy{n}")
            + f"# {'padding ' * 20_000}\n", encoding="utf-8")
    serial = cli("lint", "-f", "concise", "--jobs", "1", ".")
    parallel = cli("lint", "-f", "concise", "--jobs", "2", ".")
    assert serial == parallel


# -- every command resolves -----------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="Graphviz from the system")
def test_render_shows_names_from_the_library(repo: Path) -> None:
    rename_persona(repo)
    code, out = cli("render", "maps/checkout.cjmap.yaml", "-f", "svg", "-o", "out.svg")
    assert code == 0, out
    svg = (repo / "out.svg").read_text(encoding="utf-8")
    assert "Email newsletter" in svg       # the touchpoint's channel, named by the library
    assert "Working parent" in svg         # the emotion curve's persona


def test_the_html_view_shows_names_from_the_library(repo: Path) -> None:
    rename_persona(repo)
    code, out = cli("render", "maps/checkout.cjmap.yaml", "-f", "html", "-o", "view.html")
    assert code == 0, out
    page = (repo / "view.html").read_text(encoding="utf-8")
    assert "Working parent" in page and "Email newsletter" in page
    assert "CJ206" not in page  # the library's unused items are not the map's findings


def test_score_and_metrics_resolve_the_library(repo: Path) -> None:
    code, out = cli("score", "-f", "json", "maps/checkout.cjmap.yaml")
    assert code == 0, out
    assert json.loads(out)["maps"][0]["pains"][0]["id"] == "late"
    rename_persona(repo)
    code, out = cli("metrics", "list", "-f", "json", "maps/checkout.cjmap.yaml")
    assert code == 0, out
    [metric] = json.loads(out)["metrics"]
    assert (metric["id"], metric["name"], metric["target"]) == ("nps", "Net Promoter Score", 40)


def test_a_missing_library_stops_render_and_score(repo: Path) -> None:
    (repo / "library" / "shared.cjlib.yaml").unlink()
    for args in (("score", "maps/checkout.cjmap.yaml"),
                 ("render", "-f", "dot", "-o", "x.dot", "maps/checkout.cjmap.yaml")):
        code, out = cli(*args)
        assert code == 1, args
        assert "CJ301 [error] library '../library/shared.cjlib.yaml' not found" in out


def test_directories_of_maps_do_not_take_libraries_for_maps(repo: Path) -> None:
    code, out = cli("score", ".")
    assert code == 0, out
    assert "shared" not in out.split("\n")[0]


# -- diff -----------------------------------------------------------------------------


def test_diff_of_a_library_is_by_item(repo: Path) -> None:
    old = repo / "old.cjlib.yaml"
    old.write_text(LIBRARY, encoding="utf-8")
    new = repo / "new.cjlib.yaml"
    new.write_text(LIBRARY.replace("Busy parent", "Working parent")
                   .replace("  - {id: fax, name: Fax}\n", "")
                   .replace("id: nps", "id: net-promoter")
                   + "evidence:\n  - {id: survey, title: Survey}\n", encoding="utf-8")
    code, out = cli("diff", "-f", "json", str(old), str(new))
    assert code == 0, out
    changes = {(c["kind"], c["path"]) for c in json.loads(out)["changes"]}
    assert changes == {("changed", "personas[parent].name"), ("removed", "channels[fax]"),
                       ("renamed", "metrics[net-promoter]"), ("added", "evidence[survey]")}


def test_diff_of_a_map_says_when_its_uses_changed(repo: Path) -> None:
    path = repo / "maps" / "returns.cjmap.yaml"
    two = "uses: [../library/shared.cjlib.yaml, ../library/x.cjlib.yaml]"
    path.write_text(RETURNS.replace("uses: [../library/shared.cjlib.yaml]", two),
                    encoding="utf-8")
    code, out = cli("diff", "HEAD:maps/returns.cjmap.yaml", "maps/returns.cjmap.yaml")
    assert code == 0, out
    assert 'changed  uses  ["../library/shared.cjlib.yaml"] → ' in out


def test_diff_resolve_shows_what_the_library_change_did_to_the_map(repo: Path) -> None:
    rename_persona(repo)
    code, out = cli("diff", "-f", "json", "HEAD:maps/checkout.cjmap.yaml",
                    "maps/checkout.cjmap.yaml")
    assert code == 0 and json.loads(out)["identical"]  # the map's own file is unchanged
    code, out = cli("diff", "--resolve", "-f", "json", "HEAD:maps/checkout.cjmap.yaml",
                    "maps/checkout.cjmap.yaml")
    assert code == 0, out
    changes = [(c["path"], c["old"], c["new"], c["old_line"], c["new_line"])
               for c in json.loads(out)["changes"]]
    assert changes == [("personas[parent].name", "Busy parent", "Working parent", None, None),
                       ("metrics[nps].target", 30, 40, None, None)]


def test_diff_git_covers_the_library_and_lists_the_maps_that_use_it(repo: Path) -> None:
    rename_persona(repo)
    code, out = cli("diff", "--git", "HEAD", "-f", "json")
    assert code == 0, out
    [library] = json.loads(out)["diffs"]
    assert library["new"]["label"] == "library/shared.cjlib.yaml"
    assert library["used_by"] == ["maps/checkout.cjmap.yaml", "maps/returns.cjmap.yaml"]
    code, out = cli("diff", "--git", "HEAD")
    assert "Library used by 2 maps: maps/checkout.cjmap.yaml, maps/returns.cjmap.yaml" in out
    code, out = cli("diff", "--git", "HEAD", "--resolve", "-f", "json")
    assert code == 0, out
    assert len(json.loads(out)["diffs"]) == 1  # maps whose files did not change are not listed


def test_a_library_gets_its_own_field_names_suggested(tmp_path: Path) -> None:
    path = tmp_path / "x.cjlib.yaml"
    path.write_text("cjmap: 1\nid: x\ntitle: X\nstages: []\npersona: []\n", encoding="utf-8")
    code, out = cli("lint", "-f", "concise", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:4:1: CJ003 [error] unknown field 'stages'",
        f"{path}:5:1: CJ003 [error] unknown field 'persona' (did you mean 'personas'?)"]


def test_score_by_persona_and_channel_name_groups_from_the_library(repo: Path) -> None:
    rename_persona(repo)
    code, out = cli("score", "--by", "persona", "-f", "json", "maps")
    assert code == 0, out
    groups = {g["key"]: g for g in json.loads(out)["groups"]}
    assert groups["parent"]["names"] == ["Working parent"]
    code, out = cli("score", "--by", "channel", "-f", "json", "maps")
    assert code == 0, out
    names = {g["key"]: g["names"] for g in json.loads(out)["groups"]}
    assert names["email"] == ["Email newsletter"]


def test_the_site_has_pages_for_the_librarys_persona_and_channels(repo: Path) -> None:
    rename_persona(repo)
    code, out = cli("site", "maps", "-o", "site")
    assert code == 0, out
    assert "Working parent" in (repo / "site" / "personas" / "parent.html").read_text("utf-8")
    assert sorted(p.name for p in (repo / "site" / "channels").iterdir()) == [
        "email.html", "fax.html"]


def test_export_writes_the_librarys_items_into_the_map(repo: Path) -> None:
    rename_persona(repo)
    code, out = cli("export", "maps/checkout.cjmap.yaml", "--to", "mermaid", "-o", "-")
    assert code == 0, out
    assert "Receipt: 4: Working parent" in out  # emotion 1 on -2..2 is 4 on Mermaid's 1..5
    code, out = cli("export", "maps/checkout.cjmap.yaml", "--to", "csv", "-o", "tables")
    assert code == 0, out
    channels = (repo / "tables" / "channels.csv").read_text("utf-8").splitlines()
    assert channels == ["id,name,kind", "email,Email newsletter,", "fax,Fax,"]


def test_a_library_over_the_size_limit_is_a_finding_not_a_stop(repo: Path) -> None:
    big = repo / "library" / "shared.cjlib.yaml"
    big.write_text(LIBRARY + "#" + "x" * (10 * 1024 * 1024) + "\n", encoding="utf-8")
    code, out = cli("lint", "-f", "concise", "--select", "CJ001,CJ3", ".")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("library/shared.cjlib.yaml:1:1: CJ001 [error] the file is 10.0 MiB")
    assert lines[1].startswith("maps/checkout.cjmap.yaml:4:8: CJ301 [error] library "
                               "'../library/shared.cjlib.yaml' has 1 problem")
    assert len(lines) == 3 and lines[2].startswith("maps/returns.cjmap.yaml:4:8: CJ301")
