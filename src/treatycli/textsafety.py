"""Which characters may not reach a terminal from data, in one place for the model and render.

Refused:

- C0 and C1 control characters and DEL (escape sequences, bells, backspaces) and lone
  surrogates;
- every format character (Unicode category Cf): the bidirectional overrides and isolates that
  make text display in an order other than its own, the zero-width spaces, the soft hyphen
  (U+00AD), the word joiner, the BOM, and the whole tag block (U+E0000-U+E007F), which
  together let two names that read the same differ in their bytes;
- the Hangul fillers U+3164 and U+FFA0: letters by category, blank on screen.

The joiners U+200C (ZWNJ) and U+200D (ZWJ) are kept only where a script needs them: after a
virama (Devanagari, Bengali, ...), between two letters of a cursive joining script (Persian
"می‌خواهم"), and, for ZWJ, between two emoji. Anywhere else they are as invisible as the rest.

Newline and tab are allowed (notes may have paragraphs).
"""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"
ZWJ = "\u200d"
_BLANK_LETTERS = frozenset("\u3164\uffa0")
_TAG_BLOCK = range(0xE0000, 0xE0080)
_JOINING_SCRIPTS = (
    (0x0600, 0x08FF),  # Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic Extended
    (0x1800, 0x18AF),  # Mongolian
    (0xA840, 0xA87F),  # Phags-pa
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
    (0x10AC0, 0x10AFF),  # Manichaean
    (0x10D00, 0x10D3F),  # Hanifi Rohingya
    (0x10F30, 0x10F6F),  # Sogdian
)
_EMOJI_MODIFIERS = frozenset("\ufe0f") | frozenset(chr(c) for c in range(0x1F3FB, 0x1F400))


def _joining_letter(char: str) -> bool:
    code = ord(char)
    return unicodedata.category(char).startswith("L") and any(
        low <= code <= high for low, high in _JOINING_SCRIPTS
    )


def _emoji_side(char: str) -> bool:
    return char in _EMOJI_MODIFIERS or unicodedata.category(char) == "So"


def _joiner_needed(text: str, index: int) -> bool:
    """Whether the ZWJ or ZWNJ at ``index`` does a script's work (see the module docstring)."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if not before or not after:
        return False
    if unicodedata.combining(before) == 9:  # a virama: conjunct or half form
        return True
    if _joining_letter(before) and _joining_letter(after):
        return True
    return text[index] == ZWJ and _emoji_side(before) and _emoji_side(after)


def _unsafe_at(text: str, index: int) -> bool:
    char = text[index]
    if char in "\n\t":
        return False
    if char in _BLANK_LETTERS:
        return True
    if char.isprintable():
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cs") or ord(char) in _TAG_BLOCK:
        return True
    if category == "Cf":
        return not (char in (ZWJ, ZWNJ) and _joiner_needed(text, index))
    return False


_ASCII_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _suspect(text: str) -> bool:
    """False for nearly every string, in C: printable (no control or format character) and
    without a blank letter. Only the rest is searched character by character."""
    if text.isascii():  # a flag of the string: free
        return not text.isprintable()
    return not text.isprintable() or "\u3164" in text or "\uffa0" in text


def first_unsafe(text: str) -> str | None:
    """The first character of ``text`` that may not be shown, or None."""
    if not _suspect(text):
        return None
    if text.isascii():  # a note with paragraphs: only C0 controls and DEL to look for
        match = _ASCII_UNSAFE.search(text)
        return match.group() if match else None
    for index, char in enumerate(text):
        if _unsafe_at(text, index):
            return char
    return None


def escape_unsafe(text: str) -> str:
    """``text`` with every unsafe character written as a visible ``\\uXXXX`` escape."""
    if not _suspect(text):
        return text
    if text.isascii():
        return _ASCII_UNSAFE.sub(lambda match: _escape(match.group()), text)
    return "".join(
        _escape(char) if _unsafe_at(text, index) else char for index, char in enumerate(text)
    )


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def describe(char: str) -> str:
    """``U+00AD (SOFT HYPHEN)``: how a refused character is named in a message."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")
