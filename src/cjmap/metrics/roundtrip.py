"""Setting metric values in a map's text with ruamel.yaml's round-trip mode.

This is the only place cjmap writes YAML through ruamel.yaml (docs/history.md, "How the
edit is made"); everything else reads with libyaml through ``cjmap.yamlio``. ruamel.yaml
is imported here, and this module only by ``cjmap.metrics.update`` when a map is edited.

The round trip keeps comments, key order, quotes (``preserve_quotes``) and flow mappings;
it writes every block with one indentation, so the file's own indentation is detected and
handed to it, and it never re-wraps a line (``width``). What it cannot keep is found by
:func:`unexpected_lines` in ``cjmap.metrics.update``, which then refuses to write.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

from cjmap.metrics.update import MetricUpdate, number_text
from cjmap.yamlio import LINE_BREAK

# Wide enough that no line of a real map is ever folded onto the next one.
NEVER_WRAP = 1_000_000
_KEY_ONLY = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")


class CannotRoundTrip(Exception):
    """ruamel.yaml cannot read a map that cjmap's loader can (it is stricter on some points)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


class _Number(float):
    """A value from the CSV that is not a whole number, written by ``number_text``."""


class _Representer(RoundTripRepresenter):
    """ruamel.yaml's round-trip representer, plus how cjmap writes a new number.

    A subclass, so that registering the number does not change ruamel.yaml for anyone else.
    """


def _represent_number(representer: _Representer, value: _Number) -> ScalarNode:
    # ruamel.yaml would write 1e-05, which libyaml (YAML 1.1) reads as text.
    return representer.represent_scalar("tag:yaml.org,2002:float", number_text(float(value)))


_Representer.add_representer(_Number, _represent_number)


def set_values(text: str, updates: Sequence[MetricUpdate]) -> str:
    """``text`` with each update's ``value`` and ``measured`` set, dumped by ruamel.yaml.

    A ``measured`` key that is missing goes right after ``value``, where a person reads the
    two together; a metric without a value gets ``value`` and ``measured`` after its ``id``.
    A quoted ``measured`` stays quoted with the same quotes.
    """
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = NEVER_WRAP
    # ruamel.yaml keeps a "\r\n" inside comments and adds its own break after them, so it
    # reads and writes "\n", and the file's own break is put back after the dump.
    line_break = _line_break(text)
    text = re.sub("\r\n|\r", "\n", text)
    try:
        data, sequence_indent, dash_offset = load_yaml_guess_indent(text, yaml=yaml)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CannotRoundTrip(mark.line + 1 if mark else 1,
                              str(getattr(exc, "problem", None) or exc)) from None
    mapping_indent = _mapping_indent(text)
    dash_offset = dash_offset or 0
    sequence_indent = sequence_indent or mapping_indent + dash_offset
    yaml.indent(mapping=mapping_indent, sequence=max(sequence_indent, dash_offset + 2),
                offset=dash_offset)
    yaml.explicit_start = _first_content_line(text) == "---"
    for update in updates:
        _set_metric(data["metrics"][update.index], update)
    out = io.StringIO()
    yaml.dump(data, out)
    dumped = out.getvalue()
    dumped = dumped.replace("\n", line_break)
    if text and not LINE_BREAK.match(text[-1:]) and dumped.endswith(line_break):
        dumped = dumped[: -len(line_break)]  # a last line without a line break stays so
    return dumped


def _set_metric(metric: CommentedMap, update: MetricUpdate) -> None:
    number = float(update.value)
    value: float = (int(number) if number.is_integer() and abs(number) < 1e15
                    else _Number(number))
    if "value" in metric:
        metric["value"] = value
    else:
        metric.insert(list(metric).index("id") + 1, "value", value)  # every metric has an id
        _move_lines_after(metric, "id", "value")
    old: Any = metric.get("measured")
    # A date object of its own: ruamel.yaml writes one object used twice as an anchor and alias.
    measured: Any = type(old)(update.measured.isoformat()) if isinstance(old, str) else (
        dt.date.fromordinal(update.measured.toordinal()))
    if "measured" in metric:
        metric["measured"] = measured
    else:
        metric.insert(list(metric).index("value") + 1, "measured", measured)
        _move_lines_after(metric, "value", "measured")


def _move_lines_after(metric: CommentedMap, key: str, new_key: str) -> None:
    """Keep ``new_key`` right under ``key``: blank lines and comment lines that followed
    ``key``'s line (ruamel.yaml keeps them with ``key``) now follow ``new_key``'s."""
    comment = metric.ca.items.get(key, [None] * 4)[2]
    if comment is None or "\n" not in comment.value:
        return
    own_line, _, rest = comment.value.partition("\n")
    if rest:
        comment.value = own_line + "\n"
        metric.ca.items[new_key] = [None, None, CommentToken("\n" + rest, CommentMark(0)), None]


def _line_break(text: str) -> str:
    """The file's line break (the first one; a file that mixes them fails the line check)."""
    found = LINE_BREAK.search(text)
    return found.group() if found and found.group() in ("\r\n", "\r") else "\n"


def _mapping_indent(text: str) -> int:
    """How far a block mapping nested under a key is indented (2 when the file has none).

    ``load_yaml_guess_indent`` measures sequences; mappings under a key are measured here.
    """
    lines = [line for line in LINE_BREAK.split(text)
             if line.strip() and not line.lstrip().startswith("#")]
    for line, following in itertools.pairwise(lines):
        key = _KEY_ONLY.match(line)
        if not key:
            continue
        step = len(following) - len(following.lstrip(" ")) - len(key.group(1))
        if step > 0 and not following.lstrip().startswith("-"):
            return step
    return 2


def _first_content_line(text: str) -> str:
    for line in LINE_BREAK.split(text):
        if line.strip() and not line.lstrip().startswith("#"):
            return line.rstrip()
    return ""
