import datetime as dt
import json
import random
from pathlib import Path

import pytest

from eventpipe.extraction.events.codebook import plover_type, quad_class
from eventpipe.schemas import (
    Action, Actor, Document, EventDate, EventMention, Place, Span, arrow_schema, from_row, to_table,
)
from eventpipe.schemas.events import Event
from eventpipe.warehouse.consolidate import DocInfo, consolidate, match_keys, touched_events

CASES = Path(__file__).parents[1] / "cases"
_SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "CVL", "BUS", "CRM", "LEG"}
_INGESTED = dt.datetime(2022, 1, 1, 12, tzinfo=dt.timezone.utc)


# ------------------------------------------------------------------ fixtures as records
def _actor(pair: list | None) -> Actor | None:
    if not pair:
        return None
    text, code = pair
    if not code:
        return Actor(text=text)
    country, sector = (None, code[:3]) if code[:3] in _SECTORS else (code[:3], code[3:6] or None)
    return Actor(text=text, code=code, country=country, sector=sector)


def case_documents(scenario: dict, prefix: str = "") -> list[Document]:
    """The scenario's documents as `Document` records (ids prefixed to keep scenarios apart)."""
    docs = []
    for d in scenario["documents"]:
        published = dt.date.fromisoformat(d["published"]) if d.get("published") else None
        docs.append(Document(
            doc_id=prefix + d["doc_id"], uri=d["uri"], source=d.get("source"), published=published,
            published_basis="metadata" if published else "none", text="(text)", n_chars=6,
            ingested_at=_INGESTED, run_id="r1",
        ))
    return docs


def case_mentions(scenario: dict, places: dict, prefix: str = "") -> list[EventMention]:
    """The scenario's mentions as `EventMention` records."""
    published = {d["doc_id"]: d.get("published") for d in scenario["documents"]}
    mentions = []
    for m in scenario["mentions"]:
        start, end, granularity, basis = m.get("date") or (None, None, None, "none")
        date = EventDate(start=start, end=end, granularity=granularity, basis=basis)
        month = (start or published[m["doc"]] or "unknown")[:7]
        cameo = m["cameo"]
        mentions.append(EventMention(
            mention_id=prefix + m["id"], doc_id=prefix + m["doc"], sentence_index=m["s"], sentence=m["text"],
            sentence_span=Span(start=0, end=len(m["text"])), actor=_actor(m["actor"]),
            action=Action(text=cameo, lemma=cameo, cameo=cameo, root=cameo[:2], quad_class=quad_class(cameo[:2]),
                          goldstein=1.0, plover=plover_type(cameo), span=Span(start=m["s"], end=m["s"] + 1)),
            target=_actor(m.get("target")), location=Place(**places[m["place"]]) if m.get("place") else None,
            date=date, modality=m.get("modality", "asserted"), confidence=0.8, extractor_version="t", run_id="r1",
            event_month=month,
        ))
    return mentions


