"""Hostile input: whatever a file holds, loading it gives a Dataset or a located DataError.

Property tests with Hypothesis. Arbitrary text and bytes, and YAML documents built from random
nested values mixed with mutations of a valid minimal dataset (keys dropped, types changed,
impossible dates, odd durations, unknown keys, extra events), are loaded and must either load
or fail with :class:`DataError` whose every problem names the file and a line inside it. The
same files are run through the CLI, which must answer (exit 0) or report a data error in one
line (exit 1), never crash.

Any other exception is a bug in the loader or the rules, not in these tests.
"""

from __future__ import annotations

import contextlib
import copy
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.cli import app
from treatycli.dataset.catalog import Dataset
from treatycli.dataset.load import load_dataset
from treatycli.errors import DataError
from treatycli.model.treaty import EventType

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CLI_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- Writing a file and checking the either/or -------------------------------------------


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """One file, rewritten for every example (function-scoped tmp_path does not mix with @given)."""
    with tempfile.TemporaryDirectory(prefix="treaty-props-") as folder:
        yield Path(folder) / "data.yaml"


def line_count(raw: bytes) -> int:
    """Lines in a file, counted generously: every line break YAML or Python knows of."""
    count = len(raw.splitlines())
    with contextlib.suppress(UnicodeDecodeError):
        count = max(count, len(raw.decode("utf-8").splitlines()))
    return count


def load_or_data_error(path: Path, raw: bytes) -> Dataset | None:
    """Write ``raw`` to ``path`` and load it: a Dataset, or None after checking the DataError.

    Any exception other than DataError propagates and fails the test.
    """
    path.write_bytes(raw)
    try:
        return load_dataset([path])
    except DataError as exc:
        limit = line_count(raw) + 1
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == str(path), problem
            assert problem.line is None or (
                type(problem.line) is int and 1 <= problem.line <= limit
            ), f"line {problem.line!r} outside 1..{limit}: {problem}"
            assert isinstance(problem.message, str) and problem.message.strip(), problem
        return None


