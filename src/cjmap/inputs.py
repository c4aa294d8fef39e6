"""Reading every input cjmap takes, through one bounded reader (docs/limits.md).

Maps (files, ``-``, the files git's diff driver hands over), baselines and
configuration files are all read by :func:`read_bounded`: at most ``limit`` bytes,
never more, whatever the input is. A name that is no regular file — a directory, a
named pipe, a device such as ``/dev/zero`` — is refused before anything is read (a
pipe may never be written to, a device may never end); standard input (``-``) may be
a pipe and is read with the same cap. Every refusal is an :class:`InputError`
(exit 2) in one line, except an input over the cap, :class:`TooLarge`, which the map
loader turns into the CJ001 finding lint has always given for a file too large.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable

from cjmap.errors import InputError

STDIN = "-"

# Why an input cannot be opened, by errno, for a one-line message.
_OPEN_ERRORS = {
    errno.ENOENT: "no such file",
    errno.ENAMETOOLONG: "file name too long",
    errno.ELOOP: "too many levels of symbolic links (a symlink loop?)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is not a directory",
    errno.EISDIR: "is a directory, not a file",
}


class NoSuchFile(InputError):
    """The input does not exist (callers may say what to do about it)."""


class TooLarge(InputError):
    """An input over its size cap; ``size`` is None when it could not be known beforehand
    (standard input, a file that grew while it was read)."""

    def __init__(self, name: str, limit: int, size: int | None) -> None:
        self.name = name
        self.limit = limit
        self.size = size
        cap = limit / (1024 * 1024)
        if size is None:
            reason = f"over the {cap:g} MiB limit"
        else:
            reason = f"{size:,} bytes, over the {cap:g} MiB limit"
        super().__init__(f"{name}: too large ({reason})")


def describe_os_error(exc: OSError) -> str:
    """The reason of an OSError in a few words (no errno number, no repeated path)."""
    return _OPEN_ERRORS.get(exc.errno or 0) or exc.strerror or str(exc)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, for the message refusing it (None: a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe, not a regular file (pipe it to standard input: '-')"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def read_bounded(path: str, limit: int) -> bytes:
    """The bytes of the file ``path`` (or of standard input for ``-``), at most ``limit``.

    Raises :class:`TooLarge` for more than ``limit`` bytes and :class:`InputError` for
    anything that is not a readable regular file, in one line: ``PATH: reason``.
    """
    if path == STDIN:
        stdin = getattr(sys.stdin, "buffer", None)  # None: started with stdin closed
        if stdin is None:
            raise InputError("-: standard input is closed; there is nothing to read")
        try:
            return _read_capped(stdin.read, "(stdin)", limit)
        except OSError as exc:
            raise InputError(f"-: cannot read standard input: {describe_os_error(exc)}") from None
    if "\0" in path:
        raise InputError(f"{path!r}: a file name cannot contain a NUL character")
    # Non-blocking: opening a named pipe must not wait for a writer (it is refused just
    # below, by what fstat says of the file actually opened, not of a name looked at
    # earlier). No controlling terminal from a tty device either.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        error = NoSuchFile if exc.errno == errno.ENOENT else InputError
        raise error(f"{path}: {describe_os_error(exc)}") from None
    try:
        info = os.fstat(fd)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise InputError(f"{path}: {kind}")
        if info.st_size > limit:
            # A huge file is refused from its size, without reading it.
            raise TooLarge(path, limit, info.st_size)
        return _read_capped(lambda size: os.read(fd, size), path, limit)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {describe_os_error(exc)}") from None
    finally:
        os.close(fd)


def _read_capped(read: Callable[[int], bytes | None], name: str, limit: int) -> bytes:
    """Read until the end, or until one byte past ``limit`` shows the input is too large."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = read(min(limit + 1 - total, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise TooLarge(name, limit, None)
    return b"".join(chunks)
