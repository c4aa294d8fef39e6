"""`make images`: draw docs/images/history.png (and .svg), the chart in docs/history.md.

The history is made up for the picture: eight monthly versions of the online-clothing
example in a throwaway git repository, in which the team adds opportunities (coverage
rises), the checkout gets less painful (emotion rises) and the metrics move towards their
targets, ending at the example as it is. Rerun after changing the chart and look at the
picture before committing it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "online-clothing.cjmap.yaml"
IMAGES = ROOT / "docs" / "images"

# Opportunities the team had not written down yet, by month (version) index.
ADDED_IN = {"size-advisor": 1, "hide-sold-out-sizes": 2, "qr-code-returns": 4,
            "refund-on-drop-off": 5}
# Metric values by version; the last column is the example's own value.
METRICS = {
    "cart-abandonment": ("0.71", [0.79, 0.78, 0.77, 0.75, 0.74, 0.73, 0.72, 0.71]),
    "visit-conversion": ("0.017", [0.011, 0.012, 0.012, 0.013, 0.015, 0.015, 0.016, 0.017]),
    "return-rate": ("0.22", [0.27, 0.27, 0.26, 0.25, 0.24, 0.23, 0.22, 0.22]),
    "post-purchase-csat": ("4.1", [3.7, 3.7, 3.8, 3.8, 3.9, 4.0, 4.1, 4.1]),
    "nps": ("18", [6, 7, 9, 11, 12, 15, 17, 18]),
}
# Emotions that were worse before the fixes: (text in the example, text in early versions,
# first version with the example's value).
EMOTIONS = [
    ("thoughts: Why do I need a printer in 2026?\n        emotion: -1",
     "thoughts: Why do I need a printer in 2026?\n        emotion: -2", 4),
    ("emotion: {busy-parent: -1, style-seeker: 1, bargain-hunter: 1}",
     "emotion: {busy-parent: -2, style-seeker: 0, bargain-hunter: 0}", 3),
    ("emotion: {busy-parent: 0, style-seeker: 0, bargain-hunter: -1}",
     "emotion: {busy-parent: -1, style-seeker: -1, bargain-hunter: -2}", 2),
]
MONTHS = [f"2026-{m:02}-15T10:00:00+00:00" for m in range(4, 12)]


def _without_opportunity(text: str, opportunity: str) -> str:
    return re.sub(rf"\n  - id: {re.escape(opportunity)}\n(?:    .*\n)*", "\n", text, count=1)


def version(text: str, i: int) -> str:
    for opportunity, added in ADDED_IN.items():
        if i < added:
            text = _without_opportunity(text, opportunity)
    for metric, (current, values) in METRICS.items():
        text = re.sub(rf"(  - id: {metric}\n(?:    .*\n)*?    value: ){re.escape(current)}\n",
                      rf"\g<1>{values[i]}\n", text, count=1)
    for now, before, fixed_in in EMOTIONS:
        if i < fixed_in:
            text = text.replace(now, before, 1)
    return text


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    if date:
        env.update({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
    subprocess.run(["git", "-c", "user.name=Example", "-c", "user.email=cx@example.com",
                    *args], cwd=root, env=env, check=True, capture_output=True)


def main() -> int:
    from cjmap.commands.history import read_history
    from cjmap.reporting.history.chart import write_chart

    example = EXAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="cjmap-history-image-") as tmp:
        root = Path(tmp)
        _git(root, "init", "-q", "-b", "main")
        path = root / "online-clothing.cjmap.yaml"
        # The library the example uses (its channels), there from the first version on:
        # the history reads it at each commit, as the map names it.
        library = root / "library" / "shared.cjlib.yaml"
        library.parent.mkdir()
        library.write_bytes((EXAMPLE.parent / "library" / "shared.cjlib.yaml").read_bytes())
        for i, date in enumerate(MONTHS):
            path.write_text(version(example, i), encoding="utf-8")
            _git(root, "add", ".")
            _git(root, "commit", "-q", "-m", f"review {date[:7]}", date=date)
        history = read_history(str(path))
        assert all(row.ok for row in history.rows), [r.problem for r in history.rows]
        for suffix in ("png", "svg"):
            write_chart(history, IMAGES / f"history.{suffix}")
    print(f"wrote {IMAGES / 'history.png'} and {IMAGES / 'history.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
