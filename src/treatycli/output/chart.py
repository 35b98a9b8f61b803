"""Each treaty's life as a bar on a shared axis of years, for a terminal (and SVG/HTML export).

Every column of a bar is one slice of time; its character says the treaty's status in the
middle of that slice, as known on the as-of day, so the picture is the timeline's rules drawn,
not a second computation. Characters differ as well as colours, so the chart still reads
without colour (``NO_COLOR``, ``TERM=dumb``, a printed page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from treatycli.model.treaty import Treaty
from treatycli.rules.status import assess, known_events, status_as_of

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
    "extended": Glyph("+", "bold cyan", "extended"),
    "withdrawal_notice": Glyph("!", "bold yellow", "withdrawal notice"),
    "end": Glyph("✕", "bold red", "ended (expired, terminated, superseded)"),
}
AS_OF_MARK = Glyph("▲", "bold", "the as-of day")


@dataclass(frozen=True, slots=True)
class Axis:
    """Columns over a span of whole years: column i covers [start + i·step, start + (i+1)·step)."""

    first_year: int
    last_year: int
    width: int

    @property
    def start(self) -> date:
        return date(self.first_year, 1, 1)

    @property
    def days(self) -> int:
        return (date(self.last_year + 1, 1, 1) - self.start).days

    def column(self, day: date) -> int | None:
        offset = (day - self.start).days
        if offset < 0 or offset >= self.days:
            return None
        return min(self.width - 1, offset * self.width // self.days)

    def middle(self, column: int) -> date:
        return self.start + timedelta(days=(2 * column + 1) * self.days // (2 * self.width))


def default_years(treaties: list[Treaty], as_of: date) -> tuple[int, int]:
    """From the first signing to the later of the as-of year and the last scheduled expiry."""
    firsts = [t.signed_on.year for t in treaties if t.signed_on and t.signed_on <= as_of]
    first = min(firsts, default=as_of.year)
    last = as_of.year
    for treaty in treaties:
        expires = assess(treaty, as_of).expires_on
        if expires is not None:
            last = max(last, expires.year)
    return first, last


def bar_cells(treaty: Treaty, axis: Axis, as_of: date) -> list[Glyph | None]:
    """One glyph (or blank) per column of the axis."""
    cells: list[Glyph | None] = []
    expires_on = assess(treaty, as_of).expires_on
    state_now = status_as_of(treaty, as_of).code
    for column in range(axis.width):
        day = axis.middle(column)
        if day > as_of:
            running = state_now in {"in_force", "suspended", "withdrawal_pending"}
            if running and expires_on is not None and day < expires_on:
                cells.append(GLYPHS["scheduled"])
            else:
                cells.append(None)
            continue
        cells.append(GLYPHS.get(status_as_of(treaty, day).code))
    for event in known_events(treaty, as_of):
        marker = None
        if event.type in {"extended", "withdrawal_notice"}:
            marker = MARKERS[event.type]
        event_column = axis.column(event.date)
        if marker is not None and event_column is not None:
            cells[event_column] = marker
    ended = status_as_of(treaty, as_of)
    if ended.code in {"expired", "terminated_by_withdrawal", "superseded", "terminated"}:
        end_column = axis.column(ended.since) if ended.since else None
        if end_column is not None:
            cells[end_column] = MARKERS["end"]
    return cells


def axis_label_line(axis: Axis) -> str:
    """Year labels placed at their columns, as many as fit without touching."""
    line = [" "] * axis.width
    span = axis.last_year - axis.first_year + 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if axis.width / span * step >= 6:
            break
    year = axis.first_year + (-axis.first_year) % step
    while year <= axis.last_year:
        column = axis.column(date(year, 1, 1))
        label = str(year)
        if column is not None and column + len(label) <= axis.width:
            around = line[max(0, column - 1) : column + len(label) + 1]
            if all(c == " " for c in around):
                line[column : column + len(label)] = list(label)
        year += step
    return "".join(line)


@dataclass(frozen=True, slots=True)
class ChartRow:
    label: str
    cells: list[Glyph | None]


@dataclass(frozen=True, slots=True)
class Chart:
    as_of: date
    axis: Axis
    label_width: int
    rows: list[ChartRow]


def build_chart(
    treaties: list[Treaty],
    as_of: date,
    total_width: int,
    first_year: int | None = None,
    last_year: int | None = None,
) -> Chart:
    """Lay the treaties out for a terminal ``total_width`` columns wide.

    The labels give way first on a narrow terminal, so the bars keep at least
    MIN_BAR_WIDTH columns.
    """
    default_first, default_last = default_years(treaties, as_of)
    first = first_year if first_year is not None else default_first
    last = last_year if last_year is not None else default_last
    if first > last:
        raise ValueError(f"the chart's first year {first} is after its last year {last}")
    label_width = max(4, min(LABEL_WIDTH, total_width - 1 - MIN_BAR_WIDTH))
    width = max(MIN_BAR_WIDTH, total_width - label_width - 1)
    axis = Axis(first, last, width)
    rows = [ChartRow(t.short_name, bar_cells(t, axis, as_of)) for t in treaties]
    return Chart(as_of=as_of, axis=axis, label_width=label_width, rows=rows)
