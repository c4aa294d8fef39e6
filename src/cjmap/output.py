"""Writing results: atomically, never over an input (terminals: :mod:`cjmap.terminal`)."""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from cjmap.errors import CjmapError, EnvironmentProblem, UsageError
from cjmap.inputs import describe_os_error

# How long a report waits for a reader of the named pipe it is to be written to.
PIPE_READER_WAIT_SECONDS = 10


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (check_output_path's)
        return False


def refuse_inputs(target: Path, inputs: Iterable[str | Path]) -> None:
    for source in inputs:
        if str(source) != "-" and _same_file(target, Path(source)):
            raise UsageError(f"{target}: refusing to write output over an input file")


def atomic_write_bytes(target: Path, data: bytes, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename.

    A reader never sees a half-written file, a failure leaves no partial file, and
    an output path that is one of the inputs is refused before anything is written.
    A new file gets the permissions the umask leaves; a file written over keeps its
    own, and a symlink to a file is written through (the link stays).
    """
    refuse_inputs(target, inputs)
    existing = check_output_path(target)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # /dev/stdout, /dev/null, a named pipe: renaming over one would replace the
        # device itself, so it is written to as it is (atomicity means nothing there).
        _write_through(target, data)
        return
    final = Path(os.path.realpath(target)) if existing is not None else target
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    import tempfile  # only when a file is written: a lint to stdout does without

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{final.name[:200]}.", suffix=".tmp",
                                   dir=final.parent)
    except OSError as exc:
        # A read-only or full disk, a directory we may not write in: the machine's
        # problem (exit 2), not a bug.
        raise EnvironmentProblem(f"{target}: cannot write ({describe_os_error(exc)})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, final)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise EnvironmentProblem(f"{target}: cannot write ({describe_os_error(exc)})") from None
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere the only way to read it is to set it, and back
    os.umask(mask)
    return mask


def check_output_path(target: Path) -> os.stat_result | None:
    """Refuse, before any work, an output path that cannot be written; exit 2, one line.

    Returns what the path is now (None when it does not exist yet). The one check of
    every writer (:func:`atomic_write_bytes`, :func:`text_output`, and the commands
    that take an output before they start): a name too long, a symlink loop, a parent
    that is missing or no directory, an existing directory.
    """
    name = str(target)
    if "\0" in name:
        raise UsageError(f"{name!r}: a file name cannot contain a NUL character")
    try:
        existing = os.stat(target)  # follows symlinks: a link to a file is written through
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _path_error(target, exc) from None
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise UsageError(f"{target}: is a directory; give a file name to write to")
        return existing
    if os.path.islink(target):
        return None  # a link to nothing yet: the file is made where the link is
    directory = target.parent if str(target.parent) else Path(".")
    try:
        parent = os.stat(directory)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise UsageError(f"{target}: directory {directory} does not exist") from None
        raise _path_error(target, exc) from None
    if not stat.S_ISDIR(parent.st_mode):
        raise UsageError(f"{target}: {directory} is not a directory")
    return None


def _path_error(target: Path, exc: OSError) -> CjmapError:
    """The exit-2 error for an output path the system refuses."""
    reason = describe_os_error(exc)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return EnvironmentProblem(f"{target}: cannot write ({reason})")
    return UsageError(f"{target}: cannot write there ({reason})")


def ensure_directory(directory: Path) -> None:
    """Create ``directory`` (and its parents) for outputs; any failure is exit 2."""
    if "\0" in str(directory):
        raise UsageError(f"{str(directory)!r}: a directory name cannot contain a NUL character")
    try:
        os.makedirs(directory, exist_ok=True)
    except FileExistsError:
        raise UsageError(f"{directory}: exists and is not a directory (or is a symlink "
                         "loop)") from None
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise _path_error(directory, exc) from None
        raise UsageError(f"{directory}: cannot create the directory "
                         f"({describe_os_error(exc)})") from None
    if not os.path.isdir(directory):
        raise UsageError(f"{directory}: not a directory")


def _write_through(target: Path, data: bytes) -> None:
    # Non-blocking open: a named pipe nobody reads would otherwise wait forever (ENXIO
    # says so at once); then blocking writes, as a pipe with a reader wants.
    flags = os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    deadline = time.monotonic() + PIPE_READER_WAIT_SECONDS
    while True:
        try:
            fd = os.open(target, flags)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise EnvironmentProblem(f"{target}: cannot write "
                                         f"({describe_os_error(exc)})") from None
            if time.monotonic() > deadline:  # the reader may start a moment after us
                raise UsageError(f"{target}: a named pipe that nobody read for "
                                 f"{PIPE_READER_WAIT_SECONDS} s") from None
            time.sleep(0.05)
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
    except OSError as exc:
        raise EnvironmentProblem(f"{target}: cannot write ({describe_os_error(exc)})") from None
    finally:
        os.close(fd)


def append_text(target: Path, text: str) -> None:
    """Append to a file that others write too (GitHub's step summary), after the same
    path check as every output; a pipe or device is written to as it is."""
    existing = check_output_path(target)
    data = text.encode("utf-8", errors="backslashreplace")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_through(target, data)
        return
    try:
        with open(target, "ab") as handle:
            handle.write(data)
    except OSError as exc:
        raise EnvironmentProblem(f"{target}: cannot write ({describe_os_error(exc)})") from None


def atomic_write_text(target: Path, text: str, inputs: Iterable[str | Path] = ()) -> None:
    # A file name that is not UTF-8 reaches reports as lone surrogates (os.walk's
    # surrogateescape); they are written as \udcXX escapes (valid JSON) instead of failing.
    atomic_write_bytes(target, text.encode("utf-8", errors="backslashreplace"), inputs)


@contextmanager
def text_output(target: Path | None, inputs: Iterable[str | Path] = (),
                stdout: TextIO | None = None) -> Iterator[TextIO]:
    """A text stream to write a report to: ``stdout`` (the process's by default), or a
    file written atomically at the end."""
    if target is None or str(target) == "-":
        yield stdout or sys.stdout
        return
    refuse_inputs(target, inputs)
    check_output_path(target)  # before the report is made, not after
    import io

    buffer = io.StringIO()
    yield buffer
    atomic_write_text(target, buffer.getvalue(), inputs)
