"""Renderers: one function per output, each over the same answer objects.

JSON is the answer model's own serialisation. Terminal output is laid out here as lines of
``(text, style)`` segments and written by a :class:`~treatycli.output.screen.Screen`, which imports
Rich only to colour a terminal or export a picture. Every string from data passes through
:func:`inert` and is never parsed as markup, so a dataset cannot restyle, retitle or clear the
terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, TypeVar

from treatycli.output.explain import describe_rule
from treatycli.output.screen import Column, Screen, fit, key_values, table, wrap
from treatycli.rules.answers import (
    IN_FORCE_STATUSES,
    Answer,
    Deadline,
    ExtendCheckAnswer,
    ListAnswer,
    ListRow,
    PartiesAnswer,
    PartyStanding,
    ShowAnswer,
    TimelineAnswer,
    TimelineEvent,
    UpcomingAnswer,
    ValidateAnswer,
    WithdrawalCheckAnswer,
)
from treatycli.textsafety import escape_unsafe

AnswerT = TypeVar("AnswerT", bound=Answer)

if TYPE_CHECKING:
    from treatycli.output.chart import Chart
    from treatycli.output.formats import ListingFormat


def inert(value: object) -> str:
    """Text safe for a terminal: control, format and bidi-override characters become visible
    escapes."""
    return escape_unsafe(str(value))


def write_json(answer: Answer, out: IO[str] | None = None) -> None:
    stream = out or sys.stdout
    stream.write(answer.model_dump_json(indent=2))
    stream.write("\n")


def write_answer(
    answer: AnswerT, json: bool, draw: Callable[[AnswerT, Screen], None], *, page: bool = True
) -> None:
    """A one-answer command's output: its JSON, or ``draw`` on the screen (through the pager
    when it is a long answer on a terminal and ``page`` is true)."""
    if json:
        write_json(answer)
        return
    from treatycli.output.pager import paged

    with paged(sys.stdout, enabled=page) as out:
        draw(answer, Screen(out))


def _none(value: object) -> str:
    return "—" if value is None else str(value)


_STATUS_STYLES = {
    "in_force": "green",
    "suspended": "yellow",
    "withdrawal_pending": "yellow",
    "expired": "red",
    "terminated_by_withdrawal": "red",
    "superseded": "magenta",
    "terminated": "red",
    "abandoned": "red",
    "lapsed": "red",
}


def _cell(value: object, style: str = "") -> tuple[str, str]:
    return inert(value), style


def list_table(answer: ListAnswer, screen: Screen) -> None:
    columns = [
        Column("id", wraps=False),
        Column("treaty", ratio=1, min_width=8),
        Column("signed", wraps=False),
        Column("in force", wraps=False),
        Column("status", ratio=2, min_width=12),
        Column("expires", wraps=False),
    ]
    rows = []
    for row in answer.treaties:
        since = None if row.status == "in_force" else row.status_since
        rows.append(
            [
                _cell(row.id),
                _cell(row.short_name),
                _cell(_none(row.signed_on)),
                _cell(_none(row.entered_into_force_on)),
                _cell(
                    _status_cell(row.status_label, since) + parties_cell(row),
                    _STATUS_STYLES.get(row.status, ""),
                ),
                _cell(_none(row.expires_on)),
            ]
        )
    title = f"Treaties as of {answer.as_of}"
    if answer.parties:
        title += f" binding {', '.join(answer.parties)}"
    if not rows:
        screen.paragraph(inert(f"No treaty: {title.lower()}."))
        return
    table(screen, title, columns, rows)


def parties_table(answer: PartiesAnswer, screen: Screen) -> None:
    """Every state with its standing; the treaty's own status and how complete the list is."""
    from treatycli.output.explain import standing_cell

    screen.paragraph(
        inert(
            f"{answer.treaty.short_name} — as of {answer.as_of}: "
            f"{_status_cell(answer.status.label, answer.status.since)}"
        ),
        "bold",
    )
    bound = answer.parties_on_day
    if answer.party_list == "complete":
        screen.paragraph(inert(f"{plural(bound, 'state')} bound that day (complete list)."))
    else:
        known = f"{plural(bound, 'recorded state')} bound that day"
        if answer.party_count is not None:
            known += f"; {answer.party_count} parties as of {answer.party_count_as_of}"
        rest = (
            f" the treaty is {answer.status.label} for every other party"
            if answer.status.code in IN_FORCE_STATUSES
            else " others may have acted"
        )
        screen.paragraph(inert(f"{known}. The record lists only some states;{rest}."))
    rows = [
        [
            _cell(p.state),
            _cell(standing_cell(p), "" if p.bound else "dim"),
            _cell("yes" if p.bound else "no", "green" if p.bound else "red"),
            _cell(_none(p.basis)),
            _cell(_none(p.withdrawal_if_notice_on_as_of) if p.bound else "—"),
        ]
        for p in answer.parties
    ]
    if rows:
        table(
            screen,
            "Parties",
            [
                Column("state", ratio=1, min_width=10),
                Column("standing", ratio=2, min_width=14),
                Column("bound", wraps=False),
                Column("how", ratio=1, min_width=12),
                Column("notice today effective", wraps=False),
            ],
            rows,
        )


