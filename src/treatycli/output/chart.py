"""The chart for a terminal: each treaty's segments as a bar of characters on a shared axis.

Every column of a bar is one slice of the axis's days; its character says the status of the
segment holding the middle day of that slice, so the picture is the chart answer drawn (the
same one the SVG figure and ``chart --json`` show), not a second computation. Characters
differ as well as colours, so the chart still reads without colour (``NO_COLOR``,
``TERM=dumb``, a printed page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from treatycli.rules.answers import ChartAnswer, ChartRow, ChartSegment

LABEL_WIDTH = 18
MIN_BAR_WIDTH = 10


@dataclass(frozen=True, slots=True)
class Glyph:
    char: str
    style: str
    meaning: str


GLYPHS: dict[str, Glyph] = {
    "signed_not_in_force": Glyph("░", "bright_black", "signed, not in force"),
    "in_force": Glyph("█", "green", "in force"),
    "suspended": Glyph("▓", "yellow", "in force, suspended by a party"),
    "withdrawal_pending": Glyph("▒", "yellow", "in force, withdrawal pending"),
    "scheduled": Glyph("─", "green", "in force until its expiry (after the as-of day)"),
}
MARKERS: dict[str, Glyph] = {
    "extension": Glyph("+", "bold cyan", "extended"),
    "withdrawal_notice": Glyph("!", "bold yellow", "withdrawal notice"),
    "end": Glyph("✕", "bold red", "ended (expired, terminated, superseded)"),
}
AS_OF_MARK = Glyph("▲", "bold", "the as-of day")


@dataclass(frozen=True, slots=True)
class Axis:
    """``width`` columns over the days ``first``..``last`` (both included), counted as ordinals
    so that an axis ending on 31 December 9999 needs no day after it."""

    first: date
    last: date
    width: int

    @property
    def days(self) -> int:
        return self.last.toordinal() - self.first.toordinal() + 1

    def column(self, day: date) -> int | None:
        offset = day.toordinal() - self.first.toordinal()
        if offset < 0 or offset >= self.days:
            return None
        return min(self.width - 1, offset * self.width // self.days)

    def middle(self, column: int) -> date:
        offset = (2 * column + 1) * self.days // (2 * self.width)
        return date.fromordinal(self.first.toordinal() + offset)


def _holds(segment: ChartSegment, day: date, as_of: date) -> bool:
    """Whether the segment covers the day; one still running is known up to the as-of day."""
    end = segment.end
    if end is None:
        return day <= as_of
    return segment.start <= day < end


def bar_cells(row: ChartRow, axis: Axis, as_of: date) -> list[Glyph | None]:
    """One glyph (or blank) per column of the axis."""
    cells: list[Glyph | None] = []
    for column in range(axis.width):
        day = axis.middle(column)
        glyph = None
        for segment in row.segments:
            if segment.start <= day and _holds(segment, day, as_of):
                key = "scheduled" if segment.projected else segment.status
                glyph = GLYPHS.get(key)
        cells.append(glyph)
    for marker in row.markers:
        mark = MARKERS.get(marker.kind)
        marker_column = axis.column(marker.date)
        if mark is not None and marker_column is not None:
            cells[marker_column] = mark
    return cells


def axis_label_line(axis: Axis) -> str:
    """Year labels placed at their columns, as many as fit without touching."""
    line = [" "] * axis.width
    span = axis.last.year - axis.first.year + 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000):
        if axis.width / span * step >= 6:
            break
    year = axis.first.year + (-axis.first.year) % step
    while year <= axis.last.year:
        column = axis.column(date(year, 1, 1))
        label = str(year)
        if column is not None and column + len(label) <= axis.width:
            around = line[max(0, column - 1) : column + len(label) + 1]
            if all(c == " " for c in around):
                line[column : column + len(label)] = list(label)
        year += step
    return "".join(line)


@dataclass(frozen=True, slots=True)
class TextRow:
    label: str
    cells: list[Glyph | None]


@dataclass(frozen=True, slots=True)
class Chart:
    as_of: date
    axis: Axis
    label_width: int
    rows: list[TextRow]


def text_chart(answer: ChartAnswer, total_width: int) -> Chart:
    """Lay the answer out for a terminal ``total_width`` columns wide.

    The labels give way first on a narrow terminal, so the bars keep at least
    MIN_BAR_WIDTH columns.
    """
    label_width = max(4, min(LABEL_WIDTH, total_width - 1 - MIN_BAR_WIDTH))
    width = max(MIN_BAR_WIDTH, total_width - label_width - 1)
    axis = Axis(answer.date_from, answer.date_to, width)
    rows = [
        TextRow(row.treaty.short_name, bar_cells(row, axis, answer.as_of)) for row in answer.rows
    ]
    return Chart(as_of=answer.as_of, axis=axis, label_width=label_width, rows=rows)
