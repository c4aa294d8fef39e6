"""The formats of ``cjmap lint``: one module each, listed in :mod:`cjmap.reporting.formats`."""
