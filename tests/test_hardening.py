"""Every input bounded, nothing hangs, no exit 3 (issue 10; the bounds are in docs/limits.md).

Each row of the issue is reproduced here for real: devices (/dev/zero, /dev/urandom),
named pipes (os.mkfifo), symlink loops (os.symlink), 300-character names, a umask set
in the child process. Whatever could hang runs in a subprocess with a timeout, so that a
regression fails instead of blocking the test run.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap.cli import app
from cjmap.config import glob_match
from cjmap.errors import InputError
from cjmap.yamlio import DEFAULT_MAX_BYTES
from helpers import SHOP_MAP

TIMEOUT = 60
GLOB_TIMEOUT = 20  # what a glob takes now: well under a second
LONG = "n" * 300  # over NAME_MAX (255) of every Linux file system
MAP = SHOP_MAP.read_text(encoding="utf-8")  # a valid map: lint exits 0 on it


def run(*args: str, cwd: Path, stdin: bytes | Path | None = None, umask: str | None = None,
        timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """``cjmap ARGS`` in a new process, with a timeout: a hang is a failure here."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    command = [sys.executable, "-m", "cjmap", *args]
    if umask is not None:
        command = ["sh", "-c", f'umask {umask} && exec "$0" "$@"', *command]
    if isinstance(stdin, Path):
        with stdin.open("rb") as source:
            done = subprocess.run(command, cwd=cwd, stdin=source, capture_output=True,
                                  timeout=timeout, env=env, check=False)
    else:
        done = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True,
                              timeout=timeout, env=env, check=False)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))


def git(repo: Path, *args: str) -> None:
    """Run git in ``repo`` with a committer set (the machine may have none)."""
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                   cwd=repo, check=True, capture_output=True, timeout=TIMEOUT)


