"""``cjmap init PATH``: write a starter map that lints clean."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from cjmap.errors import ExitCode, UsageError
from cjmap.model import ID_PATTERN
from cjmap.output import atomic_write_text, check_output_path

STARTER = """\
# yaml-language-server: $schema={schema}
# A starter journey map. Replace the examples with what your research shows,
# then run `cjmap lint` and `cjmap render` on it.
cjmap: 1
id: {map_id}
title: {title}
summary: Who the customer is and what this journey covers.
state: current
owner: customer-experience
reviewed: {today}
goals: [Say what the business wants from this journey]

personas:
  - id: new-customer
    name: New customer
    description: First time buying from us.

channels:
  - id: web
    name: Website
    kind: digital

evidence:
  - id: interviews
    kind: interview
    title: Customer interviews
    sample_size: 8

metrics:
  - id: conversion
    name: Conversion rate
    kind: conversion
    value: 0.02
    target: 0.03
    unit: ratio
    better: higher

stages:
  - id: awareness
    name: Awareness
    goal: Learn that we exist
    touchpoints:
      - id: search-result
        name: Search result
        channel: web
        personas: [new-customer]
        actions: [Searches for a product]
        thoughts: [Is this shop trustworthy?]
        emotion: 0
        owner: marketing
        evidence: [interviews]
        metrics: [conversion]
        pain_points:
          - id: unclear-offer
            title: The offer is unclear in search results
            severity: 3
            frequency: 0.4

opportunities:
  - id: clearer-snippets
    title: Clearer search snippets
    addresses: [unclear-offer]
    impact: 3
    effort: 2
    confidence: 0.7
    owner: marketing
    metrics: [conversion]
"""


def _map_id(path: Path) -> str:
    stem = path.name
    for suffix in (".cjmap.yaml", ".cjmap.yml", ".yaml", ".yml"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    slug = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_") or "my-journey"
    return slug if re.match(ID_PATTERN, slug) else "my-journey"


def init(path: Path, *, force: bool = False, today: dt.date | None = None,
         schema_url: str = "https://cjmap.dev/schemas/cjmap.schema.json") -> ExitCode:
    if check_output_path(path) is not None and not force:
        raise UsageError(f"{path}: already exists (use --force to overwrite it)")
    map_id = _map_id(path)
    title = map_id.replace("-", " ").replace("_", " ").capitalize()
    text = STARTER.format(schema=schema_url, map_id=map_id, title=title,
                          today=(today or dt.date.today()).isoformat())
    atomic_write_text(path, text)
    return ExitCode.OK
