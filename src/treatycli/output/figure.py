"""The chart as a figure: an SVG document fit for a report or a slide.

A bar per treaty on an axis of days; each status a fill that differs by pattern as well as by
colour (a greyscale print or a colour-blind reader still tells them apart); shapes for what
the parties did, labelled with who did it; the as-of day as a line; a legend of what is drawn.
Light background, proportional type from fonts every system has (nothing fetched over the
network), and a size that depends only on ``width`` and the answer, never on the terminal.

Written with the standard library's ElementTree: it escapes every text and attribute value on
output, so data never becomes markup, and it costs no dependency. Characters that XML 1.0
cannot carry at all (U+FFFE, U+FFFF) become U+FFFD rather than spoil the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, timedelta

from treatycli.output.textwidth import fit, text_width, wrap
from treatycli.rules.answers import ChartAnswer, ChartMarker, ChartRow, ChartSegment

DEFAULT_WIDTH = 960
MIN_WIDTH = 480
MAX_WIDTH = 8000

FONT = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
INK = "#1f1f1f"
MUTED = "#555555"
GRID = "#e4e4e4"
AS_OF = "#b3003b"
PAGE = "#ffffff"

MARGIN = 24
TITLE_SIZE = 19
TEXT_SIZE = 12
NAME_SIZE = 13
LABEL_SIZE = 10.5
BAR = 14
LANE = 14
ROW_GAP = 10
MAX_LANES = 3  # on each side of a bar
MARK_GAP = 11  # least distance between two markers' centres on one bar
# How far a marker may move off its day to make room; past that, markers overlap.
MAX_SHIFT = MARK_GAP / 2
LABEL_ROOM = 320  # the widest a marker's label may be; the tooltip keeps the whole text
LABEL_REACH = 40  # markers closer than this share their labels (one per party)
ID = "treaty-chart"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The complement of XML 1.0's Char production (a negated class of the allowed ranges says
the same but takes ~15 ms to compile, on every chart)."""


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


@dataclass(frozen=True, slots=True)
class Fill:
    """How a status is painted: a base colour, a pattern drawn over it, an outline."""

    key: str
    meaning: str
    base: str
    ink: str
    pattern: str  # "solid", "diagonal", "horizontal", "crosshatch", "dots"
    dashed: bool = False


FILLS: dict[str, Fill] = {
    "signed_not_in_force": Fill("signed", "signed, not in force", "#ffffff", "#6b6b6b", "diagonal"),
    "in_force": Fill("in-force", "in force", "#0b6fb0", "#084f7e", "solid"),
    "suspended": Fill(
        "suspended", "in force, suspended by a party", "#f2b544", "#7a5200", "horizontal"
    ),
    "withdrawal_pending": Fill(
        "pending", "in force, withdrawal pending", "#f6c9a8", "#b54800", "crosshatch"
    ),
    "projected": Fill(
        "projected",
        "in force until its expiry, if nothing changes",
        "#d7e8f4",
        "#0b6fb0",
        "dots",
        dashed=True,
    ),
}


@dataclass(frozen=True, slots=True)
class MarkStyle:
    meaning: str
    shape: str  # "circle", "plus", "triangle_down", "triangle_right", "diamond", "pause",
    # "pause_open", "cross"


MARKS: dict[str, MarkStyle] = {
    "signature": MarkStyle("signed or opened for signature", "circle"),
    "extension": MarkStyle("extended", "plus"),
    "withdrawal_notice": MarkStyle("withdrawal notice, by the party named", "triangle_down"),
    "withdrawal_effective": MarkStyle("a party's withdrawal took effect", "triangle_right"),
    "ratification_revoked": MarkStyle("ratification revoked, by the party named", "diamond"),
    "suspension": MarkStyle("suspended, by the party named", "pause"),
    "suspension_lifted": MarkStyle("suspension lifted, by the party named", "pause_open"),
    "end": MarkStyle("ended or abandoned (by the party named)", "cross"),
}


