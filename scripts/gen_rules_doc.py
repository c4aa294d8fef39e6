"""Regenerate docs/rules.md from the rule docstrings (``--check``: only compare).

    .venv/bin/python scripts/gen_rules_doc.py          # write docs/rules.md
    .venv/bin/python scripts/gen_rules_doc.py --check  # exit 1 when it is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from cjmap.docs import RULES_DOC, rules_markdown
from cjmap.output import atomic_write_text

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    target = ROOT / RULES_DOC
    text = rules_markdown()
    if "--check" in argv:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{RULES_DOC} is stale: run scripts/gen_rules_doc.py", file=sys.stderr)
            return 1
        return 0
    atomic_write_text(target, text)
    print(f"wrote {RULES_DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
