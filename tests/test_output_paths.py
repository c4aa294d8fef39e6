"""Property: whatever output path or directory a writing command is given, it succeeds
(exit 0) or refuses in one line (exit 2) — never exit 3, never a traceback (issue 10);
and whatever input path a reading command is given, it answers 0, 1 or 2.

Paths are made of odd bytes (anything but NUL and "/", decoded as the file system
decodes them), names over 255 bytes, missing directories several levels deep,
existing directories and files, devices and symlink loops.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmap.cli import main
from helpers import SHOP_MAP

MAP = SHOP_MAP.read_text(encoding="utf-8")  # a valid map: lint exits 0 on it

# A component of a path: odd bytes (not NUL, not "/"), as os.fsdecode gives them back.
_odd_bytes = st.binary(min_size=1, max_size=12).map(
    lambda raw: raw.replace(b"\0", b"_").replace(b"/", b"_"))
_component = st.one_of(
    _odd_bytes.map(os.fsdecode),
    st.sampled_from(["out.json", "x.dot", ".", "..", "-", "sub dir", "ünï cödé", "*?[",
                     "existing_dir", "existing_file", "loop", "m.cjmap.yaml"]),
    st.integers(min_value=200, max_value=320).map(lambda n: "l" * n),  # over NAME_MAX
)
# Relative to a scratch directory, or one of the system's special places.
_relative = st.lists(_component, min_size=1, max_size=4).map("/".join)
_special = st.sampled_from(["/dev/null", "/dev/full", "/dev/zero", "/dev/null/sub", "/proc/x",
                            "/proc/self/status", "/", "/sys/nope/x"])
PATHS = st.one_of(_relative, _relative, _relative, _special)

# Each writing command, with the option that names where it writes.
COMMANDS = {
    "lint -o": ["lint", "-f", "json", "-o", "{}", "m.cjmap.yaml"],
    "lint --write-baseline": ["lint", "--write-baseline", "{}", "m.cjmap.yaml"],
    "render -o": ["render", "-f", "dot", "-o", "{}", "m.cjmap.yaml"],
    "render --out-dir": ["render", "-f", "dot", "--out-dir", "{}", "m.cjmap.yaml"],
    "render -f html -o": ["render", "-f", "html", "-o", "{}", "m.cjmap.yaml"],
    "score -o": ["score", "-f", "json", "-o", "{}", "m.cjmap.yaml"],
    "diff -o": ["diff", "-f", "json", "-o", "{}", "m.cjmap.yaml", "m.cjmap.yaml"],
    "schema -o": ["schema", "-o", "{}"],
    "metrics list -o": ["metrics", "list", "-o", "{}", "m.cjmap.yaml"],
    # Not a git repository here: a good path gets as far as git, and that is exit 2 too.
    "history -o": ["history", "-o", "{}", "m.cjmap.yaml"],
    "init": ["init", "{}"],
}


def invoke(args: list[str]) -> tuple[int, str]:
    """``cjmap ARGS`` in this process through the console entry point (which makes the
    standard streams escape what they cannot encode, as a terminal's do); the exit
    code and standard error."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    code: int | str | None = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
    err.seek(0)
    return int(code or 0), err.read()


def _scratch() -> Path:
    """A directory holding the map and the things the generated paths may run into."""
    base = Path(tempfile.mkdtemp(prefix="cjmap-paths-"))
    (base / "m.cjmap.yaml").write_text(MAP, encoding="utf-8")
    (base / "existing_dir").mkdir()
    (base / "existing_file").write_text("keep")
    os.symlink("loop2", base / "loop")
    os.symlink("loop", base / "loop2")
    return base


@settings(max_examples=int(os.environ.get("CJMAP_PATH_EXAMPLES", "60")), deadline=None,
          derandomize="CJMAP_PATH_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from(sorted(COMMANDS)), path=PATHS)
def test_any_output_path_is_exit_0_or_2(command: str, path: str) -> None:
    base = _scratch()
    cwd = os.getcwd()
    os.chdir(base)
    try:
        args = [arg.replace("{}", path) for arg in COMMANDS[command]]
        code, stderr = invoke(args)
    finally:
        os.chdir(cwd)
        shutil.rmtree(base, ignore_errors=True)
    assert code in (0, 2), (command, path, stderr)
    assert "Traceback" not in stderr
    assert "internal error" not in stderr
    if code == 2:
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("cjmap: error: "), stderr


# Commands that read maps, baselines or configuration, with the argument that names one.
READERS = {
    "lint": ["lint", "{}"],
    "lint --baseline": ["lint", "--baseline", "{}", "m.cjmap.yaml"],
    "lint --config": ["lint", "--config", "{}", "m.cjmap.yaml"],
    "score": ["score", "{}"],
    "render": ["render", "-f", "dot", "-o", "out.dot", "{}"],
    "diff old": ["diff", "{}", "m.cjmap.yaml"],
    "diff new": ["diff", "m.cjmap.yaml", "{}"],
    "metrics list": ["metrics", "list", "{}"],
    "metrics update --from": ["metrics", "update", "m.cjmap.yaml", "--from", "{}"],
}


@settings(max_examples=int(os.environ.get("CJMAP_PATH_EXAMPLES", "60")), deadline=None,
          derandomize="CJMAP_PATH_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from(sorted(READERS)),
       path=st.one_of(PATHS, st.sampled_from(["/dev/zero", "/dev/urandom", "/proc/self/mem",
                                              "/etc", "existing_file"])))
def test_any_input_path_is_exit_0_1_or_2(command: str, path: str) -> None:
    base = _scratch()
    cwd = os.getcwd()
    os.chdir(base)
    try:
        code, stderr = invoke([arg.replace("{}", path) for arg in READERS[command]])
    finally:
        os.chdir(cwd)
        shutil.rmtree(base, ignore_errors=True)
    assert code in (0, 1, 2), (command, path, stderr)
    assert "Traceback" not in stderr and "internal error" not in stderr
