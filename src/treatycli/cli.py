"""The ``treaty`` command line: parse arguments, ask one query, hand the answer to a renderer.

No date arithmetic and no formatting decisions live here. Every expected failure is a
TreatyError or a usage error, turned into one line on stderr (``treaty: error: …``) with a
named exit code in one place, :class:`TreatyGroup.main`.
"""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer import _click as click
from typer.core import TyperGroup

from treatycli import __version__
from treatycli.errors import ExitCode, TreatyError
from treatycli.output.formats import CalendarFormat, ListingFormat

PROG = "treaty"

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


app = typer.Typer(
    cls=TreatyGroup,
    name=PROG,
    help="Answers about international treaties: signed when, in force, expiring, "
    "extendable until when, withdrawal dates, and their whole history. Offline; "
    "every date and rule names its source.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
        help="Output format (default: table). --json is --format json.",
        show_default=False,
    ),
]
CalendarFormatOption = Annotated[
    CalendarFormat | None,
    typer.Option(
        "--format",
        case_sensitive=False,
        help="Output format (default: table); ics writes an iCalendar file. "
        "--json is --format json.",
        show_default=False,
    ),
]
OneTreaty = Annotated[
    str, typer.Argument(metavar="TREATY", help="Treaty id, name or alias (any case).")
]
Treaties = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="TREATY",
        help="Treaty ids, names or aliases (default: all).",
        show_default=False,
    ),
]


def _format(fmt: Any, json: bool) -> str:
    """``--json`` is shorthand for ``--format json``; asking for both differently is an error."""
    chosen = fmt.value if fmt is not None else None
    if json and chosen not in (None, "json"):
        raise typer.BadParameter(f"--json contradicts --format {chosen}", param_hint="'--json'")
    return "json" if json else (chosen or "table")


def parse_window_option(value: str) -> str:
    from treatycli.rules.upcoming import parse_window

    try:
        return parse_window(value)
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


@app.command("list")
def list_command(
    ctx: typer.Context, as_of: AsOf = None, fmt: Format = None, json: JsonFlag = False
) -> None:
    """The treaties, one line each, with their status on the as-of day."""
    from treatycli import queries
    from treatycli.output import render
    from treatycli.rules.answers import ListRow

    answer = queries.list_treaties(_state(ctx).dataset(), _day(as_of))
    render.write_rows(
        answer,
        answer.treaties,
        ListRow,
        _format(fmt, json),
        lambda screen: render.list_table(answer, screen),
    )


@app.command("show")
def show_command(
    ctx: typer.Context,
    treaty: OneTreaty,
    as_of: AsOf = None,
    json: JsonFlag = False,
) -> None:
    """One treaty in full: names, parties, rules with their articles, events with sources."""
    from treatycli import queries
    from treatycli.output import render

    answer = queries.show(_state(ctx).dataset(), treaty, _day(as_of))
    render.write_answer(answer, json, render.show_text)


@app.command("timeline")
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
    as_of: AsOf = None,
    fmt: Format = None,
    json: JsonFlag = False,
) -> None:
    """Every event of the chosen treaties in date order, recorded and derived told apart."""
    from treatycli import queries
    from treatycli.output import render
    from treatycli.rules.answers import TimelineEvent

    if date_from and date_to and date_from > date_to:
        raise typer.BadParameter(f"--from {date_from} is after --to {date_to}")
    answer = queries.timeline(
        _state(ctx).dataset(), list(treaties or []), _day(as_of), date_from, date_to
    )
    render.write_rows(
        answer,
        answer.events,
        TimelineEvent,
        _format(fmt, json),
        lambda screen: render.timeline_table(answer, screen, show_treaty=len(answer.treaties) > 1),
    )


@app.command("extend-check")
def extend_check_command(
    ctx: typer.Context,
    treaty: OneTreaty,
    as_of: AsOf = None,
    json: JsonFlag = False,
) -> None:
    """Can it be extended, until when, and by when must the parties decide?"""
    from treatycli import queries
    from treatycli.output import render

    answer = queries.extend_check(_state(ctx).dataset(), treaty, _day(as_of))
    render.write_answer(answer, json, render.extend_check_text)


@app.command("validate")
def validate_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
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


@app.command("upcoming")
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
    ] = "P1Y",
    as_of: AsOf = None,
    fmt: CalendarFormatOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the answer to this file (whole or not at all) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Deadlines ahead: expiries, last days to agree an extension, notices taking effect."""
    from treatycli import queries
    from treatycli.output import render
    from treatycli.rules.answers import Deadline

    kind = _format(fmt, json)
    if output is not None:
        from treatycli.output.files import check_writable

        check_writable(output)
    answer = queries.upcoming(_state(ctx).dataset(), list(treaties or []), _day(as_of), within)

    def draw() -> None:
        render.write_rows(
            answer,
            answer.deadlines,
            Deadline,
            kind,
            lambda screen: render.upcoming_table(answer, screen),
        )

    if kind == "ics":
        from treatycli.output.ics import calendar_text

        text = calendar_text(answer)
    elif output is not None:
        text = render.capture(draw)
    else:
        draw()
        return
    if output is not None:
        from treatycli.output.files import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)


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


@app.command("chart")
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


SCHEMA_COMMANDS = (
    "list",
    "show",
    "timeline",
    "extend-check",
    "upcoming",
    "chart",
    "validate",
    "data",
)


@app.command("schema")
def schema_command(
    command: Annotated[
        str,
        typer.Argument(
            metavar="CMD",
            help="The command whose --json output to describe: "
            + ", ".join(SCHEMA_COMMANDS)
            + " ('data' describes the dataset file).",
        ),
    ],
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
