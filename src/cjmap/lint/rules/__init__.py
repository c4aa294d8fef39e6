"""The rules, one per module. The registry in :mod:`cjmap.lint.registry` lists them."""
