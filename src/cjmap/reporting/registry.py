"""One table of formats per command: what ``--format`` accepts, shows and completes.

Each entry is a name and where its class lives (``"module:Class"``); the module is
imported only when that format is chosen, so a clean lint of one file imports one
reporter. The same table gives typer the help text, the shell completion of the
option's value and the check of a value (with a "did you mean"): see
docs/architecture.md, "How to add a format".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from importlib import import_module
from typing import TypeVar, cast

from cjmap.errors import UsageError

T = TypeVar("T")


class Choices:
    """The values an option accepts, in the order shown: help, completion, validation."""

    def __init__(self, what: str, names: Iterable[str]) -> None:
        self.what = what
        self.names = tuple(names)

    def listed(self) -> str:
        """``text, json or csv``: the values as a sentence reads them."""
        if len(self.names) < 2:
            return "".join(self.names)
        return f"{', '.join(self.names[:-1])} or {self.names[-1]}"

    def complete(self, incomplete: str) -> list[str]:
        """The values that start with what was typed (typer's ``autocompletion``)."""
        return [name for name in self.names if name.startswith(incomplete)]

    def check(self, name: str) -> str:
        """``name`` when it is one of the values, else a UsageError naming them."""
        if name not in self.names:
            from cjmap.suggest import did_you_mean  # difflib: only for a mistake

            raise UsageError(f"unknown {self.what} {name!r}{did_you_mean(name, self.names)}; "
                             f"choose one of {', '.join(self.names)}")
        return name


class Registry(MutableMapping[str, type[T]]):
    """Format name -> reporter class, each given as ``"module:Class"`` and imported on
    first use. Setting an entry to a class (a test's dummy format) works as well."""

    def __init__(self, command: str, entries: dict[str, str]) -> None:
        self.command = command
        self._targets: dict[str, str | type[T]] = dict(entries)
        self._loaded: dict[str, type[T]] = {}

    def __getitem__(self, name: str) -> type[T]:
        if name not in self._loaded:
            target = self._targets[name]
            if isinstance(target, str):
                module, _, attribute = target.partition(":")
                target = cast("type[T]", getattr(import_module(module), attribute))
            self._loaded[name] = target
        return self._loaded[name]

    def __setitem__(self, name: str, entry: str | type[T]) -> None:
        self._targets[name] = entry
        self._loaded.pop(name, None)

    def __delitem__(self, name: str) -> None:
        del self._targets[name]
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)

    def target(self, name: str) -> str:
        """Where the class of ``name`` lives: ``"module:Class"``."""
        entry = self._targets[name]
        return entry if isinstance(entry, str) else f"{entry.__module__}:{entry.__qualname__}"

    def is_loaded(self, name: str) -> bool:
        """Whether the class of ``name`` has been imported yet."""
        return name in self._loaded

    @property
    def choices(self) -> Choices:
        return Choices("format", self._targets)

    def chosen(self, name: str) -> type[T]:
        """The class of format ``name``; a UsageError naming the formats if there is none."""
        return self[self.choices.check(name)]
