"""``cjmap score``: load maps, score them, report, and apply the coverage gate.

The gate applies to each map: every map must reach ``--min-coverage``, which is what a CI
job guarding a repository of maps wants (one well-covered map must not hide a neglected
one). The report is written in full either way; the maps that miss the gate are named on
stderr with their coverage and their heaviest unaddressed pains.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TextIO

from cjmap.commands.maps import expand, load_all
from cjmap.errors import ExitCode, UsageError
from cjmap.output import text_output, wants_color
from cjmap.score import GateFailure, Method, ScoreResult, exact, score_maps
from cjmap.scorereport import SCORE_REPORTERS
from cjmap.scorereport.base import num, percent

# How many unaddressed pains to name for a map that misses the gate.
GATE_PAINS_NAMED = 3


def _choice(value: str, choices: list[str], what: str) -> str:
    if value not in choices:
        raise UsageError(f"unknown {what} {value!r}; choose one of {', '.join(choices)}")
    return value


def score(
    maps: list[str],
    *,
    output_format: str = "table",
    output: Path | None = None,
    method: str = "weighted",
    top: int | None = None,
    min_coverage: float | None = None,
    explain: bool = False,
    mermaid: bool = False,
    stdout: TextIO,
    stderr: TextIO,
) -> ExitCode:
    _choice(output_format, list(SCORE_REPORTERS), "format")
    chosen = Method(_choice(method, [m.value for m in Method], "method"))
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
    loaded = load_all(paths, stderr)
    result = score_maps([(m.path, journey) for m, journey in loaded], chosen, top=top,
                        min_coverage=minimum)
    _warn_unknown(result, stderr)
    journeys = ""
    if mermaid:
        from cjmap.commands.interop import mermaid_section

        journeys = mermaid_section([(m.path, journey) for m, journey in loaded])

    if output is None or str(output) == "-":
        stream = stdout
        reporter = SCORE_REPORTERS[output_format](stream, color=wants_color(stream),
                                                  explain=explain)
        reporter.report(result)
        stream.write(journeys)
    else:
        with text_output(output, paths) as stream:
            SCORE_REPORTERS[output_format](stream, color=False, explain=explain).report(result)
            stream.write(journeys)
        stderr.write(f"Scorecard of {len(result.cards)} map"
                     f"{'s' if len(result.cards) != 1 else ''} written to {output}.\n")

    failures = result.failures()
    for failure in failures:
        stderr.write(_gate_message(failure) + "\n")
    return ExitCode.PROBLEMS if failures else ExitCode.OK


def _warn_unknown(result: ScoreResult, stderr: TextIO) -> None:
    for card in result.cards:
        for o in card.ranked + card.closed:
            for pain_id in o.unknown:
                stderr.write(f"cjmap: warning: {card.path}: opportunity '{o.id}' addresses "
                             f"'{pain_id}', which is not a pain point of the map; it is "
                             "not scored (cjmap lint reports it as CJ102)\n")


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
