"""``cjmap schema``: print (or write) the JSON Schema generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from cjmap.errors import ExitCode
from cjmap.model import json_schema
from cjmap.output import atomic_write_text


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def schema(*, output: Path | None, stdout: TextIO) -> ExitCode:
    text = schema_text()
    if output is None:
        stdout.write(text)
    else:
        atomic_write_text(output, text)
    return ExitCode.OK