def _n(value: float) -> str:
    """A coordinate, to a tenth of a pixel, without a trailing '.0'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _el(
    parent: ET.Element, tag: str, text: str | None = None, /, **attrs: str | float
) -> ET.Element:
    """A child element; ``font_size`` becomes ``font-size``; numbers are written as coordinates."""
    element = ET.SubElement(
        parent,
        tag,
        {
            k.rstrip("_").replace("_", "-"): _n(v) if isinstance(v, float | int) else xml_text(v)
            for k, v in attrs.items()
        },
    )
    if text is not None:
        element.text = xml_text(text)
    return element


# --- the axis ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scale:
    """Days to pixels: day ``first`` starts at ``left``, the day after ``last`` at ``right``."""

    first: date
    last: date
    left: float
    right: float

    def x(self, day: date) -> float:
        return self.x_ordinal(day.toordinal())

    def x_ordinal(self, ordinal: int) -> float:
        start, stop = self.first.toordinal(), self.last.toordinal() + 1
        ordinal = min(max(ordinal, start), stop)
        return self.left + (ordinal - start) * (self.right - self.left) / (stop - start)


YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)
MONTH_STEPS = (1, 2, 3, 6)
DAY_STEPS = (1, 2, 7, 14)


def ticks(scale: Scale) -> list[tuple[date, str]]:
    """Days to mark on the axis with their labels: the finest of days, months or years whose
    labels keep clear of each other."""
    days = scale.last.toordinal() - scale.first.toordinal() + 1
    px_per_day = (scale.right - scale.left) / days
    for step in DAY_STEPS:
        if step * px_per_day >= 80:
            return [
                (date.fromordinal(o), date.fromordinal(o).isoformat())
                for o in range(scale.first.toordinal(), scale.last.toordinal() + 1, step)
            ]
    for step in MONTH_STEPS:
        if step * 30.4 * px_per_day >= 62:
            found = []
            year, month = scale.first.year, scale.first.month
            while (year, month) <= (scale.last.year, scale.last.month):
                day = date(year, month, 1)
                if day >= scale.first and (month - 1) % step == 0:
                    found.append((day, f"{year}-{month:02d}"))
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return found
    step = next((s for s in YEAR_STEPS if s * 365.25 * px_per_day >= 46), YEAR_STEPS[-1])
    first_year = scale.first.year + (-scale.first.year) % step
    if scale.first > date(first_year, 1, 1):
        first_year += step
    return [(date(y, 1, 1), str(y)) for y in range(first_year, scale.last.year + 1, step)]


# --- markers and their labels ----------------------------------------------------------------


VERBS: dict[str, str] = {
    "signature": "signed",
    "extension": "extended",
    "withdrawal_notice": "notice",
    "withdrawal_effective": "withdrew",
    "ratification_revoked": "revoked its ratification",
    "suspension": "suspended",
    "suspension_lifted": "lifted its suspension",
}
"""A party's act in a word or two, for a label that names the party once: 'United States:
notice, withdrew'. The shape says the same; the words spare the reader the legend."""

END_VERBS: dict[str, str] = {
    "terminated_by_withdrawal": "withdrew",
    "abandoned": "declared itself not bound",
}


def party_verb(marker: ChartMarker) -> str:
    if marker.kind == "end":
        return END_VERBS.get(marker.ending or "", "ended it")
    return VERBS[marker.kind]


def cluster_labels(markers: list[ChartMarker]) -> list[str]:
    """One label per party in a cluster of neighbouring markers (at the party's first one),
    naming its acts in order; a marker of all the parties is labelled with what happened."""
    labels = [""] * len(markers)
    by_party: dict[str, tuple[int, list[str]]] = {}
    for i, marker in enumerate(markers):
        if marker.party:
            first, verbs = by_party.setdefault(marker.party, (i, []))
            verb = party_verb(marker)
            if verb not in verbs:
                verbs.append(verb)
        elif marker.kind != "signature":
            labels[i] = marker.description
    for party, (first, verbs) in by_party.items():
        labels[first] = f"{party}: {', '.join(verbs)}"
    return labels


@dataclass(slots=True)
class PlacedMark:
    marker: ChartMarker
    x: float
    label: str
    lane: int = 0  # 0: none; 1, 2, … above the bar; -1, -2, … below it
    anchor: str = "start"
    label_x: float = 0.0


