"""The loader: positions of values and keys, schema findings, and bad input as findings.

Positions are 1-based (line, column) worked out by hand from the YAML in each test.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from cjmap.errors import InputError
from cjmap.findings import Finding
from cjmap.load import LoadedMap, load_bytes, load_path, read_input
from cjmap.model import JourneyMap, Status
from cjmap.yamlio import DEFAULT_MAX_BYTES, Limits

MAP = """\
cjmap: 1
id: shop
title: Shop
personas:
  - id: parent
    name: Parent
  - {id: student, name: Student}
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: cart
        name: Cart
        actions: [Adds to cart, Checks total]
        emotion: {parent: -1, student: 2}
        pain_points:
          - id: slow
            title: Slow
            severity: 3
  - id: pay
    name: Pay
    touchpoints: [{id: card, name: Card, emotion: 1}]
"""


def load(text: str | bytes) -> LoadedMap:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(raw, "m.cjmap.yaml")


def where(loaded: LoadedMap, pointer: str, at_key: bool = False) -> tuple[int, int]:
    span = loaded.source.locate(pointer, at_key=at_key)
    return span.line, span.column


def only(loaded: LoadedMap, code: str | None = None) -> Finding:
    found = [f for f in loaded.findings if code is None or f.code == code]
    assert len(found) == 1, loaded.findings
    return found[0]


def positions(loaded: LoadedMap) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.pointer) for f in loaded.findings]


# -- positions -----------------------------------------------------------------------------

def test_the_sample_map_loads() -> None:
    loaded = load(MAP)
    assert loaded.ok and loaded.findings == []
    assert isinstance(loaded.journey, JourneyMap)


@pytest.mark.parametrize(("pointer", "line", "column"), [
    ("", 1, 1),
    ("/cjmap", 1, 8),
    ("/title", 3, 8),
    ("/personas", 5, 3),
    ("/personas/0", 5, 5),
    ("/personas/0/name", 6, 11),
    ("/personas/1", 7, 5),            # a flow mapping in a block sequence
    ("/personas/1/name", 7, 25),
    ("/stages/0/touchpoints/0", 12, 9),
    ("/stages/0/touchpoints/0/actions/0", 14, 19),   # flow sequence items
    ("/stages/0/touchpoints/0/actions/1", 14, 33),
    ("/stages/0/touchpoints/0/emotion/student", 15, 40),
    ("/stages/0/touchpoints/0/pain_points/0/severity", 19, 23),
    ("/stages/1/touchpoints/0", 22, 19),
    ("/stages/1/touchpoints/0/emotion", 22, 51),
])
def test_value_positions(pointer: str, line: int, column: int) -> None:
    assert where(load(MAP), pointer) == (line, column)


def test_value_span_end() -> None:
    span = load(MAP).source.locate("/stages/0/touchpoints/0/actions/0")
    assert (span.line, span.column, span.end_line, span.end_column) == (14, 19, 14, 31)


def test_key_positions() -> None:
    loaded = load(MAP)
    assert where(loaded, "/stages/0/touchpoints/0/emotion/student", at_key=True) == (15, 31)
    assert where(loaded, "/personas/0/name", at_key=True) == (6, 5)


def test_missing_pointer_falls_back_to_nearest_ancestor() -> None:
    loaded = load(MAP)
    # `frequency` is not written: its default lives at the pain point's mapping.
    assert where(loaded, "/stages/0/touchpoints/0/pain_points/0/frequency") == (17, 13)
    assert where(loaded, "/nothing/at/all") == (1, 1)


def test_pointer_tokens_are_escaped() -> None:
    loaded = load("cjmap: 1\nid: m\ntitle: T\nx-a/b~c: 1\nstages: [{id: s, name: S}]\n")
    assert loaded.ok
    assert where(loaded, "/x-a~1b~0c") == (4, 10)


# -- schema findings -------------------------------------------------------------------------

def test_unknown_field_is_reported_at_the_key_with_a_suggestion() -> None:
    loaded = load(MAP.replace("        name: Cart\n", "        nmae: Cart\n"))
    assert positions(loaded) == [
        ("CJ003", 12, 9, "/stages/0/touchpoints/0"),
        ("CJ003", 13, 9, "/stages/0/touchpoints/0/nmae"),
    ]
    messages = sorted(f.message for f in loaded.findings)
    assert messages == ["missing required field 'name'",
                        "unknown field 'nmae' (did you mean 'name'?)"]


def test_missing_fields_are_reported_at_the_mapping_in_one_finding() -> None:
    loaded = load(MAP.replace("            title: Slow\n            severity: 3\n", ""))
    finding = only(loaded)
    assert (finding.code, finding.line, finding.column) == ("CJ003", 17, 13)
    assert finding.pointer == "/stages/0/touchpoints/0/pain_points/0"
    assert finding.message == ("missing required field 'title'; "
                               "missing required field 'severity'")


def test_missing_top_level_field_is_at_the_document() -> None:
    finding = only(load("# A map\n\ncjmap: 1\nid: m\ntitle: T\n"))
    assert (finding.line, finding.column, finding.pointer) == (3, 1, "")
    assert finding.message == "missing required field 'stages'"


def test_value_in_a_nested_flow_list() -> None:
    loaded = load(MAP.replace("Checks total]", "{a: b}]"))
    finding = only(loaded)
    assert (finding.line, finding.column) == (14, 33)
    assert finding.pointer == "/stages/0/touchpoints/0/actions/1"
    assert finding.message == "expected text, got a mapping"


def test_error_in_anchored_content_is_reported_at_the_alias() -> None:
    text = """\
