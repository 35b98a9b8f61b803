"""Which characters may not reach a terminal from data, in one place for the model and render.

Refused: C0 and C1 control characters and DEL (escape sequences, bells, backspaces), the
bidirectional overrides and isolates that make text display in an order other than its own
(U+202A-U+202E, U+2066-U+2069, U+061C, U+200E, U+200F), invisible zero-width characters
(U+200B, U+2060-U+2064, U+FEFF) and lone surrogates. Allowed: newline and tab, and the joiners
U+200C/U+200D that Persian, Indic scripts and emoji need.
"""

from __future__ import annotations

import re

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)


def first_unsafe(text: str) -> str | None:
    """The first character of ``text`` that may not be shown, or None.

    ``str.isprintable`` answers for almost every string in C; only a string it rejects
    (one with a newline, a tab, or a rare format character) is searched character by character.
    """
    if text.isprintable():
        return None
    match = UNSAFE.search(text)
    return match.group() if match else None
