"""``cjmap init PATH``: write a starter map, or a template, that lints clean.

Templates are realistic maps of the journeys the field's guides use as examples,
kept as package data under ``cjmap/templates/`` (docs/cli.md lists them). Whatever
the file name, the map's id and title are valid YAML values of the right type
(``123.cjmap.yaml`` gives ``id: '123'``, quoted), and the editor's schema line
points at a schema file that exists (docs/format.md, "Editor setup").
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from cjmap.commands import Streams
from cjmap.errors import ExitCode, UsageError
from cjmap.model import ID_PATTERN
from cjmap.output import atomic_write_text, check_output_path
from cjmap.suggest import did_you_mean
from cjmap.yamlio import dump

TEMPLATE_SUFFIX = ".cjmap.yaml"
SCHEMA_NAME = "cjmap.schema.json"
MODELINE = "# yaml-language-server: $schema="
NO_SCHEMA_HINT = ("for completion in your editor, run `cjmap schema -o schemas/cjmap.schema.json` "
                  "at the top of your repository and start the map with the schema line "
                  "docs/format.md shows (Editor setup)")
MAX_ID = 100


@dataclass(frozen=True, slots=True)
class Answers:
    """What ``init`` asks on a terminal: the title, persona names and stage names."""

    title: str
    personas: list[str] = field(default_factory=lambda: ["New customer"])
    stages: list[str] = field(default_factory=lambda: ["Awareness", "Purchase", "Use"])


def ask(title: str, prompt: Callable[[str, str], str]) -> Answers:
    """The title, personas and stages of a new map, asked with ``prompt(question, default)``."""
    defaults = Answers(title)

    def names(text: str) -> list[str]:
        return [name.strip() for name in text.split(",") if name.strip()]

    return Answers(prompt("Title", defaults.title).strip() or defaults.title,
                   names(prompt("Personas (comma-separated)", ", ".join(defaults.personas))),
                   names(prompt("Stages, in order (comma-separated)",
                                ", ".join(defaults.stages))))


def map_id(path: Path) -> str:
    """A valid map id from a file name: ``My Trip.cjmap.yaml`` -> ``my-trip``."""
    stem = path.name
    for suffix in (".cjmap.yaml", ".cjmap.yml", ".yaml", ".yml"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return slug(stem) or "my-journey"


def slug(text: str) -> str:
    """``text`` as an id (may be empty when nothing in it can be one)."""
    # "Ünïcode Trip" -> "unicode-trip": letters keep their base form, the rest goes.
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9_-]+", "-", ascii_text.lower()).strip("-_")
    value = value[:MAX_ID].rstrip("-_")
    return value if re.match(ID_PATTERN, value) else ""


def default_title(path: Path) -> str:
    return map_id(path).replace("-", " ").replace("_", " ").capitalize()


# -- templates ----------------------------------------------------------------------------

def _template_files() -> dict[str, Any]:
    folder = resources.files("cjmap").joinpath("templates")
    return {entry.name.removesuffix(TEMPLATE_SUFFIX): entry for entry in folder.iterdir()
            if entry.name.endswith(TEMPLATE_SUFFIX)}


def template_names() -> list[str]:
    return sorted(_template_files())


def template_text(name: str) -> str:
    files = _template_files()
    if name not in files:
        raise UsageError(f"no template {name!r}{did_you_mean(name, files)}; "
                         f"the templates are: {', '.join(sorted(files))}")
    text: str = files[name].read_text(encoding="utf-8")
    return text


def _summary(text: str) -> str:
    match = re.search(r"^title: (.*)$", text, re.MULTILINE)
    return match.group(1).strip("'\"") if match else ""


def list_templates(*, streams: Streams) -> ExitCode:
    """Each template's name and title."""
    names = template_names()
    width = max(len(name) for name in names)
    for name in names:
        streams.line(f"{name:<{width}}  {_summary(template_text(name))}")
    return ExitCode.OK


# Numbers in YAML 1.2, which editors' YAML language servers speak: `1e3`, `0x1f` and
# `0o17` are text to cjmap's YAML 1.1 reader but numbers to them, so they are quoted.
_YAML12_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+"
                            r"|0o[0-7]+")


def _set_top_level(text: str, key: str, value: Any) -> str:
    """``text`` with the top-level ``key:`` line holding ``value`` (quoted as YAML needs)."""
    line = dump({key: value}).rstrip("\n")
    if isinstance(value, str) and _YAML12_NUMBER.fullmatch(value):
        line = f"{key}: '{value}'"
    return re.sub(rf"^{key}: .*$", lambda _: line, text, count=1, flags=re.MULTILINE)


# -- the starter map from answers -----------------------------------------------------------

def _unique(names: list[str], taken: set[str], fallback: str) -> list[str]:
    ids = []
    for number, name in enumerate(names, start=1):
        base = slug(name) or f"{fallback}-{number}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        ids.append(candidate)
    return ids


