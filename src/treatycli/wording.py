"""Small pieces of English used when turning facts into sentences."""

from __future__ import annotations

_TAKES_THE = (
    "United ",
    "Russian Federation",
    "Democratic ",
    "Republic ",
    "Kingdom ",
    "Netherlands",
    "Holy See",
    "Czech Republic",
    "Dominican Republic",
    "Philippines",
    "Gambia",
    "Bahamas",
    "Central African",
    "Marshall Islands",
    "Solomon Islands",
    "Maldives",
    "Comoros",
    "Soviet Union",
    "USSR",
    "European ",
)


def definite(name: str) -> str:
    """``United States`` → ``the United States``; ``Belarus`` stays ``Belarus``.

    State names that English uses with the article ("the Russian Federation"); a name the
    data already writes with it is left alone.
    """
    if name.lower().startswith("the ") or not name.startswith(_TAKES_THE):
        return name
    return f"the {name}"
