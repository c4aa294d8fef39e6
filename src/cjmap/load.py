"""Text -> (JourneyMap, SourceMap, findings).

The loader owns rules CJ001-CJ004: YAML that does not parse, duplicate keys, schema
errors and unsupported format versions. Pydantic's errors are turned into findings
placed on the value they are about (or on the mapping that lacks a field), with
messages written for the person who wrote the YAML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from cjmap.findings import Finding, Severity
from cjmap.inputs import STDIN as STDIN  # re-exported: commands import it from here
from cjmap.inputs import TooLarge, read_bounded
from cjmap.model import SUPPORTED_VERSIONS, CjmapModel, JourneyMap, validation_errors
from cjmap.refs import models_by_shape
from cjmap.source import SourceMap
from cjmap.suggest import did_you_mean
from cjmap.yamlio import (
    DEFAULT_LIMITS,
    Limits,
    Span,
    YamlProblem,
    escape_pointer_token,
    read_document,
    too_large,
)

if TYPE_CHECKING:  # the modules for maps with problems are imported when there are some
    from cjmap.partial import PartialMap

YAML_SYNTAX = ("CJ001", "yaml-syntax")
DUPLICATE_KEY = ("CJ002", "duplicate-key")
SCHEMA = ("CJ003", "schema")
UNSUPPORTED_VERSION = ("CJ004", "unsupported-version")

M = TypeVar("M", bound=CjmapModel)

if TYPE_CHECKING:
    from cjmap.libraries import Resolved


# NamedTuples, not dataclasses: cheaper to create at import (docs/performance.md).
class LoadedMap(NamedTuple):
    """One file read: the map when it validated, where things are, and what went wrong."""

    path: str
    journey: JourneyMap | None
    source: SourceMap
    findings: list[Finding]
    # Set once the map's libraries are merged in (cjmap.libraries.resolve_loaded):
    # ``journey`` is then the merged map, and this says where its items came from.
    resolved: Resolved | None = None
    # A map that failed the schema: what could still be read of it (cjmap.partial).
    partial: PartialMap | None = None

    @property
    def ok(self) -> bool:
        return self.journey is not None


def _finding(code_name: tuple[str, str], message: str, path: str, span: Span,
             pointer: str) -> Finding:
    code, name = code_name
    return Finding(code, name, Severity.ERROR, message, path, span.line, span.column,
                   span.end_line, span.end_column, pointer)


def _yaml_finding(problem: YamlProblem, path: str, text: str = "") -> Finding:
    from cjmap.syntaxhints import syntax_hint  # only for a file that has YAML problems

    problem = syntax_hint(problem, text)
    rule = DUPLICATE_KEY if problem.kind == "duplicate-key" else YAML_SYNTAX
    return _finding(rule, problem.message, path, problem.span, problem.pointer)


def load_bytes(raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> LoadedMap:
    """Load one map from bytes. Never raises for bad content."""
    return _load_bytes(raw, path, limits)


def _load_bytes(raw: bytes, path: str, limits: Limits) -> LoadedMap:
    done = _validate(raw, path, limits, JourneyMap)
    return LoadedMap(path, done.model, done.source, done.findings, partial=done.partial)


def validate_bytes(raw: bytes, path: str, limits: Limits, model: type[M],
                   ) -> tuple[M | None, SourceMap, list[Finding]]:
    """Parse and validate one file as ``model`` (a map, or a library): the model when it
    validated, where things are, and the CJ001-CJ004 findings."""
    done = _validate(raw, path, limits, model)
    return done.model, done.source, done.findings


class _Validated(NamedTuple, Generic[M]):
    """One file validated: the model or None, positions, findings, and for a map that
    failed the schema, what could still be read of it."""

    model: M | None
    source: SourceMap
    findings: list[Finding]
    partial: PartialMap | None = None


def _readable_part(model: type[CjmapModel], data: dict[str, Any],
                   errors: list[ErrorDetails]) -> PartialMap | None:
    if model is not JourneyMap or len(errors) > MAX_SCHEMA_ERRORS or data.get("uses"):
        # A library's rules run on the maps using it; a wreck has no parts; and a map
        # that uses libraries refers to items only its libraries define, which the part
        # read here does not have (its references would all look unknown).
        return None
    from cjmap.partial import readable_part  # only for a map that fails the schema

    return readable_part(data, errors)


def _validate(raw: bytes, path: str, limits: Limits, model: type[M]) -> _Validated[M]:
    document = read_document(raw, limits)
    source = SourceMap(document.positions, document.text)
    findings = [_yaml_finding(p, path, document.text) for p in document.problems]
    if document.data is None or any(f.code == YAML_SYNTAX[0] for f in findings):
        return _Validated(None, source, findings)
    data: dict[str, Any] = document.data
    version = data.get("cjmap")
    if isinstance(version, int) and not isinstance(version, bool) and (
        version not in SUPPORTED_VERSIONS
    ):
        supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        hint = "upgrade cjmap" if version > max(SUPPORTED_VERSIONS) else "fix the version"
        findings.append(_finding(
            UNSUPPORTED_VERSION,
            f"format version {version} is not supported by this release "
            f"(it reads version {supported}); {hint}",
            path, source.locate("/cjmap"), "/cjmap"))
        return _Validated(None, source, findings)
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        errors = validation_errors(exc)
        findings.extend(schema_findings(errors, data, source, path, root=model))
        return _Validated(None, source, findings, _readable_part(model, data, errors))
    return _Validated(validated, source, findings)


def read_input(path: str, limit: int = DEFAULT_LIMITS.max_bytes) -> bytes:
    """A map file's bytes, or standard input's for ``-``, through the one bounded
    reader (:func:`cjmap.inputs.read_bounded`): unreadable is exit 2, over ``limit``
    raises :class:`~cjmap.inputs.TooLarge`."""
    return read_bounded(path, limit)


def load_path(path: str, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> LoadedMap:
    """Load a map from a file (or ``-``); a file that cannot be read raises InputError,
    one over the size limit is a CJ001 finding (a map problem, as for lint)."""
    name = display or path
    try:
        raw = read_input(path, limits.max_bytes)
    except TooLarge as exc:
        return _too_large(name, exc.size, limits)
    return load_bytes(raw, name, limits)


def _too_large(path: str, size: int | None, limits: Limits) -> LoadedMap:
    return LoadedMap(path, None, SourceMap.empty(), too_large_findings(path, size, limits))


def too_large_findings(path: str, size: int | None, limits: Limits) -> list[Finding]:
    """The CJ001 finding of a file over the size limit (a map's, or a library's)."""
    return [_yaml_finding(p, path) for p in too_large(size, limits).problems]


# -- pydantic errors -> findings ----------------------------------------------------------

_EXPECTED = {
    "string_type": "text",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time",
    "finite_number": "a finite number",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        # repr keeps "3.0" distinct from the integer 3 in "expected an integer" messages.
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _to_pointer(loc: Sequence[int | str], data: Any) -> tuple[str, list[str], bool]:
    """Follow ``loc`` through the data; skip union-member tags pydantic adds to it.

    Returns (pointer, shape of field names along the way, whether every element
    of ``loc`` was found in the data).
    """
    pointer = ""
    shape: list[str] = []
    current = data
    complete = True
    for element in loc:
        if isinstance(current, dict) and isinstance(element, str) and element in current:
            pointer += "/" + escape_pointer_token(element)
            shape.append(element)
            current = current[element]
        elif isinstance(current, list) and isinstance(element, int) and (
            0 <= element < len(current)
        ):
            pointer += f"/{element}"
            current = current[element]
        else:
            complete = False
    return pointer, shape, complete


def _model_fields(shape: Sequence[str], root: type[CjmapModel] = JourneyMap) -> list[str]:
    # The items inside a library are a map's items; only the top level differs.
    model = models_by_shape().get(tuple(shape)) if shape else root
    return list(model.model_fields) if model is not None else []


_DATE_SHAPE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def _message(error: ErrorDetails, data: Any, shape: list[str],
             root: type[CjmapModel] = JourneyMap) -> tuple[str, bool]:
    """A message for one pydantic error and whether it is about a key."""
    kind = error["type"]
    value = error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        return f"unknown field {key!r}{did_you_mean(key, _model_fields(shape[:-1], root))}", True
    if kind == "missing":
        return f"missing required field {str(error['loc'][-1])!r}", False
    if kind.startswith("date_") and isinstance(value, str) and _DATE_SHAPE.match(value):
        # Written like a date but not one (2026-11-31): say what is wrong with it.
        reason = str(ctx.get("error", "no such day"))
        return f"{value!r} is not a real date: {reason}", False
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
        if error["loc"] and error["loc"][-1] == "single" and isinstance(value, list):
            # The union tag of an emotion: a list fits neither of its two forms.
            expected = "an integer or a mapping of persona ids to integers"
        return f"expected {expected}, got {_describe(value)}", False
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", ""))
        choices = re.findall(r"'([^']*)'", expected)
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        return f"expected {expected}, got {_describe(value)}{hint}", False
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^https?"):
            return f"only http:// and https:// URLs are allowed, got {_describe(value)}", False
        return (f"{_describe(value)} is not a valid id: use lower-case letters, digits, "
                "'-' and '_', starting with a letter or digit"), False
    if kind == "string_too_short":
        return "must not be empty", False
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)", False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{error['msg'].replace('Input should be', 'must be')}, got {value!r}", False
    message = str(error["msg"])
    message = message.removeprefix("Value error, ").replace("Input should be", "should be")
    return message, False


MAX_SCHEMA_ERRORS = 1000


def schema_findings(errors: Iterable[ErrorDetails], data: Any, source: SourceMap,
                    path: str, limit: int = MAX_SCHEMA_ERRORS, *,
                    root: type[CjmapModel] = JourneyMap) -> list[Finding]:
    """Turn pydantic's errors into CJ003 findings, one per place (in a file of the
    model ``root``: a map, or a library).

    Past ``limit`` errors the file is not a journey map with mistakes but something
    else entirely; the rest are counted in one last finding instead of each being
    explained (which, with a "did you mean" apiece, would take unbounded time).
    """
    from cjmap.schemahints import explain  # only for a map that fails the schema

    by_pointer: dict[tuple[str, bool], list[str]] = {}
    errors = list(errors)
    skipped = len(errors) - limit
    for error in errors[:limit]:
        pointer, shape, _ = _to_pointer(error["loc"], data)
        message, at_key = _message(error, data, shape, root)
        message = (explain(error, pointer, shape, data, source) if root is JourneyMap
                   else None) or message
        # A bad mapping key (a per-persona emotion's persona id) is reported on the key.
        at_key = at_key or (bool(error["loc"]) and error["loc"][-1] == "[key]")
        if error["type"] == "extra_forbidden":
            pointer = pointer or "/" + escape_pointer_token(str(error["loc"][-1]))
        messages = by_pointer.setdefault((pointer, at_key), [])
        if message not in messages:
            messages.append(message)
    findings = []
    for (pointer, at_key), messages in by_pointer.items():
        findings.append(_finding(SCHEMA, _merge(messages), path,
                                 source.locate(pointer, at_key=at_key), pointer))
    if skipped > 0:
        findings.append(_finding(SCHEMA, f"{skipped:,} more schema errors not shown (the first "
                                 f"{limit:,} are); is this file a journey map?", path,
                                 source.locate(""), ""))
    return findings


def _merge(messages: list[str]) -> str:
    """Errors from the branches of a union become one "expected A or B" message."""
    if len(messages) > 1 and all(m.startswith("expected ") for m in messages):
        got = messages[0].rsplit(", got ", 1)
        expectations = [m.removeprefix("expected ").rsplit(", got ", 1)[0] for m in messages]
        merged = f"expected {' or '.join(dict.fromkeys(expectations))}"
        return f"{merged}, got {got[1]}" if len(got) == 2 else merged
    return "; ".join(messages)
