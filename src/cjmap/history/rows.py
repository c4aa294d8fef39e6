"""Rows of a map's history: the figures of each version, or why a version does not load.

Each number is defined as ``cjmap score`` defines it (:func:`cjmap.score.score_map`):
total pain weight ``Σ severity × frequency``, coverage, and a stage's mean emotion. A
persona's mean emotion is the mean, over the touchpoints that give that persona an
emotion, of that emotion: a per-persona value where the touchpoint has one, otherwise the
touchpoint's single value when the touchpoint is for that persona (``personas`` empty
means every persona). docs/history.md states the same.

A map that uses libraries is measured with them as they were at the same commit
(:mod:`cjmap.history.libraries`), merged by :func:`cjmap.libraries.resolve` as for every
command: the map's own item wins over a library's (CJ302), the first library over a later
one (CJ303). A library that cannot be used at a commit (CJ301: not there, does not load)
makes that version one that does not load, as a broken map does: its figures without the
library's metrics and personas would show a change the journey never had.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from cjmap.findings import Finding
from cjmap.gitio import FileVersion
from cjmap.history.libraries import LibraryVersions
from cjmap.libraries import LIBRARY_NOT_FOUND, map_directory, problem_findings, resolve
from cjmap.load import load_bytes
from cjmap.metrics.targets import MetricState, metric_states
from cjmap.model import JourneyMap, Status
from cjmap.score import score_map


@dataclass(frozen=True, slots=True)
class Mean:
    """A mean emotion of one stage or persona; ``value`` is None when nothing gives one."""

    id: str
    name: str
    value: Fraction | None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The figures of one version of a map that loads."""

    map_id: str
    title: str
    reviewed: dt.date | None
    touchpoints: int
    pain_points: int
    opportunities: dict[Status, int]
    """Every status, in the format's order, with how many opportunities have it (0 too)."""
    pain_weight: Fraction
    coverage: Fraction
    scale: tuple[int, int]
    stages: tuple[Mean, ...]
    personas: tuple[Mean, ...]
    metrics: tuple[MetricState, ...]


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One version: its commit and either its figures or why there are none."""

    version: FileVersion
    snapshot: Snapshot | None
    problem: str | None = None
    """Why there are no figures (the file was deleted, does not load, ...)."""
    findings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return self.snapshot is not None


@dataclass(frozen=True, slots=True)
class History:
    """The versions of one map, oldest first."""

    path: str
    rows: tuple[HistoryRow, ...]
    shallow: bool = False
    """The repository is a shallow clone: older versions may be missing."""

    def loaded(self) -> list[tuple[HistoryRow, Snapshot]]:
        return [(row, row.snapshot) for row in self.rows if row.snapshot is not None]


def _persona_means(journey: JourneyMap) -> tuple[Mean, ...]:
    felt: dict[str, list[int]] = {p.id: [] for p in journey.personas}
    for stage in journey.stages:
        for touchpoint in stage.touchpoints:
            emotion = touchpoint.emotion
            if isinstance(emotion, dict):
                for persona, value in emotion.items():
                    felt.setdefault(persona, []).append(value)
            elif emotion is not None:
                for persona in touchpoint.personas or list(felt):
                    felt.setdefault(persona, []).append(emotion)
    names = {p.id: p.name for p in journey.personas}
    return tuple(Mean(pid, names.get(pid, pid), Fraction(sum(v), len(v)) if v else None)
                 for pid, v in felt.items())


def snapshot(journey: JourneyMap) -> Snapshot:
    """The figures of one map."""
    card = score_map(journey)
    counts = dict.fromkeys(Status, 0)
    for opportunity in journey.opportunities:
        counts[opportunity.status] += 1
    return Snapshot(
        map_id=journey.id,
        title=journey.title,
        reviewed=journey.reviewed,
        touchpoints=sum(len(s.touchpoints) for s in journey.stages),
        pain_points=len(card.pains),
        opportunities=counts,
        pain_weight=card.coverage.total_weight,
        coverage=card.coverage.value,
        scale=card.scale,
        stages=tuple(Mean(s.id, s.name, s.mean_emotion) for s in card.stages),
        personas=_persona_means(journey),
        metrics=metric_states(journey.metrics),
    )


def history_row(version: FileVersion, raw: bytes | None,
                libraries: LibraryVersions) -> HistoryRow:
    """The row of one version; ``raw`` is None when git has no file at that commit."""
    if version.deleted:
        return HistoryRow(version, None, "the file was deleted in this commit")
    if raw is None:
        return HistoryRow(version, None, "git has no file at this path in this commit")
    loaded = load_bytes(raw, f"{version.commit[:12]}:{version.path}")
    if loaded.journey is None or loaded.findings:
        # As for score and render, a duplicate key (a map, but a guessed one) is refused too.
        return _not_loaded(version, loaded.findings)
    journey = loaded.journey
    if journey.uses:
        resolved = resolve(journey, map_directory(version.path), libraries.at(version.commit))
        unusable = [f for f in problem_findings(loaded._replace(resolved=resolved))
                    if (f.code, f.name) == LIBRARY_NOT_FOUND]
        if unusable:
            return _not_loaded(version, unusable)
        journey = resolved.journey
    return HistoryRow(version, snapshot(journey))


def _not_loaded(version: FileVersion, findings: list[Finding]) -> HistoryRow:
    """The row of a version that does not load, saying why in one line."""
    first = findings[0].message if findings else "it does not load"
    count = len(findings)
    more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
    return HistoryRow(version, None, f"does not load: {first}{more}", tuple(findings))


def build_history(path: str, versions: Iterable[tuple[FileVersion, bytes | None]],
                  libraries: LibraryVersions, *, shallow: bool = False) -> History:
    """Rows of the ``(version, bytes)`` pairs given newest first (as git logs them),
    returned oldest first; ``libraries`` has the libraries the versions use."""
    # The collector walking the piles of objects of hundreds of versions costs a tenth of
    # the time; `cjmap history` pauses it (cjmap.fastgc), the library leaves it alone.
    rows = [history_row(version, raw, libraries) for version, raw in versions]
    rows.reverse()
    return History(path, tuple(rows), shallow)
