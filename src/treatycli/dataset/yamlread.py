"""Safe YAML to plain Python data, built straight from libyaml's event stream.

PyYAML's constructor layer (resolver, node objects with two marks each, generators) is
written in Python and costs several times the C parse itself: for a file of ten thousand
treaties, composing nodes took four times as long as parsing. A dataset needs only mappings,
sequences and a few scalar types, so this module builds those directly from the parser's
events, and refuses on the way everything a dataset never needs:

- anchors and aliases (the "billion laughs" expansion);
- duplicate keys (YAML would silently keep the last one);
- tags other than the plain core ones (no ``!!python/object``, no ``!!binary``);
- more than one document, and nesting deeper than ``max_depth``.

Scalars follow the YAML 1.2 core schema: plain ``null``/``~``/empty is None, plain
``true``/``false`` a bool, plain decimal integers an int, everything else (dates included)
a string, so ``2010-02-30`` reaches the model as text and ``no`` stays the word "no".
Every refusal is a :class:`YamlProblem` with the 1-based line it was found on.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_Parser: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
"""libyaml's C parser where PyYAML was built with it (the usual wheel), else pure Python."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_CORE = "tag:yaml.org,2002:"
_MAX_INT_DIGITS = 4300
"""Python's own limit on converting decimal text to int (``sys.get_int_max_str_digits``):
no field of a dataset needs a number anywhere near it."""
_ALLOWED_TAGS = frozenset(
    {f"{_CORE}{name}" for name in ("str", "int", "bool", "null", "map", "seq")}
)


class YamlProblem(Exception):
    """A document this reader refuses, and where."""

    def __init__(self, message: str, line: int | None, *, limit: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.limit = limit
        """True for a refusal by size or depth, not a fault of YAML syntax."""


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _check_node(event: Any) -> None:
    if event.anchor is not None:
        raise YamlProblem("YAML anchors and aliases are not allowed in a dataset", _line(event))
    tag = event.tag
    if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
        raise YamlProblem(f"the YAML tag {tag} is not allowed in a dataset", _line(event))


def _scalar(event: yaml.ScalarEvent) -> Any:
    _check_node(event)
    value: str = event.value
    tag = event.tag
    plain = event.implicit[0] and not event.style  # libyaml gives '' for plain, PyYAML None
    if tag in (None, "!") and not plain:
        return value  # quoted, literal or folded: always text
    if tag == f"{_CORE}str":
        return value
    if tag in (None, "!", f"{_CORE}null") and value in _NULLS:
        return None
    if tag in (None, "!", f"{_CORE}bool") and value in _BOOLS:
        return _BOOLS[value]
    if tag in (None, "!", f"{_CORE}int") and _INT.fullmatch(value):
        digits = len(value.lstrip("+-"))
        if digits > _MAX_INT_DIGITS:
            raise YamlProblem(
                f"an integer of {digits:,} digits is longer than the {_MAX_INT_DIGITS:,} "
                "digits a dataset number may have",
                _line(event),
                limit=True,
            )
        return int(value)
    if tag is None or tag == "!":
        return value
    raise YamlProblem(f"{value!r} is not a valid {tag.removeprefix(_CORE)}", _line(event))


def read_yaml(text: str, max_depth: int) -> Any:
    """The single document in ``text`` as dicts, lists and scalars (None if there is none)."""
    parser = _Parser(text)
    try:
        return _build(parser, max_depth)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        parts = [part for part in (exc.context, exc.problem) if part]
        message = "; ".join(parts) or "not valid YAML"
        line = mark.line + 1 if mark else None
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            message += " (a tab: YAML indents with spaces)"
        if "maximum nesting depth" in message:  # libyaml's own limit, met while scanning ahead
            raise YamlProblem(
                f"nested more than {max_depth} levels deep", line, limit=True
            ) from None
        raise YamlProblem(message, line) from None
    except yaml.reader.ReaderError as exc:
        # Characters YAML refuses outright (control characters): located by position.
        line = text.count("\n", 0, exc.position) + 1 if exc.position is not None else None
        reason = exc.reason or "unacceptable character"
        raise YamlProblem(
            f"{reason} (character #x{exc.character:04X})"
            if isinstance(exc.character, int)
            else reason,
            line,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(
            str(exc).splitlines()[0] if str(exc) else "not valid YAML", None
        ) from None
    finally:
        parser.dispose()


def _build(parser: Any, max_depth: int) -> Any:
    """Fold the event stream into Python objects.

    Written as one loop with local names on purpose: it runs once per YAML node (1.5 million
    times for ten thousand treaties), so the common case, a plain or quoted string with no
    tag, takes the shortest path; everything else goes through :func:`_scalar`.
    """
    # stack of [container, pending key or _NO_KEY, start event]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    no_key = _NO_KEY
    get_event = parser.get_event
    scalar_event = yaml.ScalarEvent
    plain_text_start = _PLAIN_TEXT_START

    def add(value: Any, event: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        container = top[0]
        if type(container) is list:
            container.append(value)
        elif top[1] is no_key:
            if isinstance(value, dict | list):
                raise YamlProblem("a mapping key must be a plain value", _line(event))
            if value in container:
                raise YamlProblem(f"duplicate key {value!r}", _line(event))
            top[1] = value
        else:
            container[top[1]] = value
            top[1] = no_key

    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            value = event.value
            if (
                event.tag is None
                and event.anchor is None
                and (event.style or (value and value[0] in plain_text_start))
            ):
                pass  # text as it stands: quoted, or plain and unlike null, bool or int
            else:
                value = _scalar(event)
            if stack:
                top = stack[-1]
                container = top[0]
                if type(container) is list:
                    container.append(value)
                elif top[1] is no_key:
                    if value in container:
                        raise YamlProblem(f"duplicate key {value!r}", _line(event))
                    top[1] = value
                else:
                    container[top[1]] = value
                    top[1] = no_key
            else:
                root = value
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            _check_node(event)
            if len(stack) >= max_depth:
                raise YamlProblem(
                    f"nested more than {max_depth} levels deep", _line(event), limit=True
                )
            stack.append([{} if kind is yaml.MappingStartEvent else [], no_key, event])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            container, _, start = stack.pop()
            add(container, start)
        elif kind is yaml.AliasEvent:
            raise YamlProblem("YAML anchors and aliases are not allowed in a dataset", _line(event))
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlProblem("more than one YAML document in the file", _line(event))
        elif kind is yaml.StreamEndEvent or event is None:
            return root


_PLAIN_TEXT_START = frozenset(
    "abcdeghijklmopqrsuvwxyzABCDEGHIJKLMOPQRSUVWXYZ\"#$%&'()*./:;<=>?@[\\]^_`{|}"
) | frozenset(chr(c) for c in range(0x80, 0x3000))
"""First characters with which a plain scalar cannot be null, a bool or an int, so it is text:
every letter except those that begin null, true, false (n, t, f in either case), and not a
digit, sign or tilde. (Characters such as ``&`` or ``*`` cannot start a plain scalar at all.)"""


class _NoKey:
    """Marks a mapping that waits for its next key (None is a valid key, so not None)."""


_NO_KEY = _NoKey()
