import datetime as dt
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from eventpipe.schemas import (
    Action, Actor, Document, EventDate, EventMention, Place, Reject, Run, Span, to_row, to_table,
)
from eventpipe.schemas.events import Event
from eventpipe.warehouse.explain import ExplainError, coding_lines, explain_event, explain_html, explanation, segments
from eventpipe.warehouse.publish import publish
from eventpipe.warehouse.storage import locate
from eventpipe.warehouse.writer import write_records
from eventpipe.warehouse.query import connect_readonly

# Made-up articles: an offer reported twice (merged into one event) and a negated attack.
TEXTS = {
    "d1": "Talks went on.\n\nIran offered help to Iraq on Monday in Basra.",
    "d2": "Tehran is ready to provide aid to Baghdad. Iraq did not attack <Kuwait> & others.",
}
UTC = dt.timezone.utc


def _span(doc: str, words: str) -> Span:
    start = TEXTS[doc].index(words)
    return Span(start=start, end=start + len(words))


def _mention(mention_id: str, doc: str, index: int, sentence: str, actor: tuple, action: tuple, target: tuple | None,
             place: tuple | None = None, date: tuple | None = None, modality: str = "asserted") -> EventMention:
    cameo, quad, goldstein = action[2:]
    return EventMention(
        mention_id=mention_id, doc_id=doc, sentence_index=index, sentence=sentence, sentence_span=_span(doc, sentence),
        actor=Actor(text=actor[0], code=actor[1], country=actor[1][:3], span=_span(doc, actor[0])),
        action=Action(text=action[0], lemma=action[1], cameo=cameo, root=cameo[:2], quad_class=quad, goldstein=goldstein, span=_span(doc, action[0])),
        target=Actor(text=target[0], code=target[1], country=target[1][:3], span=_span(doc, target[0])) if target else None,
        location=Place(text=place[0], name=place[0], country="IRQ", lat=place[1], lon=place[2], feature="city", span=_span(doc, place[0])) if place else None,
        date=EventDate(start=date[1], end=date[1], granularity="day", text=date[0], basis="relative", span=_span(doc, date[0])) if date else EventDate(),
        modality=modality, confidence=0.9, extractor_version="test", run_id="r1",
        event_month=f"{date[1]:%Y-%m}" if date else "unknown",
    )


MENTIONS = [
    _mention("m1aaaa", "d1", 1, "Iran offered help to Iraq on Monday in Basra.", ("Iran", "IRN"), ("offered", "offer", "030", 1, 4.0),
             ("Iraq", "IRQ"), place=("Basra", 30.51, 47.78), date=("on Monday", dt.date(2020, 3, 2))),
    _mention("m2bbbb", "d2", 0, "Tehran is ready to provide aid to Baghdad.", ("Tehran", "IRNGOV"), ("provide", "provide", "072", 2, 7.4),
             ("Baghdad", "IRQGOV")),
    _mention("m3cccc", "d2", 1, "Iraq did not attack <Kuwait> & others.", ("Iraq", "IRQ"), ("attack", "attack", "190", 4, -10.0),
             ("<Kuwait>", "KWT"), modality="negated"),
]
EVENTS = [
    Event(event_id="e1offer", actor_text="Iran", actor_code="IRN", actor_country="IRN", cameo="030", cameo_root="03", quad_class=1,
          goldstein=4.0, target_text="Iraq", target_code="IRQ", target_country="IRQ", location_name="Basra", lat=30.51, lon=47.78,
          date_start=dt.date(2020, 3, 2), date_end=dt.date(2020, 3, 2), date_granularity="day", num_mentions=2, num_documents=2,
          num_sources=2, mention_ids=["m1aaaa", "m2bbbb"], merge_reason="actor IRN ~ IRNGOV; offer/provide aid 030 ~ 072", event_month="2020-03"),
    Event(event_id="e2attack", modality="negated", actor_text="Iraq", actor_code="IRQ", cameo="190", cameo_root="19", quad_class=4,
          target_text="<Kuwait>", target_code="KWT", num_mentions=1, num_documents=1, num_sources=1, mention_ids=["m3cccc"],
          merge_reason="single mention", event_month="unknown"),
]


def build_warehouse(root: Path, with_events: bool) -> Path:
    """A published warehouse of the made-up records above; `events` only when asked."""
    location = locate(root)
    documents = [Document(doc_id=d, uri=f"cases/{d}.txt", source=f"Wire {d}", title=f"Title {d}", published=dt.date(2020, 3, 3),
                          published_basis="metadata", text=t, n_chars=len(t), ingested_at=dt.datetime(2020, 3, 4, tzinfo=UTC), run_id="r1")
                 for d, t in TEXTS.items()]
    write_records(location, "documents", documents, "part-a")
    write_records(location, "mentions", MENTIONS, "part-a")
    write_records(location, "rejects", [Reject(reject_id="x", uri="cases/empty.txt", stage="read", reason="empty", detail="empty",
                                               run_id="r1", at=dt.datetime(2020, 3, 4, tzinfo=UTC))], "part-a")
    write_records(location, "runs", [Run(run_id="r1", started=dt.datetime(2020, 3, 4, tzinfo=UTC), finished=dt.datetime(2020, 3, 4, 0, 0, 3, tzinfo=UTC),
                                         inputs=3, documents=2, new=2, mentions=3, rejects=1, timings={"parse": 1.5, "extract": 0.5},
                                         code_version="0", model="m", codebook_version="c")], "part-a")
    database = publish(location, root / "events.duckdb")
    if with_events:
        with duckdb.connect(str(database)) as con:
            con.register("new_events", to_table(EVENTS, Event))
            con.execute("drop view if exists events")
            con.execute("create table events as select * from new_events")
    return database


