"""``cjmap schema``: print (or write) the JSON Schema generated from the models."""

from __future__ import annotations

import json
from pathlib import Path

from cjmap.commands import Streams
from cjmap.errors import ExitCode
from cjmap.model import json_schema, library_json_schema
from cjmap.output import text_output


def schema_text(*, library: bool = False) -> str:
    generated = library_json_schema() if library else json_schema()
    return json.dumps(generated, indent=2, ensure_ascii=False) + "\n"


def schema(*, output: Path | None = None, library: bool = False, streams: Streams) -> ExitCode:
    """Print the JSON Schema of a map (or of a library), or write it to ``output``."""
    with text_output(output, (), streams.stdout) as stream:
        stream.write(schema_text(library=library))
    return ExitCode.OK
