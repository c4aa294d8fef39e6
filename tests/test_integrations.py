"""The integration files: action.yml, .pre-commit-hooks.yaml and the setups in docs/ci.md."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cjmap.commands.lint import ReportTarget, plan_reports
from helpers import ROOT

BIN = Path(sys.executable).parent
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
CI_DOC = ROOT / "docs" / "ci.md"

CLEAN = """\
cjmap: 1
id: shop
title: Shop
owner: cx
reviewed: 2026-11-01
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: pay
        name: Pay
        emotion: 1
        owner: ops
        channel: web
channels:
  - id: web
    name: Web
"""
# CJ102 (error) on line 14, and channel 'web' (line 16) is now unused: CJ206.
BROKEN = CLEAN.replace("channel: web", "channel: wbe")


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def check_schema(builtin: str, path: Path) -> None:
    """Validate with check-jsonschema's vendored (offline) schema for the file type."""
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", builtin,
                           str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "cjmap.toml").write_text(
        '[tool.cjmap]\nexclude = ["archive/**"]\n[tool.cjmap.lint]\nstale-after-days = 100000\n')
    for folder in ("maps", "archive"):
        (tmp_path / folder).mkdir()
    (tmp_path / "maps" / "shop.cjmap.yaml").write_text(CLEAN)
    (tmp_path / "maps" / "bad.cjmap.yaml").write_text(BROKEN)
    (tmp_path / "archive" / "old.cjmap.yaml").write_text(BROKEN)
    return tmp_path


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("CI", "GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


# -- action.yml ---------------------------------------------------------------------------

def test_action_is_a_valid_composite_action() -> None:
    check_schema("vendor.github-actions", ACTION)
    action = load_yaml(ACTION)
    assert {"name", "description", "inputs", "runs"} <= set(action)
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert '"$GITHUB_ACTION_PATH"' in steps[1]["run"] and "pip install" in steps[1]["run"]
    for step in steps:
        assert "run" not in step or step["shell"] == "bash"  # composite steps need a shell
        # Inputs reach scripts through env, never pasted into them (script injection).
        assert "${{" not in step.get("run", "")


def test_action_lints_with_github_and_sarif_formats() -> None:
    lint_step = load_yaml(ACTION)["runs"]["steps"][2]
    assert "--format github --format sarif --output" in lint_step["run"]
    assert lint_step["env"]["CJMAP_SARIF"] == "${{ inputs.sarif-file }}"
    args = ["--format", "github", "--format", "sarif", "--output", "cjmap.sarif"]
    assert plan_reports(["github", "sarif"], [Path("cjmap.sarif")], args) == [
        ReportTarget("github"), ReportTarget("sarif", Path("cjmap.sarif"))]


def test_action_diffs_changed_maps_on_pull_requests() -> None:
    diff_step = load_yaml(ACTION)["runs"]["steps"][3]
    assert "github.event_name == 'pull_request'" in diff_step["if"]
    assert "!cancelled()" in diff_step["if"]  # also after a failing lint
    assert diff_step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert ('cjmap diff --git "$BASE_SHA" --format markdown >> "$GITHUB_STEP_SUMMARY"'
            in diff_step["run"])


def test_action_lint_script_runs(repo: Path) -> None:
    """Run the lint step's script as the runner would, with the action's default inputs."""
    action = load_yaml(ACTION)
    step = action["runs"]["steps"][2]
    defaults = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    env = environment(CI="true", GITHUB_STEP_SUMMARY=str(repo / "summary.md"))
    for key, value in step["env"].items():
        name = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", value)
        assert name, value
        env[key] = defaults[name.group(1)]
    env["CJMAP_PATHS"] = "maps"
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr  # the CJ102 error fails the step
    assert done.stdout.splitlines()[:2] == [
        "::group::maps/bad.cjmap.yaml",
        "::error file=maps/bad.cjmap.yaml,line=14,col=18,endLine=14,endColumn=21,"
        "title=CJ102 unknown-reference::unknown channel 'wbe' (did you mean 'web'?)",
    ]
    sarif = json.loads((repo / "cjmap.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["CJ102", "CJ206"]
    assert "cjmap lint" in (repo / "summary.md").read_text()


# -- .pre-commit-hooks.yaml -----------------------------------------------------------------

def test_pre_commit_hook_definition() -> None:
    hooks = load_yaml(HOOKS)
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "cjmap-lint"
    assert hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["cjmap", "lint"]
    files = re.compile(hook["files"])
    for name in ("shop.cjmap.yaml", "maps/x/shop.cjmap.yml"):
        assert files.search(name), name
    for name in ("shop.yaml", "shop.cjmap.yaml.bak", "cjmap.toml", "shop.cjmapxyaml"):
        assert not files.search(name), name


def test_pre_commit_entry_lints_named_files_and_honours_exclude(repo: Path) -> None:
    """pre-commit runs ``entry`` followed by the staged files that match ``files``."""
    hook = load_yaml(HOOKS)[0]
    staged = ["maps/shop.cjmap.yaml", "archive/old.cjmap.yaml"]
    done = subprocess.run([*shlex.split(hook["entry"]), *staged], cwd=repo,
                          env=environment(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr  # the archive is excluded
    assert done.stdout == "1 file checked: no problems.\n"
    failing = subprocess.run([*shlex.split(hook["entry"]), "maps/bad.cjmap.yaml"], cwd=repo,
                             env=environment(), capture_output=True, text=True, timeout=60)
    assert failing.returncode == 1
    assert "unknown channel 'wbe'" in failing.stdout


# -- docs/ci.md -----------------------------------------------------------------------------

def doc_blocks(language: str) -> dict[str, str]:
    """Fenced blocks of ``language`` in docs/ci.md, by their first-line comment (a file name)."""
    text = CI_DOC.read_text(encoding="utf-8")
    blocks = re.findall(rf"```{language}\n(.*?)```", text, re.S)
    named = {}
    for block in blocks:
        first = block.splitlines()[0]
        if first.startswith("# "):
            named[first[2:].strip()] = block
    return named


def test_documented_workflows_are_valid(tmp_path: Path) -> None:
    blocks = doc_blocks("yaml")
    workflows = [name for name in blocks if name.startswith(".github/workflows/")]
    assert len(workflows) == 2
    for name in workflows:
        path = tmp_path / Path(name).name
        path.write_text(blocks[name])
        check_schema("vendor.github-workflows", path)
        text = blocks[name]
        assert "github/codeql-action/upload-sarif@" in text
        assert "security-events: write" in text


def test_documented_gitlab_job_is_valid_and_keeps_the_junit_report(tmp_path: Path) -> None:
    block = doc_blocks("yaml")[".gitlab-ci.yml"]
    path = tmp_path / ".gitlab-ci.yml"
    path.write_text(block)
    check_schema("vendor.gitlab-ci", path)
    job = yaml.safe_load(block)["cjmap-lint"]
    report = job["artifacts"]["reports"]["junit"]
    command = next(line for line in job["script"] if line.startswith("cjmap lint"))
    args = shlex.split(command)[2:]
    formats = [args[i + 1] for i, a in enumerate(args) if a == "--format"]
    outputs = [Path(args[i + 1]) for i, a in enumerate(args) if a == "--output"]
    assert plan_reports(formats, outputs, args)[0] == ReportTarget("junit", Path(report))
    assert job["artifacts"]["when"] == "always"


def test_documented_pre_commit_configs_use_the_hook() -> None:
    blocks = doc_blocks("yaml")
    configs = [name for name in blocks if name.startswith(".pre-commit-config.yaml")]
    assert len(configs) == 2
    hook = load_yaml(HOOKS)[0]
    for name in configs:
        config = yaml.safe_load(blocks[name])
        (entry,) = [h for repo in config["repos"] for h in repo["hooks"]]
        assert entry["id"] == "cjmap-lint"
        if config["repos"][0]["repo"] == "local":
            assert entry["entry"] == hook["entry"]
            assert entry["files"] == hook["files"]
        else:
            assert config["repos"][0]["rev"]


def test_documented_command_lines_are_accepted() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    block = re.search(r"## Several reports in one run.*?```sh\n(.*?)```", text, re.S)
    assert block
    for line in block.group(1).splitlines():
        args = shlex.split(line.split("#")[0])[2:]
        formats = [args[i + 1] for i, a in enumerate(args) if a in ("--format", "-f")]
        outputs = [Path(args[i + 1]) for i, a in enumerate(args) if a in ("--output", "-o")]
        planned = plan_reports(formats, outputs, args)
        assert sum(1 for t in planned if t.output is None) <= 1, line
