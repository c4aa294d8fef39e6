"""The only module that imports PyYAML.

YAML text is parsed by libyaml (``CSafeLoader``) into events, and the events are
composed here into plain Python data while recording, for every JSON pointer, where
its value (and, inside a mapping, its key) sits in the source. Composing from events
rather than from PyYAML's node tree is what lets a value reached through an alias be
reported where the alias is written, and what lets duplicate keys, alias bombs and deep
nesting be caught with a bound on work instead of after it.

Nothing here raises on bad input: problems come back as :class:`YamlProblem` values.
"""

from __future__ import annotations

import codecs
import re
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.error import MarkedYAMLError, YAMLError

try:  # libyaml is the fast path; the pure-Python loader is a correct fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

HAS_LIBYAML: bool = getattr(yaml, "__with_libyaml__", False)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# About 360 bytes of positions and data per node: this bounds a pathological file to
# ~90 MB, while the largest real maps (thousands of touchpoints) stay far below it.
DEFAULT_MAX_NODES = 250_000
DEFAULT_MAX_DEPTH = 64
# Far beyond any number a map holds, well below what str() refuses to print.
_MAX_INT_BITS = 256

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = frozenset(
    {
        _STR,
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
    }
)


# Span and Limits are NamedTuples, not frozen dataclasses: creating one of those costs
# about 0.3 ms at import, and every command imports this module (docs/performance.md,
# "One map: start-up").
class Span(NamedTuple):
    """A region of the source, 1-based lines and columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


# YamlProblem and Document too; Positions is a plain class with slots (its tables are
# filled while composing).
class YamlProblem(NamedTuple):
    """Something wrong with the YAML itself. ``kind`` is ``syntax`` or ``duplicate-key``."""

    kind: str
    message: str
    span: Span
    pointer: str = ""


class Positions:
    """Where each JSON pointer's value and key are in the source.

    libyaml's marks are kept as they come and turned into spans only when asked:
    most positions are never looked at, and converting them all would double the
    cost of reading a map.
    """

    __slots__ = ("keys", "values")

    def __init__(self) -> None:
        self.values: dict[str, tuple[Any, Any]] = {}
        self.keys: dict[str, tuple[Any, Any]] = {}

    def value_span(self, pointer: str) -> Span | None:
        marks = self.values.get(pointer)
        return None if marks is None else _span(*marks)

    def key_span(self, pointer: str) -> Span | None:
        marks = self.keys.get(pointer)
        return None if marks is None else _span(*marks)


class Document(NamedTuple):
    """The result of reading one YAML file: data (or None), positions and problems."""

    data: Any
    positions: Positions
    problems: list[YamlProblem]
    text: str


class Limits(NamedTuple):
    max_bytes: int = DEFAULT_MAX_BYTES
    max_nodes: int = DEFAULT_MAX_NODES
    max_depth: int = DEFAULT_MAX_DEPTH


DEFAULT_LIMITS = Limits()


def escape_pointer_token(token: str) -> str:
    if "~" in token or "/" in token:
        return token.replace("~", "~0").replace("/", "~1")
    return token


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _span(start: Any, end: Any) -> Span:
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _point(line: int, column: int) -> Span:
    return Span(line, column, line, column + 1)


# What YAML (1.1, as libyaml reads it) counts as a line break. Python's splitlines()
# also breaks at \v, \f and \x1c-\x1e, which would shift every line after them.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as libyaml numbers them (1-based line n is item n - 1)."""
    return LINE_BREAK.split(text)