@dataclass(slots=True)
class PlacedRow:
    row: ChartRow
    marks: list[PlacedMark] = field(default_factory=list)
    above: int = 0
    below: int = 0
    top: float = 0.0

    @property
    def height(self) -> float:
        return self.above * LANE + BAR + self.below * LANE + 2 * 4

    @property
    def bar_y(self) -> float:
        return self.top + 4 + self.above * LANE


def clusters(xs: list[float], reach: float) -> list[list[int]]:
    """Indexes of neighbouring positions (sorted ``xs``), each less than ``reach`` from the last."""
    groups: list[list[int]] = []
    for i, x in enumerate(xs):
        if groups and x - xs[groups[-1][-1]] < reach:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def spread(xs: list[float], left: float, right: float) -> list[float]:
    """Marker centres pushed apart to at least MARK_GAP, each cluster kept centred on its days,
    but never more than MAX_SHIFT off a marker's own day: eight withdrawals in one month would
    otherwise march years to the right, past the as-of line. Beyond that they overlap."""
    return [
        min(max(x, day - MAX_SHIFT), day + MAX_SHIFT)
        for x, day in zip(_spread_evenly(xs, left, right), xs, strict=True)
    ]


def _spread_evenly(xs: list[float], left: float, right: float) -> list[float]:
    groups = clusters(xs, MARK_GAP)
    placed = list(xs)
    floor = left
    for group in groups:
        middle = sum(xs[i] for i in group) / len(group)
        start = middle - (len(group) - 1) * MARK_GAP / 2
        start = max(min(start, right - (len(group) - 1) * MARK_GAP), floor, left)
        for k, i in enumerate(group):
            placed[i] = start + k * MARK_GAP
        floor = placed[group[-1]] + MARK_GAP
    return placed


def place_row(row: ChartRow, scale: Scale, page_right: float) -> PlacedRow:
    """Markers on the bar; labels in the first lane (above, then below) where they fit."""
    placed = PlacedRow(row)
    xs = spread([scale.x(m.date) for m in row.markers], scale.left, scale.right)
    labels = [""] * len(row.markers)
    for cluster in clusters(xs, LABEL_REACH):
        for i, label in zip(
            cluster, cluster_labels([row.markers[i] for i in cluster]), strict=True
        ):
            labels[i] = label
    taken: dict[int, list[tuple[float, float]]] = {}
    for marker, x, label in zip(row.markers, xs, labels, strict=True):
        mark = PlacedMark(marker, x, fit(label, LABEL_SIZE, LABEL_ROOM) if label else "")
        placed.marks.append(mark)
        if not mark.label:
            continue
        width = text_width(mark.label, LABEL_SIZE)
        if x + width + 2 <= page_right:
            mark.anchor, mark.label_x, span = "start", x - 3, (x - 3, x - 3 + width)
        else:
            mark.anchor, mark.label_x, span = "end", x + 3, (x + 3 - width, x + 3)
        for lane in _lanes():
            if all(span[1] + 6 <= a or span[0] >= b + 6 for a, b in taken.get(lane, [])):
                taken.setdefault(lane, []).append(span)
                mark.lane = lane
                break
        else:
            mark.label = ""  # no room: the shape and its tooltip stay
    placed.above = max([m.lane for m in placed.marks if m.lane > 0], default=0)
    placed.below = max([-m.lane for m in placed.marks if m.lane < 0], default=0)
    return placed


def _lanes() -> list[int]:
    return [lane for k in range(1, MAX_LANES + 1) for lane in (k, -k)]


# --- drawing -----------------------------------------------------------------------------------


def _defs(svg: ET.Element) -> None:
    defs = _el(svg, "defs")
    for fill in FILLS.values():
        pattern = _el(
            defs,
            "pattern",
            id=f"{ID}-{fill.key}",
            width=6,
            height=6,
            patternUnits="userSpaceOnUse",
        )
        _el(pattern, "rect", width=6, height=6, fill=fill.base)
        if fill.pattern == "diagonal":
            _el(
                pattern,
                "path",
                d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2",
                stroke=fill.ink,
                stroke_width=1.1,
            )
        elif fill.pattern == "horizontal":
            _el(pattern, "path", d="M0,1.5 h6 M0,4.5 h6", stroke=fill.ink, stroke_width=1.1)
        elif fill.pattern == "crosshatch":
            _el(pattern, "path", d="M0,0 l6,6 M6,0 l-6,6", stroke=fill.ink, stroke_width=0.9)
        elif fill.pattern == "dots":
            _el(pattern, "circle", cx=3, cy=3, r=1.1, fill=fill.ink)


