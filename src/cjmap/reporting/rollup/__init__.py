"""The formats of ``cjmap score --by``: roll-ups across maps (docs/scoring.md)."""
