"""A real git repository with a small map's history, for the history and chart tests.

Import as ``from history_repo import ...`` (tests/ is on sys.path, as for helpers.py).
The numbers every version must give are worked out by hand next to each version.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

V1 = """\
cjmap: 1
id: shop
title: Shop
reviewed: 2026-01-01
personas:
  - {id: ann, name: Ann}
  - {id: bob, name: Bob}
metrics:
  - id: nps
    name: NPS
    value: 10
    target: 30
    better: higher
  - id: churn
    name: Churn
    value: 0.2
    target: 0.25
    better: lower
stages:
  - id: find
    name: Find
    touchpoints:
      - id: search
        name: Search
        emotion: 1
        pain_points:
          - {id: slow, title: Slow search, severity: 4, frequency: 0.5}
      - id: browse
        name: Browse
        emotion: {ann: 2, bob: -1}
  - id: buy
    name: Buy
    touchpoints:
      - id: pay
        name: Pay
        personas: [ann]
        emotion: -2
    pain_points:
      - {id: fees, title: Card fees, severity: 3}
opportunities:
  - {id: faster, title: Faster search, addresses: [slow], impact: 3, effort: 2}
"""
# V1 by hand: 3 touchpoints, 2 pain points, 1 idea.
# pain weight: slow 4 × 0.5 = 2, fees 3 × 1 (default) = 3; total 5.
# coverage: only slow is addressed (faster, an idea) -> 2 / 5 = 0.4.
# stage find: search 1, browse mean(2, -1) = 0.5 -> (1 + 0.5) / 2 = 0.75; buy: pay -2 -> -2.
# persona ann: search 1 (for everyone), browse 2, pay -2 -> 1/3; bob: search 1, browse -1
# (pay is for ann only) -> 0.
# metrics: nps 10 < 30 with higher better -> off target; churn 0.2 <= 0.25 lower -> on target.

V2 = (V1.replace("reviewed: 2026-01-01", "reviewed: 2026-02-01")
      .replace("value: 10\n", "value: 35\n")
      .replace("addresses: [slow], impact: 3, effort: 2}",
               "addresses: [slow], impact: 3, effort: 2, status: done}\n"
               "  - {id: no-fees, title: No fees, addresses: [fees], impact: 4, effort: 3,"
               " status: planned}"))
# V2 by hand (renamed to shop.cjmap.yaml): faster done still covers slow, no-fees planned
# covers fees -> coverage (2 + 3) / 5 = 1; opportunities: 1 planned, 1 done; nps 35 >= 30 on
# target; emotions as in V1.

V3 = V2.replace("stages:\n", "stages: [\n", 1)
# V3: broken YAML (an unclosed flow sequence).

V4 = (V2.replace("status: planned}", "status: dropped}")
      .replace("        emotion: -2\n", "        emotion: 0\n"))
# V4 by hand: no-fees dropped no longer covers fees -> coverage 2 / 5 = 0.4; opportunities:
# 1 done, 1 dropped; stage buy: pay 0 -> 0; ann (1 + 2 + 0) / 3 = 1; bob still 0.

DATES = ("2026-01-10T09:00:00+00:00", "2026-02-10T09:00:00+00:00",
         "2026-03-10T09:00:00+00:00", "2026-04-10T09:00:00+00:00")


def git_env(home: Path, date: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "FORCE_COLOR"))}
    # No user or system git configuration may change what the test sees.
    env.update({"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
                "GIT_CONFIG_GLOBAL": os.devnull, "LC_ALL": "C"})
    if date is not None:
        env.update({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
    return env


def git(repo: Path, *args: str, date: str | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=git_env(repo.parent, date),
                          capture_output=True, text=True, check=True)
    return done.stdout


def cjmap(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjmap", *args], cwd=cwd,
                          env=git_env(cwd.parent), capture_output=True, text=True, timeout=120,
                          check=False, input=stdin)


def cjmap_without_matplotlib(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``cjmap *args`` in a child process where matplotlib cannot be imported (None in
    sys.modules blocks it), as for a user who did not install the chart extra."""
    code = ("import sys; sys.modules['matplotlib'] = None; from cjmap.cli import main; "
            f"main({list(args)!r})")
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True,
                          text=True, timeout=60, check=False)


def init_repo(root: Path) -> None:
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.com")
    git(root, "config", "commit.gpgsign", "false")


def make_history_repo(root: Path) -> list[str]:
    """Four versions of the map (V1 as maps/old.cjmap.yaml, renamed with V2) and a commit
    that touches only another file; returns the map's commit ids, oldest first."""
    init_repo(root)
    maps = root / "maps"
    maps.mkdir()
    commits = []
    (maps / "old.cjmap.yaml").write_text(V1, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "v1", date=DATES[0])
    git(root, "tag", "v1")
    commits.append(git(root, "rev-parse", "HEAD").strip())
    git(root, "mv", "maps/old.cjmap.yaml", "maps/shop.cjmap.yaml")
    (maps / "shop.cjmap.yaml").write_text(V2, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "v2: rename, fees planned", date=DATES[1])
    commits.append(git(root, "rev-parse", "HEAD").strip())
    (root / "README.md").write_text("not a map\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "readme only", date="2026-02-20T09:00:00+00:00")
    for text, date, message in ((V3, DATES[2], "v3: broken"), (V4, DATES[3], "v4")):
        (maps / "shop.cjmap.yaml").write_text(text, encoding="utf-8")
        git(root, "commit", "-q", "-am", message, date=date)
        commits.append(git(root, "rev-parse", "HEAD").strip())
    return commits
