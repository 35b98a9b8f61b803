"""Renderers: one function per output, each over the same answer objects.

JSON is the answer model's own serialisation. Terminal output goes through Rich, imported only
here and only when a table is drawn, so JSON commands never pay for it. Every string that
comes from data is wrapped in ``Text`` (never parsed as Rich markup) and stripped of control
characters, so a dataset cannot restyle, retitle or clear the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, TypeVar

from treatycli.answers import (
    Answer,
    ExtendCheckAnswer,
    ListAnswer,
    ShowAnswer,
    TimelineAnswer,
    TimelineEvent,
    UpcomingAnswer,
    ValidateAnswer,
)
from treatycli.textsafety import UNSAFE, first_unsafe

AnswerT = TypeVar("AnswerT", bound=Answer)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from treatycli.chart import Chart
    from treatycli.formats import ListingFormat


def inert(value: object) -> str:
    """Text safe for a terminal: control and bidi-override characters become visible escapes."""
    text = str(value)
    if first_unsafe(text) is None:
        return text
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_json(answer: Answer, out: IO[str] | None = None) -> None:
    stream = out or sys.stdout
    stream.write(answer.model_dump_json(indent=2))
    stream.write("\n")


def write_answer(answer: AnswerT, json: bool, draw: Callable[[AnswerT, Console], None]) -> None:
    """A one-answer command's output: its JSON, or ``draw`` on a console."""
    if json:
        write_json(answer)
    else:
        draw(answer, make_console())


def make_console(out: IO[str] | None = None, *, record: bool = False) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit(1) here; a reader that left early is not an error, and the CLI
            # ends quietly with 0 in one place for every kind of output.
            self.quiet = True
            raise BrokenPipeError

    return _Console(
        file=out or sys.stdout,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        record=record,
    )


def capture(draw: Callable[[], None]) -> str:
    """What ``draw`` writes to stdout, as text (for ``--output FILE``)."""
    import io

    saved = sys.stdout
    buffer = io.StringIO()
    sys.stdout = buffer
    try:
        draw()
    finally:
        sys.stdout = saved
    return buffer.getvalue()


def _text(value: object, style: str = "") -> Text:
    from rich.text import Text

    return Text(inert(value), style=style)


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
}


def _table(title: str, **options: Any) -> Any:
    """A table with a left-aligned title and light rules: at 80 columns every character of
    width goes to the content rather than to box borders."""
    from rich import box
    from rich.table import Table

    return Table(
        title=_text(title),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        **options,
    )


Column = tuple[str, dict[str, Any]]


def _emit(
    console: Console,
    title: str,
    columns: list[Column],
    rows: list[list[Text]],
    *,
    min_width: int,
    caption: str | None = None,
) -> None:
    """Draw rows as a table, or, on a terminal too narrow for the table to show every value,
    as one block of ``header: value`` lines per row, so nothing is cropped away."""
    if console.width >= min_width:
        table = _table(title, caption=_text(caption) if caption else None, caption_justify="left")
        for header, options in columns:
            table.add_column(header, **options)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    from rich.text import Text

    console.print(_text(title, "bold"))
    for row in rows:
        console.print()
        for (header, _), cell in zip(columns, row, strict=True):
            if not cell.plain:
                continue
            line = Text(f"{header}: " if header else "", style="dim")
            line.append_text(cell)
            console.print(line)
    if caption:
        console.print()
        console.print(_text(caption, "dim"))


def list_table(answer: ListAnswer, console: Console) -> None:
    columns: list[Column] = [
        ("id", {"no_wrap": True}),
        ("treaty", {"overflow": "fold", "ratio": 1, "min_width": 8}),
        ("signed", {"no_wrap": True}),
        ("in force", {"no_wrap": True}),
        ("status", {"overflow": "fold", "ratio": 2, "min_width": 12}),
        ("expires", {"no_wrap": True}),
    ]
    rows = []
    for row in answer.treaties:
        since = None if row.status == "in_force" else row.status_since
        rows.append(
            [
                _text(row.id),
                _text(row.short_name),
                _text(_none(row.signed_on)),
                _text(_none(row.entered_into_force_on)),
                _text(_status_cell(row.status_label, since), _STATUS_STYLES.get(row.status, "")),
                _text(_none(row.expires_on)),
            ]
        )
    _emit(console, f"Treaties as of {answer.as_of}", columns, rows, min_width=72)


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