def _offset_position(text: str, offset: int) -> Span:
    before = text[:offset]
    breaks = list(LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return _point(len(breaks) + 1, offset - line_start + 1)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> tuple[str, YamlProblem | None]:
    """Decode YAML bytes: UTF-8 by default, UTF-16/32 when a BOM says so.

    Invalid input is reported with the byte offset of the first bad byte and the
    line and column where decoding stopped.
    """
    encoding = "utf-8"
    skipped = 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            encoding = name
            skipped = len(bom)
            break
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode(encoding, errors="replace")
        where = _offset_position(good, len(good))
        bad = data[exc.start : exc.start + 4].hex(" ")
        # The offset is into the file as it is on disk, BOM included.
        message = (
            f"invalid {encoding.upper()} at byte offset {exc.start + skipped} (bytes {bad}); "
            "save the file as UTF-8"
        )
        return good, YamlProblem("syntax", message, where)


_MISSING: Any = object()


class _Stop(Exception):
    """Raised inside the composer to abandon a document that breaks a bound."""

    def __init__(self, problem: YamlProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Frame:
    """An open mapping or sequence while its events are being composed."""

    __slots__ = ("anchor", "container", "depth", "is_map", "key", "key_marks", "merged",
                 "pointer", "size", "start_mark")

    def __init__(self, container: Any, pointer: str, depth: int, anchor: str | None,
                 start_mark: Any) -> None:
        self.container = container
        self.is_map = type(container) is dict
        self.pointer = pointer
        self.depth = depth
        self.anchor = anchor
        self.start_mark = start_mark
        self.key: str | None = None
        self.key_marks: Any = None
        self.merged: list[tuple[Any, tuple[Any, Any]]] | None = None
        self.size = 1


class _Composer:
    """Builds Python data from libyaml events, recording positions as it goes.

    Iterative, not recursive: one loop over the events with an explicit stack keeps
    the per-event cost low (this loop is the hot path of ``cjmap lint``) and keeps
    deep nesting from ever touching Python's recursion limit.
    """

    def __init__(self, loader: Any, limits: Limits) -> None:
        self.loader = loader
        self.limits = limits
        self.positions = Positions()
        self.problems: list[YamlProblem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.constructor = SafeConstructor()
        self.resolvers = loader.yaml_implicit_resolvers

    def _tag_of(self, event: Any) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return _STR
            value = event.value
            resolvers = self.resolvers.get(value[0] if value else "")
            if resolvers is None:
                return _STR
            for tag, regexp in resolvers:
                if regexp.match(value):
                    return str(tag)
            return _STR
        return str(tag)

    def _scalar(self, event: Any, tag: str, pointer: str) -> Any:
        if tag == _STR:
            return event.value
        if tag not in _SCALAR_TAGS:
            self._unsupported_tag(event, pointer)
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, ConstructorError, OverflowError, KeyError, AttributeError,
                TypeError, IndexError):
            # PyYAML's constructors fail in all these ways on text that is not what its
            # tag says (`!!bool Cart` is a KeyError).
            if event.tag not in (None, "!"):
                short = "!!" + str(event.tag).removeprefix("tag:yaml.org,2002:")
                self.problems.append(YamlProblem(
                    "syntax", f"{event.value!r} is not a valid {short}",
                    _span(event.start_mark, event.end_mark), pointer))
            # Resolved by its looks (2026-13-45 looks like a date but is not one): keep
            # the text so the schema reports it where it stands.
            return event.value
        if type(value) is int and value.bit_length() > _MAX_INT_BITS:
            # A hex or binary literal can build an int too long to print (Python
            # refuses str() past 4300 digits), which would break every message.
            return event.value
        return value

    def _unsupported_tag(self, event: Any, pointer: str) -> None:
        self.problems.append(
            YamlProblem(
                "syntax",
                f"unsupported tag {event.tag!r}: maps use plain YAML values",
                _span(event.start_mark, event.end_mark),
                pointer,
            )
        )

    def _too_many(self, event: Any) -> _Stop:
        return _Stop(
            YamlProblem(
                "syntax",
                f"document expands to more than {self.limits.max_nodes:,} nodes "
                "(an alias bomb, or a file far larger than a journey map)",
                _span(event.start_mark, event.end_mark),
            )
        )

    def _plain(self, event: Any, pointer: str, cache: dict[str, Any]) -> Any:
        """The value of a plain scalar, remembered by its text for the rest of the document.

        Maps repeat the same plain texts (ids, owners, small numbers) hundreds of times;
        resolving and constructing each once keeps the composer close to libyaml's speed.
        A text whose conversion reported a problem is not remembered, so the problem is
        reported at every place it occurs.
        """
        tag = self._tag_of(event)
        if tag == _STR:
            value = event.value
        else:
            reported = len(self.problems)
            value = self._scalar(event, tag, pointer)
            if len(self.problems) != reported:
                return value
        cache[event.value] = value
        return value

    def compose(self) -> Any:
        # Hot loop: everything it touches per event is bound to a local first.
        get_event = self.loader.get_event
        values = self.positions.values
        keys = self.positions.keys
        max_nodes = self.limits.max_nodes
        max_depth = self.limits.max_depth
        anchors = self.anchors
        plain_cache: dict[str, Any] = {}
        missing = _MISSING
        scalar_event = yaml.ScalarEvent
        mapping_start = yaml.MappingStartEvent
        mapping_end = yaml.MappingEndEvent
        sequence_start = yaml.SequenceStartEvent
        sequence_end = yaml.SequenceEndEvent
        alias_event = yaml.AliasEvent
        # ``frame`` is the innermost open collection; ``stack`` holds the ones around it.
        stack: list[_Frame] = []
        frame: _Frame | None = None
        nodes = 0
        while True:
            event = get_event()
            kind = type(event)
            if frame is None:
                pointer = ""
                depth = 0
            elif frame.is_map:
                key = frame.key
                if key is None:
                    # A scalar in key position of a mapping is a key, not a value.
                    if kind is scalar_event:
                        key = frame.key = str(event.value)
                        # Only a plain << merges; a quoted or tagged '<<' is an ordinary
                        # key, kept without marks (which is how _attach tells them apart).
                        frame.key_marks = ((event.start_mark, event.end_mark)
                                           if key != "<<" or event.implicit[0] else None)
                        if event.anchor is not None:
                            anchors[event.anchor] = (key, 1)
                        continue
                    if kind is mapping_end:
                        value = self._close_mapping(frame)
                        frame = self._closed(frame, value, event.end_mark, stack)
                        if frame is None:
                            return value
                        continue
                    if kind is alias_event and isinstance(
                            anchors.get(event.anchor, (None,))[0], str):
                        # `*name : value`, the alias of a text: that text is the key.
                        key = frame.key = anchors[event.anchor][0]
                        frame.key_marks = ((event.start_mark, event.end_mark)
                                           if key != "<<" else None)
                        continue
                    if kind is alias_event and event.anchor not in anchors:
                        raise _Stop(YamlProblem(
                            "syntax", f"alias *{event.anchor} refers to an anchor that is not "
                            "defined above it", _span(event.start_mark, event.end_mark)))
                    raise _Stop(YamlProblem(
                        "syntax", "a mapping key must be plain text, not a mapping, a list "
                        "or an alias of anything but text",
                        _span(event.start_mark, event.end_mark)))
                if "~" in key or "/" in key:
                    pointer = f"{frame.pointer}/{escape_pointer_token(key)}"
                else:
                    pointer = f"{frame.pointer}/{key}"
                depth = frame.depth + 1
                if key != "<<":
                    if key in frame.container:
                        first = keys.get(pointer)
                        where = f" (first defined at line {first[0].line + 1})" if first else ""
                        assert frame.key_marks is not None
                        self.problems.append(YamlProblem(
                            "duplicate-key", f"duplicate key {key!r}{where}",
                            _span(*frame.key_marks), pointer))
                    keys[pointer] = frame.key_marks
            else:
                if kind is sequence_end:
                    value = frame.container
                    frame = self._closed(frame, value, event.end_mark, stack)
                    if frame is None:
                        return value
                    continue
                pointer = f"{frame.pointer}/{len(frame.container)}"
                depth = frame.depth + 1

            if kind is scalar_event:
                nodes += 1
                if nodes > max_nodes:
                    raise self._too_many(event)
                value = event.value
                if event.tag is None:
                    if event.implicit[0]:
                        value = plain_cache.get(value, missing)
                        if value is missing:
                            value = self._plain(event, pointer, plain_cache)
                else:
                    tag = self._tag_of(event)
                    if tag != _STR:
                        value = self._scalar(event, tag, pointer)
                values[pointer] = (event.start_mark, event.end_mark)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                if frame is None:
                    return value
                frame.size += 1
                if frame.is_map:
                    key = frame.key
                    if key == "<<":
                        self._attach(frame, value, 0)
                    else:
                        frame.key = None
                        frame.container[key] = value
                else:
                    frame.container.append(value)
            elif kind is mapping_start or kind is sequence_start:
                nodes += 1
                if nodes > max_nodes:
                    raise self._too_many(event)
                if depth > max_depth:
                    raise _Stop(YamlProblem(
                        "syntax", f"nesting deeper than {max_depth} levels",
                        _span(event.start_mark, event.end_mark), pointer))
                is_map = kind is mapping_start
                if event.tag not in (None, "!", _MAP if is_map else _SEQ):
                    self._unsupported_tag(event, pointer)
                if frame is not None:
                    stack.append(frame)
                frame = _Frame({} if is_map else [], pointer, depth, event.anchor,
                               event.start_mark)
            elif kind is alias_event:
                if event.anchor not in anchors:
                    raise _Stop(YamlProblem(
                        "syntax",
                        f"alias *{event.anchor} refers to an anchor that is not defined above it",
                        _span(event.start_mark, event.end_mark)))
                value, size = anchors[event.anchor]
                nodes += size
                if nodes > max_nodes:
                    raise self._too_many(event)
                values[pointer] = (event.start_mark, event.end_mark)
                if frame is None:
                    return value
                self._attach(frame, value, size)
            else:  # pragma: no cover - libyaml guarantees a node event here
                raise _Stop(YamlProblem("syntax", f"unexpected YAML event {kind.__name__}",
                                        _span(event.start_mark, event.end_mark)))

    def _closed(self, frame: _Frame, value: Any, end_mark: Any,
                stack: list[_Frame]) -> _Frame | None:
        """Record a finished collection and add it to the one around it, which it returns
        (None when it was the whole document)."""
        self.positions.values[frame.pointer] = (frame.start_mark, end_mark)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (value, frame.size)
        if not stack:
            return None
        outer = stack.pop()
        self._attach(outer, value, frame.size)
        return outer

    def _attach(self, frame: _Frame, value: Any, size: int) -> None:
        frame.size += size
        container = frame.container
        if type(container) is list:
            container.append(value)
            return
        key = frame.key
        assert key is not None
        frame.key = None
        if key == "<<" and frame.key_marks is not None:
            marks = self.positions.values.get(f"{frame.pointer}/<<", frame.key_marks)
            if frame.merged is None:
                frame.merged = []
            for source in value if isinstance(value, list) else [value]:
                if isinstance(source, dict):
                    frame.merged.append((source, marks))
                else:
                    self.problems.append(YamlProblem(
                        "syntax", "a merge key '<<' takes a mapping or a list of mappings",
                        _span(*marks), frame.pointer))
            return
        container[key] = value

    def _close_mapping(self, frame: _Frame) -> dict[str, Any]:
        mapping: dict[str, Any] = frame.container
        if frame.merged:
            values = self.positions.values
            keys = self.positions.keys
            for source, marks in frame.merged:
                for key, value in source.items():
                    if key not in mapping:
                        mapping[key] = value
                        child = f"{frame.pointer}/{escape_pointer_token(key)}"
                        values.setdefault(child, marks)
                        keys.setdefault(child, marks)
        return mapping


def _problem_from_error(exc: YAMLError, text: str) -> YamlProblem:
    if isinstance(exc, MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        where = _point(mark.line + 1, mark.column + 1)
        problem = exc.problem or "invalid YAML"
        lines = text.splitlines()
        if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
            # libyaml's "cannot start any token (while scanning for the next token)" does
            # not say what the character is.
            return YamlProblem("syntax", "a tab where YAML expects indentation or a value: "
                               "indent with spaces only", where)
        context = exc.context_mark
        if exc.context == "while scanning a simple key" and context is not None:
            # libyaml notices on the next line; the key without its ': ' is where it began.
            return YamlProblem(
                "syntax", "could not find the ':' after this key (write 'key: value', with "
                "a space after the colon)", _point(context.line + 1, context.column + 1))
        if exc.context == "while scanning a quoted scalar" and context is not None and (
                "end of stream" in problem):
            return YamlProblem("syntax", "the quoted text that starts here is never closed",
                               _point(context.line + 1, context.column + 1))
        if problem.startswith("mapping values are not allowed"):
            problem += " (quote a value that contains ': ')"
        if exc.context:
            problem = f"{problem} ({exc.context}"
            if context is not None and exc.context.startswith("while parsing a flow"):
                problem += f" that starts at line {context.line + 1}, column {context.column + 1}"
            problem += ")"
        return YamlProblem("syntax", problem, where)
    # ReaderError (a character YAML forbids) carries a position, not a mark.
    position = getattr(exc, "position", None)
    reason = getattr(exc, "reason", None)
    if isinstance(position, int):
        character = getattr(exc, "character", "")
        code = ord(character) if isinstance(character, str) and character else character
        message = f"{reason or 'unacceptable character'} (#x{code:04x})" if isinstance(
            code, int) else str(reason or exc)
        if HAS_LIBYAML:
            # libyaml reads the text as UTF-8: its position counts bytes, not characters.
            position = len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
        return YamlProblem("syntax", message + "; YAML forbids control characters",
                           _offset_position(text, min(position, len(text))))
    return YamlProblem("syntax", str(exc).splitlines()[0] if str(exc) else "invalid YAML",
                       _point(1, 1))


def compose(text: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Compose one YAML document of ``text`` into data with positions.

    The top level must be one mapping; anything else is a problem, not an exception.
    """
    loader = _Loader(text)
    composer = _Composer(loader, limits)
    data: Any = None
    composed = False
    try:
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            composer.problems.append(
                YamlProblem("syntax", "the file is empty: a map needs at least "
                            "'cjmap', 'id', 'title' and 'stages'", _point(1, 1))
            )
            return Document(None, composer.positions, composer.problems, text)
        document_start: Any = loader.get_event()
        data = composer.compose()
        composed = True
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            event: Any = loader.peek_event()
            composer.problems.append(
                YamlProblem(
                    "syntax",
                    "the file holds several YAML documents; a map file holds exactly one",
                    _point(event.start_mark.line + 1, event.start_mark.column + 1),
                )
            )
    except _Stop as stop:
        composer.problems.append(stop.problem)
        data = None
    except YAMLError as exc:
        composer.problems.append(_problem_from_error(exc, text))
        data = None
    except RecursionError:  # pragma: no cover - the depth bound comes first
        composer.problems.append(YamlProblem("syntax", "nesting too deep", _point(1, 1)))
        data = None
    finally:
        loader.dispose()
    if composed and data is None and not composer.problems:
        # `---` with nothing after it, or a lone `~`: a document, but an empty one.
        composer.problems.append(
            YamlProblem("syntax", "the document is empty: a map needs at least "
                        "'cjmap', 'id', 'title' and 'stages'",
                        _point(document_start.start_mark.line + 1,
                               document_start.start_mark.column + 1)))
    elif data is not None and not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        composer.problems.append(
            YamlProblem(
                "syntax",
                f"the top level is {kind}; a map file must be one mapping "
                "(cjmap: 1, id: ..., title: ..., stages: ...)",
                composer.positions.value_span("") or _point(1, 1),
            )
        )
        data = None
    return Document(data, composer.positions, composer.problems, text)


def too_large(size: int | None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """The document of a file over the size limit (``size`` None: not known exactly).

    Callers that can see the size first (a file's stat, a bounded read of a stream)
    use this instead of reading the whole input just to refuse it.
    """
    cap = limits.max_bytes / (1024 * 1024)
    if size is None:
        message = f"the file is over the {cap:g} MiB limit for a map"
    else:
        message = (f"the file is {size / (1024 * 1024):.1f} MiB ({size:,} bytes), over the "
                   f"{cap:g} MiB limit for a map")
    return Document(None, Positions(), [YamlProblem("syntax", message, _point(1, 1))], "")


def read_document(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Decode and compose ``raw`` bytes; every failure is a problem in the result."""
    if len(raw) > limits.max_bytes:
        return too_large(len(raw), limits)
    text, bad_encoding = decode(raw)
    if bad_encoding is not None:
        return Document(None, Positions(), [bad_encoding], text)
    if "\x00" in text:
        where = _offset_position(text, text.index("\x00"))
        return Document(None, Positions(), [
            YamlProblem("syntax", "the file contains NUL bytes: it is binary, not YAML", where)
        ], text)
    return compose(text, limits)


def compose_nodes_only(text: str) -> Any:
    """libyaml's bare composition, the baseline the benchmarks compare against."""
    return yaml.compose(text, Loader=_Loader)


def dump(data: Any) -> str:
    """Serialise plain data as block YAML (used by ``cjmap init``)."""
    return yaml.dump(data, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)


def dump_flow(value: Any) -> str:
    """One value as YAML in flow style, as a spreadsheet cell holds an ``x-`` key's value.

    Text that YAML would read as something else (``'123'``, ``'a: b'``) comes out quoted,
    so :func:`parse_flow` gives back exactly ``value``.
    """
    text: str = yaml.dump(value, Dumper=yaml.SafeDumper, default_flow_style=True,
                          allow_unicode=True, sort_keys=False, width=2**31 - 1)
    return text.removesuffix("\n").removesuffix("\n...")


def parse_flow(text: str) -> tuple[Any, bool]:
    """The value a :func:`dump_flow` text (or one a person typed) stands for, and
    whether it is YAML at all; text that is not YAML comes back as it is."""
    # As the value of a key, so that any YAML value parses; continuation lines
    # indented, as YAML wants them inside a mapping (the indent is folded away).
    document = compose("value: " + text.replace("\n", "\n  "))
    if document.problems or not isinstance(document.data, dict):
        return text, False
    return document.data.get("value"), True
