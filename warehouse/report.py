"""One self-contained HTML report of what the warehouse holds: charts with Plotly's JavaScript
inlined and country outlines from the `countryinfo` package, so it opens with no network.

Counts events when the warehouse has `events` rows, else mentions (`unit` says which).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import duckdb
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from .explain import explain_css, explain_html, explanation, has_events, rows
from .query import connect_readonly

QUAD_CLASSES = {1: ("verbal cooperation", "#74c476"), 2: ("material cooperation", "#238b45"),
                3: ("verbal conflict", "#fd8d3c"), 4: ("material conflict", "#d7301f")}
_UNKNOWN = ("uncoded", "#bdbdbd")
_TOP_DYADS = 15
_EXPLAINED = 8
_RUNS = 10
_CONFIG = {"displaylogo": False, "responsive": True}


@lru_cache(maxsize=1)
def load_country_outlines() -> tuple[list[float | None], list[float | None]]:
    """Longitudes and latitudes of every country outline ring, rings separated by None (Plotly gaps).

    The polygons ship inside the `countryinfo` wheel (data/*.json, `geoJSON` field, MIT); rounded
    to 0.01 degree, which is finer than the outlines themselves.
    """
    lons: list[float | None] = []
    lats: list[float | None] = []
    folder = resources.files("countryinfo") / "data"
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if not item.name.endswith(".json"):
            continue
        for feature in json.loads(item.read_text(encoding="utf-8")).get("geoJSON", {}).get("features", []):
            geometry = feature.get("geometry") or {}
            polygons = [geometry["coordinates"]] if geometry.get("type") == "Polygon" else geometry.get("coordinates", [])
            for ring in (r for polygon in polygons for r in polygon):
                lons += [round(p[0], 2) for p in ring] + [None]
                lats += [round(p[1], 2) for p in ring] + [None]
    return lons, lats


def _unit(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """(table, weight expression): events weighted by their mentions, else one per mention."""
    return ("events", "num_mentions") if has_events(con) else ("mentions", "1")


def _chart(fig: go.Figure, div_id: str, height: int = 360) -> str:
    fig.update_layout(height=height, margin=dict(l=50, r=20, t=30, b=40), template="plotly_white")
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=_CONFIG)


def _empty(message: str) -> str:
    return f'<p class="empty">{html.escape(message)}</p>'


def _quad(value) -> tuple[str, str]:
    return QUAD_CLASSES.get(value, _UNKNOWN)


def daily_chart(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """Stacked bars: rows per day of `date_start`, one colour per QuadClass.

    Days run from a month before the first publication date to the last one (else the central 98%
    of dates): a story's mention of 1995 would otherwise squeeze the news days into one pixel.
    """
    low, high, undated = con.execute(f"""select quantile_disc(date_start, 0.01), quantile_disc(date_start, 0.99),
        count(*) filter (where date_start is null) from {table}""").fetchone()
    if low is None:
        return _empty(f"No dated {table} ({undated} undated).")
    first, last = con.execute("select min(published) - interval 31 day, max(published) from documents").fetchone()
    if first is not None:
        low, high = first.date() if hasattr(first, "date") else first, last
    data = rows(con, f"""select date_start as day, quad_class, count(*) as n from {table}
        where date_start between ? and ? group by all order by day""", [low, high])
    outside = con.execute(f"select count(*) from {table} where date_start < ? or date_start > ?", [low, high]).fetchone()[0]
    fig = go.Figure()
    for quad in sorted({r["quad_class"] for r in data}, key=lambda q: (q is None, q)):
        name, colour = _quad(quad)
        picked = [r for r in data if r["quad_class"] == quad]
        fig.add_bar(x=[r["day"] for r in picked], y=[r["n"] for r in picked], name=f"{quad or '-'} {name}", marker_color=colour)
    fig.update_layout(barmode="stack", yaxis_title=table, legend_title="QuadClass")
    notes = [f"{undated} {table} without a date"] if undated else []
    notes += [f"{outside} dated outside {low}..{high}"] if outside else []
    note = f'<p class="note">Not shown: {"; ".join(notes)}.</p>' if notes else ""
    return _chart(fig, "chart-daily") + note


def dyad_chart(con: duckdb.DuckDBPyConnection, table: str, weight: str) -> str:
    """Horizontal bars: the most frequent actor -> target code pairs."""
    data = rows(con, f"""select coalesce(actor_code, '?') || ' → ' || coalesce(target_code, '—') as dyad,
        count(*) as n, sum({weight}) as mentions, mode(cameo) as cameo
        from {table} where actor_code is not null and target_code is not null
        group by all order by n desc, mentions desc, dyad limit {_TOP_DYADS}""")
    if not data:
        return _empty(f"No {table} with both actor and target coded.")
    data.reverse()
    fig = go.Figure(go.Bar(x=[r["n"] for r in data], y=[r["dyad"] for r in data], orientation="h", marker_color="#3182bd",
                           customdata=[[r["mentions"], r["cameo"]] for r in data],
                           hovertemplate="%{y}: %{x} " + table + ", %{customdata[0]} mentions, most often CAMEO %{customdata[1]}<extra></extra>"))
    fig.update_layout(xaxis_title=table, yaxis=dict(automargin=True))
    return _chart(fig, "chart-dyads", height=max(260, 26 * len(data) + 80))


def map_chart(con: duckdb.DuckDBPyConnection, table: str, weight: str) -> str:
    """Points per place (size by mentions, colour by the most frequent QuadClass) over country outlines."""
    data = rows(con, f"""select location_name as place, location_country as country, lat, lon, count(*) as n,
        sum({weight}) as mentions, mode(quad_class) as quad_class from {table}
        where lat is not null and lon is not null group by all order by n desc""")
    unlocated = con.execute(f"select count(*) from {table} where lat is null or lon is null").fetchone()[0]
    if not data:
        return _empty(f"No located {table} ({unlocated} without a place).")
    lons, lats = load_country_outlines()
    fig = go.Figure(go.Scatter(x=lons, y=lats, mode="lines", fill="toself", fillcolor="#f0f0f0",
                               line=dict(color="#969696", width=0.6), hoverinfo="skip", showlegend=False))
    largest = max(r["n"] for r in data)
    for quad in sorted({r["quad_class"] for r in data}, key=lambda q: (q is None, q)):
        name, colour = _quad(quad)
        picked = [r for r in data if r["quad_class"] == quad]
        fig.add_scatter(x=[r["lon"] for r in picked], y=[r["lat"] for r in picked], mode="markers", name=f"{quad or '-'} {name}",
                        marker=dict(color=colour, size=[8 + 22 * (r["n"] / largest) ** 0.5 for r in picked], opacity=0.8, line=dict(color="#333", width=0.5)),
                        text=[f"{r['place']} ({r['country'] or '?'}): {r['n']} {table}, {r['mentions']} mentions" for r in picked],
                        hovertemplate="%{text}<extra></extra>")
    x0, x1, y0, y1 = _extent([r["lon"] for r in data], [r["lat"] for r in data])
    fig.update_xaxes(range=[x0, x1], showgrid=False, zeroline=False, title="longitude")
    fig.update_yaxes(range=[y0, y1], showgrid=False, zeroline=False, title="latitude", scaleanchor="x", scaleratio=1)
    fig.update_layout(legend_title="most frequent QuadClass", plot_bgcolor="#dbe9f6")
    note = f'<p class="note">{unlocated} {table} without coordinates are not shown. Zoom out to see the world.</p>'
    return _chart(fig, "chart-map", height=460) + note


def _extent(lons: list[float], lats: list[float], pad: float = 8.0, least: float = 30.0) -> tuple[float, float, float, float]:
    """A padded lon/lat box around the points, at least `least` degrees wide, inside the world."""
    x0, x1, y0, y1 = min(lons) - pad, max(lons) + pad, min(lats) - pad, max(lats) + pad
    if x1 - x0 < least:
        x0, x1 = (x0 + x1 - least) / 2, (x0 + x1 + least) / 2
    if y1 - y0 < least / 2:
        y0, y1 = (y0 + y1 - least / 2) / 2, (y0 + y1 + least / 2) / 2
    return max(x0, -180), min(x1, 180), max(y0, -90), min(y1, 90)


def modality_chart(con: duckdb.DuckDBPyConnection) -> str:
    """Donut: the share of mentions by modality."""
    data = rows(con, "select modality, count(*) as n from mentions group by all order by n desc")
    if not data:
        return _empty("No mentions.")
    fig = go.Figure(go.Pie(labels=[r["modality"] for r in data], values=[r["n"] for r in data], hole=0.45, sort=False))
    return _chart(fig, "chart-modality", height=320)


def rejects_chart(con: duckdb.DuckDBPyConnection) -> str:
    """Horizontal bars: rejects by stage and reason."""
    data = rows(con, "select stage || ': ' || reason as why, count(*) as n from rejects group by all order by n, why")
    if not data:
        return _empty("No rejects: every input became a document.")
    fig = go.Figure(go.Bar(x=[r["n"] for r in data], y=[r["why"] for r in data], orientation="h", marker_color="#969696"))
    fig.update_layout(xaxis_title="rejects", yaxis=dict(automargin=True))
    return _chart(fig, "chart-rejects", height=max(220, 30 * len(data) + 80))


def runs_section(con: duckdb.DuckDBPyConnection) -> str:
    """The last runs: a stacked bar of seconds per stage, and a table of their counts."""
    data = rows(con, f"select * from runs order by started desc limit {_RUNS}")
    if not data:
        return _empty("No runs recorded.")
    data.reverse()
    stages = sorted({s for r in data for s in (r["timings"] or {})}, key=lambda s: -sum((r["timings"] or {}).get(s, 0) for r in data))
    fig = go.Figure()
    for stage in stages:
        fig.add_bar(y=[r["run_id"] for r in data], x=[round((r["timings"] or {}).get(stage, 0.0), 3) for r in data], name=stage, orientation="h")
    fig.update_layout(barmode="stack", xaxis_title="seconds", yaxis=dict(automargin=True, type="category"), legend_title="stage")
    columns = ("run_id", "started", "seconds", "inputs", "new", "skipped", "mentions", "events", "rejects", "words")
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(_run_value(r, c)))}</td>" for c in columns) + "</tr>" for r in reversed(data))
    head = "".join(f"<th>{c}</th>" for c in columns)
    return _chart(fig, "chart-runs", height=max(220, 34 * len(data) + 100)) + f'<table class="grid"><tr>{head}</tr>{body}</table>'


def _run_value(run: dict, column: str):
    if column == "seconds":
        finished, started = run.get("finished"), run.get("started")
        return f"{(finished - started).total_seconds():.1f}" if finished and started else "-"
    if column == "started" and run.get("started"):
        return run["started"].strftime("%Y-%m-%d %H:%M:%S")
    return run.get(column, "")


def explained_section(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The most-mentioned events (or mentions), each explained back to its sentences."""
    # Without events, mentions of the most frequent dyad and root first: the closest to "most-mentioned".
    order = ("num_mentions desc, num_sources desc, event_id" if table == "events" else
             "target_code is null, count(*) over (partition by actor_code, target_code, cameo_root) desc, confidence desc, mention_id")
    key = "event_id" if table == "events" else "mention_id"
    ids = [r[0] for r in con.execute(f"select {key} from {table} order by {order} limit {_EXPLAINED}").fetchall()]
    parts = []
    for n, key in enumerate(ids):
        found = explanation(con, key, None) if table == "events" else explanation(con, None, key)
        record = found.event or found.mentions[0]
        summary = (f"{record.get('actor_code') or '?'} → {record.get('target_code') or '—'} · CAMEO {record.get('cameo') or '?'}"
                   f" · {len(found.mentions)} mention(s) · {record.get('actor_text')} {found.mentions[0].get('action_text')}")
        parts.append(f"<details{' open' if n == 0 else ''}><summary>{html.escape(summary)}</summary>{explain_html(found)}</details>")
    return "".join(parts) or _empty(f"No {table}.")


def _totals(con: duckdb.DuckDBPyConnection) -> str:
    names = ["documents", "mentions", "events", "rejects", "runs"]
    present = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    cells = "".join(f'<div class="stat"><b>{con.execute(f"select count(*) from {n}").fetchone()[0]:,}</b>{n}</div>' for n in names if n in present)
    return f'<div class="stats">{cells}</div>'


_CSS = """body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#222}
h1{margin-bottom:0}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}.sub{color:#666}
.stats{display:flex;gap:16px;flex-wrap:wrap}.stat{border:1px solid #ddd;border-radius:6px;padding:8px 16px;min-width:90px}
.stat b{display:block;font-size:150%}.note,.empty{color:#666;font-size:90%}.grid{border-collapse:collapse;font-size:85%}
.grid td,.grid th{border:1px solid #ddd;padding:3px 6px;text-align:right}.grid td:first-child{text-align:left}
.row{display:grid;grid-template-columns:1fr 1fr;gap:24px}summary{cursor:pointer;padding:3px 0}"""


def build_report(con: duckdb.DuckDBPyConnection, title: str = "eventpipe report", generated: dt.datetime | None = None) -> str:
    """The whole report as one HTML string: every chart, the Plotly library and the outlines inlined."""
    table, weight = _unit(con)
    generated = generated or dt.datetime.now(dt.timezone.utc)
    sections = [
        ("Events per day by QuadClass", daily_chart(con, table)),
        ("Top dyads", dyad_chart(con, table, weight)),
        ("Where", map_chart(con, table, weight)),
        ("Mentions by modality and rejects by reason",
         f'<div class="row"><div>{modality_chart(con)}</div><div>{rejects_chart(con)}</div></div>'),
        ("Last runs", runs_section(con)),
        ("Explained: the most-mentioned " + table, explained_section(con, table)),
    ]
    body = "".join(f"<section><h2>{html.escape(name)}</h2>{content}</section>" for name, content in sections)
    counted = "consolidated events" if table == "events" else "mentions (no consolidated events in this warehouse)"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{_CSS}{explain_css()}</style>
<script type="text/javascript">{get_plotlyjs()}</script></head>
<body><h1>{html.escape(title)}</h1>
<p class="sub">Generated {generated:%Y-%m-%d %H:%M} UTC · charts count {counted}.</p>{_totals(con)}{body}
<footer><p class="note">Sentences are quoted from the source documents named beside them; each keeps its
publisher's licence (Wikinews articles: CC BY 2.5, attribution to Wikinews). Country outlines: the
countryinfo package (MIT). Charts: Plotly.</p></footer></body></html>"""


def write_report(database: Path, out: Path, filesystem=None) -> Path:
    """Write the HTML report of the warehouse views in `database` to `out`; returns `out`.

    `filesystem` (fsspec) reads the Parquet files of a remote warehouse.
    """
    with connect_readonly(database, filesystem) as con:
        text = build_report(con)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out