def one_error_line(stderr: str) -> str:
    """The one line a refused command writes; no traceback, no second line."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("cjmap: error: "), stderr
    return lines[0]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with one valid map, m.cjmap.yaml, and no configuration."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.cjmap.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_the_starter_map_is_valid(runner: CliRunner, work: Path) -> None:
    assert runner.invoke(app, ["lint", "m.cjmap.yaml"]).exit_code == 0


# -- row 1: endless inputs are read through the same cap as lint's ------------------------------

def test_diff_of_dev_zero_is_refused(work: Path) -> None:
    done = run("diff", "/dev/zero", "m.cjmap.yaml", cwd=work)
    assert done.returncode == 2
    assert one_error_line(done.stderr) == \
        "cjmap: error: /dev/zero: is a device, not a regular file"


def test_diff_against_dev_null_is_an_added_map_as_in_git(runner: CliRunner, work: Path) -> None:
    result = runner.invoke(app, ["diff", "/dev/null", "m.cjmap.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == 'Map added: "Shop" (shop)'


def test_diff_of_endless_stdin_stops_at_the_cap(work: Path) -> None:
    done = run("diff", "m.cjmap.yaml", "-", cwd=work, stdin=Path("/dev/urandom"))
    assert done.returncode == 2
    assert one_error_line(done.stderr) == \
        "cjmap: error: (stdin): too large (over the 10 MiB limit)"


def test_lint_of_endless_stdin_is_the_too_large_finding(work: Path) -> None:
    done = run("lint", "--format", "concise", "-", cwd=work, stdin=Path("/dev/zero"))
    assert done.returncode == 1
    assert done.stdout.startswith("-:1:1: CJ001 [error] the file is over the 10 MiB limit")


def test_git_driver_refuses_a_device(work: Path) -> None:
    # git's external-diff arguments: path old-file old-hex old-mode new-file new-hex new-mode
    done = run("diff", "--git-driver", "m.cjmap.yaml", "/dev/zero", "0" * 40, "100644",
               "m.cjmap.yaml", "0" * 40, "100644", cwd=work)
    assert done.returncode == 2
    assert "/dev/zero: is a device" in one_error_line(done.stderr)


def test_git_driver_skips_a_huge_file_and_lets_git_go_on(work: Path) -> None:
    huge = work / "huge.cjmap.yaml"
    with huge.open("wb") as handle:  # sparse: 20 GiB on disk costs nothing
        handle.truncate(20 * 1024**3)
    done = run("diff", "--git-driver", "m.cjmap.yaml", "m.cjmap.yaml", "0" * 40, "100644",
               str(huge), "0" * 40, "100644", cwd=work)
    assert done.returncode == 0  # git stops the whole diff otherwise
    assert done.stdout == (f"# cjmap: {huge}: too large (21,474,836,480 bytes, over the "
                           "10 MiB limit); not compared\n")


def test_a_huge_file_is_refused_from_its_size_without_reading_it(work: Path) -> None:
    huge = work / "huge.cjmap.yaml"
    with huge.open("wb") as handle:
        handle.truncate(20 * 1024**3)
    started = time.perf_counter()
    done = run("lint", "--format", "concise", "huge.cjmap.yaml", cwd=work)
    assert time.perf_counter() - started < 20  # reading 20 GiB would take minutes
    assert done.returncode == 1
    assert "CJ001 [error] the file is 20480.0 MiB (21,474,836,480 bytes)" in done.stdout


def test_baseline_from_dev_zero_is_refused(work: Path) -> None:
    done = run("lint", "--baseline", "/dev/zero", "m.cjmap.yaml", cwd=work)
    assert done.returncode == 2
    assert one_error_line(done.stderr) == \
        "cjmap: error: /dev/zero: is a device, not a regular file"


def test_config_from_dev_zero_is_refused(work: Path) -> None:
    done = run("lint", "--config", "/dev/zero", "m.cjmap.yaml", cwd=work)
    assert done.returncode == 2
    assert "/dev/zero: is a device, not a regular file" in one_error_line(done.stderr)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_blob_over_the_cap_is_not_read(work: Path) -> None:
    git(work, "init", "-q")
    (work / "big.cjmap.yaml").write_bytes(b"#" * (DEFAULT_MAX_BYTES + 1))
    git(work, "add", "big.cjmap.yaml")
    git(work, "commit", "-q", "-m", "big")
    done = run("diff", "HEAD:big.cjmap.yaml", "m.cjmap.yaml", cwd=work)
    assert done.returncode == 2
    assert one_error_line(done.stderr) == ("cjmap: error: HEAD:big.cjmap.yaml: too large "
                                           "(10,485,761 bytes, over the 10 MiB limit)")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("pathspec", [LONG, "l1"])
def test_diff_git_with_an_odd_pathspec_is_not_a_crash(work: Path, pathspec: str) -> None:
    subprocess.run(["git", "init", "-q"], cwd=work, check=True, timeout=TIMEOUT)
    os.symlink("l1", work / "l2")
    os.symlink("l2", work / "l1")
    done = run("diff", "--git", "HEAD", pathspec, cwd=work)
    assert done.returncode == 2  # HEAD: no commit yet, said in one line
    one_error_line(done.stderr)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit",
                    "-q", "--allow-empty", "-m", "empty"], cwd=work, check=True,
                   timeout=TIMEOUT)
    for args in (["--git", "HEAD", pathspec], ["--git", "HEAD", "--path", pathspec]):
        done = run("diff", *args, cwd=work)
        assert done.returncode == 0, done.stderr  # nothing changed under that name


def test_read_bounded_reads_exactly_up_to_the_cap(tmp_path: Path) -> None:
    from cjmap.inputs import TooLarge, read_bounded  # here: the module is new (issue 10)

    at_cap = tmp_path / "at"
    at_cap.write_bytes(b"x" * 100)
    assert read_bounded(str(at_cap), 100) == b"x" * 100
    with pytest.raises(TooLarge, match=r"at: too large \(100 bytes, over the"):
        read_bounded(str(at_cap), 99)
    with pytest.raises(InputError, match="is a directory"):
        read_bounded(str(tmp_path), 100)
    with pytest.raises(InputError, match="no such file"):
        read_bounded(str(tmp_path / "missing"), 100)


# -- row 2: globs in linear time ------------------------------------------------------------------

def _reference_regex(pattern: str) -> re.Pattern[str]:
    """docs/cli.md's glob semantics as a backtracking regex (fine for short inputs)."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            out.append({"*": "[^/]*", "?": "[^/]"}.get(pattern[i], re.escape(pattern[i])))
            i += 1
    return re.compile("".join(out) + r"\Z")


def test_glob_matches_like_the_reference_on_every_short_case() -> None:
    # Every pattern and path over a small alphabet: the automaton and the regex agree.
    import itertools

    tokens = ["*", "**", "**/", "?", "a", "/"]
    paths = ["".join(p) for n in range(5) for p in itertools.product("ab/", repeat=n)]
    for length in range(4):
        for parts in itertools.product(tokens, repeat=length):
            pattern = "".join(parts)
            reference = _reference_regex(pattern)
            for path in paths:
                # ... and ``dir/**`` also matches ``dir`` itself.
                expected = bool(reference.match(path)) or (
                    pattern.endswith("/**") and path == pattern[:-3])
                assert glob_match(pattern, path) == expected, (pattern, path)