def _fill_of(segment: ChartSegment) -> Fill | None:
    if segment.projected:
        return FILLS["projected"]
    return FILLS.get(segment.status)


def _segment(
    parent: ET.Element, segment: ChartSegment, name: str, scale: Scale, y: float, as_of: date
) -> None:
    fill = _fill_of(segment)
    if fill is None:
        return  # ended, abandoned: the bar stops and the end marker says why
    stop = segment.end.toordinal() if segment.end else as_of.toordinal() + 1
    x0, x1 = scale.x(segment.start), scale.x_ordinal(stop)
    if x1 <= x0 and not scale.first <= segment.start <= scale.last:
        return
    attrs: dict[str, str | float] = {
        "fill": f"url(#{ID}-{fill.key})",
        "stroke": fill.ink,
        "stroke_width": 0.8,
    }
    if fill.dashed:
        attrs["stroke_dasharray"] = "3 2"
    rect = _el(parent, "rect", x=x0, y=y, width=max(x1 - x0, 1.0), height=BAR, **attrs)
    what = f"projected: {segment.label}" if segment.projected else segment.label
    if segment.end is None:
        when = f"since {segment.start} (as of {as_of})"
    else:
        when = f"from {segment.start} to {segment.end - timedelta(days=1)}"
    _el(rect, "title", f"{name}: {what}, {when}")


def _shape(parent: ET.Element, shape: str, x: float, y: float, halo: bool) -> None:
    """One marker shape centred on (x, y); ``halo`` draws its white outline underneath."""
    colour, width = (PAGE, 4.2) if halo else (INK, 1.6)
    solid = PAGE if halo else INK
    hollow = PAGE
    if shape == "circle":
        _el(parent, "circle", cx=x, cy=y, r=3.8, fill=hollow, stroke=colour, stroke_width=width)
    elif shape == "plus":
        _el(
            parent,
            "path",
            d=f"M{_n(x - 5)},{_n(y)}h10M{_n(x)},{_n(y - 5)}v10",
            stroke=colour,
            stroke_width=width + 0.8,
            fill="none",
        )
    elif shape == "cross":
        _el(
            parent,
            "path",
            d=f"M{_n(x - 4.5)},{_n(y - 4.5)}l9,9M{_n(x + 4.5)},{_n(y - 4.5)}l-9,9",
            stroke=colour,
            stroke_width=width + 0.8,
            fill="none",
        )
    elif shape in {"triangle_down", "triangle_right", "diamond"}:
        corners: dict[str, list[tuple[float, float]]] = {
            "triangle_down": [(-5, -4), (5, -4), (0, 5)],
            "triangle_right": [(-4, -5), (5, 0), (-4, 5)],
            "diamond": [(0, -5.5), (5, 0), (0, 5.5), (-5, 0)],
        }
        d = "M" + "L".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in corners[shape]) + "Z"
        _el(
            parent,
            "path",
            d=d,
            fill=solid,
            stroke=colour,
            stroke_width=width,
            stroke_linejoin="round",
        )
    else:  # pause, pause_open: two upright bars
        inside = solid if shape == "pause" else hollow
        for dx in (-3.5, 1.0):
            _el(
                parent,
                "rect",
                x=x + dx,
                y=y - 5,
                width=2.5,
                height=10,
                fill=inside,
                stroke=colour,
                stroke_width=width if halo else 1.0,
            )


