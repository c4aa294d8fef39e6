"""``cjmap schema``: print (or write) the JSON Schema generated from the models."""

from __future__ import annotations

import json
from pathlib import Path

from cjmap.commands import Streams
from cjmap.errors import ExitCode
from cjmap.model import json_schema
from cjmap.output import text_output


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def schema(*, output: Path | None = None, streams: Streams) -> ExitCode:
    """Print the JSON Schema, or write it to ``output``."""
    with text_output(output, (), streams.stdout) as stream:
        stream.write(schema_text())
    return ExitCode.OK
