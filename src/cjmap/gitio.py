"""All of cjmap's git access: reading a file at a revision, listing changed files.

Git runs as a subprocess (no library): ``git show REV:path``, ``git diff --name-status``,
``git rev-parse``. A revision or path git does not know is an :class:`InputError`
(exit 2) with git's own reason in one line; git not installed is an
:class:`EnvironmentProblem` (exit 2).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cjmap.errors import EnvironmentProblem, InputError
from cjmap.inputs import TooLarge
from cjmap.yamlio import DEFAULT_MAX_BYTES

TIMEOUT_SECONDS = 60


@dataclass(frozen=True, slots=True)
class ChangedFile:
    """A file that differs between a revision and the work tree.

    ``status`` is ``A`` (added), ``D`` (deleted), ``M`` (modified) or ``R`` (renamed);
    paths are relative to the repository root; ``old_path`` is None for an added file
    and ``new_path`` None for a deleted one.
    """

    status: str
    old_path: str | None
    new_path: str | None


def _git(args: list[str], cwd: Path | None = None) -> bytes:
    exe = shutil.which("git")
    if exe is None:
        raise EnvironmentProblem("git is not installed (or not on PATH); it is needed to read "
                                 "REV:path arguments and for --git")
    # C locale: git's messages are parsed below; no pager, no external diff of ours.
    env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C"}
    env.pop("GIT_EXTERNAL_DIFF", None)
    try:
        done = subprocess.run([exe, *args], cwd=cwd, capture_output=True, env=env,
                              timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise EnvironmentProblem(f"git {args[0]} did not finish in {TIMEOUT_SECONDS} s") from None
    except OSError as exc:
        raise EnvironmentProblem(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise InputError(_reason(done.stderr, args))
    return done.stdout


def _reason(stderr: bytes, args: list[str]) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    fatal = [ln for ln in lines if ln.startswith(("fatal:", "error:"))]
    message = (fatal or lines or [f"git {' '.join(args)} failed"])[0]
    message = message.removeprefix("fatal: ").removeprefix("error: ")
    if "not a git repository" in message:
        return "not inside a git repository (REV:path and --git read from git)"
    return f"git: {message}"


def repo_root(cwd: Path | None = None) -> Path:
    """The top directory of the work tree containing ``cwd``."""
    out = _git(["rev-parse", "--show-toplevel"], cwd)
    return Path(out.decode("utf-8", "surrogateescape").strip())


def verify_revision(rev: str, cwd: Path | None = None) -> str:
    """The commit ``rev`` names; an unknown revision is an InputError."""
    if rev.startswith("-"):
        raise InputError(f"{rev!r} is not a revision")
    try:
        out = _git(["rev-parse", "--verify", "--quiet", "--end-of-options",
                    f"{rev}^{{commit}}"], cwd)
    except InputError as exc:
        if str(exc).startswith("not inside a git repository"):
            raise
        raise InputError(f"git: unknown revision {rev!r}") from None
    return out.decode().strip()


def show(rev: str, path: str, cwd: Path | None = None,
         limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``path`` at ``rev``, as ``git show REV:path`` gives them.

    As in git, ``path`` is relative to the repository root unless it starts with
    ``./`` or ``../`` (then it is relative to ``cwd``); an empty ``rev`` reads the
    staged version (``:path``). Over ``limit`` bytes it raises TooLarge, like every input.
    """
    if rev:
        verify_revision(rev, cwd)
    spec = f"{rev}:{path}"
    try:
        # The size first: a blob over the cap of every input is never read into memory.
        size = int(_git(["cat-file", "-s", spec], cwd).strip() or 0)
    except InputError as exc:
        where = f"revision {rev!r}" if rev else "the index (staged files)"
        raise InputError(f"{spec}: no such file in {where} ({exc})") from None
    if size > limit:
        raise TooLarge(spec, limit, size)
    return _git(["cat-file", "blob", spec], cwd)


