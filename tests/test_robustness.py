"""No input ever gives a traceback: the YAML test suite, random bytes, generated YAML.

Every input must come back as a result (a map, or findings saying why there is none);
the CLI must answer with exit 0 or 1 and never print a Python traceback.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.lint.engine import LintOptions, lint_bytes
from cjmap.load import LoadedMap, load_bytes
from cjmap.yamlio import compose_nodes_only, dump

SUITE = Path(__file__).resolve().parent / "data" / "yaml-test-suite"
SUITE_FILES = sorted(SUITE.rglob("in.yaml"))
OPTIONS = LintOptions(today=dt.date(2026, 11, 1))

VALID = b"""\
cjmap: 1
id: shop
title: Shop
reviewed: 2026-10-01
personas: [{id: parent, name: Parent}]
channels: [{id: web, name: Web, kind: digital}]
evidence: [{id: survey, kind: survey, title: Survey, url: https://example.com/s}]
metrics: [{id: nps, name: NPS, kind: nps, value: 12, better: higher}]
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: cart
        name: Cart
        channel: web
        personas: [parent]
        emotion: {parent: -1}
        owner: shop
        evidence: [survey]
        metrics: [nps]
        pain_points:
          - {id: slow, title: Slow, severity: 3, frequency: 0.5, evidence: [survey]}
opportunities:
  - {id: fast, title: Faster, addresses: [slow], impact: 3, effort: 2, metrics: [nps],
     owner: shop}
"""


def check(raw: bytes, name: str = "input.yaml") -> LoadedMap:
    """Load and lint; both must return, and a map that did not load must say why."""
    loaded = load_bytes(raw, name)
    assert isinstance(loaded, LoadedMap)
    if loaded.journey is None:
        assert loaded.findings, f"{name}: no map and no finding saying why"
    for finding in loaded.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.code.startswith("CJ")
    result = lint_bytes(raw, name, OPTIONS)
    assert result.loaded == loaded.ok
    return loaded


def test_the_corpus_is_there() -> None:
    assert len(SUITE_FILES) > 350
    assert (SUITE / "LICENSE").is_file()


def test_valid_base_map_loads_clean() -> None:
    # The mutation tests below start from this map: it must itself be clean.
    result = lint_bytes(VALID, "valid.cjmap.yaml", OPTIONS)
    assert result.findings == []


def test_yaml_test_suite_never_raises() -> None:
    invalid_with_no_finding = []
    for path in SUITE_FILES:
        raw = path.read_bytes()
        loaded = check(raw, str(path.relative_to(SUITE)))
        # Cases the suite marks as invalid YAML must never load as a map.
        if (path.parent / "error").exists() and loaded.ok:
            invalid_with_no_finding.append(path)
    assert invalid_with_no_finding == []


def _libyaml_rejects(raw: bytes) -> bool:
    try:
        compose_nodes_only(raw.decode("utf-8"))
    except Exception:
        return True
    return False


def test_yaml_test_suite_error_cases_get_cj001() -> None:
    # The suite marks these as not YAML at all: each one libyaml rejects must get
    # a syntax finding, not a schema finding about whatever part of it parsed.
    # (libyaml is lenient about a handful, e.g. a comment glued to a quoted scalar;
    # the loader cannot be stricter than the parser it is built on.)
    missed = []
    lenient = []
    errors = [p for p in SUITE_FILES if (p.parent / "error").exists()]
    for path in SUITE_FILES:
        if not (path.parent / "error").exists():
            continue
        raw = path.read_bytes()
        codes = {f.code for f in load_bytes(raw, "x").findings}
        if not _libyaml_rejects(raw):
            lenient.append(path)
        elif "CJ001" not in codes:
            missed.append((str(path.relative_to(SUITE)), sorted(codes)))
    assert missed == []
    assert len(errors) - len(lenient) > 75


def test_random_bytes_never_raise() -> None:
    rng = random.Random(20261122)
    for i in range(400):
        size = rng.choice([0, 1, 2, 7, 64, 512, 4096])
        check(rng.randbytes(size), f"random-{i}")


def test_mutated_valid_map_never_raises() -> None:
    # Byte flips, deletions and insertions in a real map reach far more of the
    # schema and the rules than random bytes, which mostly fail to decode.
    rng = random.Random(7)
    alphabet = b" \t\n:-[]{},#&*!|>'\"%@`?0123456789abcxyz\xc3\xa9\xff\x00"
    # Tokens with a meaning to YAML: explicit tags once crashed the loader (`!!bool Cart`).
    tokens = [b"<<: ", b"&a ", b"*a", b"!!str ", b"!!int ", b"!!float ", b"!!bool ",
              b"!!timestamp ", b"!!null ", b"? ", b"--- ", b"0x", b".inf", b"2026-01-01", b"~"]
    for _ in range(1000):
        data = bytearray(VALID)
        for _ in range(rng.randint(1, 6)):
            where = rng.randrange(len(data))
            action = rng.random()
            if action < 0.3:
                data[where] = rng.choice(alphabet)
            elif action < 0.5:
                del data[where : where + rng.randint(1, 20)]
            elif action < 0.8:
                data[where:where] = rng.choice(tokens)
            else:
                data[where:where] = bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
        check(bytes(data), "mutated")


YAMLISH = st.lists(
    st.sampled_from([*" \t\n\r:-?[]{},#&*!|>'\"%@`~.0123456789abcxyzé<=\\",
                     "cjmap", "id", "title", "stages", "emotion", "<<", "---", "...",
                       "!!str", "&a", "*a", "\n  ", "\n- ", ": ", "cjmap: 1\n"]),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_yamlish_text_never_raises(text: str) -> None:
    check(text.encode("utf-8"))


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["web", "parent", "survey", "nps", "slow", "buy", "cart", "x-a", "1"]),
)
FIELDS = ["cjmap", "id", "title", "name", "stages", "touchpoints", "pain_points", "personas",
          "channels", "evidence", "metrics", "opportunities", "addresses", "emotion",
          "severity", "frequency", "impact", "effort", "confidence", "status", "scales",
          "min", "max", "reviewed", "channel", "owner", "x-extra", "url", "kind", "<<"]
nested: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), children,
                        max_size=5),
    ),
    max_leaves=40,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nested)
def test_dumped_nested_data_never_raises(data: Any) -> None:
    check(dump(data).encode("utf-8"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS), nested, max_size=8), st.integers(0, 4))
def test_map_shaped_data_never_raises(extra: dict[str, Any], level: int) -> None:
    # Start from a map that loads and overwrite fields (at the top, in a stage, a
    # touchpoint, a pain point or an opportunity) with generated values, so that the
    # schema errors and the rules (not only the parser) see odd input.
    pain = {"id": "p", "title": "P", "severity": 2}
    touchpoint = {"id": "t", "name": "N", "pain_points": [pain]}
    stage = {"id": "s", "name": "S", "touchpoints": [touchpoint]}
    opportunity = {"id": "o", "title": "O", "addresses": ["p"], "impact": 1, "effort": 1}
    data: dict[str, Any] = {"cjmap": 1, "id": "m", "title": "T", "stages": [stage],
                            "opportunities": [opportunity]}
    [data, stage, touchpoint, pain, opportunity][level].update(extra)
    check(dump(data).encode("utf-8"))


def test_pathological_inputs_finish_quickly() -> None:
    laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        laughs.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    inputs = {
        "billion laughs": "\n".join(laughs).encode(),
        "deep flow": b"a: " + b"[" * 5000 + b"]" * 5000,
        "deep block": b"".join(b" " * i + b"- \n" for i in range(3000)),
        "many unknown keys": b"".join(b"k%d: v\n" % i for i in range(20_000)),
        "long line": b"title: " + b"x" * 2_000_000,
    }
    for name, raw in inputs.items():
        start = time.perf_counter()
        check(raw, name)
        # Generous: the machine is shared. Quadratic work here took minutes, not seconds.
        assert time.perf_counter() - start < 5.0, name


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _assert_clean_cli(result: Any) -> None:
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "Traceback" not in output
    assert result.exit_code in (0, 1), output[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_on_the_whole_suite(runner: CliRunner) -> None:
    args = ["lint", "--format", "concise", *(str(p) for p in SUITE_FILES)]
    result = runner.invoke(app, args)
    _assert_clean_cli(result)
    assert result.exit_code == 1
    reported = {line.split(":", 1)[0] for line in result.stdout.splitlines()}
    # Not one of these files is a map, so each one gets at least one finding.
    assert reported == {str(p) for p in SUITE_FILES}


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_on_random_bytes(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    rng = random.Random(5)
    files = []
    for i in range(40):
        path = tmp_path / f"junk{i}.cjmap.yaml"
        path.write_bytes(rng.randbytes(rng.choice([1, 100, 3000])))
        files.append(path)
    result = runner.invoke(app, ["lint", "--format", fmt, str(tmp_path)])
    _assert_clean_cli(result)
    assert result.exit_code == 1


def test_thousands_of_broken_references_stay_fast() -> None:
    # Ids renamed in bulk: every reference is unknown, each gets a suggestion.
    n = 3000
    evidence = "".join(f"  - {{id: ev-{i}, title: E}}\n" for i in range(n))
    touchpoints = "".join(f"      - {{id: t{i}, name: T, evidence: [xv-{i}]}}\n"
                          for i in range(n))
    raw = ("cjmap: 1\nid: m\ntitle: T\nevidence:\n" + evidence
           + "stages:\n  - id: s\n    name: S\n    touchpoints:\n" + touchpoints).encode()
    start = time.perf_counter()
    result = lint_bytes(raw, "m", LintOptions(select=("CJ102",)))
    assert time.perf_counter() - start < 10.0  # it took minutes when it was quadratic
    assert len(result.findings) == n
    assert result.findings[-1].message == "unknown evidence 'xv-2999' (did you mean 'ev-2999'?)"
