"""The self-contained interactive HTML view of a map (docs/share.md)."""

from cjmap.html.page import Live, build_page, problem_page

__all__ = ["Live", "build_page", "problem_page"]