def changed_files(base: str, pathspecs: list[str], cwd: Path | None = None) -> list[ChangedFile]:
    """Files added, deleted, modified or renamed between ``base`` and the work tree.

    Untracked files (not ignored) count as added: a map written but not yet
    ``git add``-ed is part of the work tree a reviewer wants compared.
    """
    verify_revision(base, cwd)
    root = repo_root(cwd)
    # realpath, not Path.resolve: a symlink loop stays a name (git then says it is unknown).
    specs = [os.path.relpath(os.path.realpath(p), root) for p in pathspecs]
    specs = [s.replace(os.sep, "/") for s in specs]
    tail = ["--", *specs] if specs else []
    out = _git(["diff", "--name-status", "-z", "--find-renames", "--no-ext-diff",
                "--no-textconv", base, *tail], root)
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    found: list[ChangedFile] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            old, new = fields[i + 1], fields[i + 2]
            found.append(ChangedFile("R" if status == "R" else "A",
                                     old if status == "R" else None, new))
            i += 3
            continue
        path = fields[i + 1]
        i += 2
        if status == "A":
            found.append(ChangedFile("A", None, path))
        elif status == "D":
            found.append(ChangedFile("D", path, None))
        else:  # M, T (type change) and anything newer git may report
            found.append(ChangedFile("M", path, path))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", *tail], root)
    for path in untracked.decode("utf-8", "surrogateescape").split("\0"):
        if path:
            found.append(ChangedFile("A", None, path))
    return sorted(found, key=lambda f: (f.new_path or f.old_path or "", f.status))


# -- the history of one file: `git log --follow`, then every version through one process ----

# Separators git will not find in a commit id, a date or a one-line subject.
_RECORD = "\x1e"
_FIELD = "\x1f"


@dataclass(frozen=True, slots=True)
class FileVersion:
    """One commit that changed a file: its id, committer date, subject and the file's path then.

    ``path`` is relative to the repository root, as it was named in that commit (``--follow``
    gives the old name before a rename); ``deleted`` is true for the commit that removed it.
    """

    commit: str
    date: str
    subject: str
    path: str
    deleted: bool = False


def is_shallow(cwd: Path | None = None) -> bool:
    """Whether the repository is a shallow clone (its history stops at a cut)."""
    out = _git(["rev-parse", "--is-shallow-repository"], cwd)
    return out.strip() == b"true"


def file_log(pathspec: str, cwd: Path | None = None, *, rev_range: str | None = None,
             since: str | None = None, max_count: int | None = None) -> list[FileVersion]:
    """The commits that changed ``pathspec``, newest first, following renames.

    ``rev_range`` is ``A..B`` (or one revision); each end must name a commit, otherwise
    this is an :class:`InputError` naming it.
    """
    args = ["log", "--follow", f"--format={_RECORD}%H{_FIELD}%cI{_FIELD}%s",
            "--name-status", "-z", "--no-ext-diff", "--no-textconv"]
    if since is not None:
        args.append(f"--since={since}")
    if max_count is not None:
        args.append(f"--max-count={max_count}")
    if rev_range is not None:
        for end in re.split(r"\.\.\.?", rev_range):
            if end:
                verify_revision(end.removeprefix("^"), cwd)
        args.append(rev_range)
    args += ["--", pathspec]
    out = _git(args, cwd).decode("utf-8", "surrogateescape")
    versions = []
    for record in out.split(_RECORD)[1:]:
        header, _, changes = record.partition("\0")
        commit, date, subject = header.split(_FIELD, 2)
        fields = changes.lstrip("\n").split("\0")
        status = fields[0][:1] if fields else ""
        # A rename or copy lists the old path and then the new one: the file is the new one.
        path = fields[2] if status in ("R", "C") and len(fields) > 2 else fields[1]
        versions.append(FileVersion(commit, date, subject, path, deleted=status == "D"))
    return versions


@dataclass(frozen=True, slots=True)
class BlobInfo:
    """What ``git cat-file --batch-check`` says of a blob: its id and size in bytes."""

    blob_id: str
    size: int


