"""Open the chart in a real browser and keep a screenshot of what a reader sees.

    uv run python docs/browser_check.py                 # built-in data, as of 2026-12-01
    uv run python docs/browser_check.py --out /tmp/shots --width 1200 -- npt new-start

Writes chart.svg and chart.html with ``treaty chart``, then has headless Chromium load each
(file://, no network: background networking, component updates and sync are off, and the
figure fetches nothing) and screenshot it: chart.svg.png and chart.html.png. Look at them.
It also checks that the browser parsed the SVG as an image (a file that is not well-formed XML
shows Chromium's error page, which the screenshot would show too) by asking it for the page's
rendered text.

Not part of CI (CI does not install a browser). Needs ``chromium`` on PATH
(``apt-get install -y chromium``), or CHROMIUM=/path/to/chrome.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def browser() -> str:
    found = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not found:
        sys.exit("browser_check: no chromium on PATH (apt-get install -y chromium, or CHROMIUM=)")
    return found


def svg_size(svg: Path) -> tuple[int, int]:
    head = svg.read_text(encoding="utf-8")[:500]
    match = re.search(r'<svg[^>]* width="(\d+)" height="(\d+)"', head)
    if match is None:
        sys.exit(f"browser_check: {svg} has no width and height on its <svg> element")
    return int(match.group(1)), int(match.group(2))


def run_browser(args: list[str]) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [browser(), *BROWSER_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def screenshot(page: Path, out: Path, width: int, height: int) -> None:
    result = run_browser([f"--screenshot={out}", f"--window-size={width},{height}", page.as_uri()])
    if not out.exists():
        sys.exit(f"browser_check: no screenshot of {page}:\n{result.stderr[-2000:]}")
    print(f"{out}  ({width}x{height} window)")


def check_parsed(svg: Path) -> None:
    """Chromium shows 'This page contains the following errors' for malformed XML."""
    result = run_browser(["--dump-dom", svg.as_uri()])
    if "parsererror" in result.stdout or "following errors" in result.stdout:
        sys.exit(f"browser_check: Chromium could not parse {svg}:\n{result.stdout[:2000]}")
    print(f"{svg}: parsed by Chromium as SVG")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="folder for the files")
    parser.add_argument("--as-of", default="2026-12-01")
    parser.add_argument("--width", type=int, default=None)
    parser.add_argument("treaties", nargs="*")
    options = parser.parse_args()
    out = options.out or Path(tempfile.mkdtemp(prefix="treaty-chart-"))
    out.mkdir(parents=True, exist_ok=True)
    svg, html = out / "chart.svg", out / "chart.html"
    command = ["treaty", "chart", *options.treaties, "--as-of", options.as_of]
    command += ["--svg", str(svg), "--html", str(html)]
    if options.width:
        command += ["--width", str(options.width)]
    subprocess.run(command, check=True)
    check_parsed(svg)
    width, height = svg_size(svg)
    screenshot(svg, out / "chart.svg.png", width, height)
    screenshot(html, out / "chart.html.png", width + 80, height + 140)


if __name__ == "__main__":
    main()
