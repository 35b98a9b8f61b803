"""The figure as the other files a user asks for: an HTML page, a PNG image.

The page is one self-contained file (the SVG inline, no script, no stylesheet or font to
fetch), built with ElementTree like the figure so that every text is escaped. The PNG is the
same SVG rasterised by resvg (through the ``resvg-py`` wheel: a single compiled extension, no
system library such as Cairo), at twice the figure's size so that it stays sharp on a slide.
It is an optional extra, so the tool installs where no wheel exists for the platform.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from treatycli.errors import OutputError
from treatycli.output.figure import (
    DEFAULT_WIDTH,
    FONT,
    svg_document,
    svg_element,
    title_of,
    xml_text,
)
from treatycli.rules.answers import ChartAnswer

PNG_SCALE = 2
PNG_MAX_PIXELS = 12_000_000
"""Above this a doubled image (a chart of hundreds of treaties) takes seconds to encode and is
too big to paste anywhere: such a figure is drawn at its own size instead."""
PAGE_STYLE = (
    f"body{{margin:2rem auto;max-width:max-content;padding:0 1rem;background:#fff;color:#1f1f1f;"
    f"font-family:{FONT}}}"
    "figure{margin:0}figcaption{margin-top:.75rem;color:#555;font-size:.875rem}"
    "svg{max-width:100%;height:auto}"
)


def html_page(answer: ChartAnswer, width: int) -> str:
    """One HTML file with a title and the figure inline, readable offline."""
    page = ET.Element("html", lang="en")
    head = ET.SubElement(page, "head")
    ET.SubElement(head, "meta", charset="utf-8")
    ET.SubElement(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    ET.SubElement(head, "title").text = xml_text(title_of(answer))
    ET.SubElement(head, "style").text = PAGE_STYLE
    body = ET.SubElement(page, "body")
    figure = ET.SubElement(ET.SubElement(body, "main"), "figure")
    figure.append(svg_element(answer, width))
    caption = ET.SubElement(figure, "figcaption")
    caption.text = "Hover over a bar or a symbol for its dates and what happened."
    return "<!DOCTYPE html>\n" + ET.tostring(page, encoding="unicode", method="html") + "\n"


def png_image(svg: str, width: int, height: int) -> bytes:
    """The SVG drawn as PNG bytes with the system's fonts, at PNG_SCALE times its size unless
    that would pass PNG_MAX_PIXELS."""
    try:
        import resvg_py
    except ImportError:
        raise OutputError(
            "--png needs the resvg-py package: install treatycli[png] "
            "(or write --svg and convert it)"
        ) from None
    scale = PNG_SCALE if width * height * PNG_SCALE**2 <= PNG_MAX_PIXELS else 1
    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=scale, background="#ffffff"))
    except ValueError as exc:
        raise OutputError(f"cannot draw the PNG: {exc}") from None


def write_figures(
    answer: ChartAnswer, files: list[tuple[str, Path]], width: int | None
) -> list[str]:
    """Write each requested file (``svg``, ``html`` or ``png``); return a line per file written.

    Every file's content is made before the first is written, so a failure (no PNG library)
    leaves none of them half done.
    """
    from treatycli.output.files import write_atomic

    chosen = width or DEFAULT_WIDTH
    element = svg_element(answer, chosen)
    svg = svg_document(answer, chosen, element)
    height = int(element.get("height") or 0)
    contents: list[tuple[Path, str | bytes]] = []
    for kind, path in files:
        if kind == "svg":
            contents.append((path, svg))
        elif kind == "html":
            contents.append((path, html_page(answer, chosen)))
        else:
            contents.append((path, png_image(svg, chosen, height)))
    count = len(answer.rows)
    what = f"a chart of {count} treat{'y' if count == 1 else 'ies'}"
    done = []
    for path, content in contents:
        write_atomic(path, content)
        done.append(f"wrote {what} to {path}")
    return done