class BlobReader:
    """Reads many ``commit:path`` blobs through one ``git cat-file --batch`` process.

    Use it as a context manager; :meth:`read` answers one request at a time, so the
    pipe never holds more than one blob and cannot deadlock. :meth:`info` asks a second
    process (``--batch-check``, started when first needed) for a blob's id and size
    without reading it, so that a caller can reuse what it made of a blob it has seen
    (``cjmap history``: a library unchanged over many commits) and :meth:`read_blob` only
    the new ones.
    """

    def __init__(self, cwd: Path | None = None) -> None:
        self._cwd = cwd
        self._process = self._start("--batch")
        self._check: subprocess.Popen[bytes] | None = None

    def _start(self, mode: str) -> subprocess.Popen[bytes]:
        exe = shutil.which("git")
        if exe is None:
            raise EnvironmentProblem("git is not installed (or not on PATH); it is needed "
                                     "to read a map's history")
        env = {**os.environ, "LC_ALL": "C"}
        try:
            return subprocess.Popen(
                [exe, "cat-file", mode], cwd=self._cwd, env=env, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise EnvironmentProblem(f"cannot run git: {exc.strerror or exc}") from None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _ask(process: subprocess.Popen[bytes], name: str) -> list[bytes] | None:
        """The header git answers for object ``name``: ``[id, type, size]``, or None
        when there is no such object."""
        stdin, stdout = process.stdin, process.stdout
        assert stdin is not None and stdout is not None
        try:
            stdin.write(f"{name}\n".encode("utf-8", "surrogateescape"))
            stdin.flush()
            header = stdout.readline().split()
        except OSError as exc:
            raise EnvironmentProblem(f"git cat-file stopped: {exc.strerror or exc}") from None
        if len(header) != 3:  # "<name> missing" (or git gone: an empty line)
            if not header:
                raise EnvironmentProblem("git cat-file stopped before answering")
            return None
        return header

    def read(self, commit: str, path: str, limit: int = DEFAULT_MAX_BYTES) -> bytes | None:
        """The bytes of ``path`` at ``commit``; None when it is not a file there.
        Over ``limit`` bytes it raises TooLarge, like every input."""
        if "\n" in path or "\r" in path:
            return None  # --batch reads one request per line; such a name cannot be asked
        return self._read_object(f"{commit}:{path}", limit)

    def read_blob(self, blob_id: str, limit: int = DEFAULT_MAX_BYTES) -> bytes | None:
        """The bytes of the blob ``blob_id`` (from :meth:`info`); None when there is none.
        Over ``limit`` bytes it raises TooLarge, like every input."""
        return self._read_object(blob_id, limit)

    def _read_object(self, name: str, limit: int) -> bytes | None:
        header = self._ask(self._process, name)
        if header is None:
            return None
        stdout = self._process.stdout
        assert stdout is not None
        size = int(header[2])
        if size > limit:
            # Never in memory: drained (git must be able to answer the next request, and
            # to end), then refused like every input over its cap (docs/limits.md).
            remaining = size + 1  # the blob, then a newline
            while remaining > 0:
                chunk = stdout.read(min(1024 * 1024, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
            raise TooLarge(name, limit, size)
        data = stdout.read(size + 1)[:size]  # the blob, then a newline
        return data if header[1] == b"blob" else None

    def info(self, commit: str, path: str) -> BlobInfo | None:
        """The id and size of the file ``path`` at ``commit``, without reading it; None
        when it is not a file there."""
        if "\n" in path or "\r" in path:
            return None
        if self._check is None:
            self._check = self._start("--batch-check")
        header = self._ask(self._check, f"{commit}:{path}")
        if header is None or header[1] != b"blob":
            return None
        return BlobInfo(header[0].decode("ascii"), int(header[2]))

    def close(self) -> None:
        for process in (self._process, self._check):
            if process is not None:
                _end(process)


def _end(process: subprocess.Popen[bytes]) -> None:
    """Close a ``cat-file`` process's input (it then ends) and wait for it."""
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()
    try:
        process.wait(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()