def timeline_table(answer: TimelineAnswer, console: Console, *, show_treaty: bool = True) -> None:
    if not answer.events:
        console.print(_text(f"No events in this range (as of {answer.as_of})."))
        return
    title = f"Timeline as of {answer.as_of}"
    if answer.date_from and answer.date_to:
        title += f", {answer.date_from} to {answer.date_to}"
    elif answer.date_from:
        title += f", from {answer.date_from}"
    elif answer.date_to:
        title += f", up to {answer.date_to}"
    columns: list[Column] = [("date", {"no_wrap": True})]
    if show_treaty:
        columns.append(("treaty", {"overflow": "fold"}))
    columns += [
        ("", {"no_wrap": True}),
        ("event", {"overflow": "fold", "ratio": 3}),
        ("source or rule", {"overflow": "fold", "ratio": 2}),
    ]
    rows = []
    for event in answer.events:
        marker = "◆" if event.origin == "recorded" else "◇"
        if event.future:
            marker += "…"
        style = "" if event.origin == "recorded" else "italic"
        description = event.description
        if event.note and event.origin == "derived":
            description += f" ({event.note})"
        cells = [_text(event.date.isoformat())]
        if show_treaty:
            cells.append(_text(event.treaty.short_name))
        cells += [_text(marker), _text(description, style), _text(_source_cell(event), "dim")]
        rows.append(cells)
    caption = (
        "◆ recorded (with its source)   ◇ derived from a rule (with its article)   "
        "… after the as-of day"
    )
    _emit(console, title, columns, rows, min_width=60 if show_treaty else 48, caption=caption)


def extend_check_text(answer: ExtendCheckAnswer, console: Console) -> None:
    from rich.table import Table

    console.print(_text(f"{answer.treaty.short_name} — as of {answer.as_of}", "bold"))
    for sentence in answer.summary:
        console.print(_text(sentence))
    console.print()
    facts = Table(show_header=False, box=None, pad_edge=False)
    facts.add_column("fact", style="dim", no_wrap=True)
    facts.add_column("value", overflow="fold")
    ext = answer.extension
    rows = [
        ("status", _status_cell(answer.status.label, answer.status.since)),
        ("expires", _none(answer.expires_on)),
        ("days left", _none(answer.days_left)),
        ("extension possible", "yes" if ext.possible else "no"),
        ("latest possible expiry", _none(ext.latest_possible_expiry)),
        ("decide before", _none(ext.decide_before)),
        ("extension rule", _none(ext.article)),
        ("withdrawal takes effect", _none(answer.withdrawal.effective_if_notice_on_as_of)),
        ("withdrawal rule", _none(answer.withdrawal.article)),
    ]
    for fact, value in rows:
        facts.add_row(_text(fact), _text(value))
    console.print(facts)


def show_text(answer: ShowAnswer, console: Console) -> None:
    from rich.table import Table

    treaty = answer.treaty
    a = answer.assessment
    console.print(_text(f"{treaty.short_name} ({treaty.id})", "bold"))
    console.print(_text(treaty.full_name))
    head = Table(show_header=False, box=None, pad_edge=False)
    head.add_column("field", style="dim", no_wrap=True)
    head.add_column("value", overflow="fold")
    rows = [
        ("also called", ", ".join(treaty.aliases) or "—"),
        ("kind", treaty.kind),
        ("parties", ", ".join(treaty.parties) or "—"),
        ("depositaries", ", ".join(treaty.depositaries) or "—"),
        ("signed", _none(a.signed_on)),
        ("entered into force", _none(a.entered_into_force_on)),
        (f"status on {answer.as_of}", _status_cell(a.status.label, a.status.since)),
        ("expires", _none(a.expires_on)),
        ("text", " — ".join(p for p in (treaty.text.title, treaty.text.url) if p)),
    ]
    for field, value in rows:
        head.add_row(_text(field), _text(value))
    console.print(head)
    console.print()
    for sentence in answer.summary:
        console.print(_text(sentence))
    console.print()
    rules = _table(title="Rules")
    rules.add_column("rule", no_wrap=True)
    rules.add_column("article", overflow="fold")
    rules.add_column("what it says", overflow="fold", ratio=3)
    for name, rule in (
        ("term", treaty.rules.term),
        ("extension", treaty.rules.extension),
        ("withdrawal", treaty.rules.withdrawal),
        ("entry into force", treaty.rules.entry_into_force),
    ):
        if rule is None:
            continue
        said = rule.quote or _rule_summary(rule)
        rules.add_row(_text(name), _text(rule.article), _text(said))
    console.print(rules)
    events = _table(title="Events")
    events.add_column("date", no_wrap=True)
    events.add_column("", no_wrap=True)
    events.add_column("event", overflow="fold", ratio=2)
    events.add_column("source or rule", overflow="fold", ratio=3)
    for event in answer.timeline:
        marker = "◆" if event.origin == "recorded" else "◇"
        if event.future:
            marker += "…"
        source = _source_cell(event, full=True)
        if event.source is not None and event.source.url:
            source += f" <{event.source.url}>"
        description = event.description + (f" — {event.note}" if event.note else "")
        events.add_row(
            _text(event.date.isoformat()), _text(marker), _text(description), _text(source, "dim")
        )
    console.print(events)
    for note in treaty.notes:
        console.print(_text(f"Note: {note}", "dim"))


