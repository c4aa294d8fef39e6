"""Generate realistic, lint-clean journey maps of any size, deterministically.

Used by the benchmarks and by tests that need big maps (a 300-touchpoint render,
1,000-touchpoint diffs, a corpus of 1,000 maps). ``generate_map(touchpoints=...)``
returns YAML text; the same arguments always give the same text.
"""

from __future__ import annotations

import random
from pathlib import Path

STAGES = ["Awareness", "Consideration", "Purchase", "Onboarding", "Usage", "Support",
          "Retention", "Advocacy"]
CHANNELS = [("web", "Website", "digital"), ("app", "Mobile app", "digital"),
            ("store", "Store", "physical"), ("phone", "Call centre", "human"),
            ("email", "Email", "digital")]
VERBS = ["Compares", "Reads", "Searches for", "Asks about", "Checks", "Signs up for",
         "Pays for", "Waits for", "Complains about", "Recommends"]
NOUNS = ["prices", "delivery options", "reviews", "the returns policy", "sizes", "the invoice",
         "a discount code", "opening hours", "the warranty", "the loyalty programme"]
THOUGHTS = ["Is this worth it?", "Why is this so slow?", "I hope this fits.",
            "Can I trust them with my card?", "That was easier than expected.",
            "Where is my order?", "I will tell my friends about this."]
PAINS = ["Hidden fees appear at the end", "Delivery date is unclear", "Form asks too much",
         "Support queue is long", "Size guide is confusing", "Password reset fails",
         "Invoice is hard to read", "App crashes on payment"]
OPPS = ["Show the full price up front", "Add delivery tracking", "Shorten the form",
        "Offer a callback", "Interactive size guide", "Passwordless sign-in",
        "Plain-language invoices", "Fix payment crash"]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def spread(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` counts as even as possible, the first ones larger
    (touchpoints per stage)."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def generate_map(touchpoints: int = 100, *, seed: int = 0, map_id: str = "generated",
                 personas: int = 3, per_persona_emotion: bool = True) -> str:
    """YAML text of a valid map with ``touchpoints`` touchpoints (about 10 lines each)."""
    rng = random.Random(seed)
    lines = [
        "# yaml-language-server: $schema=../schemas/cjmap.schema.json",
        "cjmap: 1",
        f"id: {map_id}",
        f"title: Generated journey {seed}",
        "summary: A generated map for benchmarks and tests.",
        "owner: cx-team",
        "reviewed: 2026-11-01",
        "personas:",
    ]
    persona_ids = [f"persona-{i}" for i in range(personas)]
    for pid in persona_ids:
        lines += [f"  - id: {pid}", f"    name: Persona {pid[-1]}", "    share: 0.3"]
    lines.append("channels:")
    for cid, name, kind in CHANNELS:
        lines += [f"  - id: {cid}", f"    name: {name}", f"    kind: {kind}"]
    lines += ["evidence:", "  - id: survey", "    kind: survey", "    title: Annual survey",
              "    url: https://example.com/survey", "    sample_size: 500",
              "metrics:", "  - id: nps", "    name: Net Promoter Score", "    kind: nps",
              "    value: 21", "    target: 40", "    better: higher", "stages:"]
    n_stages = min(len(STAGES), max(1, touchpoints // 3)) if touchpoints < 24 else len(STAGES)
    per_stage = spread(touchpoints, n_stages)
    pains: list[str] = []
    counter = 0
    for s, count in enumerate(per_stage):
        lines += [f"  - id: stage-{s}", f"    name: {STAGES[s]}", "    touchpoints:"]
        for _ in range(count):
            tid = f"tp-{counter}"
            counter += 1
            channel = CHANNELS[counter % len(CHANNELS)][0]
            lines += [f"      - id: {tid}", f"        name: {_quote(f'Touchpoint {counter}')}",
                      f"        channel: {channel}",
                      f"        actions: [{_quote(rng.choice(VERBS) + ' ' + rng.choice(NOUNS))}]",
                      f"        thoughts: [{_quote(rng.choice(THOUGHTS))}]",
                      "        owner: operations", "        evidence: [survey]",
                      "        metrics: [nps]"]
            if per_persona_emotion:
                lines.append("        emotion:")
                lines += [f"          {pid}: {rng.randint(-2, 2)}" for pid in persona_ids]
            else:
                lines.append(f"        personas: [{persona_ids[counter % len(persona_ids)]}]")
                lines.append(f"        emotion: {rng.randint(-2, 2)}")
            if rng.random() < 0.3:
                pid = f"pain-{len(pains)}"
                pains.append(pid)
                lines += ["        pain_points:", f"          - id: {pid}",
                          f"            title: {_quote(rng.choice(PAINS))}",
                          f"            severity: {rng.randint(1, 5)}",
                          f"            frequency: {rng.randint(1, 9) / 10}"]
    lines.append("opportunities:" if pains else "opportunities: []")
    for i, pid in enumerate(pains):
        lines += [f"  - id: opp-{i}", f"    title: {_quote(rng.choice(OPPS))}",
                  f"    addresses: [{pid}]", f"    impact: {rng.randint(1, 5)}",
                  f"    effort: {rng.randint(1, 5)}", f"    confidence: {rng.randint(5, 10) / 10}",
                  "    owner: product", "    metrics: [nps]"]
    return "\n".join(lines) + "\n"


def write_corpus(directory: Path, maps: int, touchpoints: int = 62) -> list[Path]:
    """Write ``maps`` generated maps (about 1,000 lines each by default) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(maps):
        path = directory / f"map-{i:05d}.cjmap.yaml"
        path.write_text(generate_map(touchpoints, seed=i, map_id=f"map-{i}"), encoding="utf-8")
        paths.append(path)
    return paths


# -- the slow-rename reproducers (docs/performance.md, "Rename detection") --------------

_LETTERS = random.Random(0)
VOCABULARY = ["".join(_LETTERS.choice("abcdefghijklmnopqrstuvwxyz")
                      for _ in range(_LETTERS.randint(2, 9))) for _ in range(2000)]
_ONE_STAGE = "cjmap: 1\nid: m\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"


def prose(words: int, seed: int) -> str:
    """Text of ``words`` words from a vocabulary of 2,000 made-up words."""
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCABULARY) for _ in range(words))


def _touchpoint(tp_id: str, name: str, description: str) -> str:
    return f"      - id: {tp_id}\n        name: {name}\n        description: {description}\n"


def long_rename_pair(words: int = 2600) -> tuple[str, str]:
    """A touchpoint with a long description (2,600 words: over 17 KB) renamed from
    ``delivery`` to ``shipping``, a sentence added to its description."""
    description = prose(words, seed=1)
    return (_ONE_STAGE + _touchpoint("delivery", "Delivery", description),
            _ONE_STAGE + _touchpoint("shipping", "Delivery", description + " One more sentence."))


def many_candidates_pair(count: int = 200, chars: int = 600) -> tuple[str, str]:
    """``count`` touchpoints removed and ``count`` added, each with a ``chars``-character
    description; one of them, ``old-7``, is ``new-57`` renamed, three spaces doubled."""
    olds = [_touchpoint(f"old-{i}", f"Moment {i}", prose(100, seed=i)[:chars])
            for i in range(count)]
    news = [_touchpoint(f"new-{i}", f"Moment {i + count}", prose(100, seed=1000 + i)[:chars])
            for i in range(count)]
    news[57] = _touchpoint("new-57", "Moment 7", prose(100, seed=7)[:chars].replace(" ", "  ", 3))
    return _ONE_STAGE + "".join(olds), _ONE_STAGE + "".join(news)
