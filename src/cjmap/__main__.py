"""``python -m cjmap``: the same as the ``cjmap`` command."""

from cjmap.cli import main

main()
