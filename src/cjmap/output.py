"""Writing results: atomically, never over an input (terminals: :mod:`cjmap.terminal`)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from cjmap.errors import EnvironmentProblem, UsageError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def refuse_inputs(target: Path, inputs: Iterable[str | Path]) -> None:
    for source in inputs:
        if str(source) != "-" and _same_file(target, Path(source)):
            raise UsageError(f"{target}: refusing to write output over an input file")


def atomic_write_bytes(target: Path, data: bytes, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename.

    A reader never sees a half-written file, a failure leaves no partial file, and
    an output path that is one of the inputs is refused before anything is written.
    """
    refuse_inputs(target, inputs)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"{target}: directory {directory} does not exist")
    if target.is_dir():
        raise UsageError(f"{target}: is a directory; give a file name to write to")
    if target.exists() and not target.is_file():
        # /dev/stdout, /dev/null, a named pipe: renaming over one would replace the
        # device itself, so it is written to as it is (atomicity means nothing there).
        _write_through(target, data)
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        # A read-only or full disk, a directory we may not write in: the machine's
        # problem (exit 2), not a bug.
        raise EnvironmentProblem(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise EnvironmentProblem(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _write_through(target: Path, data: bytes) -> None:
    try:
        with target.open("wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise EnvironmentProblem(f"{target}: cannot write ({exc.strerror or exc})") from None


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
    import io

    buffer = io.StringIO()
    yield buffer
    atomic_write_text(target, buffer.getvalue(), inputs)
