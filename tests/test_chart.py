"""The chart: its answer (segments and markers to the day), the SVG figure, the page, the PNG,
``chart --json``, and the options' unhappy paths."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import parse_json
from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.dataset.catalog import Dataset
from treatycli.errors import ExitCode
from treatycli.output.figure import DEFAULT_WIDTH, svg_document, xml_text
from treatycli.output.textwidth import fit, text_width, wrap
from treatycli.rules.answers import STATUS_GROUPS, ChartAnswer, Status
from treatycli.rules.chart import build_chart, segments
from treatycli.rules.status import status_as_of

Invoke = Callable[..., Any]
SVG = "{http://www.w3.org/2000/svg}"
AS_OF = "2026-12-01"


def test_every_status_has_one_group() -> None:
    assert set(STATUS_GROUPS) == set(get_args(Status))
    assert STATUS_GROUPS["suspended"] == "in_force"
    assert STATUS_GROUPS["abandoned"] == "ended"


# --- the answer: segments and markers -----------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_segments_agree_with_the_status_rules_on_every_day(builtin: Dataset, data: Any) -> None:
    """The chart computes no status of its own: any day of a bar has the status the rules give
    on that day, as known on it."""
    treaty = data.draw(st.sampled_from(builtin.treaties))
    assert treaty.signed_on is not None
    as_of = data.draw(st.dates(min_value=treaty.signed_on, max_value=date(2030, 12, 31)))
    day = data.draw(st.dates(min_value=treaty.signed_on, max_value=as_of))
    holding = [
        s
        for s in segments(treaty, as_of)
        if not s.projected and s.start <= day and (s.end is None or day < s.end)
    ]
    assert len(holding) == 1
    assert holding[0].status == status_as_of(treaty, day).code


def test_new_start_to_the_day(builtin: Dataset) -> None:
    spans = segments(builtin.find("new-start"), date(2026, 12, 1))
    assert [(s.status, s.start, s.end) for s in spans] == [
        ("signed_not_in_force", date(2010, 4, 8), date(2011, 2, 5)),
        ("in_force", date(2011, 2, 5), date(2023, 2, 28)),
        ("suspended", date(2023, 2, 28), date(2026, 2, 5)),
        ("expired", date(2026, 2, 5), None),
    ]


def test_projected_remainder_until_expiry(builtin: Dataset) -> None:
    spans = segments(builtin.find("new-start"), date(2020, 4, 14))
    current, projected = spans[-2:]
    assert (current.status, current.end, current.projected) == ("in_force", None, False)
    assert (projected.start, projected.end, projected.projected) == (
        date(2020, 4, 15),
        date(2021, 2, 5),
        True,
    )


def test_one_end_marker_with_the_party_that_ended_it(builtin: Dataset) -> None:
    answer = build_chart([builtin.find("inf")], date(2026, 12, 1), builtin.short_names)
    marks = answer.rows[0].markers
    ends = [m for m in marks if m.kind == "end"]
    assert len(ends) == 1
    assert (ends[0].date, ends[0].party, ends[0].ending) == (
        date(2019, 8, 2),
        "United States of America",
        "terminated_by_withdrawal",
    )
    kinds = [(m.kind, m.party) for m in marks]
    assert ("withdrawal_notice", "United States of America") in kinds
    assert ("suspension", "Russian Federation") in kinds
    sort = build_chart([builtin.find("sort")], date(2026, 12, 1), builtin.short_names)
    assert sort.rows[0].markers[-1].description == "superseded by New START"


def test_span_given_at_one_end_never_blames_the_other(builtin: Dataset) -> None:
    late = build_chart(builtin.treaties, date(2026, 12, 1), {}, date_from=date(2050, 3, 1))
    assert (late.date_from, late.date_to) == (date(2050, 3, 1), date(2050, 12, 31))
    early = build_chart(builtin.treaties, date(2026, 12, 1), {}, date_to=date(1900, 6, 30))
    assert (early.date_from, early.date_to) == (date(1900, 1, 1), date(1900, 6, 30))


# --- chart --json -----------------------------------------------------------------------------


def test_json_is_the_answer_and_matches_its_published_schema(invoke: Invoke) -> None:
    result = invoke("chart", "--as-of", AS_OF, "--json")
    assert result.exit_code == ExitCode.OK
    document = parse_json(result.stdout)
    schema = parse_json(invoke("schema", "chart").stdout)
    jsonschema.validate(document, schema)
    assert document["command"] == "chart"
    # Antarctic Treaty signed 1959; a renewing term in force runs to a period ending in 2030.
    assert (document["date_from"], document["date_to"]) == ("1959-01-01", "2030-12-31")
    new_start = next(r for r in document["rows"] if r["treaty"]["id"] == "new-start")
    assert new_start["segments"][1] == {
        "status": "in_force",
        "label": "in force",
        "group": "in_force",
        "start": "2011-02-05",
        "end": "2023-02-28",
        "projected": False,
    }
    suspension = next(m for m in new_start["markers"] if m["kind"] == "suspension")
    assert suspension["party"] == "Russian Federation" and suspension["date"] == "2023-02-28"
    ChartAnswer.model_validate(document)


def test_json_keeps_what_overlaps_the_span(invoke: Invoke) -> None:
    result = invoke(
        "chart", "inf", "--from", "2019", "--to", "2019-06-30", "--as-of", AS_OF, "--json"
    )
    document = parse_json(result.stdout)
    assert (document["date_from"], document["date_to"]) == ("2019-01-01", "2019-06-30")
    row = document["rows"][0]
    assert [s["status"] for s in row["segments"]] == ["in_force", "withdrawal_pending"]
    assert all("2019-01-01" <= m["date"] <= "2019-06-30" for m in row["markers"])
    assert "end" not in {m["kind"] for m in row["markers"]}  # 2019-08-02 is outside


# --- --from / --to ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "first", "last"),
    [
        (["--from", "2019-01-01"], "2019-01-01", "2030-12-31"),
        (["--from", "2019"], "2019-01-01", "2030-12-31"),
        (["--from", "1990", "--to", "2000"], "1990-01-01", "2000-12-31"),
        (["--to", "2000-02-29"], "1959-01-01", "2000-02-29"),
        (["--to", "9999"], "1959-01-01", "9999-12-31"),
    ],
)
def test_from_and_to_take_a_day_or_a_year(
    invoke: Invoke, args: list[str], first: str, last: str
) -> None:
    result = invoke("chart", *args, "--as-of", AS_OF, "--json")
    assert result.exit_code == ExitCode.OK, result.stderr
    document = parse_json(result.stdout)
    assert (document["date_from"], document["date_to"]) == (first, last)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2019-13-01"],
            "'2019-13-01' is neither a day (YYYY-MM-DD, or 'today') nor a year",
        ),
        (["--from", "abc"], "'abc' is neither a day"),
        (["--to", "10000"], "'10000' is neither a day"),
        (["--from", "0"], "year 0 is outside 1 to 9999"),
        (["--from", "2030", "--to", "2000"], "--from 2030-01-01 is after --to 2000-12-31"),
        (["--width", "1000"], "--width sets the figure's width: give --svg, --html or --png"),
    ],
)
def test_bad_span_is_a_one_line_usage_error(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke("chart", *args)
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr.startswith("treaty: error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "valid integer" not in result.stderr
    assert result.stdout == ""


def test_width_out_of_range_is_a_usage_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("chart", "--svg", str(tmp_path / "c.svg"), "--width", "100")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert "480" in result.stderr and not (tmp_path / "c.svg").exists()


def _far_future(write_yaml: Callable[..., Path]) -> Path:
    treaty = minimal_treaty(
        rules={"term": {"type": "fixed_end", "ends_on": "9999-12-31", "article": "Art. 1"}}
    )
    return write_yaml(dataset_document(treaty))


def test_axis_to_year_9999_is_drawn_not_blamed_on_options(
    invoke: Invoke, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    """A treaty in force until 31 December 9999 needs an axis to the last day there is; the
    chart once asked for 1 January 10000 and then blamed --from/--to, which nobody gave."""
    data = _far_future(write_yaml)
    text = invoke("--data", str(data), "chart", "--as-of", AS_OF, env={"COLUMNS": "80"})
    assert text.exit_code == ExitCode.OK, text.stderr
    assert "9000" in text.stdout and "─" in text.stdout
    as_json = parse_json(invoke("--data", str(data), "chart", "--as-of", AS_OF, "--json").stdout)
    assert as_json["date_to"] == "9999-12-31"
    assert as_json["rows"][0]["segments"][-1]["end"] == "9999-12-31"
    svg = tmp_path / "far.svg"
    drawn = invoke("--data", str(data), "chart", "--as-of", "9999-12-30", "--svg", str(svg))
    assert drawn.exit_code == ExitCode.OK, drawn.stderr
    ET.fromstring(svg.read_bytes())
    last_day = invoke("--data", str(data), "chart", "--as-of", "9999-12-31", "--to", "9999")
    assert last_day.exit_code == ExitCode.OK, last_day.stderr
    assert "--from" not in text.stderr + drawn.stderr + last_day.stderr


# --- the SVG figure ---------------------------------------------------------------------------


def _svg(invoke: Invoke, tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    target = tmp_path / "chart.svg"
    result = invoke("chart", "--as-of", AS_OF, *args, "--svg", str(target), env=env)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stdout == ""  # a file was asked for: the terminal gets no chart
    assert result.stderr.startswith("wrote a chart of ")
    assert result.stderr.endswith(f" to {target}\n") and result.stderr.count("\n") == 1
    return target


def test_svg_is_well_formed_with_a_fixed_default_size(invoke: Invoke, tmp_path: Path) -> None:
    path = _svg(invoke, tmp_path)
    root = ET.fromstring(path.read_bytes())
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == str(DEFAULT_WIDTH)
    height = int(root.get("height") or 0)
    assert 400 < height < 2000  # 31 treaties: the height follows the rows, the width is fixed
    assert root.get("viewBox") == f"0 0 {DEFAULT_WIDTH} {height}"
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "Treaties' lives as of 2026-12-01" in texts
    assert "New START" in texts and "as of 2026-12-01" in texts
    assert any("Russian Federation: suspended" in t for t in texts)
    legend = {t for t in texts}
    assert {"in force", "in force, suspended by a party", "signed, not in force"} <= legend
    # each status a pattern, not only a colour
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert {"treaty-chart-signed", "treaty-chart-suspended", "treaty-chart-pending"} <= patterns
    tooltips = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert "New START: in force, suspended by a party, from 2023-02-28 to 2026-02-04" in tooltips
    assert "NPT: in force, since 1970-03-05 (as of 2026-12-01)" in tooltips


def test_svg_does_not_follow_the_terminal(invoke: Invoke, tmp_path: Path) -> None:
    narrow = _svg(invoke, tmp_path, env={"COLUMNS": "80"}).read_bytes()
    wide = _svg(invoke, tmp_path, env={"COLUMNS": "200"}).read_bytes()
    assert narrow == wide


def test_svg_width_is_honoured(invoke: Invoke, tmp_path: Path) -> None:
    root = ET.fromstring(_svg(invoke, tmp_path, "--width", "1400").read_bytes())
    assert root.get("width") == "1400"
    assert (root.get("viewBox") or "").startswith("0 0 1400 ")
    narrow = ET.fromstring(_svg(invoke, tmp_path, "--width", "480").read_bytes())
    xs = [float(t.get("x") or 0) for t in narrow.iter(f"{SVG}text")]
    assert max(xs) <= 480


def test_svg_is_self_contained(invoke: Invoke, tmp_path: Path) -> None:
    text = _svg(invoke, tmp_path).read_text(encoding="utf-8")
    assert text.count("http") == 1  # the namespace, nothing to fetch
    assert "@import" not in text and "@font-face" not in text and "href" not in text
    assert "url(" not in text.replace("url(#", "")
    assert "sans-serif" in text and "monospace" not in text


HOSTILE = "<script>alert(\"x\")</script> & ]]> 'q' \ufffe"


def _hostile(write_yaml: Callable[..., Path]) -> Path:
    treaty = minimal_treaty(
        short_name=HOSTILE.replace("\ufffe", ""),
        events=[
            {"type": "signed", "date": "2010-04-08", "source": SOURCE},
            {"type": "entered_into_force", "date": "2011-02-05", "source": SOURCE},
            {
                "type": "suspended",
                "date": "2015-01-01",
                "party": "Alpha",
                "source": SOURCE,
            },
        ],
        parties=["Alpha", "Beta"],
    )
    return write_yaml(dataset_document(treaty))


def test_hostile_names_are_escaped_in_svg_and_html(
    invoke: Invoke, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    data = _hostile(write_yaml)
    svg, html = tmp_path / "h.svg", tmp_path / "h.html"
    result = invoke("--data", str(data), "chart", "--svg", str(svg), "--html", str(html))
    assert result.exit_code == ExitCode.OK, result.stderr
    name = HOSTILE.replace("\ufffe", "")
    root = ET.fromstring(svg.read_bytes())
    assert not [e for e in root.iter() if "script" in e.tag]
    assert name in [t.text for t in root.iter(f"{SVG}text")]
    raw = svg.read_text(encoding="utf-8") + html.read_text(encoding="utf-8")
    assert "<script" not in raw and "&lt;script&gt;" in raw

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []
            self.title = ""
            self._in_title = False

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.tags.append(tag)
            self._in_title = tag == "title" and "svg" not in self.tags

        def handle_data(self, data: str) -> None:
            if self._in_title:
                self.title += data
                self._in_title = False

    page = Tags()
    page.feed(html.read_text(encoding="utf-8"))
    assert "script" not in page.tags and "svg" in page.tags
    assert page.title.startswith("Treaties' lives as of ")


def test_characters_xml_cannot_carry_are_replaced() -> None:
    assert xml_text("a\ufffeb\uffffc\x01") == "a\ufffdb\ufffdc\ufffd"
    assert xml_text("tab\tok é 中") == "tab\tok é 中"


def test_figure_of_hostile_answer_parses(builtin: Dataset) -> None:
    answer = build_chart(builtin.treaties, date(2026, 12, 1), builtin.short_names)
    row = answer.rows[0]
    evil = row.model_copy(update={"treaty": row.treaty.model_copy(update={"short_name": HOSTILE})})
    document = svg_document(answer.model_copy(update={"rows": [evil]}))
    root = ET.fromstring(document.encode("utf-8"))
    assert HOSTILE.replace("\ufffe", "\ufffd") in [t.text for t in root.iter(f"{SVG}text")]


# --- the page and the PNG ---------------------------------------------------------------------


def test_html_page_is_one_self_contained_file(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "chart.html"
    result = invoke("chart", "--as-of", AS_OF, "--html", str(target), "--width", "800")
    assert result.exit_code == ExitCode.OK
    text = target.read_text(encoding="utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Treaties' lives as of 2026-12-01</title>" in text
    assert '<svg xmlns="http://www.w3.org/2000/svg" width="800"' in text
    assert "src=" not in text and "<link" not in text and "<script" not in text


def test_png_is_drawn_at_twice_the_width(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "chart.png"
    result = invoke("chart", "new-start", "--as-of", AS_OF, "--png", str(target), "--width", "600")
    assert result.exit_code == ExitCode.OK, result.stderr
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1200


def test_png_without_its_library_says_how_to_get_it(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "resvg_py", None)
    svg, png = tmp_path / "c.svg", tmp_path / "c.png"
    result = invoke("chart", "--svg", str(svg), "--png", str(png))
    assert result.exit_code == ExitCode.DATA_ERROR
    assert result.stderr == (
        "treaty: error: --png needs the resvg-py package: install treatycli[png] "
        "(or write --svg and convert it)\n"
    )
    assert not svg.exists() and not png.exists()  # nothing half done


# --- type measurement -------------------------------------------------------------------------


def test_text_width_estimates() -> None:
    assert text_width("", 12) == 0
    assert text_width("MMMM", 12) > text_width("iiii", 12)
    assert text_width("中文", 10) == pytest.approx(2 * 10 * 1.1)
    assert text_width("e\u0301", 10) == text_width("e", 10)
    assert fit("Treaty on the Non-Proliferation", 12, 60).endswith("…")
    assert text_width(fit("Treaty on the Non-Proliferation", 12, 60), 12) <= 60
    lines = wrap("one two three four five six", 12, 50)
    assert len(lines) > 1 and all(text_width(line, 12) <= 50 for line in lines)


def test_one_day_span_still_draws(invoke: Invoke, tmp_path: Path) -> None:
    day = date(2019, 8, 2)
    target = tmp_path / "d.svg"
    result = invoke(
        "chart",
        "inf",
        "--from",
        str(day),
        "--to",
        str(day + timedelta(days=0)),
        "--as-of",
        AS_OF,
        "--svg",
        str(target),
    )
    assert result.exit_code == ExitCode.OK, result.stderr
    root = ET.fromstring(target.read_bytes())
    assert "2019-08-02" in [t.text for t in root.iter(f"{SVG}text")]
    assert json.loads(
        invoke(
            "chart", "inf", "--from", "2019-08-02", "--to", "2019-08-02", "--json", "--as-of", AS_OF
        ).stdout
    )["rows"][0]["markers"]


def test_labels_above_only_leave_room_below(builtin: Dataset) -> None:
    """A row whose labels all sit above its bar (no signature in the span) once got a negative
    lane count below it, and the axis was drawn across the bar."""
    answer = build_chart(
        [builtin.find("new-start")],
        date(2024, 6, 1),
        builtin.short_names,
        date(2020, 1, 1),
        date(2026, 6, 30),
    )
    root = ET.fromstring(svg_document(answer, 700).encode("utf-8"))
    bars = [r for r in root.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("url(")]
    bar_bottom = max(float(r.get("y") or 0) + float(r.get("height") or 0) for r in bars[:3])
    axis = next(p for p in root.iter(f"{SVG}path") if (p.get("d") or "").count("H") == 1)
    assert float((axis.get("d") or "").split(",")[1].split("H")[0]) > bar_bottom


def test_png_of_a_very_tall_figure_is_drawn_at_its_own_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from treatycli.output import figure_files

    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"/>'
    assert int.from_bytes(figure_files.png_image(svg, 600, 400)[16:20], "big") == 1200
    monkeypatch.setattr(figure_files, "PNG_MAX_PIXELS", 600 * 400 * 3)
    assert int.from_bytes(figure_files.png_image(svg, 600, 400)[16:20], "big") == 600


def test_crowded_markers_stay_near_their_days() -> None:
    """Eight withdrawals in one month used to march years to the right, past the as-of line."""
    from treatycli.output.figure import MAX_SHIFT, spread

    days = [500.0 + k * 0.5 for k in range(8)]
    placed = spread(days, 100.0, 900.0)
    assert all(abs(x - day) <= MAX_SHIFT for x, day in zip(placed, days, strict=True))
    assert placed == sorted(placed)
    apart = spread([100.0, 400.0], 100.0, 900.0)
    assert apart == [100.0, 400.0]  # markers with room are not moved


def test_no_marker_label_is_wider_than_its_room(builtin: Any) -> None:
    """SALT I's end label carried its whole article note and ran off the page."""
    from treatycli import queries
    from treatycli.output.figure import LABEL_ROOM, LABEL_SIZE, svg_element
    from treatycli.output.textwidth import text_width

    svg = svg_element(queries.chart(builtin, [], date(2026, 12, 1)))
    labels = [e.text or "" for e in svg.iter() if e.get("font-size") == str(LABEL_SIZE)]
    assert labels and all(text_width(t, LABEL_SIZE) <= LABEL_ROOM for t in labels)
    assert any(t.endswith("…") for t in labels)
