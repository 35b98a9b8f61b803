"""The ``treaty`` command line: parse arguments, ask one query, hand the answer to a renderer.

No date arithmetic and no formatting decisions live here. Every expected failure is a
TreatyError or a usage error, turned into one line on stderr (``treaty: error: …``) with a
named exit code in one place, :class:`TreatyGroup.main`.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from datetime import date, timedelta
from enum import Enum, StrEnum
from pathlib import Path
from typing import IO, Annotated, Any, NoReturn, TypeVar

import typer
from typer import _click as click
from typer.core import TyperCommand, TyperGroup

from treatycli import __version__
from treatycli.errors import ExitCode, TreatyError
from treatycli.output.formats import CalendarFormat, ListingFormat

PROG = "treaty"
COMPLETE_VAR = "_TREATY_COMPLETE"
SUMMARY_WIDTH = 55
"""The longest one-line summary the root help shows whole in 80 columns."""

F = TypeVar("F", bound=Callable[..., Any])


def examples(*lines: str) -> str:
    """An "Examples:" block for the end of a --help, kept as written (click's \\b marker)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


# Pydantic looks up observability plugins through every installed distribution's entry points
# the first time it builds a model (~20 ms); a command-line answer has no use for them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


class _PipeClosed(Exception):
    """The reader of stdout went away (``| head``): stop quietly, it is not an error."""


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"{PROG}: error: {_one_line(message)}\n")
    sys.stderr.flush()
    sys.exit(code)


def _one_line(message: str) -> str:
    from treatycli.output.render import inert

    return inert(" ".join(message.split()))


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests), nothing to silence
        pass


class TreatyGroup(TyperGroup):
    """The command group, with the one place where failures become messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            # Flush here, not at interpreter exit, so a reader that left early (| head -c 10)
            # is noticed while we can still end quietly.
            sys.stdout.flush()
            return result
        except BrokenPipeError:
            raise _PipeClosed() from None

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        if os.environ.get(complete_var or COMPLETE_VAR):
            from treatycli.completion import register_shells

            register_shells()
        try:
            result = super().main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except click.exceptions.NoArgsIsHelpError as exc:
            # 'treaty' alone: the help itself, as written, is the message (usage, exit 2).
            sys.stderr.write(exc.format_message().rstrip("\n") + "\n")
            sys.exit(ExitCode.USAGE_ERROR)
        except click.exceptions.UsageError as exc:
            hint = ""
            if exc.ctx is not None:
                hint = f" (see '{exc.ctx.command_path} --help')"
            _fail(exc.format_message() + hint, ExitCode.USAGE_ERROR)
        except click.exceptions.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except TreatyError as exc:
            _fail(str(exc), exc.exit_code)
        except _PipeClosed:
            _silence_stdout()
            sys.exit(ExitCode.OK)
        except (typer.Abort, KeyboardInterrupt):
            _fail("interrupted", 130)
        sys.exit(result if isinstance(result, int) else ExitCode.OK)


class TreatyCommand(TyperCommand):
    """A command whose help names its arguments by their metavar only: Typer would add the
    Python type (``TREATY <list[str]>``), which means nothing to the reader."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                label = param.metavar or (param.name or "").upper()
                arguments.append((label + ("..." if param.nargs != 1 else ""), record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


app = typer.Typer(
    cls=TreatyGroup,
    name=PROG,
    help="Answers about international treaties: signed when, in force, expiring, "
    "extendable until when, withdrawal dates, and their whole history. Offline; "
    "every date and rule names its source.",
    epilog=examples(
        "treaty list",
        "treaty extend-check 'New START' --as-of 2020-04-14",
        "treaty withdrawal inf --as-of 2019-02-02",
        "treaty upcoming --within 2y -o deadlines.ics",
    ),
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(name: str, summary: str, *example_lines: str) -> Callable[[F], F]:
    """Register a command with its one-line summary for the root help (it must fit there: at
    most 55 characters) and the examples its --help ends with."""
    if len(summary) > SUMMARY_WIDTH:
        raise ValueError(f"summary of {name!r} is longer than {SUMMARY_WIDTH} characters")
    return app.command(name, cls=TreatyCommand, short_help=summary, epilog=examples(*example_lines))


def parse_day(value: str) -> date:
    """``--as-of`` and friends: a full ISO date or ``today``; anything else is a usage error."""
    if isinstance(value, date):
        return value
    if value.strip().lower() == "today":
        return date.today()
    from treatycli.dates import parse_iso_date

    try:
        return parse_iso_date(value.strip())
    except ValueError as exc:
        raise typer.BadParameter(f"{exc}; expected YYYY-MM-DD or 'today'") from None


AsOf = Annotated[
    date | None,
    typer.Option(
        "--as-of",
        parser=parse_day,
        metavar="YYYY-MM-DD",
        help="Answer as of this day (YYYY-MM-DD or 'today'; default: today).",
        show_default=False,
    ),
]
JsonFlag = Annotated[
    bool, typer.Option("--json", help="Print the answer as one JSON document on stdout.")
]
Format = Annotated[
    ListingFormat | None,
    typer.Option(
        "--format",
        case_sensitive=False,
        help="Output format (default: table, or the --output file's extension). "
        "--json is --format json.",
        show_default=False,
    ),
]
CalendarFormatOption = Annotated[
    CalendarFormat | None,
    typer.Option(
        "--format",
        case_sensitive=False,
        help="Output format (default: table, or the --output file's extension); ics is "
        "iCalendar. --json is --format json.",
        show_default=False,
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (whole or not at all) instead of stdout; '-' is stdout. Without "
        "--format, .json .ndjson .csv .tsv (.ics) choose the format.",
        show_default=False,
    ),
]
NoHeaders = Annotated[bool, typer.Option("--no-headers", help="CSV or TSV without the header row.")]
NoPager = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Never page a long answer (default: page it on a terminal with $PAGER or less).",
    ),
]


def _completer(kind: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Shell completion of a kind of value from the dataset (see completion.VALUE_KINDS);
    the module is imported only when a shell asks."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from treatycli.completion import complete as from_dataset

        return from_dataset(kind)(ctx, incomplete)

    return complete


PartyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        metavar="STATE",
        help="A state: ISO code, name or alias (US, Russia, 'United States of America'); "
        "repeatable.",
        show_default=False,
        autocompletion=_completer("state"),
    ),
]
OneTreaty = Annotated[
    str,
    typer.Argument(
        metavar="TREATY",
        help="Treaty id, name or alias (any case).",
        autocompletion=_completer("treaty"),
    ),
]
Treaties = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="TREATY",
        help="Treaty ids, names or aliases (default: all).",
        show_default=False,
        autocompletion=_completer("treaty"),
    ),
]


