"""Commands as plain typed functions: explicit arguments in, an exit code out.

The typer layer in :mod:`cjmap.cli` only parses options and calls these.
"""
