"""The loader: the built-in data loads, and every kind of bad file is one located problem."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.dataset.load import builtin_data_path, load_dataset
from treatycli.errors import DataError

Writer = Callable[..., Path]


def problems_of(path: Path | list[Path]) -> list[str]:
    paths = path if isinstance(path, list) else [path]
    with pytest.raises(DataError) as caught:
        load_dataset(paths)
    return [str(p) for p in caught.value.problems]


def only_problem(path: Path) -> str:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


VALID = """\
schema_version: 1
treaties:
  - id: test-treaty
    short_name: Test Treaty
    full_name: Treaty for Testing the Rules
    kind: bilateral
    parties: [Alpha, Beta]
    text: {title: Test treaty text}
    rules:
      term: {type: fixed_length, length: P10Y, article: Article 9.2}
    events:
      - type: signed
        date: 2010-04-08
        source: {title: Test source}
      - type: entered_into_force
        date: 2011-02-05
        source: {title: Test source}
"""


def test_builtin_dataset_loads() -> None:
    dataset = load_dataset()
    assert dataset.files == (str(builtin_data_path()),)
    assert {"new-start", "sort", "inf", "outer-space"} <= {t.id for t in dataset.treaties}


def test_valid_text_loads(write_yaml: Writer) -> None:
    dataset = load_dataset([write_yaml(VALID)])
    assert dataset.treaties[0].entered_into_force_on.isoformat() == "2011-02-05"


def test_impossible_date_points_at_its_line(write_yaml: Writer) -> None:
    path = write_yaml(VALID.replace("2011-02-05", "2010-02-30"))
    assert only_problem(path) == (
        f"{path}:16: treaty 'test-treaty': events[1].date: "
        "'2010-02-30' is not a real calendar date (day is out of range for month)"
    )


def test_a_word_where_a_date_goes(write_yaml: Writer) -> None:
    path = write_yaml(VALID.replace("2011-02-05", "soon"))
    assert only_problem(path).startswith(f"{path}:16: treaty 'test-treaty': events[1].date: ")


def test_unknown_key_is_named_at_its_line(write_yaml: Writer) -> None:
    path = write_yaml(
        VALID.replace("    kind: bilateral\n", "    kind: bilateral\n    expiry_dat: 2020-01-01\n")
    )
    assert only_problem(path) == f"{path}:7: treaty 'test-treaty': unknown key 'expiry_dat'"


def test_missing_key_points_at_the_mapping(write_yaml: Writer) -> None:
    path = write_yaml(VALID.replace("        source: {title: Test source}\n", "", 1))
    assert only_problem(path) == (
        f"{path}:12: treaty 'test-treaty': events[0]: missing required key 'source'"
    )


def test_every_problem_is_reported(write_yaml: Writer) -> None:
    text = VALID.replace("2011-02-05", "2010-02-30").replace("P10Y", "ten years")
    problems = problems_of(write_yaml(text))
    assert len(problems) == 2
    assert ":10:" in problems[0] and "rules.term.length: 'ten years' is not" in problems[0]
    assert ":16:" in problems[1]


def test_malformed_duration(write_yaml: Writer) -> None:
    path = write_yaml(VALID.replace("P10Y", "P-10Y"))
    assert only_problem(path) == (
        f"{path}:10: treaty 'test-treaty': rules.term.length: 'P-10Y' is not an ISO 8601 "
        "duration of whole years, months, weeks or days (for example P10Y, P6M, P90D)"
    )


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("schema_version: 1\ntreaties: [\n", 3, "not valid YAML"),
        ("schema_version: 1\ntreaties:\n\t- id: x\n", 3, "not valid YAML"),
        ("schema_version: 1\ntreaties: a: b\n", 2, "not valid YAML"),
        ("", 1, "the file is empty"),
        ("# only a comment\n", 1, "the file is empty"),
        ("just a sentence\n", 1, "a text scalar"),
        ("- 1\n- 2\n", 1, "a list"),
    ],
)
def test_files_that_are_not_datasets(
    write_yaml: Writer, text: str, line: int, fragment: str
) -> None:
    path = write_yaml(text)
    problem = only_problem(path)
    assert problem.startswith(f"{path}:{line}: ")
    assert fragment in problem


def test_duplicate_keys_are_refused(write_yaml: Writer) -> None:
    path = write_yaml(
        VALID.replace("    kind: bilateral\n", "    kind: bilateral\n    kind: multilateral\n")
    )
    assert only_problem(path) == f"{path}:7: not valid YAML: duplicate key 'kind'"


def test_aliases_are_refused(write_yaml: Writer) -> None:
    text = VALID.replace("source: {title: Test source}", "source: &s {title: Test source}", 1)
    text = text.replace("        source: {title: Test source}\n", "        source: *s\n")
    problem = only_problem(write_yaml(text))
    assert "anchors and aliases are not allowed" in problem


def test_billion_laughs_is_refused_quickly(write_yaml: Writer) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    lines.append("schema_version: 1\ntreaties: *a9")
    assert "anchors and aliases are not allowed" in only_problem(write_yaml("\n".join(lines)))


def test_python_tags_are_refused(write_yaml: Writer) -> None:
    path = write_yaml("schema_version: !!python/object/apply:os.system [echo hi]\n")
    assert "not valid YAML" in only_problem(path)


def test_deep_nesting_is_refused(write_yaml: Writer) -> None:
    path = write_yaml("schema_version: 1\ntreaties: " + "[" * 5000 + "]" * 5000 + "\n")
    assert only_problem(path) == f"{path}:2: nested more than 64 levels deep"


def test_not_utf8(write_yaml: Writer, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"schema_version: 1\n# caf\xe9\n")
    assert only_problem(path) == f"{path}:2: is not UTF-8 text (byte 0xe9 at offset 23)"


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    assert only_problem(path).startswith(f"{path}:")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert only_problem(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: no such file"
    assert only_problem(tmp_path) == f"{tmp_path}: is a folder, not a dataset file"


def test_future_schema_version(write_yaml: Writer) -> None:
    path = write_yaml(VALID.replace("schema_version: 1", "schema_version: 99"))
    assert "newer than this treaty understands" in only_problem(path)
    assert only_problem(path).startswith(f"{path}:1:")


def test_control_characters_in_text_are_refused(write_yaml: Writer) -> None:
    path = write_yaml(VALID.replace("short_name: Test Treaty", 'short_name: "Test\\e[2J"'))
    assert only_problem(path) == (
        f"{path}:4: treaty 'test-treaty': short_name: text contains the control character U+001B"
    )


# --- consistency within a treaty ----------------------------------------------------------


def test_entry_into_force_before_signing(write_yaml: Writer) -> None:
    path = write_yaml(VALID.replace("2011-02-05", "2009-01-01"))
    assert only_problem(path) == (
        f"{path}:16: treaty 'test-treaty': entered_into_force on 2009-01-01 is before the "
        "treaty was signed or opened for signature (2010-04-08)"
    )


def test_extension_longer_than_the_rule_allows(write_yaml: Writer) -> None:
    treaty = minimal_treaty()
    treaty["events"].append(
        {"type": "extended", "date": "2021-02-03", "until": "2026-02-06", "source": SOURCE}
    )
    path = write_yaml(dataset_document(treaty))
    problem = only_problem(path)
    assert "beyond the 5 years that Article 9.2 allows (at most 2026-02-05)" in problem


def test_second_extension_beyond_times(write_yaml: Writer) -> None:
    treaty = minimal_treaty()
    treaty["events"] += [
        {"type": "extended", "date": "2021-02-03", "until": "2026-02-05", "source": SOURCE},
        {"type": "extended", "date": "2026-02-01", "until": "2027-02-05", "source": SOURCE},
    ]
    assert "extension number 2, but Article 9.2 allows 1 at most" in only_problem(
        write_yaml(dataset_document(treaty))
    )


def test_extension_after_expiry(write_yaml: Writer) -> None:
    treaty = minimal_treaty()
    treaty["events"].append(
        {"type": "extended", "date": "2021-02-06", "until": "2026-02-05", "source": SOURCE}
    )
    assert "it had already expired on 2021-02-05" in only_problem(
        write_yaml(dataset_document(treaty))
    )


def test_withdrawal_sooner_than_its_notice(write_yaml: Writer) -> None:
    treaty = minimal_treaty()
    treaty["events"] += [
        {"type": "withdrawal_notice", "date": "2015-01-10", "party": "Alpha", "source": SOURCE},
        {"type": "withdrawal_effective", "date": "2015-03-10", "party": "Alpha", "source": SOURCE},
    ]
    problem = only_problem(write_yaml(dataset_document(treaty)))
    assert "sooner than the 3 months notice given on 2015-01-10 allows (2015-04-10" in problem


def test_recorded_expiry_must_match_the_rule(write_yaml: Writer) -> None:
    treaty = minimal_treaty()
    treaty["events"].append({"type": "expired", "date": "2021-02-04", "source": SOURCE})
    problem = only_problem(write_yaml(dataset_document(treaty)))
    assert "but its term and extensions end it on 2021-02-05" in problem


def test_event_party_must_be_a_party_of_a_bilateral_treaty(write_yaml: Writer) -> None:
    treaty = minimal_treaty()
    treaty["events"].append(
        {"type": "suspended", "date": "2015-01-10", "party": "Gamma", "source": SOURCE}
    )
    assert "'Gamma' is not one of the parties" in only_problem(write_yaml(dataset_document(treaty)))


def test_party_event_without_party(write_yaml: Writer) -> None:
    treaty = minimal_treaty()
    treaty["events"].append({"type": "withdrawal_notice", "date": "2015-01-10", "source": SOURCE})
    assert "a withdrawal_notice event must name its 'party'" in only_problem(
        write_yaml(dataset_document(treaty))
    )


# --- across treaties and files ------------------------------------------------------------


def test_duplicate_ids_across_files(write_yaml: Writer) -> None:
    first = write_yaml(dataset_document(minimal_treaty()))
    second_treaty = minimal_treaty(
        aliases=["Other"], short_name="Other Treaty", full_name="Another Treaty"
    )
    second = write_yaml(dataset_document(second_treaty))
    problems = problems_of([first, second])
    assert problems == [
        f"{second}:3: duplicate treaty id 'test-treaty' (also used by treaty number 1)"
    ]


def test_duplicate_alias(write_yaml: Writer) -> None:
    other = minimal_treaty(id="other", short_name="Other", full_name="Other Treaty", aliases=["tt"])
    path = write_yaml(dataset_document(minimal_treaty(), other))
    assert only_problem(path) == (f"{path}:45: name 'tt' is already used by treaty 'test-treaty'")


def test_reference_to_missing_treaty(write_yaml: Writer) -> None:
    treaty = minimal_treaty()
    treaty["events"].append(
        {"type": "superseded", "date": "2015-01-10", "by": "no-such-treaty", "source": SOURCE}
    )
    assert "refers to treaty 'no-such-treaty', which is not in the dataset" in only_problem(
        write_yaml(dataset_document(treaty))
    )


def test_datasets_combine_across_files(write_yaml: Writer) -> None:
    other = copy.deepcopy(
        minimal_treaty(id="other", short_name="Other", full_name="Other T", aliases=[])
    )
    dataset = load_dataset(
        [write_yaml(dataset_document(minimal_treaty())), write_yaml(dataset_document(other))]
    )
    assert [t.id for t in dataset.treaties] == ["test-treaty", "other"]