def plural(count: int, noun: str) -> str:
    """``1 treaty``, ``2 treaties``, ``1 state``, ``3 states``: never "1 treaties"."""
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy")):
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


def parties_cell(row: ListRow) -> str:
    """For a multilateral treaty, after its status: how many states are parties that day
    (where the record lists them all) and who has left."""
    parts = []
    if row.parties_on_day is not None:
        parts.append(plural(row.parties_on_day, "party"))
    if len(row.left) > 4:
        parts.append(f"left: {len(row.left):,} states ({', '.join(row.left[:3])}, …)")
    elif row.left:
        parts.append("left: " + ", ".join(row.left))
    return "; " + "; ".join(parts) if parts else ""


def _status_cell(label: str, since: object) -> str:
    return f"{label} ({since})" if since is not None else label


def _source_cell(event: TimelineEvent, *, full: bool = False) -> str:
    """The rule's article for a derived event; for a recorded one, who published the source
    (the whole citation with ``full``, as ``show`` prints it)."""
    if event.rule is not None:
        return f"rule: {event.rule.article}"
    if event.source is None:  # pragma: no cover - recorded events always carry a source
        return ""
    if not full:
        return event.source.publisher or event.source.title
    parts = [event.source.publisher, event.source.title]
    return " — ".join(p for p in parts if p)


def _marker(event: TimelineEvent) -> str:
    return ("◆" if event.origin == "recorded" else "◇") + ("…" if event.future else "")


TIMELINE_KEY = (
    "◆ recorded (with its source)   ◇ derived from a rule (with its article)   "
    "… after the as-of day"
)


def timeline_table(answer: TimelineAnswer, screen: Screen, *, show_treaty: bool = True) -> None:
    if not answer.events:
        screen.paragraph(inert(f"No events in this range (as of {answer.as_of})."))
        return
    title = f"Timeline as of {answer.as_of}"
    if answer.date_from and answer.date_to:
        title += f", {answer.date_from} to {answer.date_to}"
    elif answer.date_from:
        title += f", from {answer.date_from}"
    elif answer.date_to:
        title += f", up to {answer.date_to}"
    columns = [Column("date", wraps=False)]
    if show_treaty:
        columns.append(Column("treaty", min_width=8))
    columns += [
        Column("", wraps=False),
        Column("event", ratio=3, min_width=12),
        Column("source or rule", ratio=2, min_width=10),
    ]
    rows = []
    for event in answer.events:
        style = "" if event.origin == "recorded" else "italic"
        description = event.description
        if event.note and event.origin == "derived":
            description += f" ({event.note})"
        cells = [_cell(event.date.isoformat())]
        if show_treaty:
            cells.append(_cell(event.treaty.short_name))
        cells += [
            _cell(_marker(event)),
            _cell(description, style),
            _cell(_source_cell(event), "dim"),
        ]
        rows.append(cells)
    table(screen, title, columns, rows, caption=TIMELINE_KEY)
    _joining_steps_note(screen, answer.joining_steps_left_out, "--every-state lists them")


def _joining_steps_note(screen: Screen, left_out: int, how: str) -> None:
    """Say what the timeline left out, so a reader never takes the list for the whole record."""
    if left_out:
        steps = "step" if left_out == 1 else "steps"
        screen.paragraph(
            f"{left_out:,} {steps} by which states signed or joined a multilateral treaty "
            f"left out ({how}; 'treaty parties TREATY' tabulates who is bound)."
        )


