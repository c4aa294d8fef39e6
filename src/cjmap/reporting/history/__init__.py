"""The formats of ``cjmap history``: one module each, listed in :mod:`cjmap.reporting.formats`."""