class _PlainDumper(yaml.SafeDumper):
    """Writes shared objects out in full: datasets refuse YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(document: Any) -> bytes:
    text = yaml.dump(document, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True)
    return text.encode("utf-8")


# --- Strategies: raw text and bytes ------------------------------------------------------

VALID_TEXT = dump(dataset_document(minimal_treaty())).decode("utf-8")

YAML_TOKENS = [
    "\n",
    "  ",
    "    ",
    "- ",
    ": ",
    ":",
    "-",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "#",
    "|",
    "|-",
    ">",
    "&a ",
    "*a",
    "!",
    "!!str ",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!!map ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!timestamp ",
    "!!null ",
    "!!python/object/apply:os.system ",
    "!<tag:yaml.org,2002:int> ",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "---\n",
    "...\n",
    "<<: ",
    "~",
    "null",
    ".inf",
    ".nan",
    "0x1F",
    "1e999",
    "-0",
    "yes",
    "no",
    "2010-02-30",
    "2010-04-08",
    "9999-12-31",
    "0001-01-01",
    "2010-04-08T12:00:00",
    "P10Y",
    "P0D",
    "-P3M",
    "P99999999Y",
    "schema_version: 1\n",
    "schema_version: 2\n",
    "treaties:\n",
    "treaties: []\n",
    "id: test-treaty\n",
    "events:\n",
    "\t",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\u202e",
    "\ud7ff",
    "\U0001f600",
    "СНВ-3",
    "\\",
    "\\x00",
    "\\u2028",
    # invisible and look-alike characters, numbers past Python's digit limit
    "\u00ad",
    "\u200c",
    "\u200d",
    "\u2060",
    "\U000e0041",
    "\u3164",
    "\u0405\u0422\u0410",
    "\u094d",
    "e\u0301",
    "新戦略",
    "1" * 4400,
    "-1+1+cmd|",
]

control_chars = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(
    ["\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e", "\u00ad", "\U000e0041"]
)
yaml_punctuation = st.sampled_from(list("-:?[]{},'\"#|>&*!%@`~\\ \n\t"))

arbitrary_text = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=200),
    st.text(alphabet=control_chars | yaml_punctuation | st.characters(codec="utf-8"), max_size=200),
    st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=4), max_size=80).map("".join),
)


@st.composite
def spliced_valid_text(draw: st.DrawFn) -> str:
    """The valid minimal dataset with a few pieces cut, repeated or inserted."""
    text = VALID_TEXT
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if action == "insert":
            piece = draw(st.sampled_from(YAML_TOKENS) | st.text(max_size=6))
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        else:
            end = min(len(text), at + draw(st.integers(1, 80)))
            text = text[:end] + text[at:end] + text[end:]
    return text


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    raw = bytearray(VALID_TEXT.encode("utf-8"))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(raw) - 1))
        raw[at] = draw(st.integers(0, 255))
    return bytes(raw)


arbitrary_bytes = st.one_of(st.binary(max_size=300), mutated_bytes())


# --- Strategies: YAML documents ----------------------------------------------------------

KNOWN_KEYS = [
    "schema_version",
    "treaties",
    "id",
    "short_name",
    "full_name",
    "aliases",
    "kind",
    "parties",
    "depositaries",
    "text",
    "notes",
    "rules",
    "events",
    "term",
    "extension",
    "withdrawal",
    "entry_into_force",
    "type",
    "length",
    "ends_on",
    "treaty",
    "article",
    "quote",
    "decided_by",
    "max_period",
    "period",
    "times",
    "indefinite_allowed",
    "consider_before",
    "notice",
    "counted_from",
    "condition",
    "notice_may_set_later_date",
    "earliest_notice_after_entry_into_force",
    "date",
    "party",
    "place",
    "until",
    "indefinitely",
    "by",
    "disputed",
    "note",
    "source",
    "title",
    "publisher",
    "url",
    "status",
    "expiry_dat",
]
EVENT_TYPES = list(get_args(EventType))  # the model's own closed vocabulary
TERM_TYPES = [
    "fixed_length",
    "fixed_end",
    "until_conference",
    "tied_to",
    "unlimited",
    "unspecified",
]

bad_dates = st.sampled_from(
    [
        "2010-02-30",
        "2011-02-29",
        "2010-13-01",
        "2010-00-10",
        "0000-01-01",
        "2010-4-8",
        "20100408",
        "2010-04",
        "2010",
        "2010-04-08T00:00:00",
        "2010-04-08 ",
        " 2010-04-08",
        "yesterday",
        "today",
        "٢٠١٠-٠٤-٠٨",
        "２０１０-０４-０８",
        "-2010-04-08",
        "+2010-04-08",
    ]
)
dates = st.one_of(
    st.dates().map(date.isoformat),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "9999-01-01", "0001-12-31"]),
    bad_dates,
    st.dates(),
    st.datetimes(),
)
durations = st.one_of(
    st.from_regex(r"P([0-9]{1,3}Y)?([0-9]{1,3}M)?([0-9]{1,2}W)?([0-9]{1,4}D)?", fullmatch=True),
    st.from_regex(r"P([0-9]{4,12}Y)?([0-9]{4,12}M)?([0-9]{5,12}D)?", fullmatch=True),
    st.sampled_from(
        [
            "P0D",
            "P0Y0M",
            "-P3M",
            "P-3M",
            "PT5H",
            "P1.5Y",
            "P",
            "",
            "P10y",
            "p10Y",
            "10 years",
            "P99999999Y",
            "P3650000D",
            "P10Y ",
            "P1Y2M3W4D",
            "P１０Y",
        ]
    ),
)
words = st.sampled_from(["", " ", "none", "null", "yes", "Article", "x" * 300, "\u202e"])
keys = st.one_of(
    st.sampled_from(KNOWN_KEYS), st.text(max_size=12), st.integers(), st.booleans(), st.none()
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.text(max_size=20),
    words,
    dates,
    durations,
    st.sampled_from(EVENT_TYPES + TERM_TYPES + ["bilateral", "multilateral", "agreement"]),
    st.binary(max_size=8),
)
junk = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=12,
)
interesting = st.one_of(junk, dates, durations, bad_dates, words, scalars)


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    """A treaty-shaped event of any type, with fields that may or may not fit the type."""
    event: dict[str, Any] = {"type": draw(st.sampled_from(EVENT_TYPES)), "date": draw(dates)}
    if draw(st.booleans()):
        event["party"] = draw(st.sampled_from(["Alpha", "Beta", "Gamma"]))
    if draw(st.booleans()):
        event["until"] = draw(dates)
    if draw(st.booleans()):
        event["indefinitely"] = draw(st.booleans())
    if draw(st.booleans()):
        event["by"] = draw(st.sampled_from(["test-treaty", "other-treaty", "Not An Id"]))
    if draw(st.booleans()):
        event["disputed"] = "contested"
    event["source"] = copy.deepcopy(SOURCE)
    return event


def unshared(node: Any) -> Any:
    """A copy with no object in two places (deepcopy keeps the events' shared source shared)."""
    if isinstance(node, dict):
        return {key: unshared(value) for key, value in node.items()}
    if isinstance(node, list):
        return [unshared(value) for value in node]
    return node


def _positions(node: Any, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) in a document, parents before children."""
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((node, key))
            _positions(value, found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((node, index))
            _positions(value, found)
    return found


def _containers(node: Any, found: list[Any]) -> list[Any]:
    if isinstance(node, dict | list):
        found.append(node)
        for value in node.values() if isinstance(node, dict) else node:
            _containers(value, found)
    return found


MUTATIONS = ["drop", "replace", "replace", "unknown_key", "duplicate", "event", "treaty", "rule"]


@st.composite
def treaty_documents(draw: st.DrawFn) -> Any:
    """A valid minimal dataset, changed in up to six random ways; sometimes pure junk."""
    if draw(st.integers(0, 9)) == 0:
        return draw(junk)
    document = unshared(dataset_document(minimal_treaty()))
    for _ in range(draw(st.integers(0, 6))):
        mutation = draw(st.sampled_from(MUTATIONS))
        if mutation in {"drop", "replace"}:
            positions = _positions(document, [])
            if not positions:
                continue
            container, key = draw(st.sampled_from(positions))
            if mutation == "drop":
                del container[key]
            else:
                container[key] = draw(interesting)
        elif mutation == "unknown_key":
            dicts = [c for c in _containers(document, []) if isinstance(c, dict)]
            if dicts:
                draw(st.sampled_from(dicts))[draw(keys)] = draw(interesting)
        elif mutation == "duplicate":
            lists = [c for c in _containers(document, []) if isinstance(c, list) and c]
            if lists:
                chosen = draw(st.sampled_from(lists))
                chosen.append(unshared(draw(st.sampled_from(chosen))))
        elif mutation == "event":
            _event_lists(document, draw).append(draw(events()))
        elif mutation == "treaty":
            treaties = document.get("treaties") if isinstance(document, dict) else None
            if isinstance(treaties, list):
                other = minimal_treaty(id=draw(st.sampled_from(["other-treaty", "test-treaty"])))
                treaties.append(unshared(other))
        else:
            _mutate_rules(document, draw)
    return document


def _treaties(document: Any) -> list[dict[str, Any]]:
    treaties = document.get("treaties") if isinstance(document, dict) else None
    if not isinstance(treaties, list):
        return []
    return [t for t in treaties if isinstance(t, dict)]


def _event_lists(document: Any, draw: st.DrawFn) -> list[Any]:
    treaties = _treaties(document)
    if not treaties:
        return []
    treaty = draw(st.sampled_from(treaties))
    if not isinstance(treaty.get("events"), list):
        treaty["events"] = []
    return treaty["events"]


def _mutate_rules(document: Any, draw: st.DrawFn) -> None:
    """Rules that are well-formed but extreme: huge or tiny periods, other term types."""
    treaties = _treaties(document)
    if not treaties:
        return
    rules = draw(st.sampled_from(treaties)).setdefault("rules", {})
    if not isinstance(rules, dict):
        return
    term = rules.setdefault("term", {"article": "Article 9.2"})
    if isinstance(term, dict):
        term["type"] = draw(st.sampled_from(TERM_TYPES))
        term.pop("length", None)
        if term["type"] in {"fixed_length", "until_conference"}:
            term["length"] = draw(durations)
        elif term["type"] == "fixed_end":
            term["ends_on"] = draw(dates)
        elif term["type"] == "tied_to":
            term["treaty"] = draw(st.sampled_from(["other-treaty", "test-treaty"]))
    extension = rules.get("extension")
    if isinstance(extension, dict):
        extension[draw(st.sampled_from(["max_period", "period", "consider_before"]))] = draw(
            durations
        )
        extension["times"] = draw(st.none() | st.integers(-2, 5) | st.integers())
    withdrawal = rules.get("withdrawal")
    if isinstance(withdrawal, dict):
        withdrawal["notice"] = draw(durations)
        if draw(st.booleans()):
            withdrawal["earliest_notice_after_entry_into_force"] = draw(durations)


# --- (a) arbitrary text and bytes --------------------------------------------------------

UNHASHABLE_KEY = b"{[a]: 1}\n"
"""A flow sequence as a mapping key: the duplicate-key check hashed it (TypeError, fixed)."""

BAD_TAGGED_SCALARS = [
    "!!int x\n",  # ValueError from int()
    "!!int \n",  # IndexError in construct_yaml_int
    "!!int +\n",  # IndexError
    "v: !!int 0[]\n",  # ValueError: invalid literal for int() with base 8
    "a: !!float ''\n",  # IndexError in construct_yaml_float
    "!!float  T\n",  # ValueError from float()
    "!!bool x\n",  # KeyError
    "!!timestamp x\n",  # AttributeError: the regexp did not match
    "!!timestamp 2010-02-30\n",  # ValueError: day is out of range for month
]
"""Explicit standard tags on scalars they cannot read. Up to 2dcc905 PyYAML's safe constructors
raised plain Python exceptions here, not YAMLError, and the loader let them escape (found by
the fuzzer and by these tests); 1097f13 reads libyaml's events instead."""


def _with_examples(values: list[Any], name: str) -> Any:
    def decorate(test: Any) -> Any:
        for value in reversed(values):
            test = example(**{name: value})(test)
        return test

    return decorate


@SETTINGS
@given(text=arbitrary_text | spliced_valid_text())
@example(text=UNHASHABLE_KEY.decode())
@example(text="? - x\n: 1\n")
@_with_examples(BAD_TAGGED_SCALARS, "text")
def test_any_text_loads_or_is_a_located_data_error(scratch: Path, text: str) -> None:
    load_or_data_error(scratch, text.encode("utf-8"))


@SETTINGS
@given(raw=arbitrary_bytes)
@example(raw=UNHASHABLE_KEY)
@example(raw=b"schema_version: !!int ''\n")
def test_any_bytes_load_or_are_a_located_data_error(scratch: Path, raw: bytes) -> None:
    load_or_data_error(scratch, raw)


# --- (b) YAML documents: junk and mutated treaties ---------------------------------------

HUGE_NOTICE = dataset_document(
    minimal_treaty(
        rules={
            "term": {"type": "unlimited", "article": "Article 9.2"},
            "withdrawal": {"notice": "P99999Y", "article": "Article 9.3"},
        },
        events=[
            {"type": "signed", "date": "2010-04-08", "source": SOURCE},
            {"type": "entered_into_force", "date": "2011-02-05", "source": SOURCE},
            {"type": "withdrawal_notice", "date": "2019-02-02", "party": "Alpha", "source": SOURCE},
            {
                "type": "withdrawal_effective",
                "date": "2019-05-02",
                "party": "Alpha",
                "source": SOURCE,
            },
        ],
    )
)
"""A withdrawal notice whose period runs past year 9999: date arithmetic overflows in the loader."""


@SETTINGS
@given(document=treaty_documents())
@example(document=HUGE_NOTICE)
def test_yaml_documents_load_or_are_a_located_data_error(scratch: Path, document: Any) -> None:
    load_or_data_error(scratch, dump(document))


def test_generated_documents_include_valid_ones(scratch: Path) -> None:
    """The mutations keep some documents valid, so the properties also cover what loads."""
    loaded = 0

    @settings(max_examples=100, deadline=None, database=None)
    @given(document=treaty_documents())
    def count(document: Any) -> None:
        nonlocal loaded
        if load_or_data_error(scratch, dump(document)) is not None:
            loaded += 1

    count()
    assert loaded > 0


# --- The CLI on the same files -----------------------------------------------------------

HUGE_TERM = dataset_document(
    minimal_treaty(
        rules={"term": {"type": "fixed_length", "length": "P99999Y", "article": "Article 9.2"}}
    )
)
"""Loads (no check computes the expiry), but ``list`` computes it: past year 9999."""

LATE_ENTRY = dataset_document(
    minimal_treaty(
        events=[
            {"type": "signed", "date": "9995-04-08", "source": SOURCE},
            {"type": "entered_into_force", "date": "9995-05-01", "source": SOURCE},
        ]
    )
)
"""A real date, entry into force in 9995 with a 10-year term: the expiry is past year 9999."""


def check_cli(path: Path, raw: bytes, args: list[str], codes: set[int]) -> None:
    path.write_bytes(raw)
    runner = CliRunner()
    result = runner.invoke(
        app, ["--data", str(path), *args], env={"TREATY_DATA": "", "COLUMNS": "200"}
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}"
    )
    assert result.exit_code in codes, (result.exit_code, result.stderr)
    if result.exit_code == 0:
        assert result.stderr == ""
    else:
        assert result.stderr.startswith("treaty: error: "), result.stderr
        assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr


