"""The YAML reader: core-schema scalars, and every refusal located at its line."""

from __future__ import annotations

import pytest

from treatycli.dataset.yamlread import YamlProblem, read_yaml


def read(text: str) -> object:
    return read_yaml(text, max_depth=64)


def test_core_schema_scalars() -> None:
    assert read(
        "a: 1\nb: '1'\nc: true\nd: no\ne: ~\nf:\ng: 2010-04-08\nh: 1.5\ni: -3\nj: \"true\"\n"
    ) == {
        "a": 1,
        "b": "1",
        "c": True,
        "d": "no",
        "e": None,
        "f": None,
        "g": "2010-04-08",
        "h": "1.5",
        "i": -3,
        "j": "true",
    }


def test_nested_collections_and_block_text() -> None:
    assert read("x:\n  - [a, b]\n  - {k: v}\n  - |\n    two\n    lines\n") == {
        "x": [["a", "b"], {"k": "v"}, "two\nlines\n"]
    }


def test_explicit_core_tags() -> None:
    assert read("a: !!str 1\nb: !!int '7'\nc: !!null ''\n") == {"a": "1", "b": 7, "c": None}


def test_empty_documents() -> None:
    assert read("") is None
    assert read("# nothing\n") is None


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
        ("a: &x 1\nb: *x\n", 1, "anchors and aliases are not allowed"),
        ("a: 1\nb: *x\n", 2, "anchors and aliases are not allowed"),
        ("a: !!python/object:os.system x\n", 1, "tag tag:yaml.org,2002:python/object:os.system"),
        ("a: !!binary aGk=\n", 1, "is not allowed"),
        ("a: !!int x\n", 1, "'x' is not a valid int"),
        ("a: 1\n---\nb: 2\n", 2, "more than one YAML document"),
        ("? [a]\n: 1\n", 1, "a mapping key must be a plain value"),
        ("a: [\n", 2, "expected"),
        ("a:\n\t- b\n", 2, "(a tab: YAML indents with spaces)"),
        ("a: b: c\n", 1, "mapping values are not allowed"),
        ("a: \x07\n", 1, "#x0007"),
    ],
)
def test_refusals_are_located(text: str, line: int, fragment: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        read(text)
    assert caught.value.line == line
    assert fragment in caught.value.message


def test_depth_limit() -> None:
    with pytest.raises(YamlProblem) as caught:
        read_yaml("a: " + "[" * 10 + "]" * 10, max_depth=5)
    assert caught.value.limit
    assert caught.value.message == "nested more than 5 levels deep"
    assert read_yaml("a: " + "[" * 4 + "]" * 4, max_depth=5) == {"a": [[[[]]]]}