@pytest.fixture(scope="module", params=[True, False], ids=["events", "mentions_only"])
def warehouse(request, tmp_path_factory):
    """(database, has events)."""
    return build_warehouse(tmp_path_factory.mktemp("wh"), with_events=request.param), request.param


@pytest.fixture
def con(warehouse):
    with connect_readonly(warehouse[0]) as connection:
        yield connection


@pytest.mark.parametrize("index, expected", [
    (0, [("Iran", "actor"), (" ", None), ("offered", "action"), (" help to ", None), ("Iraq", "target"), (" ", None),
         ("on Monday", "date"), (" in ", None), ("Basra", "place"), (".", None)]),
    (2, [("Iraq", "actor"), (" did not ", None), ("attack", "action"), (" ", None), ("<Kuwait>", "target"), (" & others.", None)]),
])
def test_explain_segments_mark_each_role(index, expected):
    assert segments(to_row(MENTIONS[index])) == expected


@pytest.mark.parametrize("spans, expected", [
    ({"actor_span_start": 0, "actor_span_end": 9, "target_span_start": 5, "target_span_end": 9}, [("Iran help", "actor"), (" x", None)]),
    ({"actor_span_start": 7, "actor_span_end": 40}, [("Iran he", None), ("lp x", "actor")]),
    ({}, [("Iran help x", None)]),
])
def test_explain_segments_drop_overlaps_and_clip(spans, expected):
    pieces = segments({"sentence": "Iran help x", "sentence_span_start": 0, **spans})
    assert pieces == expected and "".join(p for p, _ in pieces) == "Iran help x"


@pytest.mark.parametrize("key", ["e1offer", "e1of"])
def test_explain_event_lists_its_mentions_in_order(con, warehouse, key):
    if not warehouse[1]:
        pytest.skip("warehouse without events")
    found = explanation(con, key, None)
    assert found.event["event_id"] == "e1offer" and [m["mention_id"] for m in found.mentions] == ["m1aaaa", "m2bbbb"]
    assert found.merge_reason.startswith("actor IRN ~ IRNGOV")
    assert set(found.documents) == {"d1", "d2"}
    assert any("IRAN [IRN]" in line for line in found.coding["m1aaaa"])
    assert any(line.startswith("codebook CAMEO 030") for line in found.coding["m1aaaa"])


@pytest.mark.parametrize("event_id, mention_id, expected", [(None, "m3cccc", "m3cccc"), (None, "m2b", "m2bbbb")])
def test_explain_mention_works_with_or_without_events(con, event_id, mention_id, expected):
    found = explanation(con, event_id, mention_id)
    assert found.event is None and [m["mention_id"] for m in found.mentions] == [expected]


@pytest.mark.parametrize("event_id, mention_id", [("nope", None), (None, "nope"), (None, None), ("m", None)])
def test_explain_unknown_or_ambiguous_ids_raise(con, event_id, mention_id):
    with pytest.raises(ExplainError):
        explanation(con, event_id, mention_id)


@pytest.mark.parametrize("event_id", ["e2attack", "m3cccc"])
def test_explain_renders_sentence_and_coding_in_the_terminal(warehouse, event_id):
    database, has_events = warehouse
    if has_events != event_id.startswith("e"):
        pytest.skip("EVENT_ID is an event id with events, else a mention id (the fallback)")
    console = Console(record=True, width=200)
    console.print(explain_event(database, event_id, None))
    text = console.export_text()
    assert "Iraq did not attack <Kuwait> & others." in text and "negated" in text
    assert "codebook CAMEO 190" in text


def test_explain_html_escapes_and_marks(con):
    fragment = explain_html(explanation(con, None, "m3cccc"))
    assert '<mark class="ep-target" title="target">&lt;Kuwait&gt;</mark> &amp; others.' in fragment
    assert "<Kuwait>" not in fragment


@pytest.mark.parametrize("basis, said", [("gazetteer", "-> gazetteer Dover"), ("context", "-> the town its context names: Dover")])
def test_explain_place_line_says_where_the_point_came_from(knowledge, basis, said):
    mention = {"location_text": "Royal Street" if basis == "context" else "Dover", "location_name": "Dover",
               "location_country": "GBR", "location_basis": basis}
    lines = coding_lines(mention, knowledge.codebook, knowledge.actors, None)
    assert any(said in line for line in lines)
