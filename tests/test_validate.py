"""`treaty validate`: every problem of a broken copy of the built-in data, each at its line."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import parse_json
from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.dataset.load import builtin_data_path
from treatycli.errors import ExitCode

Invoke = Callable[..., Any]


def test_builtin_data_is_valid(invoke: Invoke, builtin: Any) -> None:
    result = invoke("validate")
    assert result.exit_code == ExitCode.OK
    treaties = len(builtin.treaties)
    events = sum(len(t.events) for t in builtin.treaties)
    assert treaties >= 30  # issue 10
    verdict, sources = result.stdout.splitlines()
    assert verdict == f"{treaties} treaties, {events} events: valid"
    assert sources.startswith("event sources: ") and "official or reference)" in sources
    assert result.stderr == ""


def test_builtin_event_sources_are_mostly_official_or_reference(invoke: Invoke) -> None:
    """Issue 10: at least 90 % of event sources official or reference, and every one has a kind."""
    answer = parse_json(invoke("validate", "--json").stdout)
    kinds = answer["event_sources"]
    assert kinds["unknown"] == 0
    assert sum(kinds.values()) == answer["events"]
    assert answer["official_or_reference_share"] >= 0.9


def test_validate_counts_sources_by_kind(invoke: Invoke, write_yaml: Callable[..., Any]) -> None:
    def source(kind: str | None) -> dict[str, str]:
        return {**SOURCE, "kind": kind} if kind else SOURCE

    events = [
        {"type": "signed", "date": "2010-04-08", "source": source("official")},
        {"type": "entered_into_force", "date": "2011-02-05", "source": source("reference")},
        {"type": "statement", "date": "2012-01-01", "party": "Alpha", "source": source("news")},
        {"type": "statement", "date": "2013-01-01", "party": "Beta", "source": source(None)},
    ]
    path = str(write_yaml(dataset_document(minimal_treaty(events=events))))
    text = invoke("validate", path)
    assert text.exit_code == ExitCode.OK, text.stdout
    assert text.stdout.splitlines()[-1] == (
        "event sources: 1 official, 1 reference, 1 news, 1 unknown (50.0% official or reference)"
    )
    answer = parse_json(invoke("validate", path, "--json").stdout)
    assert answer["event_sources"] == {"official": 1, "reference": 1, "news": 1, "unknown": 1}
    assert answer["official_or_reference_share"] == 0.5


def _line_of(text: str, needle: str, start: int = 0) -> int:
    return text[: text.index(needle, start)].count("\n") + 1


def test_finds_every_problem_in_a_broken_copy(invoke: Invoke, tmp_path: Path) -> None:
    text = builtin_data_path().read_text(encoding="utf-8")
    sabotage = {
        # a date that is not a date
        "      date: 2010-04-08\n": "      date: 2010-04-31\n",
        # a typo'd key
        "    kind: bilateral\n    parties: [United States of America, Russian Federation]\n": (
            "    kind: bilateral\n    kidn: bilateral\n"
            "    parties: [United States of America, Russian Federation]\n"
        ),
        # three months' notice where the text says six (the ABM effect then comes too late)
        "        notice: P6M\n        counted_from: notice\n        notice_to: the other Party\n": (
            "        notice: P3M\n        counted_from: notice\n"
            "        notice_to: the other Party\n"
        ),
        # New START extended beyond its five-year maximum
        "      until: 2026-02-05\n": "      until: 2027-02-05\n",
        # a stored status
        "  - id: moon\n": "  - id: moon\n    status: in force\n",
    }
    for old, new in sabotage.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")

    result = invoke("validate", str(broken))
    assert result.exit_code == ExitCode.DATA_ERROR
    lines = result.stdout.splitlines()
    problems, verdict = lines[:-1], lines[-1]
    assert re.fullmatch(r"\d+ problems found in 1 file", verdict)
    assert all(line.startswith(f"{broken}:") for line in problems)
    joined = "\n".join(problems)
    assert f":{_line_of(text, 'date: 2010-04-31')}: treaty 'new-start': events[0].date: " in joined
    assert f":{_line_of(text, 'kidn:')}: treaty " in joined and "unknown key 'kidn'" in joined
    assert (
        f":{_line_of(text, 'status: in force')}: treaty 'moon': unknown key 'status': "
        "status is never stored" in joined
    )
    # Validation errors stop a file before its consistency checks; fix them and run again.
    text = text.replace("2010-04-31", "2010-04-08").replace("    kidn: bilateral\n", "")
    text = text.replace("    status: in force\n", "")
    broken.write_text(text, encoding="utf-8")
    result = invoke("validate", str(broken), "--json")
    assert result.exit_code == ExitCode.DATA_ERROR
    answer = parse_json(result.stdout)
    assert answer["valid"] is False
    messages = [(p["line"], p["message"]) for p in answer["problems"]]
    until_line = _line_of(text, "until: 2027-02-05")
    assert (
        until_line,
        "treaty 'new-start': extended until 2027-02-05, beyond the 5 years "
        "that Article XIV, paragraph 2 allows (at most 2026-02-05)",
    ) in messages
    assert any(
        "withdrawal took effect on 2002-06-13, but Article XV, paragraph 2 makes it" in m
        for _, m in messages
    )
    assert any(
        "expired on 2026-02-05, but its term and extensions end it on 2027-02-05" in m
        for _, m in messages
    )


def test_problems_across_files_are_all_listed(invoke: Invoke, tmp_path: Path) -> None:
    good = builtin_data_path()
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ntreaties: [\n", encoding="utf-8")
    result = invoke("validate", str(good), str(good), str(bad))
    assert result.exit_code == ExitCode.DATA_ERROR
    out = result.stdout
    assert f"{bad}:3: not valid YAML" in out
    assert "duplicate treaty id 'new-start'" in out
    assert out.splitlines()[-1].endswith("found in 3 files")


def test_validate_uses_data_option(invoke: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = invoke("--data", str(missing), "validate")
    assert result.exit_code == ExitCode.DATA_ERROR
    assert result.stdout.startswith(f"{missing}: no such file\n")
