"""The formats of ``cjmap diff``: one module each, listed in :mod:`cjmap.reporting.formats`."""
