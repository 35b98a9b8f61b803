"""Names that hide other names: an alias over another treaty's id, look-alike and invisible
characters. Each is refused by ``validate`` with the file, line and a message naming both."""

from __future__ import annotations

import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import dataset_document, minimal_treaty
from treatycli.dataset.catalog import look_alike_key
from treatycli.errors import ExitCode
from treatycli.model.treaty import casefold_name

Invoke = Callable[..., Any]
Writer = Callable[..., Path]


def treaty(id: str, short_name: str, aliases: list[str] | None = None) -> dict[str, Any]:
    return minimal_treaty(
        id=id, short_name=short_name, full_name=f"The {id} agreement", aliases=aliases or []
    )


def validate(invoke: Invoke, path: Path) -> tuple[int, list[str]]:
    result = invoke("validate", str(path))
    return result.exit_code, result.stdout.splitlines()


@pytest.mark.parametrize("alias_first", [True, False])
def test_an_alias_over_another_treatys_id_is_a_clash_whichever_comes_first(
    invoke: Invoke, write_yaml: Writer, alias_first: bool
) -> None:
    a = treaty("alpha", "Alpha Pact", aliases=["Beta Accord"])
    b = treaty("beta-accord", "Beta")
    path = write_yaml(dataset_document(*((a, b) if alias_first else (b, a))))
    code, lines = validate(invoke, path)
    assert code == ExitCode.DATA_ERROR
    if alias_first:  # reported at B's id, the later of the two names
        assert lines[0] == f"{path}:41: name 'beta-accord' is already used by treaty 'alpha'"
    else:
        assert lines[0] == (
            f"{path}:44: name 'Beta Accord' is already the id of treaty 'beta-accord'"
        )
    assert lines[-1] == "1 problem found in 1 file"


def test_the_clash_stops_every_command(invoke: Invoke, write_yaml: Writer) -> None:
    a = treaty("alpha", "Alpha Pact", aliases=["Beta Accord"])
    path = write_yaml(dataset_document(a, treaty("beta-accord", "Beta")))
    for args in (["show", "beta-accord"], ["timeline", "beta-accord"], ["upcoming"]):
        result = invoke("--data", str(path), *args, "--as-of", "2020-01-01")
        assert result.exit_code == ExitCode.DATA_ERROR
        assert result.stderr == (
            f"treaty: error: {path}:41: name 'beta-accord' is already used by treaty 'alpha'\n"
        )


NEW_START_LOOK_ALIKES = [
    ("soft hyphen", "New START\u00ad", "format character U+00AD (SOFT HYPHEN)"),
    (
        "tag character",
        "New START\U000e0041",
        "format character U+E0041 (TAG LATIN CAPITAL LETTER A)",
    ),
    ("Hangul filler", "New START\u3164", "blank character U+3164 (HANGUL FILLER)"),
    ("zero-width space", "New\u200b START", "format character U+200B (ZERO WIDTH SPACE)"),
    ("stray joiner", "New\u200d START", "format character U+200D (ZERO WIDTH JOINER)"),
    ("word joiner", "New START\u2060", "format character U+2060 (WORD JOINER)"),
]


@pytest.mark.parametrize(
    ("label", "name", "said"), NEW_START_LOOK_ALIKES, ids=[c[0] for c in NEW_START_LOOK_ALIKES]
)
def test_invisible_characters_in_a_name_are_refused(
    invoke: Invoke, write_yaml: Writer, label: str, name: str, said: str
) -> None:
    path = write_yaml(dataset_document(treaty("copy", name)))
    code, lines = validate(invoke, path)
    assert code == ExitCode.DATA_ERROR
    assert lines[0] == f"{path}:4: treaty 'copy': short_name: text contains the {said}"


def test_a_name_in_look_alike_letters_is_a_clash(invoke: Invoke, write_yaml: Writer) -> None:
    cyrillic = "New \u0405\u0422\u0410R\u0422"  # S, T and A from Cyrillic
    path = write_yaml(dataset_document(treaty("new-start", "New START"), treaty("fake", cyrillic)))
    code, lines = validate(invoke, path)
    assert code == ExitCode.DATA_ERROR
    assert lines[0] == (
        f"{path}:41: name {cyrillic!r} looks the same as 'New START' of treaty 'new-start' "
        "(confusable characters, Unicode TS #39)"
    )


def test_the_five_new_starts_of_the_issue_leave_one(invoke: Invoke, write_yaml: Writer) -> None:
    """Invisible characters are refused in their file; the Cyrillic look-alike, in a file
    valid on its own, clashes with the real one across the dataset."""
    cyrillic = write_yaml(
        dataset_document(
            treaty("new-start", "New START"), treaty("t1", "New \u0405\u0422\u0410R\u0422")
        )
    )
    invisible = ["New START\u00ad", "New START\U000e0041", "New START\u3164"]
    hidden = write_yaml(
        dataset_document(*(treaty(f"t{i}", name) for i, name in enumerate(invisible, 2)))
    )
    result = invoke("validate", str(cyrillic), str(hidden))
    assert result.exit_code == ExitCode.DATA_ERROR
    lines = result.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [
        f"{hidden}:4",
        f"{hidden}:41",
        f"{hidden}:78",
        f"{cyrillic}:41",
    ]
    assert lines[-1] == "4 problems found in 2 files"


@pytest.mark.parametrize(
    "name",
    [
        "\u0928\u094d\u200d\u0928",  # Devanagari conjunct control after a virama
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian "می‌خواهم"
        "\U0001f469\u200d\U0001f52c",  # emoji ZWJ sequence
        "Treaty \u0421\u041d\u0412-3",  # Cyrillic alone is no look-alike of anything here
    ],
)
def test_joiners_that_a_script_needs_are_kept(
    invoke: Invoke, write_yaml: Writer, name: str
) -> None:
    path = write_yaml(dataset_document(treaty("script", name)))
    code, lines = validate(invoke, path)
    assert (code, lines[-1]) == (ExitCode.OK, "1 treaty, 2 events: valid")


def test_names_within_one_treaty_may_look_alike(invoke: Invoke, write_yaml: Writer) -> None:
    one = treaty("new-start", "New START", aliases=["New \u0405\u0422\u0410R\u0422", "N3w START"])
    code, _ = validate(invoke, write_yaml(dataset_document(one)))
    assert code == ExitCode.OK


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
def test_look_alike_key_is_the_packages_skeleton(name: str) -> None:
    from homoglyph._skeleton import skeleton

    assert look_alike_key(name) == casefold_name(skeleton(name))


def test_look_alike_key_on_every_ascii_character() -> None:
    from homoglyph._skeleton import skeleton

    for char in string.printable:
        assert look_alike_key(f"a{char}b") == casefold_name(skeleton(f"a{char}b"))
    assert look_alike_key("l0ndon") == look_alike_key("IOndon")
