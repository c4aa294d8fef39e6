"""Configuration (docs/cli.md): the model, discovery, and file selection by globs.

Discovered from the current directory upward: ``cjmap.toml``, ``.cjmap.toml``, or a
``[tool.cjmap]`` table in ``pyproject.toml``; the first found wins. In ``cjmap.toml``
the settings may sit at the top level or under ``[tool.cjmap]``.
"""

# No ``from __future__ import annotations``: pydantic would evaluate the models' field
# annotations from their text at import (docs/performance.md, "One map: start-up").
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cjmap.errors import ConfigError, InputError
from cjmap.findings import FailOn, Severity
from cjmap.globs import glob_match as glob_match  # re-exported: callers import it here
from cjmap.globs import matches_any as matches_any
from cjmap.inputs import NoSuchFile, read_bounded
from cjmap.suggest import did_you_mean

CONFIG_FILES = ("cjmap.toml", ".cjmap.toml", "pyproject.toml")
# Libraries (docs/portfolio.md) are linted with the maps: CJ304 needs both.
DEFAULT_INCLUDE = ("**/*.cjmap.yaml", "**/*.cjmap.yml", "**/*.cjlib.yaml", "**/*.cjlib.yml")
# A configuration file is a few hundred bytes; this refuses a wrong file (or a device).
CONFIG_MAX_BYTES = 1024 * 1024
# Never descend into these while searching directories for maps.
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                          ".tox", ".nox", ".mypy_cache", ".ruff_cache", ".pytest_cache"})

RuleCodes = list[Annotated[str, Field(pattern=r"^(ALL|CJ[0-9]{0,3})$")]]


def _no_items() -> list[Any]:
    # Plain functions, not the builtins list and dict: pydantic inspects a default
    # factory's signature, several times slower for a builtin (docs/performance.md).
    return []


def _no_entries() -> dict[Any, Any]:
    return {}


class _Section(BaseModel):
    # Validators built when a configuration file is first read, not at import: most runs
    # have none and take the defaults (load_config), so they never need one
    # (docs/performance.md, "One map: start-up").
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True,
                              strict=True, defer_build=True)


class LintConfig(_Section):
    select: RuleCodes = Field(default_factory=lambda: ["CJ"])
    ignore: RuleCodes = Field(default_factory=_no_items)
    fail_on: Annotated[FailOn, Field(strict=False)] = Field(FailOn.ERROR, alias="fail-on")
    stale_after_days: Annotated[int, Field(ge=1)] = Field(180, alias="stale-after-days")
    per_file_ignores: dict[str, RuleCodes] = Field(default_factory=_no_entries,
                                                   alias="per-file-ignores")
    severity: dict[Annotated[str, Field(pattern=r"^CJ[0-9]{3}$")],
                   Annotated[Severity, Field(strict=False)]] = Field(default_factory=_no_entries)


class Config(_Section):
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = Field(default_factory=_no_items)
    # The defaults need no validation (pydantic does not validate defaults either), so
    # they are constructed: a file without a [lint] table gets the same LintConfig().
    lint: LintConfig = Field(default_factory=lambda: LintConfig.model_construct())


# A NamedTuple, not a frozen dataclass: cheaper to create at import (docs/performance.md).
class LoadedConfig(NamedTuple):
    """A configuration and the directory its globs are relative to."""

    config: Config
    root: Path
    source: Path | None


