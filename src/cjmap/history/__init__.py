"""A map's history in git: one row of figures per version (docs/history.md).

Pure: :func:`build_history` turns ``(version, bytes)`` pairs into rows; reading git is
the command's job (:mod:`cjmap.gitio`), and the libraries the versions use come through
the store it hands over (:mod:`cjmap.history.libraries`).
"""

from cjmap.history.rows import History, HistoryRow, Snapshot, build_history, snapshot

__all__ = ["History", "HistoryRow", "Snapshot", "build_history", "snapshot"]