def _rule_summary(rule: object) -> str:
    fields = rule.model_dump(exclude={"article", "quote"}, exclude_none=True)  # type: ignore[attr-defined]
    return ", ".join(f"{key}: {value}" for key, value in fields.items())


def validate_text(answer: ValidateAnswer, out: IO[str] | None = None) -> None:
    """One ``FILE:LINE: problem`` per line, like a compiler, then a one-line verdict."""
    stream = out or sys.stdout
    for problem in answer.problems:
        where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
        stream.write(f"{inert(where)}: {inert(problem.message)}\n")
    treaties = f"{answer.treaties} treaties, {answer.events} events"
    if answer.valid:
        stream.write(f"{treaties}: valid\n")
    else:
        count = len(answer.problems)
        files = len(answer.files)
        stream.write(
            f"{count} problem{'s' if count != 1 else ''} found in {files} "
            f"file{'s' if files != 1 else ''}\n"
        )


def chart_view(chart: Chart, console: Console, title: str) -> None:
    """Bars, then the axis with the as-of day marked, then a legend of every glyph."""
    from rich.text import Text

    from treatycli.chart import AS_OF_MARK, GLYPHS, MARKERS, axis_label_line

    pad = " " * (chart.label_width + 1)
    console.print(_text(title, "bold"))
    for row in chart.rows:
        label = inert(row.label)
        if len(label) > chart.label_width:
            label = label[: chart.label_width - 1] + "…"
        line = Text(label.ljust(chart.label_width) + " ")
        for glyph in row.cells:
            line.append(glyph.char if glyph else " ", style=glyph.style if glyph else "")
        console.print(line, no_wrap=True, overflow="crop")
    ticks = Text(pad + "─" * chart.axis.width, style="dim")
    column = chart.axis.column(chart.as_of)
    if column is not None:
        ticks = Text(pad + "─" * column, style="dim")
        ticks.append(AS_OF_MARK.char, style=AS_OF_MARK.style)
        ticks.append("─" * (chart.axis.width - column - 1), style="dim")
    console.print(ticks, no_wrap=True, overflow="crop")
    console.print(Text(pad + axis_label_line(chart.axis)), no_wrap=True, overflow="crop")
    from rich.columns import Columns

    items = []
    for glyph in (*GLYPHS.values(), *MARKERS.values(), AS_OF_MARK):
        item = Text(glyph.char, style=glyph.style)
        item.append(f" {glyph.meaning}")
        items.append(item)
    console.print(Columns(items, padding=(0, 3)))


def upcoming_table(answer: UpcomingAnswer, console: Console) -> None:
    if not answer.deadlines:
        console.print(
            _text(f"No deadlines between {answer.as_of} and {answer.until} (as of {answer.as_of}).")
        )
        return
    columns: list[Column] = [
        ("date", {"no_wrap": True}),
        ("in", {"justify": "right", "no_wrap": True}),
        ("treaty", {"overflow": "fold"}),
        ("deadline", {"overflow": "fold", "ratio": 3}),
        ("rule", {"overflow": "fold", "ratio": 2}),
    ]
    rows = [
        [
            _text(deadline.date.isoformat()),
            _text(f"{deadline.days_left} d"),
            _text(deadline.treaty.short_name),
            _text(deadline.description),
            _text(f"{deadline.rule.rule}: {deadline.rule.article}", "dim"),
        ]
        for deadline in answer.deadlines
    ]
    title = f"Deadlines from {answer.as_of} to {answer.until}"
    _emit(console, title, columns, rows, min_width=60)


def write_rows(
    answer: Answer,
    rows: list[Any],
    row_model: type[Any],
    fmt: ListingFormat | str,
    table: Callable[[Console], None],
) -> None:
    """The one dispatch for listing commands: the same rows feed every format."""
    from treatycli.formats import write_csv, write_ndjson

    kind = getattr(fmt, "value", fmt)
    if kind == "json":
        write_json(answer)
    elif kind == "ndjson":
        write_ndjson(rows, sys.stdout)
    elif kind == "csv":
        write_csv(rows, row_model, sys.stdout)
    else:
        table(make_console())