def extend_check_text(answer: ExtendCheckAnswer, screen: Screen) -> None:
    screen.paragraph(inert(f"{answer.treaty.short_name} — as of {answer.as_of}"), "bold")
    for sentence in answer.summary:
        screen.paragraph(inert(sentence))
    screen.blank()
    ext = answer.extension
    key_values(
        screen,
        [
            ("status", inert(_status_cell(answer.status.label, answer.status.since))),
            ("expires", _none(answer.expires_on)),
            ("days left", _none(answer.days_left)),
            ("extension possible", "yes" if ext.possible else "no"),
            ("latest possible expiry", _none(ext.latest_possible_expiry)),
            ("decide before", _none(ext.decide_before)),
            ("extension rule", inert(_none(ext.article))),
            ("withdrawal takes effect", _none(answer.withdrawal.effective_if_notice_on_as_of)),
            ("withdrawal rule", inert(_none(answer.withdrawal.article))),
        ],
    )


def withdrawal_text(answer: WithdrawalCheckAnswer, screen: Screen) -> None:
    from treatycli.dates import describe_duration
    from treatycli.output.explain import standing_sentence

    w = answer.withdrawal
    screen.paragraph(
        inert(f"{answer.treaty.short_name} — withdrawal, as of {answer.as_of}"), "bold"
    )
    if w.available and w.effective_if_notice_on_as_of is not None:
        screen.paragraph(
            inert(
                f"A party giving notice on {answer.as_of} would be out on "
                f"{w.effective_if_notice_on_as_of} ({w.article})."
            )
        )
    else:
        screen.paragraph(inert(f"No withdrawal by notice on {answer.as_of}: {w.reason}."))
    for standing in answer.parties:
        screen.paragraph(inert(standing_sentence(standing, answer.as_of)))
    screen.blank()
    key_values(
        screen,
        [
            ("status", inert(_status_cell(answer.status.label, answer.status.since))),
            ("notice period", describe_duration(w.notice_period) if w.notice_period else "—"),
            ("earliest notice", _none(w.earliest_notice_on)),
            ("condition", inert(_none(w.condition))),
            ("rule", inert(_none(w.article))),
        ],
    )
    if not answer.withdrawals:
        return
    screen.blank()
    rows = [
        [
            _cell(p.party),
            _cell(p.notice_on.isoformat()),
            _cell(_none(p.effective_on)),
            _cell(
                f"never took effect: the treaty ended on {p.overtaken_by_end}"
                if p.overtaken_by_end is not None
                else ("in effect" if p.in_effect else "disputed" if p.disputed else "pending")
                + ("" if p.effective_recorded else " (date derived from the rule)")
            ),
        ]
        for p in answer.withdrawals
    ]
    table(
        screen,
        "Notices on record",
        [
            Column("party", min_width=8),
            Column("notice", wraps=False),
            Column("effect", wraps=False),
            Column("state", ratio=2, min_width=10),
        ],
        rows,
    )
    for p in answer.withdrawals:
        if p.disputed:
            screen.blank()
            screen.paragraph(inert(f"Disputed ({p.party}): {p.disputed}"), "dim")


