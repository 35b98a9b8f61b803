"""The loaded dataset as a whole: checks across treaties, and finding a treaty by any name."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property

from treatycli.errors import UsageError
from treatycli.model.treaty import Treaty, casefold_name

CrossProblem = tuple[int, tuple[str | int, ...], str]
"""(index of the treaty in the dataset, path inside it, message)."""


def _name_paths(treaty: Treaty) -> list[tuple[tuple[str | int, ...], str]]:
    paths: list[tuple[tuple[str | int, ...], str]] = [
        (("id",), treaty.id),
        (("short_name",), treaty.short_name),
        (("full_name",), treaty.full_name),
    ]
    paths += [(("aliases", i), alias) for i, alias in enumerate(treaty.aliases)]
    return paths


def dataset_problems(treaties: tuple[Treaty, ...]) -> list[CrossProblem]:
    """Ids and names unique across the dataset; references point at treaties that exist.

    A name may repeat within one treaty (an alias equal to its short name is harmless), but
    two treaties answering to the same name would make ``treaty show NAME`` ambiguous.
    Look-ups go through dicts, so the cost stays linear in the number of treaties.
    """
    problems: list[CrossProblem] = []
    owners: dict[str, int] = {}
    ids: dict[str, int] = {}
    for index, treaty in enumerate(treaties):
        if treaty.id in ids:
            problems.append(
                (
                    index,
                    ("id",),
                    f"duplicate treaty id {treaty.id!r} (also used by treaty "
                    f"number {ids[treaty.id] + 1})",
                )
            )
        else:
            ids[treaty.id] = index
        for path, name in _name_paths(treaty):
            key = casefold_name(name)
            owner = owners.setdefault(key, index)
            if owner != index and path != ("id",):
                problems.append(
                    (index, path, f"name {name!r} is already used by treaty {treaties[owner].id!r}")
                )
    for index, treaty in enumerate(treaties):
        tied = treaty.rules.term.treaty
        if tied is not None and (tied == treaty.id or tied not in ids):
            problems.append(
                (
                    index,
                    ("rules", "term", "treaty"),
                    f"the term is tied to treaty {tied!r}, which is not another treaty "
                    "in the dataset",
                )
            )
        for event_index, event in enumerate(treaty.events):
            if event.by is None:
                continue
            if event.by == treaty.id:
                problems.append(
                    (index, ("events", event_index, "by"), "a treaty cannot supersede itself")
                )
            elif event.by not in ids:
                problems.append(
                    (
                        index,
                        ("events", event_index, "by"),
                        f"refers to treaty {event.by!r}, which is not in the dataset",
                    )
                )
    return problems


@dataclass(frozen=True)
class Dataset:
    """Validated treaties, in file order, with an index of every name they answer to."""

    treaties: tuple[Treaty, ...]
    files: tuple[str, ...]
    _by_name: dict[str, Treaty] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Treaty] = {}
        for treaty in self.treaties:
            for name in treaty.names:
                index.setdefault(casefold_name(name), treaty)
        object.__setattr__(self, "_by_name", index)

    @cached_property
    def short_names(self) -> dict[str, str]:
        """Treaty id → short name, built once (every answer that names another treaty uses it)."""
        return {t.id: t.short_name for t in self.treaties}

    def find(self, name: str) -> Treaty:
        """The treaty with this id, name or alias (any case, Cyrillic too), or a usage error
        that names the closest matches."""
        found = self._by_name.get(casefold_name(name))
        if found is not None:
            return found
        close = difflib.get_close_matches(casefold_name(name), list(self._by_name), n=3, cutoff=0.5)
        suggestion = ""
        if close:
            labels = []
            for key in close:
                treaty = self._by_name[key]
                label = treaty.id if key == treaty.id else f"{key} ({treaty.id})"
                if label not in labels:
                    labels.append(label)
            suggestion = "; closest: " + ", ".join(labels)
        raise UsageError(f"no treaty named {name!r}{suggestion} ('treaty list' shows them all)")

    def select(self, names: list[str]) -> list[Treaty]:
        """The named treaties in the order given (each once), or all of them if none named."""
        if not names:
            return list(self.treaties)
        chosen: list[Treaty] = []
        for name in names:
            treaty = self.find(name)
            if treaty not in chosen:
                chosen.append(treaty)
        return chosen
