"""cjmap's port of Mermaid's journey reader against Mermaid's own grammar, on random
diagrams made of the pieces that trip it up (keywords glued to names, comments, entity
codes, odd whitespace, unclosed blocks, emoji next to '%%').

For each diagram both must agree: rejected by both, or accepted by both with the same
title, accessibility texts, sections and tasks (name, score as JavaScript's Number()
gives it, actors).
"""

from __future__ import annotations

import math
import random
import re
from typing import Any

from cjmap.interop.mermaid_grammar import (
    MermaidSyntaxError,
    decode_entities,
    js_number,
    js_trim,
    read_events,
)
from mermaid_harness import run_jison

PIECES = ["journey", "Journey", "journeyé", "journey_", "section", "section ", "title ",
          "title", "accTitle: ", "accDescr: ", "accDescr {", "}", "{", ":", ": ", " : ", "5",
          "4.5", "NaN", "0x3", "7", " ", "  ", "\t", "\n", "\r\n", "\n\n", "\u00a0", "\ufeff",
          "\x1c", "#", "# c", ";", "%", "%x", "%%", "%% c\n", "%%{init: {}}%%", "a", "Task",
          "b c", ",", ", ", "é", "🙂", "#58;", "<br>", '<a href="x">', "-", "---"]


def _diagram(rng: random.Random) -> str:
    return "journey\n" + "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 25)))


def _js_string(number: float) -> str:
    """``String(number)`` in JavaScript, for the values a score takes here."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return str(int(number)) if number.is_integer() else repr(number)


def _ours(text: str) -> dict[str, Any] | None:
    try:
        _, events = read_events(text)
    except MermaidSyntaxError:
        return None
    got: dict[str, Any] = {"title": None, "accTitle": None, "accDescr": None,
                           "sections": [], "tasks": []}
    section = ""
    for event in events:
        if event.kind == "section":
            section = event.text
            got["sections"].append(decode_entities(section))
        elif event.kind == "task":
            pieces = event.data[1:].split(":")
            people = pieces[1].split(",") if len(pieces) > 1 else []
            got["tasks"].append({"section": decode_entities(section),
                                 "task": decode_entities(event.text),
                                 "score": _js_string(js_number(pieces[0])),
                                 "people": [decode_entities(js_trim(p)) for p in people]})
        else:
            got[event.kind] = decode_entities(event.text)
    return got


def test_the_port_reads_random_diagrams_as_mermaids_grammar_does() -> None:
    rng = random.Random(20261129)
    diagrams = [_diagram(rng) for _ in range(1500)]
    theirs = run_jison(diagrams)
    accepted = 0
    for text, mermaid in zip(diagrams, theirs, strict=True):
        if not re.match(r"\s*journey", text):
            continue  # Mermaid's detector turns it away before its parser runs
        ours = _ours(text)
        if "error" in mermaid:
            assert ours is None, (text, mermaid["error"])
        else:
            accepted += 1
            assert ours == mermaid, text
    assert accepted > 300  # the mix exercises both sides