def show_text(answer: ShowAnswer, screen: Screen) -> None:
    treaty = answer.treaty
    a = answer.assessment
    screen.paragraph(inert(f"{treaty.short_name} ({treaty.id})"), "bold")
    screen.paragraph(inert(treaty.full_name))
    facts: list[tuple[str, str] | tuple[str, str, str]] = [
        (field, inert(value))
        for field, value in (
            ("also called", ", ".join(treaty.aliases) or "—"),
            ("kind", treaty.kind),
            ("parties", ", ".join(treaty.parties) or "—"),
            ("depositaries", ", ".join(treaty.depositaries) or "—"),
            ("signed", _none(a.signed_on)),
            ("entered into force", _none(a.entered_into_force_on)),
            (f"status on {answer.as_of}", _status_cell(a.status.label, a.status.since)),
            ("expires", _none(a.expires_on)),
            ("text", treaty.text.title),
        )
    ]
    if treaty.text.url:
        facts.append(("text at", inert(treaty.text.url), screen.link(treaty.text.url)))
    key_values(screen, facts)
    screen.blank()
    for sentence in answer.summary:
        screen.paragraph(inert(sentence))
    screen.blank()
    rule_rows = []
    for name, rule in (
        ("term", treaty.rules.term),
        ("extension", treaty.rules.extension),
        ("withdrawal", treaty.rules.withdrawal),
        ("entry into force", treaty.rules.entry_into_force),
    ):
        if rule is not None:
            said = describe_rule(rule)
            if rule.quote:
                said += f' — "{rule.quote}"'
            rule_rows.append([_cell(name), _cell(rule.article), _cell(said)])
    table(
        screen,
        "Rules",
        [
            Column("rule", min_width=9),
            Column("article", min_width=12),
            Column("what it says", ratio=3, min_width=16),
        ],
        rule_rows,
    )
    screen.blank()
    event_rows = []
    urls: list[str] = []  # the sources' addresses, numbered in order of first use
    for event in answer.timeline:
        source = _source_cell(event, full=True)
        if event.source is not None and event.source.url:
            if event.source.url not in urls:
                urls.append(event.source.url)
            source += f" [{urls.index(event.source.url) + 1}]"
        description = event.description + (f" — {event.note}" if event.note else "")
        event_rows.append(
            [
                _cell(event.date.isoformat()),
                _cell(_marker(event)),
                _cell(description),
                _cell(source, "dim"),
            ]
        )
    table(
        screen,
        "Events",
        [
            Column("date", wraps=False),
            Column("", wraps=False),
            Column("event", ratio=2, min_width=12),
            Column("source or rule", ratio=3, min_width=12),
        ],
        event_rows,
        caption=TIMELINE_KEY,
    )
    _joining_steps_note(screen, answer.joining_steps_left_out, "the JSON lists them all")
    if urls:
        screen.blank()
        screen.paragraph("Sources", "bold")
        for number, url in enumerate(urls, 1):
            # Whole, on a line of its own: an address cut by wrapping cannot be clicked.
            screen.line([(f"[{number}] ", "dim"), (inert(url), screen.link(url))])
    for note in treaty.notes_as_of(answer.as_of):
        screen.blank()
        screen.paragraph(inert(f"Note: {note}"), "dim")


def validate_text(answer: ValidateAnswer, out: IO[str] | None = None) -> None:
    """One ``FILE:LINE: problem`` per line, like a compiler, then a one-line verdict."""
    stream = out or sys.stdout
    for problem in answer.problems:
        where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
        stream.write(f"{inert(where)}: {inert(problem.message)}\n")
    treaties = f"{plural(answer.treaties, 'treaty')}, {plural(answer.events, 'event')}"
    if answer.valid:
        stream.write(f"{treaties}: valid\n")
        share, kinds = answer.official_or_reference_share, answer.event_sources
        if share is not None and kinds["unknown"] < answer.events:  # a v1 file has no kinds
            counted = ", ".join(f"{kinds[k]} {k}" for k in kinds if kinds[k])
            stream.write(f"event sources: {counted} ({share:.1%} official or reference)\n")
    else:
        count = len(answer.problems)
        files = len(answer.files)
        stream.write(
            f"{count} problem{'s' if count != 1 else ''} found in {files} "
            f"file{'s' if files != 1 else ''}\n"
        )


def chart_view(chart: Chart, screen: Screen, title: str) -> None:
    """Bars, then the axis with the as-of day marked, then a legend of every glyph."""
    from treatycli.output.chart import AS_OF_MARK, GLYPHS, MARKERS, axis_label_line

    pad = " " * (chart.label_width + 1)
    screen.paragraph(title, "bold")
    for row in chart.rows:
        line = [(fit(inert(row.label), chart.label_width) + " ", "")]
        line += [(g.char, g.style) if g else (" ", "") for g in row.cells]
        screen.line(line)
    column = chart.axis.column(chart.as_of)
    if column is None:
        screen.line([(pad + "─" * chart.axis.width, "dim")])
    else:
        screen.line(
            [
                (pad + "─" * column, "dim"),
                (AS_OF_MARK.char, AS_OF_MARK.style),
                ("─" * (chart.axis.width - column - 1), "dim"),
            ]
        )
    screen.line([(pad + axis_label_line(chart.axis), "")])
    legend: list[tuple[str, str, str]] = [
        (g.char, g.style, g.meaning) for g in (*GLYPHS.values(), *MARKERS.values(), AS_OF_MARK)
    ]
    entries: list[tuple[str, str]] = []
    used = 0
    for char, style, meaning in legend:
        item = 2 + len(meaning)
        if item > screen.width:  # a terminal narrower than one legend entry
            if entries:
                screen.line(entries)
                entries, used = [], 0
            parts = wrap(f"{char} {meaning}", screen.width)
            screen.line([(parts[0][:1], style), (parts[0][1:], "")])
            for part in parts[1:]:
                screen.line([(part, "")])
            continue
        if entries and used + 3 + item > screen.width:
            screen.line(entries)
            entries, used = [], 0
        if entries:
            entries.append(("   ", ""))
            used += 3
        entries += [(char, style), (f" {meaning}", "")]
        used += item
    if entries:
        screen.line(entries)