def _chosen_format(fmt: Any, json: bool) -> str | None:
    """``--json`` is shorthand for ``--format json``; asking for both differently is an error.
    None when neither was given (the --output file's extension may decide)."""
    chosen = fmt.value if fmt is not None else None
    if json and chosen not in (None, "json"):
        raise typer.BadParameter(f"--json contradicts --format {chosen}", param_hint="'--json'")
    return "json" if json else chosen


def _destination(fmt: Any, json: bool, output: str | None, allowed: type[Enum]) -> Any:
    """Where a listing goes and as what; a file that cannot be written fails here, before
    any work is done."""
    from treatycli.output.destination import choose
    from treatycli.output.files import check_writable

    chosen = choose(_chosen_format(fmt, json), output, {f.value for f in allowed})
    if chosen.path is not None:
        check_writable(chosen.path)
    return chosen


def parse_window_option(value: str) -> str:
    from treatycli.rules.upcoming import parse_window

    try:
        return parse_window(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def parse_reminder_option(value: str) -> timedelta | None:
    from treatycli.output.ics import parse_reminder

    if isinstance(value, timedelta):
        return value
    try:
        return parse_reminder(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


class _State:
    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self._dataset: Any = None

    def dataset(self) -> Any:
        if self._dataset is None:
            from treatycli.dataset.load import load_dataset

            self._dataset = load_dataset(self.paths or None)
        return self._dataset


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            metavar="FILE",
            help="Use this dataset file instead of the built-in one (repeatable; "
            "also TREATY_DATA, paths joined by ':').",
            show_default=False,
            dir_okay=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    from treatycli.dataset.load import paths_from_environment

    paths = list(data) if data else paths_from_environment(os.environ.get("TREATY_DATA"))
    ctx.obj = _State(paths)


def _state(ctx: typer.Context) -> _State:
    state = ctx.find_object(_State)
    assert state is not None
    return state


def _day(as_of: date | None) -> date:
    return as_of if as_of is not None else date.today()


@command(
    "list",
    "Every treaty, one line each, with its status.",
    "treaty list",
    "treaty list --as-of 2020-04-14",
    "treaty list --format csv -o treaties.csv",
    "treaty list --party US --party Russia --as-of 2026-12-01",
)
def list_command(
    ctx: typer.Context,
    party: PartyOption = None,
    as_of: AsOf = None,
    fmt: Format = None,
    json: JsonFlag = False,
    output: Output = None,
    no_headers: NoHeaders = False,
    no_pager: NoPager = False,
) -> None:
    """The treaties, one line each, with their status on the as-of day and who has left a
    multilateral one (with --party: only those that bind every state named, that day)."""
    from treatycli import queries
    from treatycli.output import render
    from treatycli.output.destination import deliver

    destination = _destination(fmt, json, output, ListingFormat)
    answer = queries.list_treaties(_state(ctx).dataset(), _day(as_of), list(party or []))
    deliver(destination, render.list_listing(answer), headers=not no_headers, page=not no_pager)


def one_treaty_command(
    name: str,
    summary: str,
    help_text: str,
    examples_: tuple[str, ...],
    query: str,
    draw: str,
) -> None:
    """Register a command that answers one question about one treaty: ``queries.<query>``
    asked of the dataset, the treaty and the day, shown by ``render.<draw>`` or as JSON."""

    def run(
        ctx: typer.Context,
        treaty: OneTreaty,
        party: PartyOption = None,
        as_of: AsOf = None,
        json: JsonFlag = False,
        no_pager: NoPager = False,
    ) -> None:
        from treatycli import queries
        from treatycli.output import render

        dataset = _state(ctx).dataset()
        answer = getattr(queries, query)(dataset, treaty, _day(as_of), list(party or []))
        render.write_answer(answer, json, getattr(render, draw), page=not no_pager)

    run.__doc__ = help_text
    run.__name__ = f"{query}_command"
    command(name, summary, *examples_)(run)


one_treaty_command(
    "show",
    "One treaty in full: rules, events, sources.",
    "One treaty in full: names, parties, rules with their articles, events with their "
    "sources (the addresses listed whole at the end).",
    (
        "treaty show new-start",
        "treaty show 'New START Treaty' --as-of 2020-04-14",
        "treaty show npt --json | jq .assessment.status",
    ),
    query="show",
    draw="show_text",
)


@command(
    "timeline",
    "Every event in date order, recorded or derived.",
    "treaty timeline new-start",
    "treaty timeline inf abm --from 2000-01-01",
    "treaty timeline --format ndjson | head -2",
    "treaty timeline open-skies --party US",
    "treaty timeline ottawa --every-state --from 2025-01-01",
)
def timeline_command(
    ctx: typer.Context,
    treaties: Treaties = None,
    date_from: Annotated[
        date | None,
        typer.Option(
            "--from",
            parser=parse_day,
            metavar="YYYY-MM-DD",
            help="Only events on or after this day.",
            show_default=False,
        ),
    ] = None,
    date_to: Annotated[
        date | None,
        typer.Option(
            "--to",
            parser=parse_day,
            metavar="YYYY-MM-DD",
            help="Only events on or before this day.",
            show_default=False,
        ),
    ] = None,
    party: PartyOption = None,
    every_state: Annotated[
        bool,
        typer.Option(
            "--every-state",
            help="Keep every state's signature and instrument of a multilateral treaty "
            "(left out by default, and counted; 'treaty parties' tabulates them).",
        ),
    ] = False,
    as_of: AsOf = None,
    fmt: Format = None,
    json: JsonFlag = False,
    output: Output = None,
    no_headers: NoHeaders = False,
    no_pager: NoPager = False,
) -> None:
    """Every event of the chosen treaties in date order, recorded and derived told apart.
    States' signatures and instruments of multilateral treaties are left out and counted
    (--every-state keeps them; with --party: that state's events and the treaty-wide ones).
    The source column is short; 'treaty show' gives the full citation and address."""
    from treatycli import queries
    from treatycli.output import render
    from treatycli.output.destination import deliver

    if date_from and date_to and date_from > date_to:
        raise typer.BadParameter(f"--from {date_from} is after --to {date_to}")
    destination = _destination(fmt, json, output, ListingFormat)
    answer = queries.timeline(
        _state(ctx).dataset(),
        list(treaties or []),
        _day(as_of),
        date_from,
        date_to,
        list(party or []),
        every_state,
    )
    deliver(destination, render.timeline_listing(answer), headers=not no_headers, page=not no_pager)


one_treaty_command(
    "extend-check",
    "Can it be extended, until when, decided by when?",
    "Can it be extended, until when, and by when must the parties decide?",
    (
        "treaty extend-check new-start --as-of 2020-04-14",
        "treaty extend-check npt --json | jq .extension",
        "treaty extend-check open-skies --party Belarus",
    ),
    query="extend_check",
    draw="extend_check_text",
)
one_treaty_command(
    "withdrawal",
    "If a party gives notice, when is it out?",
    "If a party gave notice of withdrawal on the as-of day, when would it be out, under "
    "which article; and the notices already on record, party by party.",
    (
        "treaty withdrawal new-start --as-of 2020-04-14",
        "treaty withdrawal inf --as-of 2019-02-02",
        "treaty withdrawal outer-space --json | jq .withdrawal.effective_if_notice_on_as_of",
        "treaty withdrawal open-skies --party Belarus --as-of 2026-12-01",
    ),
    query="withdrawal",
    draw="withdrawal_text",
)


@command(
    "validate",
    "Check dataset files; every problem as FILE:LINE.",
    "treaty validate my-treaties.yaml",
    "treaty --data extra.yaml validate --json",
)
def validate_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE",
            help="Dataset files to check (default: --data, TREATY_DATA, or the built-in one).",
            show_default=False,
        ),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Check dataset files: every problem as FILE:LINE, exit 1 if there is any."""
    from treatycli import queries
    from treatycli.dataset.load import builtin_data_path
    from treatycli.output import render

    paths = list(files or []) or _state(ctx).paths or [builtin_data_path()]
    answer = queries.validate(paths)
    if json:
        render.write_json(answer)
    else:
        render.validate_text(answer)
    if not answer.valid:
        raise typer.Exit(ExitCode.DATA_ERROR)


@command(
    "upcoming",
    "Deadlines ahead: expiries, extensions, notices.",
    "treaty upcoming --within 2y",
    "treaty upcoming new-start --as-of 2020-04-14 --within 18m",
    "treaty upcoming --within 5y -o deadlines.ics --remind 2w",
)
def upcoming_command(
    ctx: typer.Context,
    treaties: Treaties = None,
    within: Annotated[
        str,
        typer.Option(
            "--within",
            parser=parse_window_option,
            metavar="PERIOD",
            help="How far ahead to look: 2y, 18m, 90d, 6w or ISO P2Y.",
        ),
    ] = "1y",
    party: PartyOption = None,
    as_of: AsOf = None,
    fmt: CalendarFormatOption = None,
    json: JsonFlag = False,
    output: Output = None,
    no_headers: NoHeaders = False,
    remind: Annotated[
        timedelta | None,
        typer.Option(
            "--remind",
            parser=parse_reminder_option,
            metavar="PERIOD",
            help="iCalendar: a reminder this long before each deadline: 30d, 2w, P30D, "
            "0 (on the day) or none.",
        ),
    ] = "30d",  # type: ignore[assignment]  # Typer parses the default too
    no_pager: NoPager = False,
) -> None:
    """Deadlines ahead: expiries, last days to agree an extension, notices taking effect.
    As iCalendar, each is an all-day event with a reminder and the treaty text's address."""
    from treatycli import queries
    from treatycli.output import render
    from treatycli.output.destination import deliver

    destination = _destination(fmt, json, output, CalendarFormat)
    answer = queries.upcoming(
        _state(ctx).dataset(), list(treaties or []), _day(as_of), within, list(party or [])
    )

    def write_calendar(out: IO[str]) -> None:
        from treatycli.output.ics import calendar_text

        out.write(calendar_text(answer, remind))

    deliver(
        destination,
        render.upcoming_listing(answer),
        headers=not no_headers,
        page=not no_pager,
        writers={"ics": write_calendar},
    )


def _day_or_year(value: str, end: bool) -> date:
    """``chart --from``/``--to``: a day (YYYY-MM-DD or 'today') or a whole year (YYYY), which
    starts on 1 January for --from and ends on 31 December for --to."""
    if isinstance(value, date):
        return value
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) <= 4:
        year = int(text)
        if not 1 <= year <= 9999:
            raise typer.BadParameter(f"year {year} is outside 1 to 9999")
        return date(year, 12, 31) if end else date(year, 1, 1)
    try:
        return parse_day(text)
    except typer.BadParameter:
        raise typer.BadParameter(
            f"{value!r} is neither a day (YYYY-MM-DD, or 'today') nor a year (YYYY)"
        ) from None


