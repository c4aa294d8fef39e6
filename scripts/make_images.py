"""`make images`: draw the README's picture of an example map into docs/images/.

The SVG and PNG are committed so the README shows them; rerun this after changing the
renderer or the example and review the new picture before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "online-clothing.cjmap.yaml"
IMAGES = ROOT / "docs" / "images"


def main() -> int:
    from cjmap.commands import Streams
    from cjmap.commands.render import render

    IMAGES.mkdir(parents=True, exist_ok=True)
    for output_format in ("svg", "png"):
        code = render([str(EXAMPLE)], output_format=output_format, out_dir=IMAGES,
                      streams=Streams(sys.stdout, sys.stderr))
        if code != 0:
            return int(code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
