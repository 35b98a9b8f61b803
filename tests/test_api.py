"""treatycli.api, the library: documented examples that run, the same answers as the JSON."""

from __future__ import annotations

import doctest
import importlib.resources
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import parse_json
from factories import dataset_document, minimal_treaty
from treatycli import api

Invoke = Callable[..., Any]
README = Path(__file__).parent.parent / "README.md"


def test_the_module_examples_run() -> None:
    result = doctest.testmod(api, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 6
    assert result.failed == 0


def test_the_readme_example_runs() -> None:
    section = README.read_text(encoding="utf-8").split("## As a library", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code is not None
    namespace: dict[str, Any] = {}
    exec(compile(code.group(1), "README.md", "exec"), namespace)
    assert namespace["events"] and namespace["check"].treaty.id == "new-start"


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (lambda d: api.extension(d, "start-3", "2020-04-14"), ["extend-check", "start-3"]),
        (lambda d: api.withdrawal(d, "inf", "2020-04-14"), ["withdrawal", "inf"]),
        (lambda d: api.show(d, "npt", "2020-04-14"), ["show", "npt"]),
        (lambda d: api.treaties(d, "2020-04-14"), ["list"]),
        (lambda d: api.timeline(d, ["sort"], as_of="2020-04-14"), ["timeline", "sort"]),
        (lambda d: api.deadlines(d, "2020-04-14", within="2y"), ["upcoming", "--within", "2y"]),
    ],
)
def test_the_same_models_as_the_json(invoke: Invoke, call: Any, args: list[str]) -> None:
    answer = call(api.load())
    cli = parse_json(invoke(*args, "--as-of", "2020-04-14", "--json").stdout)
    assert answer.model_dump(mode="json") == cli


def test_days_as_dates_or_strings_and_errors_as_exceptions(
    write_yaml: Callable[..., Path],
) -> None:
    data = api.load()
    assert api.status(data, "NPT", date(2020, 4, 14)) == api.status(data, "npt", "2020-04-14")
    with pytest.raises(api.UsageError, match="no treaty named 'nothing'"):
        api.find(data, "nothing")
    with pytest.raises(api.UsageError, match="not a date"):
        api.status(data, "npt", "14/04/2020")
    with pytest.raises(api.UsageError, match="is not a period"):
        api.deadlines(data, "2020-04-14", within="a while")
    broken = minimal_treaty(events=[])
    with pytest.raises(api.DataError):
        api.load(write_yaml(dataset_document(broken)))
    mine = api.load(write_yaml(dataset_document(minimal_treaty())))
    assert [t.id for t in mine.treaties] == ["test-treaty"]


def test_the_package_is_typed() -> None:
    assert importlib.resources.files("treatycli").joinpath("py.typed").is_file()
