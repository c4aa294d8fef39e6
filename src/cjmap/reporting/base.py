"""The one reporter interface: take a command's result, write it to a stream."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, Generic, TextIO, TypeVar

ResultT = TypeVar("ResultT", contravariant=True)


class Reporter(ABC, Generic[ResultT]):
    """Writes one command's result to ``stream``.

    ``color`` is true only on a terminal; ``explain`` asks for the terms each number is
    computed from (formats that show no computed numbers ignore it); ``wide`` asks a
    terminal's tables for every cell whole instead of fitting the terminal's width
    (``--wide``; formats that are not fitted ignore it).
    """

    for_people: ClassVar[bool] = False
    """Plain text for a person (more text may follow it), not a document for a program."""

    def __init__(self, stream: TextIO, *, color: bool = False, explain: bool = False,
                 wide: bool = False) -> None:
        self.stream = stream
        self.color = color
        self.explain = explain
        self.wide = wide

    @abstractmethod
    def report(self, result: ResultT) -> None: ...
