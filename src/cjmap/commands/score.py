"""``cjmap score``: load maps, score them, report, and apply the coverage gate.

The gate applies to each map: every map must reach ``--min-coverage``, which is what a CI
job guarding a repository of maps wants (one well-covered map must not hide a neglected
one). The report is written in full either way; the maps that miss the gate are named on
stderr with their coverage and their heaviest unaddressed pains.
"""

from __future__ import annotations

import math
from pathlib import Path

from cjmap.choices import METHODS, ROLLUPS
from cjmap.commands import Streams
from cjmap.commands.maps import expand, load_all
from cjmap.errors import ExitCode, UsageError
from cjmap.fastgc import fast_gc
from cjmap.output import text_output
from cjmap.reporting.formats import ROLLUP_REPORTERS, SCORE_REPORTERS
from cjmap.reporting.text import num, percent, plural
from cjmap.rollup import By, rollup
from cjmap.score import GateFailure, Method, ScoreResult, exact, score_maps
from cjmap.terminal import wants_color

# How many unaddressed pains to name for a map that misses the gate.
GATE_PAINS_NAMED = 3


def score(
    maps: list[str],
    *,
    output_format: str = "table",
    output: Path | None = None,
    method: str = "weighted",
    top: int | None = None,
    min_coverage: float | None = None,
    explain: bool = False,
    by: str | None = None,
    mermaid: bool = False,
    wide: bool = False,
    streams: Streams,
) -> ExitCode:
    """Score the maps, write the scorecard (or with ``by``, the roll-up across them), and
    exit 1 when a map misses the gate."""
    reporter = SCORE_REPORTERS.chosen(output_format)
    grouping = None if by is None else ROLLUPS.check(by)
    chosen = Method(METHODS.check(method))
    if top is not None and top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    minimum = None
    if min_coverage is not None:
        if not (math.isfinite(min_coverage) and 0 <= min_coverage <= 1):
            raise UsageError(f"--min-coverage must be between 0 and 1, not {min_coverage}")
        minimum = exact(min_coverage)
    if not maps:
        raise UsageError("name at least one map file or directory to score")
    if mermaid and output_format != "markdown":
        raise UsageError("--mermaid adds journeys to the Markdown report: use --format markdown")

    paths = expand(maps)
    with fast_gc():
        loaded = load_all(paths, streams)
        result = score_maps([(m.path, journey) for m, journey in loaded], chosen, top=top,
                            min_coverage=minimum)
    _warn_unknown(result, streams)
    journeys = ""
    if mermaid:
        from cjmap.commands.interop import mermaid_section

        journeys = mermaid_section([(m.path, journey) for m, journey in loaded])

    with text_output(output, paths, streams.stdout) as stream:
        color = stream is streams.stdout and wants_color(stream)
        if grouping is None:
            reporter(stream, color=color, explain=explain, wide=wide).report(result)
        else:
            rolled = rollup(result, [journey for _, journey in loaded], By(grouping), top)
            ROLLUP_REPORTERS.chosen(output_format)(
                stream, color=color, explain=explain, wide=wide).report(rolled)
        stream.write(journeys)
    if stream is not streams.stdout:
        what = "Scorecard" if grouping is None else f"Roll-up by {grouping}"
        streams.note(f"{what} of {plural(len(result.cards), 'map')} written to {output}.")

    failures = result.failures()
    for failure in failures:
        streams.note(_gate_message(failure))
    return ExitCode.PROBLEMS if failures else ExitCode.OK


def _warn_unknown(result: ScoreResult, streams: Streams) -> None:
    for card in result.cards:
        for o in card.ranked + card.closed:
            for pain_id in o.unknown:
                streams.note(f"cjmap: warning: {card.path}: opportunity '{o.id}' addresses "
                             f"'{pain_id}', which is not a pain point of the map; it is "
                             "not scored (cjmap lint reports it as CJ102)")


def _gate_message(failure: GateFailure) -> str:
    card = failure.card
    message = (f"cjmap: {card.path}: coverage {percent(card.coverage.value)} of map "
               f"'{card.map_id}' is below --min-coverage {percent(failure.minimum)}")
    heaviest = card.unaddressed[:GATE_PAINS_NAMED]
    if heaviest:
        named = ", ".join(f"'{p.id}' (weight {num(p.weight)})" for p in heaviest)
        more = len(card.unaddressed) - len(heaviest)
        message += f"; largest unaddressed pains: {named}"
        if more:
            message += f" and {more} more"
    return message