@pytest.mark.parametrize("pattern", ["*" * 24 + "z", "**/" * 20 + "z", "*a" * 30 + "z",
                                     "**" * 40 + "/*" * 40 + "z"])
def test_absurd_globs_take_linear_time(pattern: str) -> None:
    # In a subprocess: a backtracking matcher cannot be interrupted, only killed.
    code = ("import sys, time; from cjmap.config import glob_match; path = 'a/' * 500 + 'a' * 2000;"
            "t = time.perf_counter(); assert not glob_match(sys.argv[1], path);"
            "print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code, pattern], capture_output=True,
                          text=True, timeout=GLOB_TIMEOUT, check=True)
    assert float(done.stdout) < 1.0


@pytest.mark.parametrize(("config", "command"), [
    ('include = ["{p}"]', ["lint", "maps"]),
    ('exclude = ["{p}"]', ["lint", "maps"]),
    ('[lint.per-file-ignores]\n"{p}" = ["CJ201"]', ["lint", "maps"]),
    ('exclude = ["{p}"]', ["score", "maps"]),
    ('exclude = ["{p}"]', ["render", "-f", "dot", "--out-dir", "out", "maps"]),
])
@pytest.mark.parametrize("glob", ["*" * 24 + "z", "**/" * 20 + "z"])
def test_absurd_globs_in_the_configuration_finish(work: Path, config: str,
                                                  command: list[str], glob: str) -> None:
    (work / "maps").mkdir()
    (work / "maps" / ("a" * 200 + ".cjmap.yaml")).write_text(MAP, encoding="utf-8")
    (work / "cjmap.toml").write_text(config.format(p=glob) + "\n", encoding="utf-8")
    # Took over 30 s with 24 stars, exponential in their number.
    done = run(*command, cwd=work, timeout=GLOB_TIMEOUT)
    assert done.returncode in (0, 2), done.stderr
    assert "Traceback" not in done.stderr


# -- rows 6, 7, 8: output paths -------------------------------------------------------------------

