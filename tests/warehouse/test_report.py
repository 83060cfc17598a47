import json
import re
import shutil
import subprocess

import duckdb
import pytest

from eventpipe.warehouse.report import _extent, build_report, load_country_outlines, write_report

from .test_explain import build_warehouse
from eventpipe.warehouse.query import connect_readonly

CHARTS = ["chart-daily", "chart-dyads", "chart-map", "chart-modality", "chart-rejects", "chart-runs"]
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")) if p), None)
# Injected before anything else in <head>: records console errors, uncaught errors and failed
# loads, then after the charts drew writes what each Plotly div holds into <pre id="probe">.
PROBE = """<script>
window.__errors = [];
const _error = console.error, _warn = console.warn;
console.error = (...a) => { window.__errors.push("console.error: " + a.join(" ")); _error(...a); };
console.warn = (...a) => { window.__errors.push("console.warn: " + a.join(" ")); _warn(...a); };
window.addEventListener("error", e => window.__errors.push("error: " + (e.message || (e.target && (e.target.src || e.target.href)))), true);
window.addEventListener("unhandledrejection", e => window.__errors.push("rejection: " + e.reason));
window.addEventListener("load", () => setTimeout(() => {
  const charts = [...document.querySelectorAll(".js-plotly-plot")].map(div => {
    const box = div.getBoundingClientRect();
    return {id: div.id, svgs: div.querySelectorAll("svg.main-svg").length, width: box.width, height: box.height,
            marks: div.querySelectorAll(".point, .bars path, .slice path, .scatterlayer path.js-line").length};
  });
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify({charts, errors: window.__errors});
  document.body.appendChild(pre);
}, 500));
</script>"""
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--window-size=1200,3000", "--virtual-time-budget=15000"]


@pytest.fixture(scope="module", params=[True, False], ids=["events", "mentions_only"])
def warehouse(request, tmp_path_factory):
    """(database, has events)."""
    return build_warehouse(tmp_path_factory.mktemp("wh"), with_events=request.param), request.param


@pytest.fixture(scope="module")
def report(warehouse, tmp_path_factory):
    return write_report(warehouse[0], tmp_path_factory.mktemp("out") / "report.html").read_text(encoding="utf-8")


def test_report_has_every_section_and_needs_no_network(report):
    for chart in CHARTS:
        assert f'id="{chart}"' in report
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?//""", report)
    assert '<mark class="ep-action" title="action">offered</mark> help to' in report
    assert '<mark class="ep-target" title="target">&lt;Kuwait&gt;</mark>' in report


def test_report_counts_events_when_there_are_events(report, warehouse):
    expected = "consolidated events" if warehouse[1] else "mentions (no consolidated events"
    assert f"charts count {expected}" in report


def test_report_on_an_empty_warehouse_says_so(tmp_path):
    from eventpipe.warehouse.publish import publish
    from eventpipe.warehouse.storage import locate

    location = locate(tmp_path / "wh")
    location.fs.create_dir(location.root)
    with connect_readonly(publish(location, tmp_path / "e.duckdb")) as con:
        page = build_report(con)
    assert "No dated mentions" in page and "No runs recorded" in page and "js-plotly-plot" not in page.split("</head>")[1]


@pytest.mark.parametrize("lons, lats, expected", [
    ([44.0], [33.0], (29.0, 59.0, 25.0, 41.0)),
    ([-179.0, 179.0], [-89.0, 89.0], (-180, 180, -90, 90)),
])
def test_report_extent_pads_and_clips(lons, lats, expected):
    assert _extent(lons, lats) == pytest.approx(expected)


def test_report_country_outlines_ship_in_a_package():
    lons, lats = load_country_outlines()
    points = [(x, y) for x, y in zip(lons, lats) if x is not None]
    assert len(points) > 5000 and all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in points)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (Debian: apt-get install -y chromium)")
def test_report_charts_render_in_headless_chromium(report, tmp_path):
    page = tmp_path / "probed.html"
    page.write_text(report.replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    result = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
                            capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    assert found, f"the page never finished loading; chromium said: {result.stderr[-2000:]}"
    probe = json.loads(found.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"'))
    assert probe["errors"] == []
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    charts = {c["id"]: c for c in probe["charts"]}
    assert sorted(charts) == sorted(CHARTS)
    for chart in charts.values():
        assert chart["svgs"] >= 1 and chart["width"] > 100 and chart["height"] > 100, chart
        assert chart["marks"] >= 1, chart