def _marker(parent: ET.Element, mark: PlacedMark, name: str, bar_y: float) -> None:
    group = _el(parent, "g")
    marker = mark.marker
    _el(group, "title", f"{name}: {marker.date}, {marker.description}")
    y = bar_y + BAR / 2
    shape = MARKS[marker.kind].shape
    _shape(group, shape, mark.x, y, halo=True)
    _shape(group, shape, mark.x, y, halo=False)
    if mark.lane:
        if mark.lane > 0:
            label_y = bar_y - 4 - (mark.lane - 1) * LANE - 3
        else:
            label_y = bar_y + BAR + 4 + (-mark.lane - 1) * LANE + LABEL_SIZE
        _el(
            group,
            "text",
            mark.label,
            x=mark.label_x,
            y=label_y,
            font_size=LABEL_SIZE,
            fill=MUTED,
            text_anchor=mark.anchor,
            stroke=PAGE,
            stroke_width=3,
            stroke_linejoin="round",
            paint_order="stroke",
        )


@dataclass(frozen=True, slots=True)
class LegendItem:
    kind: str  # "fill", "mark", "line"
    key: str
    text: str


def legend_items(answer: ChartAnswer, as_of_shown: bool) -> list[LegendItem]:
    """What the figure draws, in a fixed order: fills, then markers, then the as-of line."""
    fills = {
        fill.key
        for row in answer.rows
        for segment in row.segments
        if (fill := _fill_of(segment)) is not None
    }
    kinds = {m.kind for row in answer.rows for m in row.markers}
    items = [LegendItem("fill", key, f.meaning) for key, f in FILLS.items() if f.key in fills]
    items += [LegendItem("mark", kind, s.meaning) for kind, s in MARKS.items() if kind in kinds]
    if as_of_shown:
        items.append(LegendItem("line", "as_of", f"the as-of day, {answer.as_of}"))
    return items


def _legend(
    svg: ET.Element, items: list[LegendItem], left: float, top: float, room: float
) -> float:
    """Lay the legend out in lines that fit ``room``; return its height."""
    x, y = left, top
    line_height = 20.0
    for item in items:
        text = fit(item.text, TEXT_SIZE, room - 30)
        width = 30 + text_width(text, TEXT_SIZE) + 18
        if x > left and x + width > left + room:
            x, y = left, y + line_height
        middle = y + line_height / 2
        if item.kind == "fill":
            fill = FILLS[item.key]
            attrs: dict[str, str | float] = {}
            if fill.dashed:
                attrs["stroke_dasharray"] = "3 2"
            _el(
                svg,
                "rect",
                x=x,
                y=middle - 6,
                width=24,
                height=12,
                fill=f"url(#{ID}-{fill.key})",
                stroke=fill.ink,
                stroke_width=0.8,
                **attrs,
            )
        elif item.kind == "mark":
            shape = MARKS[item.key].shape
            _shape(svg, shape, x + 12, middle, halo=True)
            _shape(svg, shape, x + 12, middle, halo=False)
        else:
            _el(
                svg,
                "path",
                d=f"M{_n(x + 12)},{_n(middle - 8)}v16",
                stroke=AS_OF,
                stroke_width=1.5,
                stroke_dasharray="4 3",
            )
        _el(svg, "text", text, x=x + 30, y=middle + 4, font_size=TEXT_SIZE, fill=INK)
        x += width
    return y + line_height - top


def title_of(answer: ChartAnswer) -> str:
    return f"Treaties' lives as of {answer.as_of}"


def description_of(answer: ChartAnswer) -> str:
    count = len(answer.rows)
    treaties = f"{count} treat{'y' if count == 1 else 'ies'}"
    return (
        f"{treaties}, {answer.date_from} to {answer.date_to}. Each bar is a treaty's status day "
        f"by day, as known on {answer.as_of}; symbols mark what the parties did, and who."
    )