def _config_table(path: Path) -> dict[str, Any] | None:
    import tomllib  # only when there is a configuration file to read

    try:
        data = tomllib.loads(read_bounded(str(path), CONFIG_MAX_BYTES).decode("utf-8"))
    except NoSuchFile:
        raise ConfigError(f"{path}: no such configuration file") from None
    except InputError as exc:
        raise ConfigError(f"cannot read configuration: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    tool = data.get("tool")
    table = tool.get("cjmap") if isinstance(tool, dict) else None
    if path.name == "pyproject.toml":
        return table if isinstance(table, dict) else None
    if isinstance(table, dict):
        return table
    return data


def _key_path(loc: tuple[int | str, ...]) -> str:
    # pydantic marks an error in a table's key with a "[key]" element after it.
    return ".".join(str(part) for part in loc if part != "[key]")


def unknown_rule_code(code: str) -> str | None:
    """Why ``code`` (a rule code or prefix, or ALL) selects nothing; None when it is fine.

    A typo such as ``CJ260`` would otherwise silently select or silence nothing.
    """
    from cjmap.lint.registry import RULES

    upper = code.upper()
    if upper == "ALL" or any(rule.code.startswith(upper) for rule in RULES):
        return None
    # A letter for its look-alike digit (CJ2O1) is the usual typo; with eleven CJ2xx
    # codes, spelling distance alone cannot tell CJ201 from CJ211.
    digits = upper[:2] + upper[2:].translate(_LOOK_ALIKE_DIGITS)
    if any(rule.code.startswith(digits) for rule in RULES):
        hint = f" (did you mean {digits!r}?)"
    else:
        hint = did_you_mean(upper, [rule.code for rule in RULES])
    return f"{code!r} is not a rule code or prefix of one (e.g. CJ2, CJ201){hint}"


_LOOK_ALIKE_DIGITS = str.maketrans({"O": "0", "I": "1", "L": "1", "S": "5", "B": "8"})


def _check_codes(config: Config, origin: str) -> None:
    from cjmap.lint.registry import BY_CODE

    lint = config.lint
    groups = [("lint.select", lint.select), ("lint.ignore", lint.ignore)]
    groups += [(f"lint.per-file-ignores.{glob}", codes)
               for glob, codes in lint.per_file_ignores.items()]
    groups += [(f"lint.severity.{code}", [code]) for code in lint.severity]
    for key, codes in groups:
        for code in codes:
            problem = unknown_rule_code(code)
            if problem is None and key.startswith("lint.severity.") and code not in BY_CODE:
                problem = f"{code!r} is not a rule code"
            if problem is not None:
                raise ConfigError(f"{origin}: invalid value for '{key}': {problem}")


def parse_config(table: dict[str, Any], origin: str) -> Config:
    try:
        config = Config.model_validate(table)
        _check_codes(config, origin)
        return config
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        key = _key_path(error["loc"])
        if error["type"] == "extra_forbidden":
            known: dict[str, type[BaseModel]] = {"": Config, "lint": LintConfig}
            parent = _key_path(error["loc"][:-1])
            fields: type[BaseModel] | None = known.get(parent)
            names = ([f.alias or n for n, f in fields.model_fields.items()] if fields else [])
            hint = did_you_mean(str(error["loc"][-1]), names)
            raise ConfigError(f"{origin}: unknown configuration key '{key}'{hint}") from None
        raise ConfigError(f"{origin}: invalid value for '{key}': {error['msg']}") from None


def discover(start: Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (default: the cwd), if any."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if os.path.isfile(candidate) and (name != "pyproject.toml"
                                              or _config_table(candidate) is not None):
                return candidate
    return None


def load_config(explicit: Path | None = None, start: Path | None = None) -> LoadedConfig:
    """The explicit configuration file, else the discovered one, else the defaults."""
    if explicit is not None:
        path: Path | None = explicit
    else:
        path = discover(start)
    if path is None:
        # Config() without its validator: the defaults are what validating {} gives.
        defaults = Config.model_construct()
        return LoadedConfig(defaults, (start or Path.cwd()).resolve(), None)
    table = _config_table(path) or {}
    return LoadedConfig(parse_config(table, str(path)), path.resolve().parent, path)


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return None


def is_excluded(path: Path, loaded: LoadedConfig) -> bool:
    rel = _relative(path, loaded.root)
    return rel is not None and matches_any(loaded.config.exclude, rel)


def find_maps(targets: list[str], loaded: LoadedConfig) -> Iterator[str]:
    """Files to check: explicit files always, directories searched with the globs.

    Yields paths in a stable, sorted order for each directory target, each file once.
    """
    seen: set[str] = set()
    include = loaded.config.include
    for target in targets:
        path = Path(target)
        if target == "-" or not os.path.isdir(path):  # a bad name is refused when read
            if target not in seen:
                seen.add(target)
                yield target
            continue
        found: list[str] = []
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
            for name in files:
                file_path = Path(folder) / name
                rel = file_path.relative_to(path).as_posix()
                if not matches_any(include, rel) or not os.path.isfile(file_path):
                    continue  # is_file: a broken symlink found while searching is no map
                root_rel = _relative(file_path, loaded.root)
                if matches_any(loaded.config.exclude, rel) or (
                    root_rel is not None and matches_any(loaded.config.exclude, root_rel)
                ):
                    continue
                found.append(os.path.normpath(file_path))
        for file_name in sorted(found):
            if file_name not in seen:
                seen.add(file_name)
                yield file_name
