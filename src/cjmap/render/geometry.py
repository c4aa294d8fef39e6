"""The grid every lane shares: sizes in points and where each column starts.

Left to right: ``MARGIN``, the lane-name column (``LABEL_W``), then for each column a
``GAP`` and ``COL_W``; ``MARGIN`` again on the right. Top to bottom: the header (title,
who, state, review date, owner, summary, legend), the stage row, then one band per
lane separated by ``LANE_GAP``.
"""

from __future__ import annotations

MARGIN = 24.0
LABEL_W = 150.0
COL_W = 180.0
GAP = 10.0
PAD = 8.0  # inside a lane, around its content
CARD_PAD = 8.0  # inside a card, around its text
STACK_GAP = 6.0  # between cards stacked in one cell
LANE_GAP = 6.0
BAND_INSET = GAP - 4  # lane bands reach this far beyond the outer columns
HEADER_MIN_W = 560.0
CHIP_H = 14.0
BULLET_W = 11.0
TITLE_SIZE, TITLE_LH = 22, 28.0
META_SIZE, META_LH = 11, 16.0
BODY_SIZE, BODY_LH = 10, 14.0
SMALL_SIZE, SMALL_LH = 9, 13.0
STAGE_SIZE, STAGE_LH = 13, 17.0
LANE_MIN_H = 44.0


def column_x(index: int) -> float:
    """Left edge of touchpoint column ``index`` (0-based)."""
    return MARGIN + LABEL_W + GAP + index * (COL_W + GAP)


def span_width(columns: int) -> float:
    return columns * COL_W + (columns - 1) * GAP
