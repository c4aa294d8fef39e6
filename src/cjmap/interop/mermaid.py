"""Mermaid ``journey`` diagrams in and out of maps (docs/interop.md, "Mermaid").

Reading follows Mermaid's own parser (:mod:`cjmap.interop.mermaid_grammar`) and then
gives the calls it makes a map's meaning: sections -> stages, tasks -> touchpoints,
actors -> personas, scores -> emotions on a 1..5 scale, ``accDescr`` -> summary.
Writing does the reverse and writes every character a name may hold, through Mermaid's
``#code;`` entities where the grammar would cut a name short.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from cjmap.errors import UsageError
from cjmap.inputs import TooLarge, read_bounded
from cjmap.interop.base import Exported, Imported, Notice
from cjmap.interop.mermaid_grammar import (
    JS_SPACE,
    Event,
    MermaidSyntaxError,
    decode_entities,
    js_number,
    js_trim,
    read_events,
)
from cjmap.model import JourneyMap, Touchpoint
from cjmap.suggest import did_you_mean
from cjmap.yamlio import DEFAULT_MAX_BYTES

NAME = "mermaid"
SCORE_MIN, SCORE_MAX = 1, 5
"""Mermaid draws a task's score as a face on a 1..5 scale."""
ACC_TITLE_KEY = "x-mermaid-acc-title"
"""Where an imported ``accTitle`` is kept (an ``x-`` extension key), and read back from."""
NO_SECTION = "(no section)"
"""The stage of tasks written before the first ``section``."""


# -- import ------------------------------------------------------------------------------------

def read(path: Path) -> Imported:
    """Read a ``.mmd`` file as Mermaid does and make a map of it."""
    origin = f"imported from {path.name} (Mermaid journey)"
    try:
        raw = read_bounded(str(path), DEFAULT_MAX_BYTES)  # the one bounded reader
    except TooLarge:
        return Imported({}, (Notice(f"over the {DEFAULT_MAX_BYTES // (1024 * 1024)} MiB limit "
                                    "of one input", error=True),), origin)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return Imported({}, (Notice("not UTF-8 text", f"line {line}", error=True),), origin)
    return from_text(text, stem=_stem(path.name), origin=origin)


