"""Every file of the site, in memory: relative path -> bytes (docs/portfolio.md).

Pure apart from Graphviz, which draws each map's view. Nothing here depends on the
order the maps were found in or on the clock, except staleness (CJ207: the age of a
``reviewed`` date is counted to ``today``, which the caller passes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cjmap.findings import Finding
from cjmap.html.page import build_page
from cjmap.model import JourneyMap
from cjmap.render.graphviz import Engine
from cjmap.render.options import RenderOptions
from cjmap.rollup import By, rollup
from cjmap.score import Method, ScoreResult, combine, combined_coverage, score_map
from cjmap.site.pages import index_page, member_page
from cjmap.site.portfolio import SiteMap, Staleness, channels, personas, stage_columns

MANIFEST = ".cjmap-site"
"""The file that marks a directory as a cjmap site and lists the files it wrote."""
HOME = ("../index.html", "All journeys")


@dataclass(frozen=True, slots=True)
class SiteInput:
    """A loaded map, its lint findings (warning and above) and its review age."""

    path: str
    page: str
    journey: JourneyMap
    findings: tuple[Finding, ...]
    staleness: Staleness


def site_maps(inputs: Sequence[SiteInput]) -> list[SiteMap]:
    """The maps in the order the site lists them: by title, then path."""
    maps = [SiteMap(i.path, i.page, i.journey, score_map(i.journey, path=i.path), i.findings,
                    i.staleness) for i in inputs]
    return sorted(maps, key=lambda m: (m.journey.title.casefold(), m.journey.title, m.path))


def build_site(inputs: Sequence[SiteInput], graphviz: Engine,
               options: RenderOptions | None = None) -> dict[str, bytes]:
    maps = site_maps(inputs)
    people, media = personas(maps), channels(maps)
    cards = [m.card for m in maps]
    coverage = combined_coverage(cards)
    scored = ScoreResult(tuple(cards), combine(cards), coverage, Method.WEIGHTED)
    journeys = [m.journey for m in maps]
    files: dict[str, str] = {
        "index.html": index_page(maps, stage_columns(maps), coverage, people, media),
    }
    for m in maps:
        files[f"maps/{m.page}.html"] = build_page(
            m.journey, m.findings, graphviz, options, name=Path(m.path).name, home=HOME)
    by_persona = rollup(scored, journeys, By.PERSONA)
    for member in people:
        files[f"personas/{member.id}.html"] = member_page(member, "persona", by_persona)
    by_channel = rollup(scored, journeys, By.CHANNEL)
    for member in media:
        files[f"channels/{member.id}.html"] = member_page(member, "channel", by_channel)
    files[MANIFEST] = manifest(sorted(files))
    return {name: text.encode("utf-8") for name, text in sorted(files.items())}


def manifest(names: Sequence[str]) -> str:
    return ("# Written by cjmap site; cjmap replaces a directory holding this file "
            "without --force.\n" + "".join(f"{name}\n" for name in names))


def read_manifest(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]
