"""The live preview server of ``cjmap preview`` (docs/share.md).

It serves one map's HTML view on 127.0.0.1 and nothing else: ``/`` is the view of the
last good save, ``/version`` says which that is and what is wrong with the file now.
A watcher thread polls the path's status (never holding the file open, so saves by
rename, delete and re-create, or the file moving away and back are all seen) and
rebuilds the view when the bytes change. The page polls ``/version`` and swaps in the
new view itself (``view.js``).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cjmap.errors import CjmapError, EnvironmentProblem, InputError
from cjmap.inputs import read_bounded
from cjmap.yamlio import DEFAULT_MAX_BYTES

POLL_SECONDS = 0.1
SETTLE_SECONDS = 0.03
SETTLE_TRIES = 5


@dataclass(frozen=True, slots=True)
class Problem:
    """A reason the file cannot be shown now, positioned when it can be (line 0: not)."""

    line: int
    column: int
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Built:
    """What one save of the file gave: a page (when it loaded) or the problems."""

    page: str | None
    problems: tuple[Problem, ...] = ()


# (the file's bytes, the version number a good page gets) -> what to serve
Builder = Callable[[bytes, int], Built]


@dataclass
class Preview:
    """The shared state: the last good page and what the file looks like now."""

    path: str
    build: Builder
    version: int = 0
    page: bytes = b""
    problems: tuple[Problem, ...] = ()
    _digest: bytes | None = None
    _stamp: tuple[int, ...] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    stopped: threading.Event = field(default_factory=threading.Event)

    def status(self) -> bytes:
        with self._lock:
            body = {"version": self.version, "ok": not self.problems,
                    "findings": [vars_of(p) for p in self.problems]}
        return json.dumps(body, sort_keys=True).encode("utf-8")

    def current_page(self) -> bytes:
        with self._lock:
            return self.page

    def _stat(self) -> tuple[int, ...] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev, st.st_ctime_ns)

    def refresh(self) -> bool:
        """Look at the file once; rebuild when its bytes changed. True when something did."""
        stamp = self._stat()
        if stamp is not None and stamp == self._stamp:
            return False
        # An editor that writes in place may be half-way through: wait until the file has
        # stood still for a moment (bounded, so that a file that never does is still read).
        for _ in range(SETTLE_TRIES):
            time.sleep(SETTLE_SECONDS)
            now = self._stat()
            if now == stamp:
                break
            stamp = now
        self._stamp = stamp
        try:
            # The one bounded reader (docs/limits.md): a file swapped for a pipe or a
            # device, or grown past the cap, is a problem shown, never a watcher stuck.
            raw = read_bounded(self.path, DEFAULT_MAX_BYTES)
        except InputError as exc:
            self._digest = None
            gone = Problem(0, 0, "", f"cannot read {exc}; waiting for it to be saved again")
            return self._set(None, (gone,))
        digest = hashlib.sha256(raw).digest()
        if digest == self._digest:
            return False
        self._digest = digest
        try:
            built = self.build(raw, self.version + 1)
        except CjmapError as exc:
            built = Built(None, (Problem(0, 0, "", str(exc)),))
        except Exception as exc:  # a bug: say so on the page, and keep watching
            detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
            built = Built(None, (Problem(0, 0, "", f"internal error: {detail} (this is a bug "
                                                   "in cjmap; please report it)"),))
        return self._set(built.page, built.problems)

    def _set(self, page: str | None, problems: tuple[Problem, ...]) -> bool:
        with self._lock:
            if page is not None:
                self.version += 1
                self.page = page.encode("utf-8")
            self.problems = problems
        return True

    def watch(self) -> None:
        """Poll until stopped (run in a thread)."""
        while not self.stopped.wait(POLL_SECONDS):
            self.refresh()


def vars_of(problem: Problem) -> dict[str, Any]:
    return {"line": problem.line, "column": problem.column, "code": problem.code,
            "message": problem.message}


def _handler(preview: Preview, port: int) -> type[BaseHTTPRequestHandler]:
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}

    class Handler(BaseHTTPRequestHandler):
        server_version = "cjmap-preview"
        sys_version = ""

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            # Another site's page in the same browser cannot reach this server through
            # a name of its own (DNS rebinding): only our own host names are served.
            if self.headers.get("Host", "") not in hosts:
                return self._send(HTTPStatus.FORBIDDEN, "text/plain", b"forbidden\n", send_body)
            # The request target as sent, without its query: only two exact paths exist.
            path = self.path.split("?", 1)[0]
            if path == "/":
                return self._send(HTTPStatus.OK, "text/html; charset=utf-8",
                                  preview.current_page(), send_body)
            if path == "/version":
                return self._send(HTTPStatus.OK, "application/json", preview.status(),
                                  send_body)
            return self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found\n", send_body)

        def _send(self, status: HTTPStatus, kind: str, body: bytes, send_body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Requests are not logged: the terminal is for the map's problems."""

    return Handler


def bind(preview: Preview, port: int) -> ThreadingHTTPServer:
    """A server on 127.0.0.1 (``port`` 0: a free one); a port in use is exit 2."""
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), BaseHTTPRequestHandler)
    except OSError as exc:
        raise EnvironmentProblem(
            f"cannot listen on 127.0.0.1:{port} ({exc.strerror or exc}); choose another "
            "--port, or leave --port out to use a free one") from None
    server.daemon_threads = True
    server.RequestHandlerClass = _handler(preview, server.server_address[1])
    return server
