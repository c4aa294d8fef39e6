"""Glob matching for the configuration's ``include``, ``exclude`` and ``per-file-ignores``
(docs/cli.md), in time linear in the path whatever the pattern (docs/limits.md)."""

from __future__ import annotations

from functools import lru_cache

# A glob is matched by a deterministic automaton built lazily, one state per set of
# places the pattern may be at: one step per character of the path, whatever the
# pattern (a backtracking regex of "************z" took exponential time). Tokens:
_STAR = 1  # "*": any characters but "/"
_GLOBSTAR = 2  # "**" not followed by "/": any characters
_DIRSTAR = 3  # "**/": nothing, or any characters ending with "/"
_ANY = 4  # "?": one character but "/"
# Past this many automaton states a pattern's cache starts afresh (memory stays bounded).
_MAX_GLOB_STATES = 4096
_OTHER = ""  # every character the pattern does not name (and not "/")


def _glob_tokens(pattern: str) -> tuple[int | str, ...]:
    tokens: list[int | str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            token: int | str = _DIRSTAR
            i += 3
        elif pattern.startswith("**", i):
            token, i = _GLOBSTAR, i + 2
        else:
            token = {"*": _STAR, "?": _ANY}.get(pattern[i], pattern[i])
            i += 1
        if not (token == _DIRSTAR and tokens and tokens[-1] == _DIRSTAR):  # "**/**/" = "**/"
            tokens.append(token)
    return tuple(tokens)


class _GlobAutomaton:
    """Whether a ``/``-separated path matches one glob, in time linear in the path."""

    def __init__(self, pattern: str) -> None:
        self.tokens = _glob_tokens(pattern)
        self.end = len(self.tokens)
        self.named = frozenset(t for t in self.tokens if isinstance(t, str))
        self._reset()

    def _reset(self) -> None:
        self.sets: list[frozenset[int]] = []
        self.ids: dict[frozenset[int], int] = {}
        self.moves: list[dict[str, int]] = []
        self.start = self._state(self._closure(0))

    def _closure(self, position: int) -> frozenset[int]:
        """The places reachable from ``position`` without reading a character (a
        ``**/`` at token i also has the place end+1+i: inside it, before its "/")."""
        places: set[int] = set()
        while position < self.end and self.tokens[position] in (_STAR, _GLOBSTAR, _DIRSTAR):
            places.add(position if self.tokens[position] != _DIRSTAR
                       else self.end + 1 + position)
            position += 1
        places.add(position)
        return frozenset(places)

    def _state(self, places: frozenset[int]) -> int:
        found = self.ids.get(places)
        if found is None:
            found = self.ids[places] = len(self.sets)
            self.sets.append(places)
            self.moves.append({})
        return found

    def _step(self, places: frozenset[int], char: str) -> frozenset[int]:
        after: set[int] = set()
        for place in places:
            if place > self.end:  # inside a "**/"
                after.add(place)
                if char == "/":
                    after |= self._closure(place - self.end)
                continue
            token = self.tokens[place] if place < self.end else None
            if token == _GLOBSTAR or (token == _STAR and char != "/"):
                after |= self._closure(place)
            elif token == char or (token == _ANY and char != "/"):
                after |= self._closure(place + 1)
        return frozenset(after)

    def match(self, path: str) -> bool:
        if len(self.sets) > _MAX_GLOB_STATES:
            self._reset()
        state = self.start
        for char in path:
            key = char if char in self.named or char == "/" else _OTHER
            following = self.moves[state].get(key)
            if following is None:
                following = self._state(self._step(self.sets[state], key))
                self.moves[state][key] = following
            state = following
        return self.end in self.sets[state]


@lru_cache(maxsize=256)
def _automaton(pattern: str) -> _GlobAutomaton:
    return _GlobAutomaton(pattern)


def glob_match(pattern: str, path: str) -> bool:
    """Whether a ``/``-separated relative path matches a gitignore-like glob: ``**``
    spans directories, ``*`` and ``?`` do not; ``dir/**`` also matches ``dir``."""
    pattern = pattern.removeprefix("./")
    return _automaton(pattern).match(path) or (
        pattern.endswith("/**") and path == pattern[:-3]
    )


def matches_any(patterns: list[str] | tuple[str, ...], path: str) -> bool:
    return any(glob_match(p, path) for p in patterns)
