"""cjmap: customer journey maps as code."""

# The single source of the version (pyproject reads it): a literal, because asking
# importlib.metadata costs ~50 ms of start-up on every command.
__version__ = "0.1.0"

__all__ = ["__version__"]
