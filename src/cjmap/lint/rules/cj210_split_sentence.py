"""A sentence that YAML split into several texts at its commas.

In YAML, `[a, b]` is a list of two texts: `thoughts: [Finally, I can do this at night]`
is two thoughts, "Finally" and "I can do this at night". A text list written in
brackets whose first text starts like a sentence (a capital letter, no closing
punctuation) and whose later texts read as its continuation (they start with a
lower-case word or a pronoun such as "I", and one of them at least with a pronoun, a
conjunction such as "and" or an article, or several words after a one-word opening
such as "Finally") was almost certainly meant as one sentence: quote it, or write it
after a `- ` on a line of its own.

Passing:

```yaml
thoughts: ["Finally, I can do this at night"]
actions: [Books online, Pays at the desk]
```

Failing:

```yaml
thoughts: [Finally, I can do this at night]
```
"""

from collections.abc import Iterator, Sequence
from functools import cache

from pydantic import BaseModel

from cjmap.fieldtypes import is_list_of
from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module
from cjmap.refs import shape_of

# Words that start a continuation of a sentence rather than a new text of a list.
PRONOUNS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "we", "you", "he", "she", "it",
                      "it's", "they", "my", "our", "your", "their", "this", "that", "there"})
CONJUNCTIONS = frozenset({"and", "but", "or", "so", "then", "because", "which", "who", "yet"})
# Words that go on with a sentence after a comma ("Sadly, the clinic was closed").
CONTINUING = frozenset({"the", "a", "an", "now", "not", "no", "just", "still"})
_CLOSED = ".!?;:"
_QUOTES = "'\""


@cache
def text_lists(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` holding a list of texts (ids, which carry a Ref, are not)."""
    ids = {ref.name for ref in shape_of(model).refs}
    return tuple(name for name, info in model.model_fields.items()
                 if name not in ids and is_list_of(info.annotation, str))


def _continues(text: str) -> bool:
    """Whether ``text`` reads as the rest of a sentence, not as a text of its own."""
    first = text.split()[0]
    return first[0].islower() or first.lower() in PRONOUNS


def _sentence_like(text: str, head_words: int) -> bool:
    """Whether ``text`` is clearly the rest of a sentence: it starts with a pronoun, a
    conjunction or an article, or follows a one-word opening ("Fast, cheap and
    reliable") with words of its own. Two notes of a list, "Articles written by the
    team, search by keyword only", are neither."""
    words = text.split()
    first = words[0].lower()
    return (first in PRONOUNS | CONJUNCTIONS | CONTINUING
            or (head_words == 1 and len(words) >= 2))


def looks_split(texts: Sequence[str]) -> bool:
    """The heuristic (docs/rules.md, CJ210): a capitalised, unfinished first text, and
    later texts that all continue it, at least one of them clearly part of a sentence
    (measured: tests/test_split_sentence.py)."""
    if len(texts) < 2 or any(not t.strip() for t in texts):
        return False
    head, rest = texts[0].strip(), [t.strip() for t in texts[1:]]
    if not head[0].isupper() or head[-1] in _CLOSED:
        return False
    head_words = len(head.split())
    return all(_continues(t) for t in rest) and any(_sentence_like(t, head_words)
                                                    for t in rest)


def _written_in_brackets(ctx: Context, pointer: str, count: int) -> bool:
    """Whether the list at ``pointer`` is a flow list of plain (unquoted) texts."""
    source = ctx.source
    if source is None:
        return False
    where = ctx.in_file(pointer)
    if not source.has(where):
        return False
    span = source.locate(where)
    if source.line_text(span.line)[span.column - 1:span.column] != "[":
        return False
    for i in range(count):
        item = source.locate(f"{where}/{i}")
        if source.line_text(item.line)[item.column - 1:item.column] in _QUOTES:
            return False
    return True


def check(ctx: Context) -> Iterator[Problem]:
    for pointer, item in ctx.items():
        for name in text_lists(type(item)):
            texts = getattr(item, name)
            at = f"{pointer}/{name}"
            if looks_split(texts) and _written_in_brackets(ctx, at, len(texts)):
                joined = ", ".join(texts)
                yield Problem(at, f"YAML splits [...] at its commas: this is {len(texts)} "
                                  f"texts, not the sentence {joined!r}; quote it "
                                  f"([\"{joined}\"]) if it is one")


RULE = rule_from_module(__doc__, "CJ210", "split-sentence", Severity.WARNING, check,
                        partial=True)
