"""``cjmap site``: the files, the numbers on the index, the persona and channel pages,
determinism and what may be written where (docs/portfolio.md).

Numbers are worked out by hand from tests/data/rollup/*.cjmap.yaml (see
tests/test_rollup.py for the pain weights): map a has pains of weight 2 (covered), 3 and 1
(not), so coverage 2/6 = 33.3% and pain weight 6; map b one covered pain of weight 1; map c
none (coverage 100%, weight 0).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cjmap.cli import app
from cjmap.model import JourneyMap
from cjmap.site.portfolio import staleness

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")

DATA = Path(__file__).resolve().parent / "data" / "rollup"
MAPS = [str(DATA / f"{name}.cjmap.yaml") for name in "abc"]


def build(target: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["site", *args, "-o", str(target)])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site") / "out"
    result = build(target, *MAPS)
    assert result.exit_code == 0, result.output
    return target


class Rows(HTMLParser):
    """The text of each cell (and each cell's class) of the tables with a given class."""

    def __init__(self, table_class: str) -> None:
        super().__init__()
        self.table_class, self.inside = table_class, False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.classes: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and found.get("class") == self.table_class:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
            self.classes.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = []
            self.classes[-1].append(found.get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif self.cell is not None and tag in ("td", "th"):
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table(page: Path, table_class: str) -> Rows:
    parser = Rows(table_class)
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_files_of_the_site(site: Path) -> None:
    files = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert files == [".cjmap-site", "channels/email.html", "channels/web.html", "index.html",
                     "maps/a.html", "maps/b.html", "maps/c.html", "personas/p1.html",
                     "personas/p2.html"]
    listed = (site / ".cjmap-site").read_text(encoding="utf-8").splitlines()[1:]
    assert listed == files[1:]  # every page; not the manifest itself


def test_index_lists_every_map_with_its_numbers(site: Path) -> None:
    rows = table(site / "index.html", "maps").rows[1:]
    # Map (title and path) | Owner | State | Reviewed | Coverage | Pain weight | Lint
    assert [(r[0].split("/")[0], r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("Map A", "–", "current", "never reviewed", "33.3%", "6"),
        ("Map B", "–", "current", "never reviewed", "100%", "1"),
        ("Map C", "–", "current", "never reviewed", "100%", "0"),
    ]
    # No `reviewed` date: CJ207 warns, so no map is clean.
    assert all(r[6].endswith(("warning", "warnings", "error", "errors")) for r in rows)


def test_portfolio_matches_stages_by_name_and_colours_cells(site: Path) -> None:
    weight = table(site / "index.html", "heat")
    # "Buy", "  buy " and "BUY" are one stage; the heaviest stage (a's, 6) is the darkest.
    assert weight.rows[0] == ["Map", "Buy"]
    assert weight.rows[1:4] == [["Map A", "6"], ["Map B", "1"], ["Map C", "0"]]
    # ceil(w / 6 × 5): 6 -> w5, 1 -> w1, 0 -> w0.
    assert [c[1] for c in weight.classes[1:4]] == ["w5", "w1", "w0"]
    # The second heat table: mean emotions -1 (a: -2 and 0 on -2..2), 1 (b), 3 (c, on 0..4);
    # on -1..1 they are -0.5, 0.5, 0.5: thirds -1.5 -> -2, 1.5 -> 2.
    assert weight.rows[5:8] == [["Map A", "-1"], ["Map B", "1"], ["Map C", "3"]]
    assert [c[1] for c in weight.classes[5:8]] == ["e-2", "e2", "e2"]


def test_persona_and_channel_pages_list_their_touchpoints(site: Path) -> None:
    # t2 lists no personas: every persona of map a walks it. p1's emotion there is 1.
    p1 = table(site / "personas" / "p1.html", "touchpoints").rows[1:]
    assert [(r[0], r[1], r[2], r[4]) for r in p1] == [("Map A", "Buy", "Shop", "-2"),
                                                      ("Map A", "Buy", "Receipt", "1")]
    p2 = table(site / "personas" / "p2.html", "touchpoints").rows[1:]
    assert [(r[2], r[4]) for r in p2] == [("Receipt", "-1")]
    web = table(site / "channels" / "web.html", "touchpoints").rows[1:]
    assert [(r[0], r[1], r[2], r[3]) for r in web] == [("Map A", "Buy", "Shop", "ecom"),
                                                       ("Map B", "buy", "Checkout", "ecom")]


def test_the_same_maps_give_byte_identical_files(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build(again, *reversed(MAPS)).exit_code == 0
    for page in site.rglob("*"):
        if page.is_file():
            assert (again / page.relative_to(site)).read_bytes() == page.read_bytes(), page


def test_links_are_relative_and_map_text_is_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.cjmap.yaml"
    hostile.write_text((DATA / "b.cjmap.yaml").read_text(encoding="utf-8").replace(
        "title: Map B", "title: '<script>alert(1)</script>'"), encoding="utf-8")
    assert build(tmp_path / "out", str(hostile)).exit_code == 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in index and "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    hrefs = re.findall(r'href="([^"]*)"', index)
    assert hrefs and not [h for h in hrefs if re.match(r"[a-z]+:|/", h)]


def test_a_foreign_directory_needs_force_and_keeps_its_files(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    refused = build(target, MAPS[1])
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    assert build(target, MAPS[1], "--force").exit_code == 0
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (target / "maps" / "b.html").is_file()


def test_rebuilding_a_site_removes_pages_of_maps_that_are_gone(tmp_path: Path) -> None:
    target = tmp_path / "site"
    assert build(target, *MAPS).exit_code == 0
    (target / "extra.txt").write_text("kept", encoding="utf-8")
    assert build(target, MAPS[1]).exit_code == 0  # no --force: it is a cjmap site
    assert not (target / "maps" / "a.html").exists()
    assert not (target / "personas" / "p1.html").exists()
    assert (target / "maps" / "b.html").is_file()
    assert (target / "extra.txt").read_text(encoding="utf-8") == "kept"


def test_refusals_write_nothing(tmp_path: Path) -> None:
    a_file = tmp_path / "file.html"
    a_file.write_text("x", encoding="utf-8")
    assert build(a_file, MAPS[0]).exit_code == 2
    broken = tmp_path / "broken.cjmap.yaml"
    broken.write_text("cjmap: 1\nid: x\n", encoding="utf-8")
    result = build(tmp_path / "out", MAPS[0], str(broken))
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("age", "stale"), [(180, False), (181, True)])
def test_staleness_is_cj207s_rule(age: int, stale: bool) -> None:
    today = dt.date(2026, 11, 29)
    journey = JourneyMap.model_validate(
        {"cjmap": 1, "id": "m", "title": "M", "reviewed": today - dt.timedelta(days=age),
         "stages": [{"id": "s", "name": "S"}]})
    assert staleness(journey, today, 180).stale is stale


def test_page_names_are_file_names_made_safe_and_unique() -> None:
    from cjmap.commands.site import page_names

    paths = ["z/shop.cjmap.yaml", "a/shop.cjmap.yaml", "my map (v2).cjmap.yaml"]
    # Sorted by path: a/shop is first, so it keeps the plain name.
    assert page_names(paths, ["z", "a", "m"]) == ["shop-2", "shop", "my-map-v2"]


def test_the_documented_workflow_builds_the_site_on_push_to_main() -> None:
    import yaml

    workflow = yaml.safe_load((DATA.parents[2] / "docs" / "examples" / "site.yml").read_text(
        encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on` as true
    steps = workflow["jobs"]["build"]["steps"]
    assert any("cjmap site" in step.get("run", "") for step in steps)
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_persona_and_channel_pages_give_their_roll_up_figures(site: Path) -> None:
    # As `score --by`: map c's scale 0..4 differs from a's and b's -2..2, so emotions are
    # on -1..1: p1 has t1 -2 -> -1 and t2 1 -> 0.5, mean -0.25; web has t1 -1 and u1 0.5.
    p1 = (site / "personas" / "p1.html").read_text(encoding="utf-8")
    assert ("Pain weight 3 from 2 pain points across its journeys; 66.7% of it covered; "
            "mean emotion -0.25 (on -1..1).") in p1
    web = (site / "channels" / "web.html").read_text(encoding="utf-8")
    assert ("Pain weight 3 from 2 pain points across its journeys; 100% of it covered; "
            "mean emotion -0.25 (on -1..1).") in web