def starter_data(identifier: str, answers: Answers, today: dt.date) -> dict[str, Any]:
    """A small map with the given personas and stages, every part referring to the others."""
    taken = {identifier, "web", "interviews", "conversion", "unclear-offer", "clearer-offer"}
    personas = _unique(answers.personas or ["New customer"], taken, "persona")
    stage_names = answers.stages or ["Awareness"]
    stage_ids = _unique(stage_names, taken, "stage")
    touchpoint_ids = _unique([f"{name} touchpoint" for name in stage_names], taken, "touchpoint")
    stages: list[dict[str, Any]] = []
    for name, stage_id, touchpoint_id in zip(stage_names, stage_ids, touchpoint_ids,
                                             strict=True):
        touchpoint: dict[str, Any] = {
            "id": touchpoint_id, "name": f"What happens in {name.lower()}", "channel": "web",
            "personas": list(personas), "actions": ["Say what the customer does"],
            "thoughts": ["Say what the customer thinks"], "emotion": 0,
            "owner": "customer-experience", "evidence": ["interviews"],
            "metrics": ["conversion"]}
        stages.append({"id": stage_id, "name": name, "touchpoints": [touchpoint]})
    stages[0]["touchpoints"][0]["pain_points"] = [
        {"id": "unclear-offer", "title": "Say where it hurts", "severity": 3, "frequency": 0.4}]
    return {
        "cjmap": 1, "id": identifier, "title": answers.title,
        "summary": "Who the customer is and what this journey covers.",
        "state": "current", "owner": "customer-experience", "reviewed": today,
        "goals": ["Say what the business wants from this journey"],
        "personas": [{"id": p, "name": n} for p, n in zip(personas, answers.personas or
                                                            ["New customer"], strict=True)],
        "channels": [{"id": "web", "name": "Website", "kind": "digital"}],
        "evidence": [{"id": "interviews", "kind": "interview", "title": "Customer interviews",
                      "sample_size": 8}],
        "metrics": [{"id": "conversion", "name": "Conversion rate", "kind": "conversion",
                     "value": 0.02, "target": 0.03, "unit": "ratio", "better": "higher"}],
        "stages": stages,
        "opportunities": [{"id": "clearer-offer", "title": "Say what could relieve it",
                           "addresses": ["unclear-offer"], "impact": 3, "effort": 2,
                           "confidence": 0.7, "owner": "customer-experience",
                           "metrics": ["conversion"]}],
    }


STARTER_HEADER = """\
# A starter journey map. Replace the examples with what your research shows,
# then run `cjmap lint` and `cjmap render` on it (docs/format.md explains every field).
"""


# -- the schema line ------------------------------------------------------------------------

def find_schema(directory: Path) -> str | None:
    """The path from ``directory`` to the nearest ``cjmap.schema.json`` (itself or
    ``schemas/cjmap.schema.json``) in it or above it, up to the repository's top."""
    start = directory.resolve()
    for folder in (start, *start.parents):
        for candidate in (folder / SCHEMA_NAME, folder / "schemas" / SCHEMA_NAME):
            if candidate.is_file():
                return Path(os.path.relpath(candidate, start)).as_posix()
        if (folder / ".git").exists():
            return None
    return None


def schema_line(directory: Path) -> str:
    """The first line of a new map in ``directory``: the editor's schema line with the
    path to the nearest schema file, or, when there is none, how to make one.
    (``cjmap import`` starts the maps it writes with it too.)"""
    schema = find_schema(directory)
    if schema is None:
        return f"# No schema file found: {NO_SCHEMA_HINT}.\n"
    return f"{MODELINE}{schema}\n"


def _with_modeline(text: str, directory: Path) -> str:
    body = "\n".join(line for line in text.splitlines() if not line.startswith(MODELINE))
    return f"{schema_line(directory)}{body}\n"


def init(path: Path, *, template: str | None = None, answers: Answers | None = None,
         force: bool = False, today: dt.date | None = None, streams: Streams) -> ExitCode:
    """Write a map to ``path``: ``template``'s, or a starter from ``answers``."""
    if str(path) == "-":  # elsewhere "-" is standard output: no file named "-" unasked
        raise UsageError("init writes a map file, not standard output: give its name, "
                         "e.g. my-journey.cjmap.yaml")
    if check_output_path(path) is not None and not force:
        raise UsageError(f"{path}: already exists (use --force to overwrite it)")
    today = today or dt.date.today()
    identifier = map_id(path)
    if template is not None:
        text = _set_top_level(template_text(template), "id", identifier)
        text = _set_top_level(text, "reviewed", today)
    else:
        data = starter_data(identifier, answers or Answers(default_title(path)), today)
        text = STARTER_HEADER + dump(data)
        text = _set_top_level(_set_top_level(text, "id", identifier), "title", data["title"])
    atomic_write_text(path, _with_modeline(text, path.parent))
    streams.line(f"Wrote {path}. Next: cjmap lint {path} && cjmap render {path}")
    if find_schema(path.parent) is None:
        streams.line(f"No {SCHEMA_NAME} found from {path.parent} upward: {NO_SCHEMA_HINT}.")
    return ExitCode.OK
