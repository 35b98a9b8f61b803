"""Shared fixtures: a CLI runner, the built-in dataset, and small datasets written to tmp_path."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from treatycli.cli import app
from treatycli.dataset.catalog import Dataset
from treatycli.dataset.load import load_dataset


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The whole session uses its own dataset cache, never the user's (~/.cache).

    Session-scoped, so that it is in place before session fixtures (the built-in dataset)
    load anything.
    """
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TREATY_CACHE_DIR", str(folder))
        patch.delenv("TREATY_NO_CACHE", raising=False)
        yield folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def builtin() -> Dataset:
    return load_dataset()


class _PlainDumper(yaml.SafeDumper):
    """Writes shared objects out in full: datasets refuse YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[..., Path]:
    """Write a document (a dict, dumped as YAML) or raw text to a file in tmp_path."""
    counter = iter(range(1000))

    def write(document: dict[str, Any] | str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"data{next(counter)}.yaml")
        if isinstance(document, str):
            path.write_text(document, encoding="utf-8")
        else:
            text = yaml.dump(document, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True)
            path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def invoke(runner: CliRunner) -> Callable[..., Any]:
    """Run the CLI in-process; returns the result (stdout and stderr kept apart)."""

    def run(*args: str, env: dict[str, str] | None = None) -> Any:
        # A wide terminal, so that assertions on table text are not broken by line folding.
        environment = {"TREATY_DATA": "", "COLUMNS": "200", **(env or {})}
        return runner.invoke(app, list(args), env=environment)

    return run


def parse_json(text: str) -> Any:
    return json.loads(text)