@pytest.fixture
def immutable_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory nobody may create anything in, not even root (chattr +i)."""
    directory = tmp_path / "locked"
    directory.mkdir()
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(directory)], capture_output=True,
                                        check=False, timeout=TIMEOUT).returncode != 0:
        directory.chmod(0o555)
        if os.access(directory, os.W_OK):
            pytest.skip("cannot make a directory unwritable here (no chattr +i, and root)")
        yield directory
        directory.chmod(0o755)
        return
    try:
        yield directory
    finally:
        subprocess.run([chattr, "-i", str(directory)], check=True, timeout=TIMEOUT)


@pytest.mark.parametrize("out_dir", ["/dev/null/sub", "/proc/sub", "loop", "locked/sub",
                                     "locked"])
def test_render_out_dir_that_cannot_be_made(runner: CliRunner, work: Path,
                                            immutable_dir: Path, out_dir: str) -> None:
    os.symlink("loop2", work / "loop")
    os.symlink("loop", work / "loop2")
    result = runner.invoke(app, ["render", "-f", "dot", "--out-dir", out_dir, "m.cjmap.yaml"])
    assert result.exit_code == 2, result.output
    one_error_line(result.stderr)


def test_history_of_a_name_too_long_is_exit_2(runner: CliRunner, work: Path) -> None:
    result = runner.invoke(app, ["history", LONG])  # git is asked, not the file system
    assert result.exit_code == 2, result.output
    one_error_line(result.stderr)


@pytest.mark.parametrize("args", [
    ["lint", LONG], ["score", LONG], ["render", "-f", "dot", LONG],
    ["diff", LONG, "m.cjmap.yaml"], ["diff", "m.cjmap.yaml", LONG],
    ["lint", "-o", LONG, "m.cjmap.yaml"], ["render", "-f", "dot", "-o", LONG, "m.cjmap.yaml"],
    ["score", "-o", LONG, "m.cjmap.yaml"], ["diff", "-o", LONG, "m.cjmap.yaml", "m.cjmap.yaml"],
    ["lint", "--config", LONG, "m.cjmap.yaml"], ["lint", "--baseline", LONG, "m.cjmap.yaml"],
    ["lint", "--write-baseline", LONG, "m.cjmap.yaml"], ["schema", "-o", LONG], ["init", LONG],
    ["render", "-f", "dot", "--out-dir", LONG, "m.cjmap.yaml"],
    ["history", "-o", LONG, "m.cjmap.yaml"],
    ["history", "--chart", LONG + ".svg", "m.cjmap.yaml"],
    ["metrics", "list", LONG], ["metrics", "list", "-o", LONG, "m.cjmap.yaml"],
    ["metrics", "update", "m.cjmap.yaml", "--from", LONG],
    ["metrics", "update", LONG, "--from", "m.cjmap.yaml"],
])
def test_a_file_name_too_long_is_exit_2(runner: CliRunner, work: Path, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "too long" in one_error_line(result.stderr)


@pytest.mark.parametrize("args", [
    ["lint", "-f", "json", "-o", "l1", "m.cjmap.yaml"],
    ["lint", "--write-baseline", "l1", "m.cjmap.yaml"],
    ["render", "-f", "dot", "-o", "l1", "m.cjmap.yaml"],
    ["score", "-o", "l1", "m.cjmap.yaml"],
    ["diff", "-o", "l1", "m.cjmap.yaml", "m.cjmap.yaml"],
    ["schema", "-o", "l1"],
    ["init", "l1"],
    ["lint", "l1"],
    ["lint", "--config", "l1", "m.cjmap.yaml"],
    ["history", "-o", "l1", "m.cjmap.yaml"],
    ["metrics", "list", "-o", "l1", "m.cjmap.yaml"],
    ["metrics", "update", "m.cjmap.yaml", "--from", "l1"],
    ["metrics", "update", "l1", "--from", "m.cjmap.yaml"],
])
def test_a_symlink_loop_is_exit_2(runner: CliRunner, work: Path, args: list[str]) -> None:
    os.symlink("l1", work / "l2")
    os.symlink("l2", work / "l1")
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "symbolic links" in one_error_line(result.stderr)
    assert os.readlink(work / "l1") == "l2"  # the loop is left as it was


# -- row 10: named pipes are refused, never waited on ---------------------------------------------

@pytest.mark.parametrize("args", [
    ["lint", "f.cjmap.yaml"], ["score", "f.cjmap.yaml"], ["render", "-f", "dot", "f.cjmap.yaml"],
    ["diff", "f.cjmap.yaml", "m.cjmap.yaml"], ["diff", "m.cjmap.yaml", "f.cjmap.yaml"],
    ["lint", "--baseline", "f.cjmap.yaml", "m.cjmap.yaml"],
    ["lint", "--config", "f.cjmap.yaml", "m.cjmap.yaml"],
    ["metrics", "list", "f.cjmap.yaml"],
    ["metrics", "update", "m.cjmap.yaml", "--from", "f.cjmap.yaml"],
    ["preview", "f.cjmap.yaml"],
])
def test_a_named_pipe_given_by_name_is_refused(work: Path, args: list[str]) -> None:
    os.mkfifo(work / "f.cjmap.yaml")  # nobody ever writes to it: reading it would block
    done = run(*args, cwd=work)
    assert done.returncode == 2
    assert "f.cjmap.yaml: is a named pipe, not a regular file" in one_error_line(done.stderr)


def test_a_named_pipe_found_in_a_directory_is_skipped(work: Path) -> None:
    os.mkfifo(work / "f.cjmap.yaml")
    done = run("lint", ".", cwd=work)
    assert done.returncode == 0, done.stderr


# -- row 12: permissions of what is written ------------------------------------------------------

@pytest.mark.parametrize(("umask", "mode"), [("077", 0o600), ("022", 0o644), ("002", 0o664)])
def test_new_files_follow_the_umask(work: Path, umask: str, mode: int) -> None:
    for args, name in [(["render", "-f", "dot", "-o", "x.dot", "m.cjmap.yaml"], "x.dot"),
                       (["lint", "-f", "json", "-o", "x.json", "m.cjmap.yaml"], "x.json")]:
        done = run(*args, cwd=work, umask=umask)
        assert done.returncode == 0, done.stderr
        assert stat.S_IMODE((work / name).stat().st_mode) == mode


def test_an_existing_file_keeps_its_mode_and_a_symlink_stays(work: Path) -> None:
    private = work / "x.dot"
    private.write_text("old")
    private.chmod(0o600)
    (work / "y.dot").write_text("old")
    (work / "y.dot").chmod(0o640)
    os.symlink("y.dot", work / "link.dot")
    for name in ("x.dot", "link.dot"):
        done = run("render", "-f", "dot", "-o", name, "m.cjmap.yaml", cwd=work, umask="022")
        assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("graph journey {")
    assert (work / "link.dot").is_symlink()
    assert stat.S_IMODE((work / "y.dot").stat().st_mode) == 0o640
    assert (work / "y.dot").read_text().startswith("graph journey {")


# -- two maps of one name into one --out-dir -------------------------------------------------------

def test_out_dir_collision_is_found_before_anything_is_written(runner: CliRunner,
                                                               work: Path) -> None:
    for folder in ("a", "b"):
        (work / folder).mkdir()
        (work / folder / "m.cjmap.yaml").write_text(MAP, encoding="utf-8")
    result = runner.invoke(app, ["render", "-f", "dot", "--out-dir", "out",
                                 "a/m.cjmap.yaml", "b/m.cjmap.yaml"])
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert "a/m.cjmap.yaml and b/m.cjmap.yaml would both be drawn to out/m.dot" in line
    assert not (work / "out").exists()


@pytest.mark.parametrize("summary", ["/dev/null/x", LONG, "l1"])
def test_github_step_summary_goes_through_the_same_check(runner: CliRunner, work: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         summary: str) -> None:
    os.symlink("l1", work / "l2")
    os.symlink("l2", work / "l1")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", summary)
    result = runner.invoke(app, ["lint", "-f", "github", "m.cjmap.yaml"])
    assert result.exit_code == 2, result.output
    assert one_error_line(result.stderr).startswith(f"cjmap: error: {summary}: cannot write")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_history_with_a_version_over_the_cap_is_refused_without_reading_it(work: Path) -> None:
    git(work, "init", "-q")
    git(work, "add", "m.cjmap.yaml")
    git(work, "commit", "-q", "-m", "small")
    (work / "m.cjmap.yaml").write_bytes(b"#" * (DEFAULT_MAX_BYTES + 1))
    git(work, "commit", "-q", "-a", "-m", "big")
    (work / "m.cjmap.yaml").write_text(MAP, encoding="utf-8")
    git(work, "commit", "-q", "-a", "-m", "small again")
    done = run("history", "m.cjmap.yaml", cwd=work, timeout=30)  # git is never left waiting
    assert done.returncode == 2
    line = one_error_line(done.stderr)
    assert re.fullmatch(r"cjmap: error: [0-9a-f]{40}:m\.cjmap\.yaml: too large "
                        r"\(10,485,761 bytes, over the 10 MiB limit\)", line), line


def test_reading_a_closed_standard_input_is_exit_2(work: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "cjmap", "lint", "-"], cwd=work,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=TIMEOUT, check=False, close_fds=True,
                          preexec_fn=lambda: os.close(0))
    assert done.returncode == 2, done.stderr
    assert one_error_line(done.stderr) == \
        "cjmap: error: -: standard input is closed; there is nothing to read"


def test_a_baseline_over_its_cap_is_refused_from_its_size(work: Path) -> None:
    from cjmap.lint.baseline import BASELINE_MAX_BYTES

    with (work / "big.json").open("wb") as handle:  # sparse: nothing is written or read
        handle.truncate(BASELINE_MAX_BYTES + 1)
    done = run("lint", "--baseline", "big.json", "m.cjmap.yaml", cwd=work)
    assert done.returncode == 2
    assert one_error_line(done.stderr) == \
        "cjmap: error: big.json: too large (67,108,865 bytes, over the 64 MiB limit)"


def test_a_configuration_over_its_cap_is_refused(work: Path) -> None:
    from cjmap.config import CONFIG_MAX_BYTES

    (work / "cjmap.toml").write_bytes(b"#" * (CONFIG_MAX_BYTES + 1))
    done = run("lint", "m.cjmap.yaml", cwd=work)
    assert done.returncode == 2
    assert one_error_line(done.stderr) == ("cjmap: error: cannot read configuration: "
                                           f"{work / 'cjmap.toml'}: too large (1,048,577 "
                                           "bytes, over the 1 MiB limit)")


@pytest.mark.parametrize(("name", "reason"), [
    (LONG, "file name too long"), ("l1", "symbolic links"), ("/dev/zero", "is a device")])
def test_preview_of_a_bad_name_is_exit_2(work: Path, name: str, reason: str) -> None:
    # A subprocess: on success preview serves until stopped.
    os.symlink("l1", work / "l2")
    os.symlink("l2", work / "l1")
    done = run("preview", name, cwd=work, timeout=30)
    assert done.returncode == 2
    assert reason in one_error_line(done.stderr)