def upcoming_table(answer: UpcomingAnswer, screen: Screen) -> None:
    if not answer.deadlines:
        screen.paragraph(
            f"No deadlines between {answer.as_of} and {answer.until} (as of {answer.as_of})."
        )
        return
    columns = [
        Column("date", wraps=False),
        Column("in", wraps=False, justify="right"),
        Column("treaty", min_width=8),
        Column("deadline", ratio=3, min_width=12),
        Column("rule", ratio=2, min_width=10),
    ]
    rows = [
        [
            _cell(deadline.date.isoformat()),
            _cell(f"{deadline.days_left} d"),
            _cell(deadline.treaty.short_name),
            _cell(deadline.description),
            _cell(f"{deadline.rule.rule}: {deadline.rule.article}", "dim"),
        ]
        for deadline in answer.deadlines
    ]
    table(screen, f"Deadlines from {answer.as_of} to {answer.until}", columns, rows)


@dataclass(frozen=True)
class Listing:
    """A listing command's answer, ready for any format: its rows, the model they follow,
    how to draw them as a table, and the words for a note on stderr ("wrote 3 deadlines")."""

    answer: Answer
    rows: Sequence[Any]
    row_model: type[Any]
    draw: Callable[[Screen], None]
    noun: tuple[str, str]
    """Singular and plural of what a row is ("deadline", "deadlines")."""
    empty_note: str
    """What to say when there are no rows ("no deadlines between D1 and D2")."""

    def count_text(self) -> str:
        count = len(self.rows)
        return f"{count} {self.noun[0] if count == 1 else self.noun[1]}"

    def write(self, fmt: ListingFormat | str, out: IO[str], *, headers: bool = True) -> None:
        """The one dispatch for listing commands: the same rows feed every format."""
        from treatycli.output.formats import write_csv, write_ndjson

        kind = getattr(fmt, "value", fmt)
        if kind == "json":
            write_json(self.answer, out)
        elif kind == "ndjson":
            write_ndjson(self.rows, out)
        elif kind in ("csv", "tsv"):
            delimiter = "," if kind == "csv" else "\t"
            write_csv(self.rows, self.row_model, out, delimiter=delimiter, headers=headers)
        else:
            self.draw(Screen(out))


def list_listing(answer: ListAnswer) -> Listing:
    return Listing(
        answer,
        answer.treaties,
        ListRow,
        lambda screen: list_table(answer, screen),
        ("treaty", "treaties"),
        "no treaties in the dataset",
    )


def timeline_listing(answer: TimelineAnswer) -> Listing:
    if answer.date_from and answer.date_to:
        where = f" between {answer.date_from} and {answer.date_to}"
    elif answer.date_from:
        where = f" on or after {answer.date_from}"
    elif answer.date_to:
        where = f" on or before {answer.date_to}"
    else:
        where = ""
    return Listing(
        answer,
        answer.events,
        TimelineEvent,
        lambda screen: timeline_table(answer, screen, show_treaty=len(answer.treaties) > 1),
        ("event", "events"),
        f"no events{where} (as of {answer.as_of})",
    )


def parties_listing(answer: PartiesAnswer) -> Listing:
    return Listing(
        answer,
        answer.parties,
        PartyStanding,
        lambda screen: parties_table(answer, screen),
        ("state", "states"),
        f"no state's act is recorded for {answer.treaty.short_name}",
    )


def upcoming_listing(answer: UpcomingAnswer) -> Listing:
    return Listing(
        answer,
        answer.deadlines,
        Deadline,
        lambda screen: upcoming_table(answer, screen),
        ("deadline", "deadlines"),
        f"no deadlines between {answer.as_of} and {answer.until}",
    )