cjmap: 1
id: m
title: T
x-pains:
  - &slow {id: slow, title: Slow, severity: 0}
stages:
  - id: a
    name: A
    pain_points: [*slow]
  - id: b
    name: B
    pain_points:
      - *slow
"""
    loaded = load(text)
    assert positions(loaded) == [
        ("CJ003", 9, 19, "/stages/0/pain_points/0/severity"),
        ("CJ003", 13, 9, "/stages/1/pain_points/0/severity"),
    ]
    assert all(f.message == "must be greater than or equal to 1, got 0"
               for f in loaded.findings)


def test_error_through_a_merge_key_is_reported_at_the_merge() -> None:
    text = """\
cjmap: 1
id: m
title: T
x-defaults: &tp {name: 7, emotion: 1}
stages:
  - id: a
    name: A
    touchpoints:
      - <<: *tp
        id: cart
"""
    loaded = load(text)
    finding = only(loaded)
    assert finding.pointer == "/stages/0/touchpoints/0/name"
    assert (finding.line, finding.column) == (9, 13)
    assert finding.message == "expected text, got the integer 7"


def test_merge_keys_fill_in_and_explicit_keys_win() -> None:
    text = """\
cjmap: 1
id: m
title: T
x-defaults: &tp {name: Default, emotion: 1, owner: ops}
stages:
  - id: a
    name: A
    touchpoints:
      - <<: *tp
        id: cart
        emotion: -1
