""""Did you mean" suggestions for unknown fields and references."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache

# Past this many candidates, comparing a word with each of them (difflib) costs more than
# a suggestion is worth: a map with thousands of ids and thousands of broken references
# (ids renamed in bulk) took minutes. Only candidates one edit away are compared then.
_MANY = 200


def _one_deletion(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


@lru_cache(maxsize=16)
def _neighbours(pool: tuple[str, ...]) -> dict[str, list[str]]:
    """Each candidate under every form with one character deleted (and as it is).

    Two words one edit apart (a substitution, an insertion, a deletion or a swap of
    neighbours) always share one of these forms, so a lookup finds them at once.
    """
    index: dict[str, list[str]] = {}
    for candidate in pool:
        for form in _one_deletion(candidate):
            index.setdefault(form, []).append(candidate)
    return index


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    pool = tuple(candidates)
    if len(pool) > _MANY:
        index = _neighbours(pool)
        near = {c for form in _one_deletion(word) for c in index.get(form, ())}
        pool = tuple(sorted(near))
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or an empty string."""
    match = closest(word, candidates)
    return f" (did you mean {match!r}?)" if match else ""