files = st.one_of(
    treaty_documents().map(dump),
    treaty_documents().map(dump),
    (arbitrary_text | spliced_valid_text()).map(lambda text: text.encode("utf-8")),
    arbitrary_bytes,
)


@CLI_SETTINGS
@given(raw=files)
@example(raw=UNHASHABLE_KEY)
@example(raw=BAD_TAGGED_SCALARS[0].encode())
@example(raw=dump(HUGE_TERM))
@example(raw=dump(LATE_ENTRY))
def test_cli_list_answers_or_reports_one_line(scratch: Path, raw: bytes) -> None:
    check_cli(scratch, raw, ["list", "--as-of", "2020-01-01"], {0, 1})


@CLI_SETTINGS
@given(raw=files, command=st.sampled_from(["timeline", "extend-check", "show"]))
@example(raw=dump(HUGE_TERM), command="extend-check")
def test_cli_other_commands_answer_or_report_one_line(
    scratch: Path, raw: bytes, command: str
) -> None:
    args = [command, "--as-of", "2020-01-01"]
    if command != "timeline":
        args.insert(1, "test-treaty")  # may be missing from a mutated file: a usage error, 2
    check_cli(scratch, raw, args, {0, 1, 2})


def test_datetime_values_are_refused_not_crashed(scratch: Path) -> None:
    """A date written with a time dumps as a YAML timestamp; it stays text and is refused."""
    document = dataset_document(minimal_treaty())
    document["treaties"][0]["events"][0]["date"] = datetime(2010, 4, 8, 12, 0)
    assert load_or_data_error(scratch, dump(document)) is None
