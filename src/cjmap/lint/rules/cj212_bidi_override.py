"""A text holding a bidirectional embedding or override, which reorders how it reads.

The invisible characters U+202A (LRE), U+202B (RLE), U+202D (LRO) and U+202E (RLO) make
the text after them display in an order that is not the order written: a touchpoint
named `"Pay \\u202enow"` shows as "Pay won", and a reviewer reads what the file does not
say (the "Trojan Source" problem, CVE-2021-42574). Right-to-left names (Arabic,
Hebrew) need none of them; text that mixes directions on purpose can use an isolate
(U+2066..U+2069) or a mark (U+200E, U+200F), which this rule leaves alone. cjmap shows
the controls escaped in terminal and Markdown output and keeps each one inside its own
text in the HTML view and the picture (docs/limits.md, "Hostile text"); this rule
points at where they are.

Passing:

```yaml
personas: [{id: maryam, name: "مريم الحسن"}]
```

Failing:

```yaml
stages: [{id: pay, name: "Pay \\u202enow"}]
```
"""

from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from cjmap.bidi import EMBEDDINGS
from cjmap.fieldtypes import is_a, is_list_of
from cjmap.findings import Severity
from cjmap.lint.rule import Context, Problem, rule_from_module

_NAMES = {"\u202a": "U+202A LRE", "\u202b": "U+202B RLE", "\u202d": "U+202D LRO",
          "\u202e": "U+202E RLO"}
_OPENERS = frozenset(EMBEDDINGS)


@cache
def text_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of ``model`` holding text: (name, whether it is a list of texts)."""
    return tuple((name, is_list_of(info.annotation, str))
                 for name, info in model.model_fields.items()
                 if is_a(info.annotation, str) or is_list_of(info.annotation, str))


def _texts(item: BaseModel, pointer: str) -> Iterator[tuple[str, str]]:
    for name, many in text_fields(type(item)):
        value = getattr(item, name)
        if many and value:
            yield from ((f"{pointer}/{name}/{i}", text) for i, text in enumerate(value))
        elif isinstance(value, str):
            yield f"{pointer}/{name}", value


def _may_hold_one(ctx: Context) -> bool:
    """Whether the file can hold an opener at all: written as it is, or as a YAML escape
    (``\\u202e``, ``\\U0000202e``). Most files cannot, and this one look at their text
    costs a fraction of walking every text of the map."""
    text = "" if ctx.source is None else ctx.source.text
    if not text:
        return True  # no text to look at (a map built in memory): walk it
    return not (text.isascii() or _OPENERS.isdisjoint(text)) or "\\u202" in text or (
        "\\U0000202" in text)


def check(ctx: Context) -> Iterator[Problem]:
    if not _may_hold_one(ctx):
        return
    for pointer, item in ctx.items():
        for at, text in _texts(item, pointer):
            if text.isascii() or _OPENERS.isdisjoint(text):
                continue
            found = ", ".join(_NAMES[c] for c in sorted(_OPENERS.intersection(text)))
            yield Problem(at, f"the text holds a bidirectional embedding or override "
                              f"({found}): it displays in another order than written; "
                              "remove it (right-to-left text needs none)")


RULE = rule_from_module(__doc__, "CJ212", "bidi-override", Severity.WARNING, check,
                        partial=True)