def _stem(name: str) -> str:
    for suffix in (".mmd", ".mermaid", ".md", ".txt"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def from_text(text: str, *, stem: str = "journey", origin: str = "") -> Imported:
    """The map of a diagram's text; ``stem`` names the map when nothing else does."""
    try:
        prepared, events = read_events(text)
    except MermaidSyntaxError as exc:
        notice = Notice(f"Mermaid rejects this diagram: {exc.message}", f"line {exc.line}",
                        error=True)
        return Imported({}, (notice,), origin)
    builder = _MapBuilder(stem)
    builder.notices.extend(Notice(f"{what} is not carried over (a map has no place for "
                                  "Mermaid's settings)", f"line {line}")
                           for line, what in prepared.dropped)
    if prepared.front_title:
        builder.title = prepared.front_title
    for event in events:
        builder.add(event)
    data = builder.data()
    return Imported(data, tuple(sorted(builder.notices, key=_line_of)), origin)


def _line_of(notice: Notice) -> int:
    return int(notice.where.removeprefix("line ")) if notice.where.startswith("line ") else 0


def slug(text: str) -> str:
    """An id made of a name: ASCII letters and digits joined by '-' (may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


@dataclass
class _Stage:
    raw: str  # the section as Mermaid compares it: adjacent equal ones are one section
    id: str
    name: str
    line: int
    touchpoints: list[dict[str, Any]] = field(default_factory=list)


class _MapBuilder:
    """Mermaid's journey database, keeping what a map needs and where it came from."""

    def __init__(self, stem: str) -> None:
        self.notices: list[Notice] = []
        self.used: set[str] = set()
        self.next_number: dict[str, int] = {}  # per slug, the next suffix to try
        self.map_id = self.new_id(stem, "journey")
        self.title = ""
        self.acc_title = ""
        self.acc_descr = ""
        self.stages: list[_Stage] = []
        self.personas: dict[str, str] = {}  # actor name -> persona id, in order of appearance
        self.scores: list[tuple[int, int]] = []  # (score, line) of every integer score

    def new_id(self, name: str, kind: str) -> str:
        """``name`` as a slug, made unique with ``-2``, ``-3`` …; ``kind-1`` … when the
        name has no letter or digit to make a slug of."""
        base = slug(name)
        candidate = base or f"{kind}-1"
        base = base or kind
        number = self.next_number.get(base, 2)
        while candidate in self.used:
            candidate = f"{base}-{number}"
            number += 1
        self.next_number[base] = number
        self.used.add(candidate)
        return candidate

    def add(self, event: Event) -> None:
        if event.kind == "title":
            self.title = decode_entities(js_trim(event.text))
        elif event.kind == "accTitle":
            self.acc_title = decode_entities(event.text)
        elif event.kind == "accDescr":
            self.acc_descr = decode_entities(event.text)
        elif event.kind == "section":
            self.section(event.text, event.line)
        else:
            self.task(event)

    def section(self, raw: str, line: int) -> None:
        if self.stages and self.stages[-1].raw == raw:
            return  # Mermaid draws adjacent sections of one name as one section
        name = decode_entities(js_trim(raw)) or NO_SECTION
        self.stages.append(_Stage(raw, self.new_id(name, "stage"), name, line))

    def task(self, event: Event) -> None:
        where = f"line {event.line}"
        if not self.stages:
            self.stages.append(_Stage("", self.new_id(NO_SECTION, "stage"), NO_SECTION,
                                      event.line))
            self.notices.append(Notice(f"tasks before the first section go into a stage "
                                       f"named {NO_SECTION!r}", where))
        name = decode_entities(js_trim(event.text))
        touchpoint: dict[str, Any] = {"id": self.new_id(name, "touchpoint"), "name": name}
        pieces = event.data[1:].split(":")
        if len(pieces) > 2:
            ignored = (":" + ":".join(pieces[2:])).rstrip()
            self.notices.append(Notice(f"Mermaid ignores {ignored!r} after the actors "
                                       f"of task {name!r}; so does the import", where))
        actors = self.actors(pieces[1].split(",") if len(pieces) > 1 else [], name, where)
        if actors:
            touchpoint["personas"] = actors
        emotion = self.emotion(pieces[0], name, event.line)
        if emotion is not None:
            touchpoint["emotion"] = emotion
        self.stages[-1].touchpoints.append(touchpoint)

    def actors(self, names: list[str], task: str, where: str) -> list[str]:
        ids: list[str] = []
        for raw in names:
            name = decode_entities(js_trim(raw))
            if not name:
                self.notices.append(Notice(f"task {task!r} has an empty actor (a ':' or ',' "
                                           "with no name after it); it is left out", where))
                continue
            if name not in self.personas:
                self.personas[name] = self.new_id(name, "persona")
            if self.personas[name] not in ids:
                ids.append(self.personas[name])
        return ids

    def emotion(self, text: str, task: str, line: int) -> int | None:
        where = f"line {line}"
        if not js_trim(text):
            self.notices.append(Notice(f"task {task!r} has a blank score (Mermaid reads it as "
                                       "0); the touchpoint gets no emotion", where))
            return None
        score = js_number(text)
        if not (math.isfinite(score) and score.is_integer() and abs(score) <= 2**53):
            shown = "NaN" if math.isnan(score) else f"{score:g}"
            self.notices.append(Notice(f"task {task!r} has the score {js_trim(text)!r} "
                                       f"(Mermaid reads it as {shown}), which is not an integer; "
                                       "the touchpoint gets no emotion", where))
            return None
        self.scores.append((int(score), line))
        return int(score)

    def scale(self) -> dict[str, int]:
        low = min([SCORE_MIN, *(score for score, _ in self.scores)])
        high = max([SCORE_MAX, *(score for score, _ in self.scores)])
        outside = [(score, line) for score, line in self.scores
                   if not SCORE_MIN <= score <= SCORE_MAX]
        if outside:
            score, line = outside[0]
            more = f" and {len(outside) - 1} more" if len(outside) > 1 else ""
            self.notices.append(Notice(f"the score {score}{more} is outside Mermaid's 1..5; the "
                                       f"emotion scale is widened to {low}..{high}",
                                       f"line {line}"))
        return {"min": low, "max": high}

    def data(self) -> dict[str, Any]:
        if not self.stages:
            self.notices.append(Notice("the diagram has no sections or tasks; a map needs at "
                                       "least one stage", "line 1", error=True))
            return {}
        data: dict[str, Any] = {"cjmap": 1, "id": self.map_id,
                                "title": self.title or self.acc_title or self.map_id}
        if self.acc_descr:
            data["summary"] = self.acc_descr
        data["scales"] = {"emotion": self.scale()}
        if self.personas:
            data["personas"] = [{"id": pid, "name": name} for name, pid in self.personas.items()]
        data["stages"] = [self.stage(stage) for stage in self.stages]
        if self.acc_title:
            data[ACC_TITLE_KEY] = self.acc_title
        return data

    def stage(self, stage: _Stage) -> dict[str, Any]:
        item: dict[str, Any] = {"id": stage.id, "name": stage.name}
        if stage.touchpoints:
            item["touchpoints"] = stage.touchpoints
        else:
            self.notices.append(Notice(f"section {stage.name!r} has no tasks (Mermaid draws "
                                       "nothing for it); it becomes an empty stage",
                                       f"line {stage.line}"))
        return item


# -- export ------------------------------------------------------------------------------------

_ENTITIES = {"#": "#35;", ":": "#58;", ";": "#59;", "\n": "#10;", "\r": "#13;", "<": "#60;"}
# Statements the lexer would see at the start of a task line, instead of a task name.
_KEYWORD_START = re.compile(r"journey|title\s|section\s|acctitle\s*:|accdescr\s*[:{]", re.I)


def _is_space(char: str) -> bool:
    return char in JS_SPACE


def escape(text: str, also: str = "", keep: str = "") -> str:
    """``text`` as Mermaid reads it back whole: entity codes for what would end or start
    something in the grammar (and for ``also``, but not for ``keep``), and for spaces
    it would trim."""
    out: list[str] = []
    last = len(text) - 1
    for index, char in enumerate(text):
        # '%' starts a comment where a token starts, and so does '%%' after one character.
        doubled = char == "%" and (index == 0 or "%" in (text[index - 1: index],
                                                          text[index + 1: index + 2]))
        trimmed = _is_space(char) and (index == 0 or index == last)
        if char in _ENTITIES and char not in keep:
            out.append(_ENTITIES[char])
        elif char in also or doubled or trimmed:
            out.append(f"#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def task_name(text: str) -> str:
    escaped = escape(text)
    if _KEYWORD_START.match(escaped):
        escaped = f"#{ord(escaped[0])};{escaped[1:]}"
    return escaped


def to_score(value: Fraction, low: int, high: int) -> int:
    """A value on the map's scale, mapped linearly onto 1..5 and rounded half up."""
    position = SCORE_MIN + (value - low) * (SCORE_MAX - SCORE_MIN) / (high - low)
    return math.floor(position + Fraction(1, 2))


@dataclass
class _Writer:
    journey: JourneyMap
    persona: str | None
    notices: list[Notice] = field(default_factory=list)
    averaged: list[str] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)
    left_out: int = 0

    def names(self, touchpoint: Touchpoint) -> list[str]:
        if self.persona is not None:
            return [p.name for p in self.journey.personas if p.id == self.persona]
        chosen = set(touchpoint.personas)
        return [p.name for p in self.journey.personas if not chosen or p.id in chosen]

    def value(self, touchpoint: Touchpoint) -> Fraction | None:
        emotion = touchpoint.emotion
        if isinstance(emotion, dict):
            if self.persona is not None:
                single = emotion.get(self.persona)
                return None if single is None else Fraction(single)
            if not emotion:
                return None
            if len(emotion) > 1:
                self.averaged.append(touchpoint.id)
            return Fraction(sum(emotion.values()), len(emotion))
        return None if emotion is None else Fraction(emotion)

    def task(self, touchpoint: Touchpoint) -> str | None:
        if self.persona is not None and touchpoint.personas \
                and self.persona not in touchpoint.personas:
            self.left_out += 1
            return None
        value = self.value(touchpoint)
        scale = self.journey.scales.emotion
        if value is None:
            self.unscored.append(touchpoint.id)
            score = (SCORE_MIN + SCORE_MAX) // 2
        else:
            score = to_score(value, scale.min, scale.max)
        line = f"      {task_name(touchpoint.name)}: {score}"
        actors = [escape(js_trim(name), also=",") for name in self.names(touchpoint)]
        return line + (f": {', '.join(actors)}" if actors else "")

    def text(self) -> str:
        journey = self.journey
        # A title ends at '#' or ';' only; the accessibility texts run to the line's end.
        lines = ["journey", f"    title {escape(journey.title, keep=':')}"]
        acc_title = journey.extensions.get(ACC_TITLE_KEY)
        if isinstance(acc_title, str) and js_trim(acc_title):
            lines.append(f"    accTitle: {escape(js_trim(acc_title), keep=':;')}")
        if journey.summary and js_trim(journey.summary):
            lines.append(f"    accDescr: {escape(js_trim(journey.summary), keep=':;')}")
        previous = None
        for stage in journey.stages:
            tasks = [t for t in (self.task(tp) for tp in stage.touchpoints) if t is not None]
            if not tasks and self.persona is not None and stage.touchpoints:
                continue
            if stage.name == previous:
                self.notices.append(Notice("adjacent stages have the same name; Mermaid shows "
                                           "them as one section", f"stage {stage.id}"))
            previous = stage.name
            lines.append(f"    section {escape(stage.name)}")
            lines.extend(tasks)
        return "\n".join(lines) + "\n"


def write(journey: JourneyMap, *, persona: str | None = None) -> Exported:
    """The map as a Mermaid ``journey`` diagram (one file, key ``""``)."""
    text, notices = _diagram(journey, persona)
    return Exported({"": text.encode("utf-8")}, notices)


def journey_block(journey: JourneyMap, persona: str | None = None) -> str:
    """The map as a fenced ```mermaid block, for Markdown reports."""
    text, _ = _diagram(journey, persona)
    runs = [len(run) for run in re.findall(r"`{3,}", text)]
    fence = "`" * max([3, *(n + 1 for n in runs)])
    return f"{fence}mermaid\n{text}{fence}\n"


def _diagram(journey: JourneyMap, persona: str | None) -> tuple[str, tuple[Notice, ...]]:
    known = [p.id for p in journey.personas]
    if persona is not None and persona not in known:
        raise UsageError(f"map {journey.id!r} has no persona {persona!r}"
                         f"{did_you_mean(persona, known)}")
    writer = _Writer(journey, persona)
    text = writer.text()
    return text, tuple(writer.notices + _summary_notices(writer) + _lost(journey))


def _summary_notices(writer: _Writer) -> list[Notice]:
    notices: list[Notice] = []
    if writer.averaged:
        notices.append(Notice(
            f"Mermaid holds one score per task: the emotions of each persona are averaged on "
            f"{_count(writer.averaged, 'touchpoint')} ({_listed(writer.averaged)}); "
            "--persona ID exports one persona's journey exactly"))
    if writer.unscored:
        notices.append(Notice(
            f"{_count(writer.unscored, 'touchpoint')} without an emotion "
            f"({_listed(writer.unscored)}) get the middle score 3, since Mermaid needs one"))
    if writer.left_out:
        notices.append(Notice(f"{writer.left_out} touchpoint"
                              f"{'s are' if writer.left_out != 1 else ' is'} not on the journey "
                              f"of persona {writer.persona!r} and left out"))
    return notices


def _count(items: list[str], noun: str) -> str:
    return f"{len(items)} {noun}{'s' if len(items) != 1 else ''}"


def _listed(ids: list[str], most: int = 5) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def _lost(journey: JourneyMap) -> list[Notice]:
    """One notice naming what a journey diagram has no place for."""
    touchpoints = [tp for stage in journey.stages for tp in stage.touchpoints]
    pains = sum(len(s.pain_points) for s in journey.stages) + \
        sum(len(tp.pain_points) for tp in touchpoints)
    counts = [(len(journey.channels), "channel"), (len(journey.evidence), "evidence item"),
              (len(journey.metrics), "metric"), (pains, "pain point"),
              (len(journey.opportunities), "opportunity"),
              (sum(1 for tp in touchpoints if tp.actions or tp.thoughts or tp.backstage),
               "touchpoint's actions, thoughts or backstage")]
    lost = [f"{n} {_plural(noun, n)}" for n, noun in counts if n]
    if not lost:
        return []
    return [Notice("a Mermaid journey holds only stages, touchpoints, scores and actors; not "
                   f"exported: {', '.join(lost)}")]


def _plural(noun: str, n: int) -> str:
    if n == 1:
        return noun
    if noun == "opportunity":
        return "opportunities"
    if noun.startswith("touchpoint's"):
        return "touchpoints' actions, thoughts or backstage"
    return noun.replace("item", "items") if "item" in noun else noun + "s"

