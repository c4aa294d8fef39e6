"""``python -m cjmap``: the same as the ``cjmap`` command."""

from cjmap.start import main

main()