"""
    loaded = load(text)
    assert loaded.ok, loaded.findings
    assert loaded.journey is not None
    touchpoint = loaded.journey.stages[0].touchpoints[0]
    assert (touchpoint.name, touchpoint.emotion, touchpoint.owner) == ("Default", -1, "ops")
    assert where(loaded, "/stages/0/touchpoints/0/emotion") == (11, 18)


def test_duplicate_key_at_the_second_key_naming_the_first_line() -> None:
    text = "cjmap: 1\nid: m\ntitle: T\nstages:\n  - id: a\n    name: A\n\n    name: B\n"
    loaded = load(text)
    finding = only(loaded, "CJ002")
    assert (finding.line, finding.column, finding.pointer) == (8, 5, "/stages/0/name")
    assert finding.message == "duplicate key 'name' (first defined at line 6)"
    assert str(finding.severity) == "error"
    # The map still loads (with the last value), so the other rules can run too.
    assert loaded.journey is not None and loaded.journey.stages[0].name == "B"


def test_per_persona_emotion_keys() -> None:
    loaded = load(MAP)
    assert loaded.journey is not None
    assert loaded.journey.stages[0].touchpoints[0].emotion == {"parent": -1, "student": 2}
    bad = load(MAP.replace("student: 2}", "student: high}"))
    finding = only(bad)
    assert (finding.line, finding.column) == (15, 40)
    assert finding.message == "expected an integer, got the text 'high'"


def test_emotion_of_the_wrong_shape_gets_one_message() -> None:
    finding = only(load(MAP.replace("emotion: 1}", "emotion: [1]}")))
    assert finding.message == (
        "expected an integer or a mapping of persona ids to integers, got a list")
    assert finding.pointer == "/stages/1/touchpoints/0/emotion"


def test_one_string_instead_of_a_list() -> None:
    loaded = load(MAP.replace("[Adds to cart, Checks total]", "Adds to cart"))
    assert loaded.journey is not None
    assert loaded.journey.stages[0].touchpoints[0].actions == ["Adds to cart"]


def test_x_extension_keys_are_accepted_and_kept() -> None:
    text = MAP.replace("title: Shop\n", "title: Shop\nx-jira: SHOP-1\nx-meta: {a: [1, 2]}\n")
    text = text.replace("    name: Buy\n", "    name: Buy\n    x-color: red\n")
    loaded = load(text)
    assert loaded.ok, loaded.findings
    assert loaded.journey is not None
    assert loaded.journey.extensions == {"x-jira": "SHOP-1", "x-meta": {"a": [1, 2]}}
    assert loaded.journey.stages[0].extensions == {"x-color": "red"}
    assert loaded.journey.stages[1].extensions == {}


@pytest.mark.parametrize(("replace", "by", "message"), [
    ("title: Shop", "title: 2026", "expected text, got the integer 2026"),
    ("name: Parent", "name: yes",
     "YAML reads yes as the boolean true, not as text: quote it (\"yes\") to mean the word"),
    ("severity: 3", "severity: '3'", "expected an integer, got the text '3'"),
    ("severity: 3", "severity: 3.0", "expected an integer, got the number 3.0"),
    ("severity: 3", "severity: true", "expected an integer, got the boolean true"),
    ("severity: 3", "severity:", "expected an integer, got nothing (an empty value)"),
])
def test_types_are_strict(replace: str, by: str, message: str) -> None:
    assert only(load(MAP.replace(replace, by))).message == message


def test_dates() -> None:
    base = MAP.replace("title: Shop\n", "title: Shop\nreviewed: WHEN\n")
    for written in ("2026-10-01", "'2026-10-01'"):
        loaded = load(base.replace("WHEN", written))
        assert loaded.journey is not None, loaded.findings
        assert loaded.journey.reviewed == dt.date(2026, 10, 1)
    for written, message in [
        ("2026-13-45", "'2026-13-45' is not a real date: month value is outside"),
        ("2026-11-31", "'2026-11-31' is not a real date: day value is outside"),
        ("2026-10-01 12:30:00", "expected a date without a time"),
        ("yesterday", "expected a date (YYYY-MM-DD), got the text 'yesterday'"),
    ]:
        finding = only(load(base.replace("WHEN", written)))
        assert (finding.line, finding.column, finding.pointer) == (4, 11, "/reviewed")
        assert finding.message.startswith(message)


def test_enum_with_a_suggestion() -> None:
    text = MAP + ("opportunities:\n  - {id: o, title: O, addresses: [slow], impact: 1, "
                  "effort: 1, status: planed}\n")
    finding = only(load(text))
    assert finding.pointer == "/opportunities/0/status"
    assert finding.message.endswith("got the text 'planed' (did you mean 'planned'?)")
    fixed = load(text.replace("planed", "planned"))
    assert fixed.journey is not None
    assert fixed.journey.opportunities[0].status is Status.PLANNED


def test_unsupported_version() -> None:
    finding = only(load(MAP.replace("cjmap: 1", "cjmap: 3")))
    assert (finding.code, finding.line, finding.column, finding.pointer) == (
        "CJ004", 1, 8, "/cjmap")
    assert "format version 3 is not supported" in finding.message
    assert "upgrade cjmap" in finding.message
    # Only the version is reported: the rest may mean something else in version 3.
    assert only(load("cjmap: 3\nwhatever: 1\n")).code == "CJ004"
    assert only(load(MAP.replace("cjmap: 1", "cjmap: '1'"))).code == "CJ003"


# -- encodings ---------------------------------------------------------------------------------

def test_utf8_bom_is_accepted() -> None:
    loaded = load(codecs.BOM_UTF8 + MAP.encode("utf-8"))
    assert loaded.ok
    assert where(loaded, "/title") == (3, 8)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    raw = MAP.replace("Shop", "Café").encode(encoding)
    if encoding == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    loaded = load(raw)
    assert loaded.journey is not None, loaded.findings
    assert loaded.journey.title == "Café"


def test_invalid_utf8_names_the_byte_offset() -> None:
    raw = b"cjmap: 1\nid: m\ntitle: Caf\xe9 au lait\n"
    finding = only(load(raw))
    assert finding.code == "CJ001"
    # c-j-m-a-p-:-space-1-\n is 9 bytes, "id: m\n" 6, "title: Caf" 10: the bad byte is 25.
    assert "byte offset 25" in finding.message
    assert (finding.line, finding.column) == (3, 11)


# -- input that is not a map -------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "line", "column", "words"), [
    (b"", 1, 1, "empty"),
    (b"\n\n# only a comment\n", 1, 1, "empty"),
    (b"# a comment\n---\n", 2, 1, "empty"),
    (b"- a\n- b\n", 1, 1, "the top level is a list"),
    (b"\n\njust text\n", 3, 1, "the top level is a single value"),
    (b"cjmap: 1\n---\ncjmap: 1\n", 2, 1, "several YAML documents"),
    (b"cjmap: 1\nstages:\n\t- id: a\n", 3, 1, "a tab"),
    (b"cjmap: 1\ntitle: !!python/object:os.system x\n", 2, 8, "unsupported tag"),
    (b"cjmap: 1\nstages: !!set {a, b}\n", 2, 9, "unsupported tag"),
    (b"cjmap: 1\ntitle: \x00\n", 2, 8, "NUL"),
    (b"cjmap: 1\ntitle: \x07bell\n", 2, 8, "control characters"),
    (b"cjmap: 1\ntitle: [a\n", 3, 1, ""),
    (b"cjmap: 1\ntitle: *nowhere\n", 2, 8, "not defined"),
    (b"? {a: 1}\n: b\n", 1, 3, "mapping key"),
])
def test_not_a_map(raw: bytes, line: int, column: int, words: str) -> None:
    finding = only(load(raw))
    assert finding.code == "CJ001"
    assert (finding.line, finding.column) == (line, column), finding.message
    assert words in finding.message


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    loaded = load("\n".join(lines) + "\n")
    elapsed = time.perf_counter() - start
    finding = only(loaded)
    assert finding.code == "CJ001"
    assert "alias bomb" in finding.message
    assert elapsed < 0.5


def test_nesting_deeper_than_the_bound() -> None:
    finding = only(load_bytes(b"a: " + b"[" * 40 + b"]" * 40 + b"\n", "m", Limits(max_depth=10)))
    assert finding.code == "CJ001"
    assert finding.message == "nesting deeper than 10 levels"
    # `a:` is depth 1, the first `[` depth 1 too; the 11th `[` is column 4 + 10.
    assert (finding.line, finding.column) == (1, 14)
    assert load_bytes(b"a: " + b"[" * 10 + b"]" * 10 + b"\n", "m", Limits(max_depth=10)).findings \
        != [finding]


def test_default_depth_bound_on_block_nesting() -> None:
    text = "".join("  " * i + "k:\n" for i in range(200))
    finding = only(load(text))
    assert finding.message == "nesting deeper than 64 levels"


def test_node_count_bound() -> None:
    raw = b"x: [" + b", ".join(b"%d" % i for i in range(200)) + b"]\n"
    finding = only(load_bytes(raw, "m", Limits(max_nodes=100)))
    assert finding.code == "CJ001"
    assert "more than 100 nodes" in finding.message


def test_size_cap() -> None:
    raw = MAP.encode("utf-8")
    assert load_bytes(raw, "m", Limits(max_bytes=len(raw))).ok
    finding = only(load_bytes(raw, "m", Limits(max_bytes=len(raw) - 1)))
    assert finding.code == "CJ001"
    assert "over the" in finding.message and "limit" in finding.message


def test_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.cjmap.yaml"
    with path.open("wb") as handle:
        handle.write(b"cjmap: 1\n")
        handle.seek(DEFAULT_MAX_BYTES + 1024)  # sparse: the disk holds next to nothing
        handle.write(b"\n")
    assert os.path.getsize(path) > 10 * 1024 * 1024
    tracemalloc.start()
    try:
        loaded = load_path(str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    finding = only(loaded)
    assert finding.code == "CJ001"
    assert "10 MiB limit" in finding.message
    assert peak < 1024 * 1024, f"peak {peak} bytes: the file was read"


def test_load_path_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_path(str(tmp_path / "missing.yaml"))
    with pytest.raises(InputError, match="is a directory"):
        read_input(str(tmp_path))


def test_load_path_display_name(tmp_path: Path) -> None:
    path = tmp_path / "a.cjmap.yaml"
    path.write_text("cjmap: 1\n", encoding="utf-8")
    loaded = load_path(str(path), display="shown.yaml")
    assert loaded.path == "shown.yaml"
    assert {f.file for f in loaded.findings} == {"shown.yaml"}


def test_columns_count_characters_not_bytes() -> None:
    text = ("cjmap: 1\nid: m\ntitle: T\nsummary: 😀😀 x\n"
            "stages: [{id: s, name: S, touchpoints: [{id: t, name: ééé, emotion: 9}]}]\n")
    loaded = load(text)
    span = loaded.source.locate("/summary")
    assert (span.column, span.end_column) == (10, 14)  # two emoji, a space and an x
    # 8 for "stages: ", then the flow collections: the 9 is the 69th character.
    assert where(loaded, "/stages/0/touchpoints/0/emotion") == (5, 69)


@pytest.mark.parametrize(("replace", "by", "message"), [
    ("cjmap: 1", "cjmap: true", "expected 1, got the boolean true"),
    ("title: Shop\n", "title: Shop\nreviewed: 20261001\n",
     "expected a date (YYYY-MM-DD), got the integer 20261001"),
    ("title: Shop\n", "title: Shop\nreviewed: 0\n",
     "expected a date (YYYY-MM-DD), got the integer 0"),
])
def test_values_python_would_coerce_are_refused(replace: str, by: str, message: str) -> None:
    # True == 1 and a number is a Unix timestamp to lax parsers; neither is what was meant.
    assert only(load(MAP.replace(replace, by))).message == message


def test_empty_addresses_are_refused() -> None:
    text = MAP + ("opportunities:\n  - {id: o, title: O, addresses: [], impact: 1, "
                  "effort: 1}\n")
    finding = only(load(text))
    assert finding.pointer == "/opportunities/0/addresses"
    assert (finding.line, finding.column) == (24, 34)


@pytest.mark.parametrize(("text", "line", "column", "message"), [
    ("cjmap: 1\nid: m\ntitle:Shop\nstages: []\n", 3, 1,
     "could not find the ':' after this key (write 'key: value', with a space after the colon)"),
    ("cjmap: 1\nid: m\ntitle: \"Shop\nstages: []\n", 3, 8,
     "the quoted text that starts here is never closed"),
    ("cjmap: 1\nid: m\ntitle: Note: this\n", 3, 12,
     "mapping values are not allowed in this context (quote a value that contains ': ')"),
    ("cjmap: 1\nstages: [{id: buy, name: Buy}\nid: m\n", 3, 1,
     "did not find expected ',' or ']' (while parsing a flow sequence that starts at line 2, "
     "column 9)"),
])
def test_common_yaml_mistakes_point_at_the_cause(text: str, line: int, column: int,
                                                message: str) -> None:
    finding = only(load(text))
    assert (finding.code, finding.line, finding.column, finding.message) == (
        "CJ001", line, column, message)


def test_default_node_bound() -> None:
    # 260,000 one-character scalars: a 0.5 MB file that is no journey map.
    raw = b"x: [" + b",".join([b"1"] * 260_000) + b"]\n"
    finding = only(load(raw))
    assert finding.message.startswith("document expands to more than 250,000 nodes")
    # The mapping and the list are nodes 1 and 2, so the 250,001st node is the
    # 249,999th item, at column 5 + 2 * 249,998.
    assert (finding.line, finding.column) == (1, 5 + 2 * 249_998)


def test_invalid_bytes_after_a_bom_count_the_bom() -> None:
    raw = codecs.BOM_UTF8 + b"cjmap: 1\nid: \xff\n"
    finding = only(load(raw))
    # 3 bytes of BOM, 9 of "cjmap: 1\n", 4 of "id: ": the bad byte is at offset 16.
    assert "invalid UTF-8 at byte offset 16 (bytes ff 0a)" in finding.message
    assert (finding.line, finding.column) == (2, 5)
    odd = codecs.BOM_UTF16_LE + "cjmap: 1\n".encode("utf-16-le") + b"x"
    finding = only(load(odd))
    assert "invalid UTF-16-LE at byte offset 20" in finding.message


@pytest.mark.parametrize(("text", "column"), [
    ("cjmap: 1\ntitle: x\x07\n", 9),
    ("cjmap: 1\ntitle: é\x07\n", 9),
    ("cjmap: 1\ntitle: 😀😀\x07\n", 10),
    ("cjmap: 1\ntitle: 😀😀: x\n", 10),
])
def test_syntax_error_columns_count_characters(text: str, column: int) -> None:
    finding = only(load(text))
    assert (finding.code, finding.line, finding.column) == ("CJ001", 2, column)


def test_line_numbers_follow_yaml_line_breaks() -> None:
    # Old Mac line ends (\r) are line breaks to YAML; a form feed is not (it is an error).
    loaded = load("cjmap: 1\rid: m\rtitle: T\rstages: [{id: s, name: S}]\rx: 1\r")
    finding = only(loaded)
    assert (finding.line, finding.column) == (5, 1)
    assert loaded.source.line_text(5) == "x: 1"
    finding = only(load("cjmap: 1\rtitle: x\x07\r"))
    assert (finding.line, finding.column) == (2, 9)
    assert load("a: 1\x0c\nb: 2\n").source.line_text(1) == "a: 1\x0c"


@pytest.mark.parametrize(("value", "message"), [
    ("!!bool Cart", "'Cart' is not a valid !!bool"),
    ("!!int abc", "'abc' is not a valid !!int"),
    ("!!float abc", "'abc' is not a valid !!float"),
    ("!!timestamp abc", "'abc' is not a valid !!timestamp"),
])
def test_explicit_tag_with_a_value_it_does_not_fit(value: str, message: str) -> None:
    finding = only(load(MAP.replace("title: Shop", f"title: {value}")))
    assert (finding.code, finding.line, finding.column, finding.pointer) == (
        "CJ001", 3, 8, "/title")
    assert finding.message == message


def test_explicit_tags_that_fit_are_plain_values() -> None:
    loaded = load(MAP.replace("severity: 3", "severity: !!int '3'").replace(
        "title: Shop", "title: !!str 2026"))
    assert loaded.journey is not None, loaded.findings
    assert loaded.journey.title == "2026"


def test_only_a_plain_merge_key_merges() -> None:
    text = MAP.replace("title: Shop\n", "title: Shop\n'<<': {summary: S}\n")
    finding = only(load(text))
    assert (finding.code, finding.pointer, finding.message) == (
        "CJ003", "/<<", "unknown field '<<'")
    merged = load(MAP.replace("title: Shop\n", "title: Shop\n<<: {summary: S}\n"))
    assert merged.journey is not None and merged.journey.summary == "S"


def test_anchors_on_keys_and_aliases_as_keys() -> None:
    # An anchor on a key names the key's text; the alias of a text can be a key.
    text = MAP.replace("title: Shop\n", "&t title: Shop\nsummary: *t\n")
    loaded = load(text)
    assert loaded.journey is not None, loaded.findings
    assert loaded.journey.summary == "title"
    text = MAP.replace("title: Shop\n", "x-key: &k summary\n*k : From an alias\ntitle: Shop\n")
    loaded = load(text)
    assert loaded.journey is not None, loaded.findings
    assert loaded.journey.summary == "From an alias"
    finding = only(load("a: &m {x: 1}\n*m : 2\n"))
    assert (finding.code, finding.line, finding.column) == ("CJ001", 2, 1)
    assert finding.message.startswith("a mapping key must be plain text")
    finding = only(load("*nowhere : 1\n"))
    assert finding.message == "alias *nowhere refers to an anchor that is not defined above it"