def _scenarios() -> list[tuple[str, dict, dict]]:
    out = []
    for path in sorted(CASES.glob("consolidate_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out += [(f"{path.stem}:{s['name']}", s, data["places"]) for s in data["scenarios"]]
    return out


SCENARIOS = _scenarios()


def infos(documents: list[Document]) -> dict[str, DocInfo]:
    return {d.doc_id: DocInfo.from_document(d) for d in documents}


def all_cases() -> tuple[list[EventMention], list[Document]]:
    """Every scenario's mentions and documents in one set, ids prefixed by scenario."""
    mentions, documents = [], []
    for n, (_, scenario, places) in enumerate(SCENARIOS):
        mentions += case_mentions(scenario, places, prefix=f"s{n}-")
        documents += case_documents(scenario, prefix=f"s{n}-")
    return mentions, documents


def _run(scenario: dict, places: dict) -> tuple[list[Event], dict[str, Event]]:
    events = consolidate(case_mentions(scenario, places), infos(case_documents(scenario)))
    return events, {mid: e for e in events for mid in e.mention_ids}


# ------------------------------------------------------------------ rules on the cases
@pytest.mark.parametrize("name,scenario,places", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_consolidate_groups_mentions_as_expected(name, scenario, places):
    events, _ = _run(scenario, places)
    merged = sorted(sorted(e.mention_ids) for e in events if e.num_mentions > 1)
    assert merged == sorted(sorted(group) for group in scenario["events"])
    assert sum(e.num_mentions for e in events) == len(scenario["mentions"])


FIELDS = [(n, s, p, mid, f) for n, s, p in SCENARIOS for mid, f in s.get("fields", {}).items()]


@pytest.mark.parametrize("name,scenario,places,mention,expected", FIELDS, ids=[f"{f[0]}:{f[3]}" for f in FIELDS])
def test_consolidate_sets_event_fields(name, scenario, places, mention, expected):
    _, by_mention = _run(scenario, places)
    row = by_mention[mention].model_dump(mode="json")
    assert {k: row[k] for k in expected} == expected


REASONS = [(n, s, p, mid, r) for n, s, p in SCENARIOS for mid, r in s.get("reasons", {}).items()]


@pytest.mark.parametrize("name,scenario,places,mention,parts", REASONS, ids=[f"{r[0]}:{r[3]}" for r in REASONS])
def test_consolidate_merge_reason_names_the_matching_fields(name, scenario, places, mention, parts):
    _, by_mention = _run(scenario, places)
    reason = by_mention[mention].merge_reason
    assert all(part in reason.split("; ") for part in parts), reason


def test_consolidate_event_id_comes_from_the_first_mention_in_canonical_order():
    _, scenario, places = next(s for s in SCENARIOS if s[1]["name"] == "aid_offer_two_outlets")
    _, by_mention = _run(scenario, places)
    event = by_mention["a0"]
    # the dated article sorts before the undated one, then by sentence
    assert event.mention_ids == ["n0", "n1", "n2", "a0"]
    assert event.event_id == consolidate(case_mentions(scenario, places)[:1], infos(case_documents(scenario)))[0].event_id


# ------------------------------------------------------------------ determinism and incremental runs
def _synthetic(n: int, seed: int) -> tuple[list[EventMention], list[Document]]:
    """Dense random mentions (few actors, days and places) so that many merge and chain."""
    rnd = random.Random(seed)
    places = [Place(text=f"P{i}", name=f"P{i}", country="KEN", lat=-1 + i * 0.3, lon=36.8, geonameid=900 + i, feature="city") for i in range(4)]
    docs = [Document(doc_id=f"d{i}", uri=f"https://site{i % 3}.example/{i}", published=None if i % 7 == 0 else dt.date(2020, 1, 1 + i % 9),
                     text="x", n_chars=1, ingested_at=_INGESTED, run_id="r") for i in range(30)]
    people = [("Amina Odhiambo", "KENGOV"), ("Amina Odiambo", None), ("Peter Kamau", "KENGOV"), ("Kenya", "KEN"), ("Kenyan police", "KENCOP")]
    mentions = []
    for k in range(n):
        doc = rnd.choice(docs)
        text, code = rnd.choice(people)
        cameo = rnd.choice(["030", "0333", "072", "173", "1731", "175", "181", "020"])
        day = doc.published and doc.published - dt.timedelta(days=rnd.randrange(3))
        date = rnd.choice([EventDate(start=day, end=day, granularity="day", basis="relative"), EventDate()]) if day else EventDate()
        target = rnd.choice([None, ["Uganda", "UGA"], ["protesters", "KENOPP"]])
        mentions.append(EventMention(
            mention_id=f"m{k:04d}", doc_id=doc.doc_id, sentence_index=k % 20, sentence=f"{text} acted.", sentence_span=Span(start=0, end=5),
            actor=_actor([text, code]), action=Action(text="x", lemma="x", cameo=cameo, root=cameo[:2], plover=plover_type(cameo)),
            target=_actor(target), location=rnd.choice([None, *places]), date=date,
            modality=rnd.choice(["asserted", "asserted", "reported", "negated"]), confidence=0.5, extractor_version="t", run_id="r",
            event_month="x",
        ))
    return mentions, docs


def _dataset(kind: str) -> tuple[list[EventMention], dict[str, DocInfo]]:
    mentions, documents = all_cases() if kind == "cases" else _synthetic(400, seed=7)
    return mentions, infos(documents)


@pytest.mark.parametrize("kind", ["cases", "synthetic"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_consolidate_is_independent_of_input_order(kind, seed):
    mentions, docs = _dataset(kind)
    shuffled = mentions[:]
    random.Random(seed).shuffle(shuffled)
    assert consolidate(shuffled, docs) == consolidate(mentions, docs)


def _incremental(batches: list[list[EventMention]], docs: dict[str, DocInfo]) -> list[Event]:
    """Consolidate batch after batch the way a scheduled run does: revise only the touched events."""
    stored: dict[str, Event] = {}
    kept: dict[str, EventMention] = {}
    for batch in batches:
        touched = touched_events(batch, list(stored.values()), docs)
        old = [kept[mid] for e in touched for mid in e.mention_ids]
        events = consolidate(old + batch, docs, existing=touched)
        for e in touched:
            del stored[e.event_id]
        stored.update({e.event_id: e for e in events})
        kept.update({m.mention_id: m for m in batch})
    return sorted(stored.values(), key=lambda e: e.event_id)


@pytest.mark.parametrize("kind", ["cases", "synthetic"])
@pytest.mark.parametrize("size,seed", [(2, 0), (5, 1), (37, 2), (37, 3)])
def test_consolidate_incremental_batches_equal_a_full_rebuild(kind, size, seed):
    mentions, docs = _dataset(kind)
    order = mentions[:]
    random.Random(seed).shuffle(order)
    batches = [order[i:i + size] for i in range(0, len(order), size)]
    full = consolidate(mentions, docs)
    assert any(e.num_mentions > 2 for e in full)
    assert _incremental(batches, docs) == full


def test_consolidate_touched_events_share_a_match_key():
    mentions, docs = _dataset("synthetic")
    events = consolidate(mentions[:200], docs)
    touched = touched_events(mentions[200:], events, docs)
    keys = match_keys(mentions[200:], docs)
    assert touched and all(keys & set(e.match_keys) for e in touched)
    assert all(not keys & set(e.match_keys) for e in events if e not in touched)


def test_consolidate_refuses_an_existing_event_without_its_mentions():
    mentions, docs = _dataset("cases")
    events = consolidate(mentions, docs)
    merged = next(e for e in events if e.num_mentions > 1)
    with pytest.raises(ValueError, match="not passed"):
        consolidate(mentions[:1], docs, existing=[merged])


def test_consolidate_same_mention_twice_counts_once():
    mentions, docs = _dataset("cases")
    assert consolidate(mentions + mentions[:5], docs) == consolidate(mentions, docs)


# ------------------------------------------------------------------ sources, dates, records
@pytest.mark.parametrize(
    "uris,sources,expected",
    [
        (["https://www.a.example/1", "https://a.example/2"], [None, None], 1),  # one host
        (["https://a.example/1", "https://b.example/2"], [None, None], 2),
        (["https://a.example/1", "https://b.example/2"], ["Wire", "wire"], 1),  # documents.source wins
        (["inputs/x/one.txt", "inputs/y/two.txt"], [None, None], 2),  # file names
    ],
)
def test_consolidate_counts_sources_by_publisher_then_host_then_file(uris, sources, expected):
    _, scenario, places = next(s for s in SCENARIOS if s[1]["name"] == "aid_offer_two_outlets")
    mentions = case_mentions(scenario, places)
    docs = {d.doc_id: d for d in infos(case_documents(scenario)).values()}
    for (doc_id, info), uri, source in zip(sorted(docs.items()), uris, sources):
        docs[doc_id] = DocInfo(doc_id, source, uri, info.published, info.ingested_at)
    event = next(e for e in consolidate(mentions, docs) if e.num_mentions == 4)
    assert event.num_sources == expected


@pytest.mark.parametrize(
    "dates,expected",
    [
        ([("2020-01-01", "2020-01-31", "month", "relative"), ("2020-01-10", "2020-01-10", "day", "explicit")], ("2020-01-10", "2020-01-10", "day")),
        ([("2019-12-30", "2020-01-05", "week", "relative"), ("2020-01-01", "2020-01-31", "month", "relative")], ("2020-01-01", "2020-01-05", "week")),
        ([("2020-01-06", "2020-01-06", "day", "publication"), ("2020-01-05", "2020-01-05", "day", "relative")], ("2020-01-05", "2020-01-05", "day")),
    ],
)
def test_consolidate_event_window_is_the_intersection_of_its_dates(dates, expected):
    base = {"documents": [{"doc_id": "d", "uri": "inputs/d.txt", "published": "2020-01-06"}], "mentions": [
        {"id": f"m{i}", "doc": "d", "s": i, "text": "Kenya sent Uganda aid.", "actor": ["Kenya", "KEN"], "cameo": "070",
         "target": ["Uganda", "UGA"], "date": list(d)} for i, d in enumerate(dates)]}
    (event,) = consolidate(case_mentions(base, {}), infos(case_documents(base)))
    assert (str(event.date_start), str(event.date_end), event.date_granularity) == expected


def test_consolidate_events_round_trip_through_arrow():
    mentions, docs = _dataset("cases")
    events = consolidate(mentions, docs)
    table = to_table(events, Event)
    assert table.schema == arrow_schema(Event)
    assert [from_row(Event, row) for row in table.to_pylist()] == events


@pytest.mark.parametrize("kind", ["cases", "synthetic"])
def test_consolidate_reads_stored_mention_views_like_records(kind):
    from eventpipe.schemas import to_row, view_from_row

    mentions, docs = _dataset(kind)
    views = [view_from_row(EventMention, to_row(m)) for m in mentions]
    assert views[0].actor.text == mentions[0].actor.text and views[0].date.granularity == mentions[0].date.granularity
    assert [e.model_dump() for e in consolidate(views, docs)] == [e.model_dump() for e in consolidate(mentions, docs)]


# ------------------------------------------------------------------ one sentence, one count
_LISTED_PLACES = {
    "ridgeford": {"text": "Ridgeford", "name": "Ridgeford", "country": "USA", "admin1": "US.AA", "feature": "admin1", "lat": 40.0, "lon": -77.0},
    "lakemont": {"text": "Lakemont", "name": "Lakemont", "country": "USA", "admin1": "US.BB", "feature": "admin1", "lat": 44.0, "lon": -85.0},
    "pinevale": {"text": "Pinevale", "name": "Pinevale", "country": "USA", "admin1": "US.CC", "feature": "admin1", "lat": 44.5, "lon": -89.5},
}


@pytest.mark.parametrize("published", ["2020-10-30", None])
def test_consolidate_a_sentence_listing_places_is_one_event_counted_once(published):
    text = "Senator Tom Quill held rallies throughout Ridgeford, Lakemont and Pinevale on Friday."
    scenario = {
        "documents": [{"doc_id": "d1", "uri": "https://news.example/1", "published": published}],
        "mentions": [
            {"id": f"m{k}", "doc": "d1", "s": 2, "text": text, "actor": ["Senator Tom Quill", "USALEG"],
             "cameo": "141", "place": place}
            for k, place in enumerate(_LISTED_PLACES)
        ] + [{"id": "other", "doc": "d1", "s": 5, "text": "Quill held a rally in Ridgeford.",
              "actor": ["Quill", "USALEG"], "cameo": "141", "place": "ridgeford"}],
    }
    events = consolidate(case_mentions(scenario, _LISTED_PLACES), infos(case_documents(scenario)))
    listed = next(e for e in events if "m0" in e.mention_ids)
    assert {"m0", "m1", "m2"} <= set(listed.mention_ids)
    assert listed.num_mentions == (2 if "other" in listed.mention_ids else 1)
    assert sum(e.num_mentions for e in events) == 2  # two sentences, whatever the merge


def test_consolidate_one_sentence_with_two_targets_stays_two_events():
    text = "Troops shelled Arvania and Borelia."
    scenario = {
        "documents": [{"doc_id": "d1", "uri": "https://news.example/1", "published": "2020-10-30"}],
        "mentions": [
            {"id": "a", "doc": "d1", "s": 0, "text": text, "actor": ["Troops", "MIL"], "cameo": "195",
             "target": ["Arvania", "ARV"]},
            {"id": "b", "doc": "d1", "s": 0, "text": text, "actor": ["Troops", "MIL"], "cameo": "195",
             "target": ["Borelia", "BRL"]},
        ],
    }
    events = consolidate(case_mentions(scenario, {}), infos(case_documents(scenario)))
    assert len(events) == 2 and all(e.num_mentions == 1 for e in events)
