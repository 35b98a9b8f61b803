"""Where terminal output goes: a width, whether to colour, and lines of styled text.

The renderers lay out their own lines (tables, paragraphs, bars), as lists of
``(text, style)`` segments, and hand them to a :class:`Screen`. Plain output, the common case
for pipes, scripts and ``NO_COLOR``, is written directly; Rich is imported only to colour a
terminal, and it never parses the text (no markup, no emoji codes,
no highlighting), so text from data stays text. Laying out a table this way costs a small
fraction of a Rich table, which matters for a command-line tool's start-up.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, Literal

Segment = tuple[str, str]
"""A run of text and its Rich style name ("" for none)."""
Line = list[Segment]

GAP = 2
"""Spaces between table columns."""


_ONE_CELL_EACH = re.compile(
    "[\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u058f\u2010-\u2027\u2030-\u205e\u2500-\u25fc]*"
)
"""Text made only of characters that each take one column and start their own grapheme
cluster: Latin, Greek, Cyrillic and Armenian letters without combining marks, punctuation
such as the dash and ellipsis, box drawing and the timeline's diamonds. Nearly every cell is
such text, and is measured by ``len`` without loading wcwidth (some 70 ms)."""


def _one_cell_each(text: str) -> bool:
    return text.isascii() or _ONE_CELL_EACH.fullmatch(text) is not None


def cell_len(text: str) -> int:
    """Columns a string takes in a terminal: wide East Asian characters and emoji take two,
    combining marks and joiners none (wcwidth's tables, loaded only for such text)."""
    if _one_cell_each(text):
        return len(text)
    from wcwidth import width

    return int(width(text, control_codes="ignore"))


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, broken at spaces where possible (never at hyphens,
    so an ISO date stays whole), and a long word broken only between grapheme clusters, so
    a letter keeps its accents and a wide character is never cut in half. A line with an
    address (``://``) is never broken inside a word: a URL cut in two can be neither clicked
    nor copied, so it overflows instead."""
    width = max(1, width)
    if "\n" not in text and cell_len(text) <= width:
        return [text]  # nearly every table cell: nothing to break
    lines: list[str] = []
    for paragraph in text.split("\n"):
        whole_words = "://" in paragraph
        if _one_cell_each(paragraph):
            lines += textwrap.wrap(
                paragraph,
                width,
                break_long_words=not whole_words,
                break_on_hyphens=False,
                replace_whitespace=False,
                drop_whitespace=True,
            ) or [""]
        else:
            lines += _wrap_wide(paragraph, width, break_long_words=not whole_words) or [""]
    return lines


def _wrap_wide(paragraph: str, width: int, *, break_long_words: bool) -> list[str]:
    from wcwidth import wrap as wrap_cells

    lines = wrap_cells(
        paragraph,
        max(2, width),  # a wide character needs two columns even in the narrowest column
        break_long_words=break_long_words,
        break_on_hyphens=False,
        replace_whitespace=False,
        drop_whitespace=True,
        control_codes="ignore",
        expand_tabs=False,
        propagate_sgr=False,
    )
    return [str(line) for line in lines]


def fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` columns: padded with spaces, or cut after whole grapheme
    clusters with an ellipsis (a chart's labels share one column)."""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    if _one_cell_each(text):
        return text[: width - 1] + "…"
    from wcwidth import iter_graphemes

    kept = ""
    for cluster in iter_graphemes(text):
        if cell_len(kept + cluster) > width - 1:
            break
        kept += cluster
    return kept + "…" + " " * (width - 1 - cell_len(kept))


class FileText(io.StringIO):
    """Text on its way to a file (``--output``): never coloured, whatever FORCE_COLOR says,
    since escape codes in a saved file are noise to every reader but a terminal."""


def _wants_color(out: IO[str]) -> bool:
    if isinstance(out, FileText):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") in {"dumb", "unknown"}:
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


_LINKING_TERMINALS = frozenset(
    {"iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "Tabby", "rio", "contour"}
)


def hyperlinks_supported(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the terminal shows OSC 8 hyperlinks (as GNOME Terminal, iTerm2, kitty, WezTerm,
    Windows Terminal, Konsole and foot do), by the variables those terminals set.
    ``FORCE_HYPERLINK=1``/``0`` decides outright. Where unsure, no: the URL is shown whole
    either way, and a terminal that does not know OSC 8 may print its bytes."""
    env = os.environ if environ is None else environ
    forced = env.get("FORCE_HYPERLINK")
    if forced is not None:
        return forced.strip() not in {"", "0"}
    if env.get("TERM_PROGRAM") in _LINKING_TERMINALS:
        return True
    vte = env.get("VTE_VERSION", "")
    if vte.isdigit() and int(vte) >= 5000:
        return True
    if any(env.get(name) for name in ("WT_SESSION", "KONSOLE_VERSION", "KITTY_WINDOW_ID")):
        return True
    return env.get("TERM", "") in {"xterm-kitty", "foot", "foot-extra", "wezterm", "xterm-ghostty"}


def _terminal_width() -> int:
    return max(10, shutil.get_terminal_size((80, 24)).columns)


class Screen:
    """A sink for lines of styled text: plain, or coloured through Rich."""

    def __init__(
        self,
        out: IO[str] | None = None,
        *,
        width: int | None = None,
        color: bool | None = None,
    ) -> None:
        self.out = out or sys.stdout
        self.width = width or _terminal_width()
        self.color = _wants_color(self.out) if color is None else color
        self.hyperlinks = self.color and hyperlinks_supported()
        self._rich: Any = None

    def link(self, url: str, style: str = "") -> str:
        """The style for a URL's text: clickable (OSC 8) where the terminal supports it."""
        if not self.hyperlinks:
            return style
        return f"{style} link {url}".strip()

    def line(self, segments: Line) -> None:
        if self.color:
            self._rich_console().print(
                _rich_text(segments), no_wrap=True, overflow="ignore", crop=False
            )
        else:
            self.out.write("".join(text for text, _ in segments).rstrip() + "\n")

    def blank(self) -> None:
        self.line([])

    def paragraph(self, text: str, style: str = "", indent: int = 0) -> None:
        for part in wrap(text, self.width - indent):
            self.line([(" " * indent + part, style)])

    def _rich_console(self) -> Any:
        if self._rich is None:
            self._rich = _make_rich_console(self.out, self.width)
        return self._rich


def _rich_text(segments: Line) -> Any:
    from rich.text import Text

    text = Text(no_wrap=True, end="\n")
    for part, style in segments:
        text.append(part, style=style or None)
    return text


def _make_rich_console(out: IO[str], width: int) -> Any:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit(1) here; a reader that left early is not an error, and the CLI
            # ends quietly with 0 in one place for every kind of output.
            self.quiet = True
            raise BrokenPipeError

    return _Console(
        file=out,
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        force_terminal=True,  # the Screen has already decided that this output is coloured
        color_system="auto",
    )


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: text that wraps (sharing the width by ``ratio``) or stays whole."""

    header: str
    wraps: bool = True
    ratio: int = 1
    min_width: int = 1
    justify: Literal["left", "right"] = "left"


Cell = tuple[str, str]


def _widths(columns: list[Column], rows: list[list[Cell]], width: int) -> list[int] | None:
    """Column widths that fit ``width``, or None when the wrapping columns cannot get their
    minimum (then the caller prints one block per row instead)."""
    natural = [
        max([cell_len(c.header)] + [cell_len(row[i][0]) for row in rows])
        for i, c in enumerate(columns)
    ]
    available = width - GAP * (len(columns) - 1)
    if sum(natural) <= available:
        return natural
    fixed = sum(n for n, c in zip(natural, columns, strict=True) if not c.wraps)
    flexible = [i for i, c in enumerate(columns) if c.wraps]
    room = available - fixed
    minimum = {
        i: min(natural[i], max(columns[i].min_width, cell_len(columns[i].header))) for i in flexible
    }
    if room < sum(minimum.values()) or not flexible:
        return None
    widths = list(natural)
    for i in flexible:
        widths[i] = minimum[i]
    spare = room - sum(minimum.values())
    # Hand out the spare columns by ratio, never beyond what a column's longest cell needs.
    while spare > 0:
        hungry = [i for i in flexible if widths[i] < natural[i]]
        if not hungry:
            break
        total_ratio = sum(columns[i].ratio for i in hungry)
        given = 0
        for i in hungry:
            share = max(1, spare * columns[i].ratio // total_ratio)
            grant = min(share, natural[i] - widths[i], spare - given)
            widths[i] += grant
            given += grant
            if given >= spare:
                break
        if given == 0:
            break
        spare -= given
    return widths


def table(
    screen: Screen,
    title: str,
    columns: list[Column],
    rows: list[list[Cell]],
    *,
    caption: str | None = None,
) -> None:
    """A title, a header, a rule, wrapped rows, a caption; or, on a terminal too narrow for
    that, one block of ``header: value`` lines per row, so no value is ever cropped."""
    widths = _widths(columns, rows, screen.width)
    screen.paragraph(title, "bold")
    if widths is None:
        for row in rows:
            screen.blank()
            for column, (text, style) in zip(columns, row, strict=True):
                if not text:
                    continue
                label = f"{column.header}: " if column.header else ""
                parts = wrap(label + text, screen.width)
                screen.line([(parts[0][: len(label)], "dim"), (parts[0][len(label) :], style)])
                for part in parts[1:]:
                    screen.line([(part, style)])
    else:
        header: Line = []
        for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
            header.append((_pad(column.header, width, column.justify), "bold"))
            if index < len(columns) - 1:
                header.append((" " * GAP, ""))
        screen.line(header)
        screen.line([("─" * (sum(widths) + GAP * (len(columns) - 1)), "dim")])
        for row in rows:
            wrapped = [
                wrap(text, width) if column.wraps else [text]
                for column, width, (text, _) in zip(columns, widths, row, strict=True)
            ]
            for depth in range(max(len(cell) for cell in wrapped)):
                line: Line = []
                for index, (column, width, cell, (_, style)) in enumerate(
                    zip(columns, widths, wrapped, row, strict=True)
                ):
                    part = cell[depth] if depth < len(cell) else ""
                    line.append((_pad(part, width, column.justify), style))
                    if index < len(columns) - 1:
                        line.append((" " * GAP, ""))
                screen.line(line)
    if caption:
        screen.blank()
        screen.paragraph(caption, "dim")


def _pad(text: str, width: int, justify: str) -> str:
    space = " " * max(0, width - cell_len(text))
    return space + text if justify == "right" else text + space


def key_values(
    screen: Screen, pairs: Sequence[tuple[str, str] | tuple[str, str, str]], style: str = ""
) -> None:
    """Aligned ``key  value`` lines, values wrapped under themselves; a third item in a pair
    is that value's own style (a link)."""
    if not pairs:
        return
    key_width = max(cell_len(pair[0]) for pair in pairs) + GAP
    for pair in pairs:
        key, value = pair[0], pair[1]
        value_style = pair[2] if len(pair) == 3 else style
        if screen.width < key_width + 12:  # too narrow to align: each key on its own line
            screen.paragraph(key, "dim")
            screen.paragraph(value, value_style, indent=2)
            continue
        parts = wrap(value, screen.width - key_width)
        screen.line([(_pad(key, key_width, "left"), "dim"), (parts[0], value_style)])
        for part in parts[1:]:
            screen.line([(" " * key_width + part, value_style)])
