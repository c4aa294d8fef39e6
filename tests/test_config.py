"""Configuration (docs/cli.md): discovery, validation, globs and what the lint keys do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.config import Config, discover, find_maps, glob_match, load_config, parse_config
from cjmap.errors import ConfigError
from cjmap.findings import FailOn, Severity
from helpers import shop_map

TODAY = dt.date.today().isoformat()

# Findings with every rule on (worked out by hand): CJ205 at the touchpoint (10:9),
# CJ201 and CJ202 at the pain point's id (14:28).
MAP = shop_map(reviewed=TODAY)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes_of(runner: CliRunner, *args: str) -> list[tuple[str, str]]:
    """(file, code) of each finding, from the concise format."""
    result = runner.invoke(app, ["lint", "--format", "concise", *args])
    assert result.exit_code in (0, 1), result.output
    out = []
    for line in result.stdout.splitlines():
        where, rest = line.split(": ", 1)
        out.append((where.split(":")[0], rest.split(" ")[0]))
    return out


# -- discovery -------------------------------------------------------------------------------

def test_discovery_order_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.cjmap]\n")
    assert discover(tmp_path) == tmp_path / "pyproject.toml"
    write(tmp_path / ".cjmap.toml", "")
    assert discover(tmp_path) == tmp_path / ".cjmap.toml"
    write(tmp_path / "cjmap.toml", "")
    assert discover(tmp_path) == tmp_path / "cjmap.toml"


def test_pyproject_without_a_cjmap_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "cjmap.toml", "exclude = ['x/**']\n")
    sub = tmp_path / "project"
    write(sub / "pyproject.toml", "[tool.black]\nline-length = 80\n")
    assert discover(sub) == tmp_path / "cjmap.toml"
    write(sub / "pyproject.toml", "[tool.cjmap]\nexclude = ['y/**']\n")
    assert discover(sub) == sub / "pyproject.toml"


def test_first_found_upward_wins(tmp_path: Path) -> None:
    write(tmp_path / "cjmap.toml", "exclude = ['outer/**']\n")
    write(tmp_path / "a" / ".cjmap.toml", "exclude = ['inner/**']\n")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    loaded = load_config(start=deep)
    assert loaded.source == tmp_path / "a" / ".cjmap.toml"
    assert loaded.config.exclude == ["inner/**"]
    # Globs are relative to the directory of the file they come from.
    assert loaded.root == (tmp_path / "a").resolve()


def test_defaults_without_a_file(tmp_path: Path) -> None:
    loaded = load_config(start=tmp_path)
    assert loaded.source is None
    assert loaded.config == Config()
    lint = loaded.config.lint
    assert loaded.config.include == ["**/*.cjmap.yaml", "**/*.cjmap.yml", "**/*.cjlib.yaml",
                                     "**/*.cjlib.yml"]
    assert (lint.select, lint.ignore, lint.fail_on, lint.stale_after_days) == (
        ["CJ"], [], FailOn.ERROR, 180)


def test_settings_at_the_top_or_under_tool_cjmap(tmp_path: Path) -> None:
    write(tmp_path / "cjmap.toml", "[lint]\nfail-on = 'warning'\n")
    assert load_config(start=tmp_path).config.lint.fail_on is FailOn.WARNING
    write(tmp_path / "cjmap.toml", "[tool.cjmap.lint]\nfail-on = 'info'\n")
    assert load_config(start=tmp_path).config.lint.fail_on is FailOn.INFO


def test_full_design_example_parses(tmp_path: Path) -> None:
    text = """\
