"""The formats of ``cjmap score``: one module each, listed in :mod:`cjmap.reporting.formats`."""
