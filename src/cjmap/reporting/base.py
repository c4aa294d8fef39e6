"""The one reporter interface: take a command's result, write it to a stream."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, Generic, TextIO, TypeVar

ResultT = TypeVar("ResultT", contravariant=True)


class Reporter(ABC, Generic[ResultT]):
    """Writes one command's result to ``stream``.

    ``color`` is true only on a terminal; ``explain`` asks for the terms each number is
    computed from (formats that show no computed numbers ignore it).
    """

    for_people: ClassVar[bool] = False
    """Plain text for a person (more text may follow it), not a document for a program."""

    def __init__(self, stream: TextIO, *, color: bool = False, explain: bool = False) -> None:
        self.stream = stream
        self.color = color
        self.explain = explain

    @abstractmethod
    def report(self, result: ResultT) -> None: ...
