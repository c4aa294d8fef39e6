"""The formats of ``cjmap metrics list``: one module each, listed in
:mod:`cjmap.reporting.formats`."""
