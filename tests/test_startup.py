"""Start-up (issue 16; docs/performance.md, "One map: start-up"): what a clean one-file lint
may import, the process-wide decisions of the entry point, the command tree built for the
invoked command only, and bytecode for the installed command.

The import audit counts modules, not milliseconds, so a fast or a busy machine cannot
fool it: ``python -X importtime -m cjmap lint MAP`` lists every module the run imported.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cjmap import cli
from helpers import ROOT

EXAMPLE = ROOT / "examples" / "online-clothing.cjmap.yaml"

# The packages every command needs by design (typer parses the options, and typer 0.29
# parses them through pydantic; pydantic validates the map; PyYAML reads it). Whatever
# they import themselves is allowed too: the audit measures that as the "floor" below.
FLOOR = "import typer, typer.main, typer._adapters, yaml\nfrom pydantic import BaseModel\n"

# cjmap's own modules a clean one-file lint needs, and the standard-library modules they
# import beyond the floor. Adding a module here is a decision about every lint's start-up.
ALLOWED = {
    "cjmap", "cjmap.start", "cjmap.fastgc", "cjmap.cli", "cjmap.choices", "cjmap.commands",
    "cjmap.commands.lint", "cjmap.config", "cjmap.errors", "cjmap.findings", "cjmap.suggest",
    "cjmap.terminal", "cjmap.output", "cjmap.index", "cjmap.load", "cjmap.model",
    "cjmap.source", "cjmap.yamlio", "cjmap.lint", "cjmap.lint.engine", "cjmap.lint.registry",
    "cjmap.lint.rule", "cjmap.lint.rules", "cjmap.lint.suppress", "cjmap.reporting",
    "cjmap.reporting.base", "cjmap.reporting.formats", "cjmap.reporting.registry",
    "cjmap.reporting.text", "cjmap.reporting.lint", "cjmap.reporting.lint.base",
    "cjmap.reporting.lint.text", "cjmap.clikit", "cjmap.globs", "cjmap.inputs", "cjmap.refs",
    "cjmap.cli_site", "cjmap.cli_history", "cjmap.cli_preview",  # option tables (no work)
    "cjmap.interop",  # the tables of import/export formats (lazy)
    "cjmap.fieldtypes",  # field types read from the model, for CJ209/CJ210 on every map
    "cjmap.bidi",  # the bidirectional controls printable() escapes (two small tables)
    "cjmap.libraries",  # maps that share a library (the example); linting a library
    # itself (cjmap.lint.library_lint) is not on a map's path
    "gc", "difflib", "fractions", "codecs",
    "runpy",  # python -m cjmap (the installed command does without)
}
# One module per rule; and the modules of the packages the floor imports (which of them
# a command needs, e.g. click's decorators, depends on their versions).
ALLOWED_PREFIXES = ("cjmap.lint.rules.cj", "typer.", "pydantic.", "pydantic_core.", "yaml.")

# What a clean run must never import (each was measured, docs/performance.md): the
# process pool, the configuration reader, package metadata (pydantic's plugin loader),
# the baseline, styling, git and other commands' modules, other reporters.
FORBIDDEN = ("multiprocessing", "concurrent.futures", "tomllib", "importlib.metadata",
             "rich", "cjmap.lint.baseline", "cjmap.lint.pool", "cjmap.gitio", "cjmap.render",
             "cjmap.score", "cjmap.diff", "cjmap.reporting.lint.json", "ruamel", "pypdf",
             "openpyxl", "graphviz")

_IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \| ( *)(\S+)$")


def imported_modules(*args: str, cwd: Path) -> set[str]:
    """Every module ``python -X importtime ARGS`` imported (its stderr's report)."""
    run = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=cwd,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    found = {m.group(2) for line in run.stderr.splitlines() if (m := _IMPORTED.match(line))}
    assert found, run.stderr[:500]
    return found


def clean_map(tmp_path: Path) -> Path:
    """The example, reviewed today: a map with no finding (no rule's extra modules)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^reviewed: .*$", f"reviewed: {dt.date.today().isoformat()}", text)
    path = tmp_path / "shop.cjmap.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copytree(EXAMPLE.parent / "library", tmp_path / "library")  # the one it uses
    return path


def test_a_clean_one_file_lint_imports_only_the_allowed_modules(tmp_path: Path) -> None:
    path = clean_map(tmp_path)
    floor = imported_modules("-c", FLOOR, cwd=tmp_path)
    linted = imported_modules("-m", "cjmap", "lint", path.name, cwd=tmp_path)
    outside = sorted(m for m in linted - floor - ALLOWED if not m.startswith(ALLOWED_PREFIXES))
    assert outside == [], f"a clean lint imported modules outside the allow-list: {outside}"
    forbidden = sorted(m for m in linted if m.startswith(FORBIDDEN))
    assert forbidden == [], forbidden


def test_a_render_imports_no_other_commands_modules(tmp_path: Path) -> None:
    # The renderer's own modules only: no page joining (pypdf), spreadsheets, styling,
    # pool, git, configuration reader or package metadata.
    path = clean_map(tmp_path)
    rendered = imported_modules("-m", "cjmap", "render", path.name, "-o", "map.dot",
                                cwd=tmp_path)
    forbidden = [m for m in FORBIDDEN if not m.startswith("cjmap.render")]
    assert sorted(m for m in rendered if m.startswith(tuple(forbidden))) == []
    assert "cjmap.render.layout" in rendered


def test_the_audit_sees_what_a_run_with_findings_adds(tmp_path: Path) -> None:
    # The audit is not blind: a map with findings needs the baseline's stable pointers,
    # and a configuration file needs tomllib; both show up in the list.
    path = tmp_path / "old.cjmap.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("id: online-clothing",
                                                                 "id: Bad Id"))
    (tmp_path / "cjmap.toml").write_text("[lint]\nstale-after-days = 100000\n")
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "cjmap", "lint",
                          path.name], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 1
    assert re.search(r"\| +cjmap\.lint\.baseline$", run.stderr, re.MULTILINE)
    assert re.search(r"\| +tomllib$", run.stderr, re.MULTILINE)


# -- the entry point: the collector and pydantic's plugin loader ------------------------------

def _python(script: str, cwd: Path | None = None) -> str:
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True,
                         text=True, timeout=120, check=False, cwd=cwd)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


# -- what a clean lint builds: no dataclass, no validator it does not use -----------------------

def _after_a_clean_lint(path: Path, script: str) -> str:
    """What ``script`` prints in a process that has just linted the clean map ``path``
    through the command line (exit 0 checked)."""
    prologue = f"""
        from cjmap.cli import main
        try:
            main(["lint", {path.name!r}])
        except SystemExit as done:
            assert done.code == 0, done.code
    """
    return _python(textwrap.dedent(prologue) + textwrap.dedent(script), cwd=path.parent)


def test_a_clean_lint_creates_no_dataclass_of_cjmaps(tmp_path: Path) -> None:
    # Creating a dataclass costs 0.2-0.6 ms at import (its methods are generated and
    # exec'd); records on the lint path are NamedTuples or plain classes with slots.
    path = clean_map(tmp_path)
    out = _after_a_clean_lint(path, """
        import dataclasses, sys
        print(sorted(f"{name}.{value.__qualname__}"
                     for name, module in list(sys.modules.items()) if name.startswith("cjmap")
                     for value in vars(module).values()
                     if isinstance(value, type) and value.__module__ == name
                     and dataclasses.is_dataclass(value)))
    """)
    assert out.splitlines()[-1] == "[]"


def test_models_are_built_when_first_used(tmp_path: Path) -> None:
    # A map's items are validated through JourneyMap's validator, and a run without a
    # configuration file takes the defaults: neither needs a validator of its own.
    path = clean_map(tmp_path)
    out = _after_a_clean_lint(path, """
        from cjmap import config, model
        items = (model.Persona, model.Channel, model.Evidence, model.Metric, model.Stage,
                 model.Touchpoint, model.PainPoint, model.Opportunity, model.Scales,
                 model.EmotionScale, config.Config, config.LintConfig)
        print(model.JourneyMap.__pydantic_complete__, model.Library.__pydantic_complete__,
              [m.__name__ for m in items if m.__pydantic_complete__])
        # Used directly, each builds its own then and validates as always.
        persona = model.Persona.model_validate({"id": "p", "name": "P", "x-note": 1})
        print(persona.extensions, config.Config.model_validate({"lint": {}}).lint.select)
    """)
    assert out.splitlines()[-2:] == ["True True []", "{'x-note': 1} ['CJ']"]


def test_defaults_constructed_without_a_validator_equal_the_validated_ones() -> None:
    # load_config without a file and a map without `scales:` construct their defaults
    # (pydantic validates no default either): the same values, the same fields set.
    from cjmap.config import Config, LintConfig, load_config
    from cjmap.model import EmotionScale, Scales

    pairs = [(Config.model_construct(), Config.model_validate({})),
             (Config.model_construct().lint, LintConfig.model_validate({})),
             (Scales.model_construct(), Scales.model_validate({})),
             (Scales.model_construct().emotion, EmotionScale.model_validate({"min": -2,
                                                                              "max": 2}))]
    for constructed, validated in pairs:
        assert constructed == validated
        assert repr(constructed) == repr(validated)
        assert constructed.model_fields_set == validated.model_fields_set
    assert Scales.model_construct().emotion.extensions == {}
    assert load_config(start=Path("/")).config == Config()


def test_the_startup_pause_is_handed_to_the_commands_fast_gc() -> None:
    out = _python("""
        import gc
        from cjmap.fastgc import STARTUP_THRESHOLD, fast_gc, pause_for_startup
        before = gc.get_threshold()
        pause_for_startup()
        held = gc.get_threshold()[0] == STARTUP_THRESHOLD and gc.isenabled()
        with fast_gc():
            inside = not gc.isenabled() and gc.get_threshold() == before
            with fast_gc():
                pass
            still = not gc.isenabled()
        print(held, inside, still, gc.isenabled(), gc.get_freeze_count() > 0)
    """)
    assert out == "True True True True True"


def test_the_cli_process_keeps_its_freeze_to_the_end() -> None:
    # Unfrozen, Python's last collection at exit would walk everything start-up and the
    # command allocated; a program running commands in-process still gets them back
    # (tests/test_fastgc.py).
    out = _python("""
        import gc
        from cjmap.fastgc import command_scope, fast_gc, pause_for_startup
        pause_for_startup()
        with command_scope():
            with fast_gc():
                pass
        print(gc.get_freeze_count() > 0)
    """)
    assert out == "True"


def test_a_command_without_fast_gc_still_collects_after_startup() -> None:
    # cjmap preview serves for hours and never enters fast_gc: its garbage cycles must
    # still be collected, only less often.
    out = _python("""
        import gc, weakref
        from cjmap.fastgc import STARTUP_THRESHOLD, pause_for_startup
        pause_for_startup()
        class Node: pass
        cycle = Node(); cycle.me = cycle
        alive = weakref.ref(cycle)
        del cycle
        kept = [[] for _ in range(STARTUP_THRESHOLD + 1000)]
        print(alive() is None)
    """)
    assert out == "True"


def test_a_library_caller_keeps_its_collector_and_its_pydantic_plugins() -> None:
    # Importing cjmap (not running the command) decides nothing for the process.
    out = _python("""
        import gc, sys
        import cjmap.cli, cjmap.commands.lint
        from cjmap.fastgc import fast_gc
        with fast_gc():
            pass
        print(gc.isenabled(), type(sys.modules["pydantic.plugin._loader"].__spec__).__name__)
    """)
    assert out == "True ModuleSpec"


def test_pydantic_asks_its_plugin_loader_only_for_get_plugins() -> None:
    # What cjmap.start relies on, pinned: pydantic builds every validator through
    # create_schema_validator, which imports get_plugins from the loader. Should a new
    # pydantic do otherwise, this fails before a release does.
    import inspect

    from pydantic.plugin import _schema_validator

    source = inspect.getsource(_schema_validator)
    assert source.count("_loader") == 1
    assert "from ._loader import get_plugins" in source


def test_without_pydantic_plugins_models_validate_and_the_loader_stays_unimported() -> None:
    out = _python(f"""
        import sys
        from cjmap.start import without_pydantic_plugins
        without_pydantic_plugins()
        from cjmap.load import load_path
        loaded = load_path({str(EXAMPLE)!r})
        from pydantic.plugin._loader import get_plugins
        print(loaded.ok, list(get_plugins()), "importlib.metadata" in sys.modules)
        # Anything else of the loader's comes from the real module, imported then.
        import pydantic.plugin._loader as loader
        print(loader.PYDANTIC_ENTRY_POINT_GROUP)
    """)
    assert out.splitlines() == ["True [] False", "pydantic"]


# -- typer builds the invoked command only ------------------------------------------------------

def _names(app: typer.Typer) -> list[str]:
    commands = [info.name for info in app.registered_commands]
    groups = [info.name for info in app.registered_groups]
    return [str(name) for name in commands + groups]


@pytest.mark.parametrize(("args", "expected"), [
    (["lint", "map.cjmap.yaml"], ["lint"]),
    (["--debug", "score", "-f", "json", "m"], ["score"]),
    (["metrics", "list"], ["metrics"]),
    (["--help"], None),
    (["--version"], None),
    ([], None),
    (["lnt"], None),  # a typo: the whole app, for its "did you mean"
])
def test_only_the_invoked_command_is_built(args: list[str], expected: list[str] | None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [k for k in os.environ if k.endswith("_COMPLETE")]:
        monkeypatch.delenv(key)
    chosen = cli._invoked_only(args)
    if expected is None:
        assert chosen is cli.app
    else:
        assert _names(chosen) == expected
        assert len(_names(cli.app)) > 5  # the app itself is untouched


def test_shell_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_CJMAP_COMPLETE", "complete_bash")
    assert cli._invoked_only(["lint"]) is cli.app


@pytest.mark.parametrize("args", [
    ["lint", "--help"], ["lint", "--bogus"], ["score"], ["render", "m", "--format", "svgg"],
    ["metrics", "list", "--help"], ["metrics", "nope"], ["lint", "--fail-on", "sometimes"],
])
def test_help_and_errors_are_the_same_as_with_the_whole_app(args: list[str]) -> None:
    whole = CliRunner().invoke(cli.app, args, prog_name="cjmap")
    narrowed = CliRunner().invoke(cli._invoked_only(args), args, prog_name="cjmap")
    assert (narrowed.exit_code, narrowed.output) == (whole.exit_code, whole.output)


# -- bytecode ---------------------------------------------------------------------------------

def test_setup_compiles_bytecode_that_edits_still_replace(tmp_path: Path) -> None:
    """``make setup`` writes .pyc files for cjmap even under PYTHONDONTWRITEBYTECODE=1
    (an editable install never does), and Python still uses an edited source."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    recipe = subprocess.run([make, "-n", "-s", "-C", str(ROOT), "setup"], capture_output=True,
                            text=True, check=True, timeout=60).stdout
    (line,) = [ln for ln in recipe.splitlines() if "compileall" in ln]
    assert line.rstrip().endswith(" src") and "timestamp" in line
    package = tmp_path / "pkg"
    package.mkdir()
    module = package / "startup_probe.py"
    module.write_text("VALUE = 1\n")
    argv = line.split()[1:-1]  # python -m compileall ... (without the venv's path and src)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([sys.executable, *argv, str(package)], env=env, check=True, timeout=60)
    compiled = package / "__pycache__" / f"startup_probe.{sys.implementation.cache_tag}.pyc"
    assert compiled.exists()
    probe = [sys.executable, "-c", "import startup_probe; print(startup_probe.VALUE)"]
    assert subprocess.run(probe, cwd=package, env=env, capture_output=True, text=True,
                          check=True).stdout == "1\n"
    module.write_text("VALUE = 22\n")  # an edit: another size, another mtime
    os.utime(module, (compiled.stat().st_mtime + 5, compiled.stat().st_mtime + 5))
    assert subprocess.run(probe, cwd=package, env=env, capture_output=True, text=True,
                          check=True).stdout == "22\n"
