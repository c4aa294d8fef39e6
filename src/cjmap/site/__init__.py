"""``cjmap site``: a static, self-contained site of every map (docs/portfolio.md)."""