[tool.cjmap]
include = ["**/*.cjmap.yaml", "**/*.cjmap.yml"]
exclude = ["archive/**"]
[tool.cjmap.lint]
select = ["CJ"]
ignore = ["CJ205"]
fail-on = "error"
stale-after-days = 180
per-file-ignores = { "legacy/**" = ["CJ2"] }
severity = { CJ206 = "error" }
"""
    config = load_config(write(tmp_path / "pyproject.toml", text)).config
    assert config.exclude == ["archive/**"]
    assert config.lint.ignore == ["CJ205"]
    assert config.lint.per_file_ignores == {"legacy/**": ["CJ2"]}
    assert config.lint.severity == {"CJ206": Severity.ERROR}


def test_explicit_config_overrides_discovery(tmp_path: Path, runner: CliRunner,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "m.cjmap.yaml", MAP)
    write(tmp_path / "cjmap.toml", "[lint]\nignore = ['CJ2']\n")
    other = write(tmp_path / "conf" / "strict.toml", "[lint]\nignore = ['CJ205']\n")
    assert codes_of(runner, "m.cjmap.yaml") == []  # every finding of MAP is a CJ2
    assert codes_of(runner, "--config", str(other), "m.cjmap.yaml") == [
        ("m.cjmap.yaml", "CJ201"), ("m.cjmap.yaml", "CJ202")]


def test_missing_explicit_config_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", "--config", str(tmp_path / "nope.toml"), str(tmp_path)])
    assert result.exit_code == 2
    assert "no such configuration file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# -- invalid configuration -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("[lint]\nfial-on = 'warning'\n",
     "unknown configuration key 'lint.fial-on' (did you mean 'fail-on'?)"),
    ("exlude = ['a/**']\n", "unknown configuration key 'exlude' (did you mean 'exclude'?)"),
    ("[lint]\nfail-on = 'sometimes'\n", "invalid value for 'lint.fail-on'"),
    ("[lint]\nstale-after-days = 0\n", "invalid value for 'lint.stale-after-days'"),
    ("[lint]\nstale-after-days = '30'\n", "invalid value for 'lint.stale-after-days'"),
    ("[lint]\nselect = ['XY1']\n", "invalid value for 'lint.select.0'"),
    ("[lint]\nseverity = { CJ206 = 'fatal' }\n", "invalid value for 'lint.severity.CJ206'"),
    ("include = 'one/**'\n", "invalid value for 'include'"),
    ("[lint]\nselect = ['CJ260']\n",
     "invalid value for 'lint.select': 'CJ260' is not a rule code or prefix of one"),
    ("[lint]\nignore = ['CJ4']\n", "invalid value for 'lint.ignore': 'CJ4' is not a rule"),
    ("[lint]\nper-file-ignores = { 'a/**' = ['CJ5'] }\n",
     "invalid value for 'lint.per-file-ignores.a/**': 'CJ5' is not a rule code"),
    ("[lint]\nseverity = { CJ299 = 'error' }\n", "invalid value for 'lint.severity.CJ299'"),
    ("[lint]\nseverity = { CJ2 = 'error' }\n",
     "invalid value for 'lint.severity.CJ2': String should match pattern"),
    ("[lint\n", "invalid TOML"),
])
def test_invalid_config_is_exit_2_naming_the_key(runner: CliRunner, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch, text: str,
                                                 words: str) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "cjmap.toml", text)
    write(tmp_path / "m.cjmap.yaml", MAP)
    result = runner.invoke(app, ["lint", "m.cjmap.yaml"])
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert str(tmp_path / "cjmap.toml") in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_parse_config_raises_config_error() -> None:
    with pytest.raises(ConfigError, match=r"unknown configuration key 'lint\.selct'"):
        parse_config({"lint": {"selct": ["CJ"]}}, "x.toml")


# -- globs -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "path", "matches"), [
    ("**/*.cjmap.yaml", "a.cjmap.yaml", True),
    ("**/*.cjmap.yaml", "x/y/a.cjmap.yaml", True),
    ("*.cjmap.yaml", "x/a.cjmap.yaml", False),
    ("archive/**", "archive/old.cjmap.yaml", True),
    ("archive/**", "archive", True),
    ("archive/**", "archives/old.cjmap.yaml", False),
    ("legacy/*.yaml", "legacy/a/b.yaml", False),
    ("m?.yaml", "m1.yaml", True),
    ("./docs/**", "docs/a.yaml", True),
])
def test_glob_match(pattern: str, path: str, matches: bool) -> None:
    assert glob_match(pattern, path) is matches


def test_include_and_exclude(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ["a.cjmap.yaml", "b.cjmap.yml", "c.yaml", "archive/old.cjmap.yaml",
                 "sub/d.cjmap.yaml", ".git/e.cjmap.yaml", "node_modules/f.cjmap.yaml"]:
        write(tmp_path / name, MAP)
    loaded = load_config(start=tmp_path)
    assert list(find_maps(["."], loaded)) == [
        "a.cjmap.yaml", "archive/old.cjmap.yaml", "b.cjmap.yml", "sub/d.cjmap.yaml"]
    write(tmp_path / "cjmap.toml", "include = ['**/*.yaml']\nexclude = ['archive/**']\n")
    loaded = load_config(start=tmp_path)
    assert list(find_maps(["."], loaded)) == ["a.cjmap.yaml", "c.yaml", "sub/d.cjmap.yaml"]
    # A file named explicitly is always checked, whatever its name.
    assert list(find_maps(["c.yaml", "archive/old.cjmap.yaml"], loaded)) == [
        "c.yaml", "archive/old.cjmap.yaml"]


def test_exclude_is_relative_to_the_config_file(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "cjmap.toml", "exclude = ['maps/old/**']\n")
    write(tmp_path / "maps" / "new.cjmap.yaml", MAP)
    write(tmp_path / "maps" / "old" / "gone.cjmap.yaml", MAP)
    monkeypatch.chdir(tmp_path / "maps")
    loaded = load_config()
    assert list(find_maps(["."], loaded)) == ["new.cjmap.yaml"]


# -- what the lint keys do ----------------------------------------------------------------------

def test_select_and_ignore_prefixes_more_specific_wins(runner: CliRunner, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "m.cjmap.yaml", MAP)
    all_codes = ["CJ205", "CJ201", "CJ202"]
    assert [c for _, c in codes_of(runner, "m.cjmap.yaml")] == all_codes
    write(tmp_path / "cjmap.toml", "[lint]\nignore = ['CJ2']\n")
    assert codes_of(runner, "m.cjmap.yaml") == []
    # select CJ201 is more specific than ignore CJ2: CJ201 comes back.
    write(tmp_path / "cjmap.toml", "[lint]\nselect = ['CJ201']\nignore = ['CJ2']\n")
    assert [c for _, c in codes_of(runner, "m.cjmap.yaml")] == ["CJ201"]
    # ignore CJ20 is more specific than select CJ2.
    write(tmp_path / "cjmap.toml", "[lint]\nselect = ['CJ2']\nignore = ['CJ20']\n")
    assert codes_of(runner, "m.cjmap.yaml") == []
    write(tmp_path / "cjmap.toml", "[lint]\nselect = ['ALL']\nignore = ['CJ205']\n")
    assert [c for _, c in codes_of(runner, "m.cjmap.yaml")] == ["CJ201", "CJ202"]


def test_cli_select_replaces_and_ignore_adds(runner: CliRunner, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "m.cjmap.yaml", MAP)
    write(tmp_path / "cjmap.toml", "[lint]\nselect = ['CJ205']\nignore = ['CJ202']\n")
    assert [c for _, c in codes_of(runner, "m.cjmap.yaml")] == ["CJ205"]
    assert [c for _, c in codes_of(runner, "--select", "CJ2", "m.cjmap.yaml")] == [
        "CJ205", "CJ201"]
    assert [c for _, c in codes_of(runner, "--select", "CJ2", "--ignore", "CJ205",
                                   "m.cjmap.yaml")] == ["CJ201"]


def test_per_file_ignores(runner: CliRunner, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "legacy" / "old.cjmap.yaml", MAP)
    write(tmp_path / "new.cjmap.yaml", MAP)
    write(tmp_path / "cjmap.toml",
          "[lint]\nper-file-ignores = { 'legacy/**' = ['CJ201', 'CJ202'], "
          "'new.cjmap.yaml' = ['CJ201'] }\n")
    assert codes_of(runner, ".") == [
        ("legacy/old.cjmap.yaml", "CJ205"),
        ("new.cjmap.yaml", "CJ205"), ("new.cjmap.yaml", "CJ202")]


def test_severity_overrides_change_the_exit_code(runner: CliRunner, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "m.cjmap.yaml", MAP)
    assert runner.invoke(app, ["lint", "m.cjmap.yaml"]).exit_code == 0  # warnings, info
    write(tmp_path / "cjmap.toml", "[lint]\nseverity = { CJ205 = 'error' }\n")
    result = runner.invoke(app, ["lint", "--format", "concise", "m.cjmap.yaml"])
    assert result.exit_code == 1
    assert "m.cjmap.yaml:10:9: CJ205 [error] touchpoint 'cart' has no owner" in result.stdout


def test_fail_on_from_config_and_cli(runner: CliRunner, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "m.cjmap.yaml", MAP)
    write(tmp_path / "cjmap.toml", "[lint]\nfail-on = 'warning'\n")
    assert runner.invoke(app, ["lint", "m.cjmap.yaml"]).exit_code == 1
    assert runner.invoke(app, ["lint", "--fail-on", "error", "m.cjmap.yaml"]).exit_code == 0


def test_stale_after_days(runner: CliRunner, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ten_days_ago = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    write(tmp_path / "m.cjmap.yaml", MAP.replace(TODAY, ten_days_ago))
    assert codes_of(runner, "--select", "CJ207", "m.cjmap.yaml") == []
    write(tmp_path / "cjmap.toml", "[lint]\nstale-after-days = 9\n")
    assert codes_of(runner, "--select", "CJ207", "m.cjmap.yaml") == [("m.cjmap.yaml", "CJ207")]


def test_broken_symlink_found_while_searching_is_skipped(tmp_path: Path, runner: CliRunner,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "m.cjmap.yaml", MAP)
    (tmp_path / "gone.cjmap.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert list(find_maps(["."], load_config(start=tmp_path))) == ["m.cjmap.yaml"]
    # Named explicitly, it is an input that cannot be read: exit 2.
    result = runner.invoke(app, ["lint", "gone.cjmap.yaml"])
    assert result.exit_code == 2
    assert "gone.cjmap.yaml: no such file" in result.stderr


def test_per_file_ignores_apply_to_the_stdin_filename(runner: CliRunner, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "cjmap.toml", "[lint]\nper-file-ignores = { 'legacy/**' = ['CJ2'] }\n")
    result = runner.invoke(app, ["lint", "--format", "concise", "--stdin-filename",
                                 "legacy/x.cjmap.yaml", "-"], input=MAP)
    assert result.stdout == ""
    result = runner.invoke(app, ["lint", "--format", "concise", "--stdin-filename",
                                 "new/x.cjmap.yaml", "-"], input=MAP)
    assert len(result.stdout.splitlines()) == 3


def test_unknown_rule_codes_on_the_command_line(runner: CliRunner, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "m.cjmap.yaml", MAP)
    result = runner.invoke(app, ["lint", "--ignore", "CJ2O1", "m.cjmap.yaml"])
    assert result.exit_code == 2
    assert result.stderr == ("cjmap: error: 'CJ2O1' is not a rule code or prefix of one "
                             "(e.g. CJ2, CJ201) (did you mean 'CJ201'?)\n")
    # Prefixes of real codes, any case, and ALL are fine.
    for code in ("CJ", "cj2", "CJ20", "CJ9", "ALL", "all"):
        assert runner.invoke(app, ["lint", "--select", code, "m.cjmap.yaml"]).exit_code == 0