def _chart_from(value: str) -> date:
    return _day_or_year(value, end=False)


def _chart_to(value: str) -> date:
    return _day_or_year(value, end=True)


@command(
    "chart",
    "Each treaty's life as a bar on a shared time axis.",
    "treaty chart",
    "treaty chart start-1 start-2 new-start --from 1990 --to 2030",
    "treaty chart --svg treaties.svg --width 1200",
    "treaty chart --json > chart.json",
)
def chart_command(
    ctx: typer.Context,
    treaties: Treaties = None,
    as_of: AsOf = None,
    date_from: Annotated[
        date | None,
        typer.Option(
            "--from",
            parser=_chart_from,
            metavar="DAY|YEAR",
            help="Start the axis on this day (YYYY-MM-DD) or year (YYYY: its 1 January).",
            show_default=False,
        ),
    ] = None,
    date_to: Annotated[
        date | None,
        typer.Option(
            "--to",
            parser=_chart_to,
            metavar="DAY|YEAR",
            help="End the axis on this day (YYYY-MM-DD) or year (YYYY: its 31 December).",
            show_default=False,
        ),
    ] = None,
    svg: Annotated[
        Path | None,
        typer.Option(
            "--svg",
            metavar="FILE",
            help="Write the chart as an SVG figure (instead of drawing it in the terminal).",
            show_default=False,
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Write a self-contained HTML page showing the figure.",
            show_default=False,
        ),
    ] = None,
    png: Annotated[
        Path | None,
        typer.Option(
            "--png",
            metavar="FILE",
            help="Write the figure as a PNG image at twice --width, for slides "
            "(needs treatycli[png]).",
            show_default=False,
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            metavar="PIXELS",
            min=480,
            max=8000,
            help="The figure's width in pixels (default 960); its height follows the rows.",
            show_default=False,
        ),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Each treaty's life as a bar on a shared axis of days, the as-of day marked."""
    from treatycli import queries

    if date_from and date_to and date_from > date_to:
        raise typer.BadParameter(f"--from {date_from} is after --to {date_to}")
    files = [(kind, path) for kind, path in (("svg", svg), ("html", html), ("png", png)) if path]
    if width is not None and not files:
        raise typer.BadParameter(
            "--width sets the figure's width: give --svg, --html or --png", param_hint="'--width'"
        )
    if files:
        from treatycli.output.files import check_writable

        for _, target in files:
            check_writable(target)
    day = _day(as_of)
    answer = queries.chart(_state(ctx).dataset(), list(treaties or []), day, date_from, date_to)
    if files:
        from treatycli.output.figure_files import write_figures

        for line in write_figures(answer, files, width):
            sys.stderr.write(line + "\n")
    from treatycli.output import render

    if json:
        render.write_json(answer)
    elif not files:
        from treatycli.output.chart import text_chart
        from treatycli.output.screen import Screen

        screen = Screen()
        render.chart_view(text_chart(answer, screen.width), screen, f"Treaties' lives as of {day}")


@command(
    "parties",
    "Who is bound: each state's standing and dates.",
    "treaty parties open-skies --as-of 2026-12-01",
    "treaty parties npt --json | jq '.parties[] | select(.bound) | .state'",
)
def parties_command(
    ctx: typer.Context,
    treaty: OneTreaty,
    as_of: AsOf = None,
    fmt: Format = None,
    json: JsonFlag = False,
    output: Output = None,
    no_headers: NoHeaders = False,
    no_pager: NoPager = False,
) -> None:
    """Every state with recorded acts: signatory, party (since when, by what instrument),
    suspended, withdrawal pending, withdrawn, ratification revoked; bound that day or not,
    beside the treaty's own status."""
    from treatycli import queries
    from treatycli.output import render
    from treatycli.output.destination import deliver

    destination = _destination(fmt, json, output, ListingFormat)
    answer = queries.parties(_state(ctx).dataset(), treaty, _day(as_of))
    deliver(destination, render.parties_listing(answer), headers=not no_headers, page=not no_pager)


@command(
    "migrate",
    "Rewrite a version-1 data file as version 2.",
    "treaty migrate old.yaml -o new.yaml",
    "treaty migrate old.yaml",
)
def migrate_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A version-1 data file.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the version-2 file here (default: rewrite FILE in place).",
            show_default=False,
        ),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Rewrite a version-1 data file in format version 2 (comments and layout kept); nothing
    is written while the result would not be valid, and what to add is listed instead."""
    from treatycli.dataset.load import read_text
    from treatycli.dataset.migrate import migrate_text
    from treatycli.output.files import check_writable, write_atomic
    from treatycli.output.render import inert, plural, write_json
    from treatycli.rules.answers import MigrateAnswer, ProblemAnswer

    target = output or file
    check_writable(target)
    migration = migrate_text(str(file), read_text(file))
    if not migration.problems:
        write_atomic(target, migration.text)
    answer = MigrateAnswer(
        file=str(file),
        written_to=None if migration.problems else str(target),
        renamed_keys=migration.renamed,
        problems=[
            ProblemAnswer(file=p.file, line=p.line, message=p.message) for p in migration.problems
        ],
    )
    if json:
        write_json(answer)
    else:
        for problem in migration.problems:
            sys.stdout.write(inert(str(problem)) + "\n")
    if migration.problems:
        sys.stderr.write(
            f"{PROG}: {plural(len(migration.problems), 'thing')} to add before {file} is valid "
            "in version 2 (nothing written)\n"
        )
        raise typer.Exit(ExitCode.DATA_ERROR)
    renamed = plural(migration.renamed, "key")
    sys.stderr.write(f"{PROG}: wrote {target} (schema_version 2, {renamed} renamed)\n")


SCHEMA_COMMANDS = (
    "list",
    "show",
    "timeline",
    "extend-check",
    "withdrawal",
    "upcoming",
    "chart",
    "parties",
    "validate",
    "migrate",
    "data",
)


def _complete_schema(incomplete: str) -> list[str]:
    return [name for name in SCHEMA_COMMANDS if name.startswith(incomplete)]


@command(
    "schema",
    "The JSON Schema of a command's --json output.",
    "treaty schema upcoming",
    "treaty schema data > treaties.schema.json",
)
def schema_command(
    command: Annotated[
        str,
        typer.Argument(
            metavar="CMD",
            help="The command whose --json output to describe: "
            + ", ".join(SCHEMA_COMMANDS)
            + " ('data' describes the dataset file).",
            autocompletion=_complete_schema,
        ),
    ],
    json: Annotated[
        bool, typer.Option("--json", help="Accepted for symmetry: the schema is JSON already.")
    ] = False,
) -> None:
    """The JSON Schema of a command's --json output, generated from its answer model."""
    import json as json_module

    from treatycli.queries import json_schema

    if command not in SCHEMA_COMMANDS:
        raise typer.BadParameter(
            f"{command!r} is not one of {', '.join(SCHEMA_COMMANDS)}", param_hint="'CMD'"
        )
    sys.stdout.write(json_module.dumps(json_schema(command), indent=2, ensure_ascii=False))
    sys.stdout.write("\n")


# --- treaty cache: the compiled store of validated datasets ---------------------------------


class CacheAction(StrEnum):
    info = "info"
    clear = "clear"


@command(
    "cache",
    "The store that makes later runs fast: show or clear it",
    "treaty cache",
    "treaty cache info --json",
    "treaty cache clear",
)
def cache_command(
    action: Annotated[
        CacheAction,
        typer.Argument(
            metavar="ACTION",
            help="info: where the store is, whether it is used (and if not, why), its size "
            "and what it holds; clear: delete every file it wrote, and nothing else (it is "
            "rebuilt when next needed).",
        ),
    ] = CacheAction.info,
    json: JsonFlag = False,
) -> None:
    """The store of validated datasets in the user cache folder (TREATY_CACHE_DIR moves it,
    TREATY_NO_CACHE=1 turns it off): show it, or clear it."""
    from treatycli.dataset import store
    from treatycli.output.storeinfo import write_cleared, write_store_info

    if action is CacheAction.clear:
        write_cleared(*store.clear(), json)
    else:
        write_store_info(store.describe(), json)


def main() -> None:
    """Console-script entry point. An unexpected exception is a bug: say so in one line."""
    # A run lives for one answer and builds no reference cycles worth collecting; the cyclic
    # collector only re-walks the dataset's objects (about a fifth of a 10,000-treaty run).
    gc.disable()
    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:
        _fail(f"internal error, please report it: {type(exc).__name__}: {exc}", 70)
    finally:
        # The interpreter's shutdown still runs one full collection over every object the
        # run made; frozen objects are not examined. bench/compare.py, warm extend-check:
        # 257 -> 212 ms of CPU (0.83x), timeline 273 -> 228 ms.
        gc.freeze()
