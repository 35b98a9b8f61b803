"""``treaty migrate``: a version-1 file rewritten as version 2, or told what it still lacks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from factories import V1_FILE
from treatycli.errors import ExitCode

Invoke = Callable[..., Any]

V1 = V1_FILE


def test_migrate_rewrites_the_version_and_renamed_keys_keeping_comments(
    invoke: Invoke, write_yaml: Callable[..., Path]
) -> None:
    path = write_yaml(V1)
    result = invoke("migrate", str(path))
    assert result.exit_code == ExitCode.OK, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# kept: a comment\nschema_version: 2\n")
    assert "notice_is_minimum: true" in text
    assert "available_from: P1Y" in text
    assert "2 keys renamed" in result.stderr
    assert invoke("validate", str(path)).exit_code == ExitCode.OK


def test_migrate_writes_nothing_until_the_file_is_valid_in_version_2(
    invoke: Invoke, write_yaml: Callable[..., Path]
) -> None:
    path = write_yaml(V1.replace("source: {title: s, kind: official}", "source: {title: s}"))
    before = path.read_text(encoding="utf-8")
    result = invoke("migrate", str(path))
    assert result.exit_code == ExitCode.DATA_ERROR
    assert f"{path}:18: treaty 't': a source needs 'kind'" in result.stdout
    assert "nothing written" in result.stderr
    assert path.read_text(encoding="utf-8") == before


def test_migrate_refuses_a_file_that_is_not_version_1(
    invoke: Invoke, write_yaml: Callable[..., Path]
) -> None:
    path = write_yaml(V1.replace("schema_version: 1", "schema_version: 2"))
    result = invoke("migrate", str(path))
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert "not a version-1 data file" in result.stderr


def test_migrate_json_says_what_it_did(invoke: Invoke, write_yaml: Callable[..., Path]) -> None:
    import json

    path = write_yaml(V1)
    out = path.with_name("v2.yaml")
    result = invoke("migrate", str(path), "-o", str(out), "--json")
    answer = json.loads(result.stdout)
    assert answer["command"] == "migrate"
    assert answer["written_to"] == str(out) and answer["renamed_keys"] == 2
    assert answer["problems"] == []
    assert path.read_text(encoding="utf-8") == V1  # -o leaves the original alone
