"""How wide a line of proportional type will be, without a font file: for laying out a figure.

An SVG names its fonts and leaves drawing them to the viewer, so a writer can only estimate
widths. The estimate uses Helvetica's advance widths (Arial and Liberation Sans share them)
raised by a tenth, so that a viewer that falls back to the wider DejaVu Sans still fits; wide
East Asian characters count one em and combining marks none. Erring wide costs a little white
space; erring narrow would make labels collide.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ASCII = (  # Helvetica advance widths in thousandths of an em, for U+0020..U+007E
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 "
    "556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 "
    "556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 "
    "500 500 500 334 260 334 584"
)
WIDTHS = {chr(32 + i): int(w) / 1000 for i, w in enumerate(_ASCII.split())}
SAFETY = 1.1
BOLD = 1.07


@lru_cache(maxsize=4096)
def _em(char: str) -> float:
    known = WIDTHS.get(char)
    if known is not None:
        return known
    if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0.0
    if unicodedata.east_asian_width(char) in {"W", "F"}:
        return 1.0
    return 0.6


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The estimated width in pixels of ``text`` set at ``size`` pixels."""
    width = sum(_em(c) for c in text) * size * SAFETY
    return width * BOLD if bold else width


def fit(text: str, size: float, room: float, bold: bool = False) -> str:
    """``text``, cut with an ellipsis if it would be wider than ``room`` pixels."""
    if text_width(text, size, bold) <= room:
        return text
    kept = text
    while kept and text_width(kept + "…", size, bold) > room:
        kept = kept[:-1]
    return kept.rstrip() + "…" if kept else ""


def wrap(text: str, size: float, room: float, bold: bool = False) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``room`` (a longer word is cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= room or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return [fit(line, size, room, bold) for line in lines]