def svg_element(answer: ChartAnswer, width: int = DEFAULT_WIDTH) -> ET.Element:
    """The figure as an ``<svg>`` element (for a file, or to embed in a page)."""
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise ValueError(f"a figure's width must be {MIN_WIDTH} to {MAX_WIDTH} pixels, not {width}")
    room = width - 2 * MARGIN
    title_lines = wrap(title_of(answer), TITLE_SIZE, room, bold=True)
    description = wrap(description_of(answer), TEXT_SIZE, room)
    names = [row.treaty.short_name for row in answer.rows]
    name_room = min(max((text_width(n, NAME_SIZE) for n in names), default=0.0), width * 0.28)
    scale = Scale(answer.date_from, answer.date_to, MARGIN + name_room + 12, width - MARGIN - 8)

    top = MARGIN + len(title_lines) * 24 + len(description) * 16 + 36
    rows = []
    row_top = float(top)
    for row in answer.rows:
        placed = place_row(row, scale, width - MARGIN)
        placed.top = row_top
        row_top += placed.height + ROW_GAP
        rows.append(placed)
    plot_bottom = max(row_top - ROW_GAP, top + BAR) + 6
    as_of_shown = answer.date_from <= answer.as_of <= answer.date_to
    items = legend_items(answer, as_of_shown)
    legend_top = plot_bottom + 34
    # A first pass measures the legend on a scratch element; the second draws it.
    legend_height = _legend(ET.Element("g"), items, MARGIN, legend_top, room)
    height = int(legend_top + legend_height + MARGIN)

    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": f"{ID}-title {ID}-desc",
            "font-family": FONT,
            "font-size": str(TEXT_SIZE),
        },
    )
    _el(svg, "title", title_of(answer), id=f"{ID}-title")
    _el(svg, "desc", description_of(answer), id=f"{ID}-desc")
    _defs(svg)
    _el(svg, "rect", width=width, height=height, fill=PAGE)
    y = float(MARGIN)
    for line in title_lines:
        y += 20
        _el(svg, "text", line, x=MARGIN, y=y, font_size=TITLE_SIZE, font_weight="bold", fill=INK)
        y += 4
    y += 4
    for line in description:
        y += 14
        _el(svg, "text", line, x=MARGIN, y=y, font_size=TEXT_SIZE, fill=MUTED)
        y += 2

    grid = _el(svg, "g", stroke=GRID, stroke_width=1)
    labels = _el(svg, "g", font_size=11, fill=MUTED, text_anchor="middle")
    for day, label in ticks(scale):
        x = scale.x(day)
        _el(grid, "path", d=f"M{_n(x)},{_n(top - 6)}V{_n(plot_bottom)}")
        _el(labels, "text", label, x=x, y=plot_bottom + 16)
    _el(
        svg,
        "path",
        d=f"M{_n(scale.left)},{_n(plot_bottom)}H{_n(scale.right)}",
        stroke=MUTED,
        stroke_width=1,
    )

    for placed in rows:
        name = placed.row.treaty.short_name
        group = _el(svg, "g")
        _el(
            group,
            "text",
            fit(name, NAME_SIZE, name_room),
            x=scale.left - 12,
            y=placed.bar_y + BAR / 2 + 4.5,
            font_size=NAME_SIZE,
            fill=INK,
            text_anchor="end",
        )
        for segment in placed.row.segments:
            _segment(group, segment, name, scale, placed.bar_y, answer.as_of)
        for mark in placed.marks:
            _marker(group, mark, name, placed.bar_y)

    if as_of_shown:
        x = scale.x(answer.as_of)
        _el(
            svg,
            "path",
            d=f"M{_n(x)},{_n(top - 10)}V{_n(plot_bottom)}",
            stroke=AS_OF,
            stroke_width=1.5,
            stroke_dasharray="4 3",
        )
        label = f"as of {answer.as_of}"
        anchor = "end" if x + text_width(label, 11, bold=True) / 2 > width - MARGIN else "middle"
        _el(
            svg,
            "text",
            label,
            x=x,
            y=top - 14,
            font_size=11,
            font_weight="bold",
            fill=AS_OF,
            text_anchor=anchor,
        )
    _legend(svg, items, MARGIN, legend_top, room)
    return svg


def svg_document(
    answer: ChartAnswer, width: int = DEFAULT_WIDTH, element: ET.Element | None = None
) -> str:
    """The figure as a standalone SVG file's text (of ``element`` if it is already drawn)."""
    element = element if element is not None else svg_element(answer, width)
    ET.indent(element, space=" ")  # one element a line: a figure kept in git diffs readably
    return ET.tostring(element, encoding="unicode", xml_declaration=True) + "\n"
