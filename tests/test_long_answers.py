"""Long answers: a pager on a terminal, whole URLs (clickable where the terminal can), and a
short source in the timeline with the full citation left to ``show``."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import parse_json
from treatycli.errors import ExitCode
from treatycli.output.pager import paged, pager_command
from treatycli.output.screen import Screen, hyperlinks_supported, wrap

Invoke = Callable[..., Any]


# --- URLs -------------------------------------------------------------------------------------


def test_wrap_never_cuts_an_address() -> None:
    url = "https://example.org/a/long/path/to/the/treaty-text.html"
    lines = wrap(f"The text is at {url} for all to read", 20)
    assert url in lines
    assert all(len(line) <= 20 for line in lines if line != url)
    assert max(len(line) for line in wrap("averyveryverylongword", 8)) == 8  # still cut


@pytest.mark.parametrize("columns", ["80", "40"])
def test_show_prints_every_address_whole(invoke: Invoke, columns: str) -> None:
    args = ["show", "new-start", "--as-of", "2026-12-01"]
    answer = parse_json(invoke(*args, "--json").stdout)
    urls = {answer["treaty"]["text"]["url"]}
    urls |= {e["source"]["url"] for e in answer["timeline"] if e.get("source", {}).get("url")}
    text = invoke(*args, env={"COLUMNS": columns}).stdout
    lines = text.splitlines()
    for url in urls:
        assert any(url in line for line in lines), url
    sources = lines[lines.index("Sources") + 1 :]
    assert sources[0].startswith("[1] https://")
    assert "[1]" in text.split("Sources")[0]  # the events table points at the list


def test_the_timeline_shows_a_short_source(invoke: Invoke) -> None:
    text = invoke("timeline", "new-start", "--as-of", "2026-12-01", env={"COLUMNS": "80"}).stdout
    assert "://" not in text
    assert "Senate Treaty Document 111-5" not in text  # the full title is for 'show'
    assert "U.S. Government" in text  # who published it, in a narrow column
    help_text = invoke("timeline", "--help").stdout
    assert "'treaty show' gives the full citation" in " ".join(help_text.split())


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, False),
        ({"TERM": "xterm-256color"}, False),
        ({"TERM_PROGRAM": "iTerm.app"}, True),
        ({"TERM_PROGRAM": "WezTerm"}, True),
        ({"VTE_VERSION": "7600"}, True),
        ({"VTE_VERSION": "4000"}, False),
        ({"WT_SESSION": "x"}, True),
        ({"TERM": "xterm-kitty"}, True),
        ({"TERM_PROGRAM": "iTerm.app", "FORCE_HYPERLINK": "0"}, False),
        ({"FORCE_HYPERLINK": "1"}, True),
    ],
)
def test_hyperlink_support_by_terminal(env: dict[str, str], expected: bool) -> None:
    assert hyperlinks_supported(env) is expected


def _show_on_a_colour_terminal(monkeypatch: pytest.MonkeyPatch, hyperlink: str) -> str:
    from treatycli import queries
    from treatycli.dataset.load import load_dataset
    from treatycli.output.render import show_text

    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("FORCE_HYPERLINK", hyperlink)
    out = io.StringIO()
    show_text(queries.show(load_dataset(), "sort", date(2020, 4, 14)), Screen(out, width=80))
    return out.getvalue()


def test_addresses_are_osc8_links_where_supported(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://govinfo.gov/content/pkg/CDOC-107tdoc8/html/CDOC-107tdoc8.htm"
    linked = _show_on_a_colour_terminal(monkeypatch, "1")
    assert "\x1b]8;id=" in linked and f";{url}\x1b\\" in linked
    assert url in linked  # the text shown is still the whole address
    plain = _show_on_a_colour_terminal(monkeypatch, "0")
    assert "\x1b]8;" not in plain and url in plain


# --- the pager --------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _recording_pager(target: Path) -> str:
    script = f"import sys; open({str(target)!r}, 'w').write(sys.stdin.read())"
    return f'{sys.executable} -c "{script}"'


def test_a_long_answer_on_a_terminal_goes_to_the_pager(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", _recording_pager(target))
    monkeypatch.delenv("TREATY_PAGER", raising=False)
    monkeypatch.setenv("LINES", "10")
    terminal = _Terminal()
    with paged(terminal) as out:
        out.write("line\n" * 30)
    assert terminal.getvalue() == ""
    assert target.read_text(encoding="utf-8") == "line\n" * 30


@pytest.mark.parametrize(
    ("lines", "enabled", "tty", "pager"),
    [
        (3, True, True, "record"),  # fits the screen
        (30, False, True, "record"),  # --no-pager
        (30, True, False, "record"),  # a pipe or a file
        (30, True, True, ""),  # PAGER set to nothing
    ],
)
def test_when_there_is_no_pager(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lines: int,
    enabled: bool,
    tty: bool,
    pager: str,
) -> None:
    target = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", _recording_pager(target) if pager else "")
    monkeypatch.delenv("TREATY_PAGER", raising=False)
    monkeypatch.setenv("LINES", "10")
    stream = _Terminal() if tty else io.StringIO()
    with paged(stream, enabled=enabled) as out:
        out.write("line\n" * lines)
    assert stream.getvalue() == "line\n" * lines
    assert not target.exists()


def test_a_pager_that_cannot_start_leaves_the_answer_on_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TREATY_PAGER", "no-such-pager-anywhere")
    monkeypatch.setenv("LINES", "10")
    terminal = _Terminal()
    with paged(terminal) as out:
        out.write("line\n" * 30)
    assert terminal.getvalue() == "line\n" * 30


def test_treaty_pager_comes_before_pager() -> None:
    assert pager_command({"TREATY_PAGER": "more", "PAGER": "less"}) == "more"
    assert pager_command({"PAGER": "less -S"}) == "less -S"
    assert pager_command({"PAGER": "  "}) is None


def _run_on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run ``treaty`` with stdout on a pseudo-terminal; what reached the screen."""
    leader, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "treatycli", *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": "80", "LINES": "24", **env},
    )
    os.close(follower)
    screen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    return process.wait(timeout=30), screen


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_show_pages_on_a_terminal_unless_told_not_to(tmp_path: Path) -> None:
    target = tmp_path / "paged.txt"
    env = {"PAGER": _recording_pager(target), "NO_COLOR": "1"}
    code, screen = _run_on_a_terminal(["show", "npt", "--as-of", "2026-12-01"], env)
    assert code == ExitCode.OK
    assert screen == b""
    assert target.read_text(encoding="utf-8").startswith("NPT (npt)\n")

    target.unlink()
    code, screen = _run_on_a_terminal(["show", "npt", "--as-of", "2026-12-01", "--no-pager"], env)
    assert code == ExitCode.OK
    assert screen.startswith(b"NPT (npt)") and not target.exists()
