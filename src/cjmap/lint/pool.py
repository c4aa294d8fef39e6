"""Linting many files in a process pool (``cjmap lint --jobs N``).

Its own module so that a lint that starts no pool never imports ``multiprocessing`` and
``concurrent.futures`` (docs/performance.md, "What start-up must not import");
:func:`cjmap.lint.engine.iter_lint` imports it when the work is worth a pool.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat

from cjmap.fastgc import fast_gc
from cjmap.libraries import LibraryCache
from cjmap.lint.engine import MAX_CHUNK, FileResult, LintOptions, lint_file

__all__ = ["BrokenProcessPool", "ProcessPoolExecutor", "pooled"]


_worker_libraries: LibraryCache | None = None


def _lint_chunk(paths: list[str], options: LintOptions) -> list[FileResult]:
    # In a worker process of the pool, which cjmap owns: the collector waits (7% of the
    # time of a corpus lint; see cjmap.fastgc), and libraries are kept for the process's
    # life (the pool's, one lint run), so each is read once per worker.
    global _worker_libraries
    if _worker_libraries is None:
        _worker_libraries = LibraryCache(limits=options.limits)
    with fast_gc():
        return [lint_file(path, options, cache=_worker_libraries) for path in paths]


def _chunks(paths: Sequence[str], jobs: int) -> list[list[str]]:
    size = max(1, min(MAX_CHUNK, -(-len(paths) // (jobs * 4))))
    return [list(paths[i:i + size]) for i in range(0, len(paths), size)]


def _pool_context() -> multiprocessing.context.BaseContext:
    # Not fork: forking a process that may hold threads (rich, the caller's) can deadlock.
    # The fork server imports the engine once; workers forked from it start warm.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def pooled(paths: Sequence[str], options: LintOptions, jobs: int) -> Iterator[FileResult]:
    """Lint ``paths`` in ``jobs`` processes, a chunk per task; results in input order."""
    chunks = _chunks(paths, jobs)
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_pool_context())
    try:
        for results in pool.map(_lint_chunk, chunks, repeat(options)):
            yield from results
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
