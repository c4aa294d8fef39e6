"""Linting: rules over loaded maps, an engine that runs them, results to report."""
