"""Gold-standard scoring: matching rules on synthetic rows, seed and PLOVER scores, reports on a tiny warehouse."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from rich.console import Console

from eventpipe.evaluation import scoring as ev
from eventpipe.extraction.errors import SetupError

CASES = Path(__file__).resolve().parents[1] / "cases"
SEEDS_GOLD = CASES / "evaluation_seeds_gold.json"
PLOVER_GOLD = CASES / "evaluation_plover_gold.jsonl"
REPO = Path(__file__).resolve().parents[2]

DOCUMENTS = [
    {"doc_id": "d1", "source_id": None, "uri": "/data/seeds/fx_001.txt", "title": "Norway offers aid to Chile",
     "published": dt.date(2020, 3, 2), "text": "Norway offers aid to Chile\n\nHarbour news\n\nOn Sunday, ..."},
    {"doc_id": "d2", "source_id": None, "uri": "file:///data/fx_002.txt", "title": None, "published": None,
     "text": "Ministers of al-Qadir's party denounced the raid."},
]


def mention(mention_id: str, doc_id: str = "d1", **fields) -> dict:
    """Return a mentions row with every scored column, null unless given."""
    row = dict.fromkeys(["sentence", "actor_text", "actor_country", "actor_sector", "actor_code", "cameo",
                         "cameo_root", "quad_class", "target_text", "target_country", "target_sector", "target_code",
                         "location_text", "location_name", "location_country", "date_start", "date_end",
                         "date_granularity"])
    row |= {"mention_id": mention_id, "doc_id": doc_id, "modality": "asserted", "confidence": 0.5}
    if fields.get("cameo") and "cameo_root" not in fields:
        row["cameo_root"] = fields["cameo"][:2]
    return row | fields


def good_seed_mentions() -> list[dict]:
    return [
        mention("m1", sentence="Norway offers aid to Chile", actor_text="Norway", actor_country="NOR", cameo="030",
                target_text="Chile", target_country="CHL", date_start="2020-03-02", date_end="2020-03-02",
                date_granularity="day"),
        mention("m2", sentence="On Sunday, Chilean police arrested the protest leaders in Valparaiso.",
                actor_text="police", actor_country="CHL", actor_sector="COP", cameo="173", target_text="leaders",
                location_text="Valparaiso", location_name="Valparaíso", location_country="CHL",
                date_start=dt.date(2020, 3, 1), date_end=dt.date(2020, 3, 1), date_granularity="day"),
        mention("m3", "d2", sentence="Ministers of al-Qadir's party denounced the raid.",
                actor_text="Qadir's party", cameo="111"),
    ]


def seeds(mentions: list[dict], documents: list[dict] = DOCUMENTS) -> dict:
    return ev.score_seeds(ev.load_gold(SEEDS_GOLD), mentions, documents)


@pytest.mark.parametrize("text,expected", [
    ("al-Maliki", ["maliki"]),
    ("The U.S. officials", ["us", "official"]),
    ("Valparaíso’s mayor", ["valparaiso", "mayor"]),
    ("Lebanon's new president", ["lebanon", "new", "president"]),
    ("the United Nations", ["un"]),
    (None, []),
])
def test_evaluation_tokens(text, expected):
    assert ev.tokens(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("residents of Fallow Town", "resident"),
    ("Nuri al-Qadir", "qadir"),
    ("Islamic Front in Ruritania and the Coast", "front"),
    ("Ruritania's new President Ada Vex", "vex"),
    ("them", "them"),
    # a place noun names its place after "of"
    ("in the capital city of Fallow", "fallow"),
    ("the besieged town of Vexburg", "vexburg"),
    ("state of emergency", "state"),
    # a trailing participle phrase is cut before the head is taken
    ("farmers fleeing the floods in Ruritania", "farmer"),
    ("traders ordered out of Vexburg", "trader"),
    ("a charity based in Fallow Town", "charity"),
    ("Ruritanian armed forces", "force"),
])
def test_evaluation_head_word(text, expected):
    assert ev.head_word(text) == expected


def test_evaluation_place_noun_gold_matches_bare_name():
    assert ev.text_matches("in the capital city of Fallow", "Fallow")
    assert not ev.text_matches("the capital city of Fallow", "Vexburg")


@pytest.mark.parametrize("gold,extracted,expected", [
    ("Hungarian", "Hungarian officials", True),             # gold head inside a longer extracted span
    ("Defence Secretary Ann Vale", "Ann Vale", True),       # same head word
    ("al-Qadir", "Qadir", True),                            # al- prefix ignored
    ("Nuri al-Qadir", "al Qadir", True),
    ("Revolutionary Front (RF", "Revolutionary Front", True),  # token overlap, Jaccard 2/3
    ("U.S.", "US", True),
    ("Secretary of State Ann Vale", "Vale", True),          # surname of a trailing name
    ("Palestinians", "Palestinian leaders", True),          # plural -s dropped
    ("King Ole of Ruritania", "Ruritania", False),          # no surname rule after "of"
    ("United States", "America", True),
    ("Iraqi troops", "Iraqi police", False),                # heads differ, Jaccard 1/3
    ("Islamic Front in Ruritania", "Ruritania", False),     # a place inside a longer name is not the actor
    ("Chile", None, False),
])
def test_evaluation_text_matches(gold, extracted, expected):
    assert ev.text_matches(gold, extracted) is expected


@pytest.mark.parametrize("gold,start,end,granularity,expected", [
    ({"start": "2020-03-01", "end": "2020-03-07"}, "2020-03-02", "2020-03-03", "day", True),
    ({"start": "2020-03-01", "end": "2020-03-07"}, "2020-03-02", "2020-03-08", "week", False),  # spills over
    ({"start": "2020-03-01", "end": "2020-03-07", "granularity": "week"}, "2020-03-02", "2020-03-02", "day", False),
    ({"start": "2020-03-01", "end": "2020-03-01"}, dt.date(2020, 3, 1), None, "day", True),
    ({"start": "2020-03-01", "end": "2020-03-01"}, None, None, None, False),
    (None, None, None, None, True),                   # gold null wants no date
    (None, "2020-03-01", "2020-03-01", "day", False),  # a guessed date is wrong
])
def test_evaluation_date_matches(gold, start, end, granularity, expected):
    assert ev.date_matches(gold, start, end, granularity) is expected


@pytest.mark.parametrize("name,text,country,expected", [
    ("Al Qadiriya", "Qadiriya province", "CHL", True),
    (None, "Qadiriya", None, True),
    ("Qadiriya", "Qadiriya", "PER", False),
    ("Lima", "Lima", "CHL", False),
])
def test_evaluation_location_matches(name, text, country, expected):
    gold = {"name_any": ["Qadiriya", "Al-Qadiriya"], "country": "CHL"}
    assert ev.location_matches(gold, name, text, country) is expected


@pytest.mark.parametrize("fragment,sentence,expected", [
    ("ministers denounced the raid", "On Friday ministers denounced the raid.", 1.0),
    ("ministers denounced the raid", "The raid was planned.", 1 / 3),
    ("", "anything", 0.0),
])
def test_evaluation_sentence_coverage(fragment, sentence, expected):
    assert ev.sentence_coverage(fragment, sentence) == pytest.approx(expected)


@pytest.mark.parametrize("root,expected", [("01", 1), ("05", 1), ("08", 2), ("09", 3), ("13", 3), ("14", 4), ("19", 4), (None, None)])
def test_evaluation_quad_class_of_root(root, expected):
    assert ev.quad_class_of_root(root) == expected


@pytest.mark.parametrize("gold,country,code,expected", [
    ("JAP", "JPN", "JPNGOV", True), ("PER", "PER", None, True), ("PER", "ECU", None, False),
    ("IGO", None, "IGOUNO", True), ("IGO", None, None, False),
])
def test_evaluation_country_matches(gold, country, code, expected):
    assert ev.country_matches(gold, country, code) is expected


def test_evaluation_seeds_all_found():
    result = seeds(good_seed_mentions())
    s = result["summary"]
    assert (s["must"], s["must_found"], s["must_recall"], s["precision"], s["false_positives"]) == (3, 3, 1.0, 1.0, 0)
    assert result["missed_must"] == []
    for field in ("actor", "target", "root", "code", "location", "date", "modality", "actor_code"):
        assert result["fields"][field]["f1"] == 1.0, field


@pytest.mark.parametrize("change,why", [
    ({"cameo": "190", "cameo_root": "19"}, "root 19"),
    ({"actor_text": "Sweden"}, "actor 'Sweden'"),
])
def test_evaluation_seeds_wrong_event_is_miss_and_false_positive(change, why):
    rows = good_seed_mentions()
    rows[0] |= change
    result = seeds(rows)
    assert [m["id"] for m in result["missed_must"]] == ["N1"]
    assert why in result["missed_must"][0]["why"]
    assert [(f["mention_id"], f["why"]) for f in result["false_positives"]] == [
        ("m1", "wrong actor or root in a gold sentence")]
    assert result["summary"]["must_recall"] == pytest.approx(2 / 3)


@pytest.mark.parametrize("copies", [2, 3])
def test_evaluation_seeds_duplicates_count_once(copies):
    rows = good_seed_mentions() + [mention(f"dup{i}", **{k: v for k, v in good_seed_mentions()[0].items()
                                                         if k not in ("mention_id", "doc_id")}) for i in range(copies)]
    s = seeds(rows)["summary"]
    assert (s["must_found"], s["gold_found"], s["false_positives"], s["precision"]) == (3, 3, 0, 1.0)


@pytest.mark.parametrize("sentence,why", [
    ("The harbour is deep and cold.", "no-event sentence"),
    ("Photo: Agency", "no-event sentence"),
    ("Fishing boats left the port at dawn.", "sentence has no gold event"),
])
def test_evaluation_seeds_unmatched_mentions_are_false_positives(sentence, why):
    rows = good_seed_mentions() + [mention("fp", sentence=sentence, actor_text="harbour", cameo="010")]
    result = seeds(rows)
    assert [(f["mention_id"], f["why"]) for f in result["false_positives"]] == [("fp", why)]
    assert result["summary"]["precision"] == pytest.approx(3 / 4)


@pytest.mark.parametrize("modality,date_f1", [("hypothetical", 1.0), ("asserted", 1.0)])
def test_evaluation_seeds_may_event_is_no_false_positive(modality, date_f1):
    rows = good_seed_mentions() + [mention("may", sentence="Oslo may send more help if asked.", actor_text="Oslo",
                                           cameo="070", modality=modality)]
    result = seeds(rows)
    assert (result["summary"]["gold_found"], result["summary"]["false_positives"]) == (4, 0)
    assert result["fields"]["date"]["f1"] == date_f1  # may events do not enter field scores


@pytest.mark.parametrize("date_start,expected", [(None, (2, 2, 2)), ("2020-03-05", (2, 3, 2))])
def test_evaluation_seeds_null_gold_date_penalises_guesses(date_start, expected):
    rows = good_seed_mentions()
    rows[2] |= {"date_start": date_start, "date_end": date_start}
    date = seeds(rows)["fields"]["date"]
    assert (date["gold"], date["predicted"], date["correct"]) == expected


@pytest.mark.parametrize("doc_change,sentence,failing", [
    ({}, None, set()),
    ({"title": "Norway offers"}, None, {"title"}),
    ({"published": None}, None, {"published"}),
    ({"text": "Photo: Agency\nNorway offers aid to Chile"}, None, {"boilerplate removed"}),
    ({}, "Harbour news Norway offers aid to Chile", {"subheads apart"}),
])
def test_evaluation_seeds_document_checks(doc_change, sentence, failing):
    documents = [DOCUMENTS[0] | doc_change, DOCUMENTS[1]]
    rows = good_seed_mentions()
    if sentence:
        rows[0]["sentence"] = sentence
    checks = seeds(rows, documents)["documents"]
    assert {c["check"] for c in checks if not c["ok"]} == failing


def test_evaluation_seeds_missing_document():
    result = seeds(good_seed_mentions(), DOCUMENTS[:1])
    assert [(m["id"], m["why"]) for m in result["missed_must"]] == [("M1", "document not in warehouse")]


PLOVER_DOCS = [{"doc_id": f"p{i}", "source_id": f"FX-{i}", "uri": f"m.jsonl#{i}"} for i in (1, 2, 3)]


def plover_mentions() -> list[dict]:
    return [
        mention("a", "p1", actor_text="Peru", actor_country="PER", target_text="Ecuador", target_country="ECU",
                cameo="030", quad_class=1, confidence=0.9),
        mention("b", "p1", actor_text="Peru", target_text="Ecuador", cameo="030", confidence=0.8),  # duplicate
        mention("c", "p2", actor_text="Japanese officials", actor_country="JPN", target_text="ambassador",
                target_country="PRK", cameo="112", quad_class=3, confidence=0.7),
        mention("d", "p3", actor_text="Rebels", target_text="convoy", cameo="190", confidence=0.2),
        mention("e", "p3", actor_text="lake", target_text="convoy", cameo="190", confidence=0.1),  # wrong actor
    ]


@pytest.mark.parametrize("gold,fields,expected", [
    ({"source": "Peru", "target": "Ecuador", "cameo_root": "03"},
     {"actor_text": "Peru", "target_text": "Ecuador", "cameo": "036"}, (True, True)),
    ({"source": "Peru", "target": "Ecuador", "cameo_root": "03"},
     {"actor_text": "Peru", "target_text": "Ecuador", "cameo": "111"}, (True, False)),   # root mismatch
    ({"source": "Peru", "target": "Ecuador", "cameo_root": "03"},
     {"actor_text": "Ecuador", "target_text": "Peru", "cameo": "030"}, (False, False)),  # direction matters
    ({"source": "Rebels", "target": None, "cameo_root": None},
     {"actor_text": "the rebels", "target_text": "convoy", "cameo": "190"}, (True, True)),  # uncoded: actors only
])
def test_evaluation_plover_checks(gold, fields, expected):
    checks = ev.plover_checks(gold, mention("x", **fields))
    assert (checks["dyad"], checks["event"]) == expected


def test_evaluation_plover_scores():
    result = ev.score_plover(ev.load_gold(PLOVER_GOLD), plover_mentions(), PLOVER_DOCS)
    s = result["summary"]
    # matched: Peru->Ecuador (twice, counted once), Japan->Korea (112 has root 11), Rebels; missed: Ecuador->Peru
    assert (s["gold_events"], s["matched"], s["false_positives"]) == (4, 3, 1)
    assert s["precision"] == pytest.approx(3 / 4) and s["recall"] == pytest.approx(3 / 4)
    attrs = result["attributes"]
    assert attrs["root"]["accuracy"] == 1.0
    assert (attrs["code"]["n"], attrs["code"]["correct"]) == (2, 1)   # 112 != 111
    assert attrs["quad_class"]["accuracy"] == 1.0
    assert attrs["source_country"]["accuracy"] == 1.0                 # JAP read as JPN
    assert (attrs["target_country"]["n"], attrs["target_country"]["correct"]) == (2, 1)
    assert result["confidence"]["top_decile"]["precision"] == 1.0
    assert result["confidence"]["bottom_decile"]["precision"] == 0.0


def test_evaluation_plover_root_confusion():
    rows = plover_mentions()
    rows[2] |= {"cameo": "172", "cameo_root": "17"}
    result = ev.score_plover(ev.load_gold(PLOVER_GOLD), rows, PLOVER_DOCS)
    assert {"gold": "11", "extracted": "17", "count": 1} in result["confusion"]
    assert result["per_root"]["11"]["recall"] == 0.0


def write_warehouse(root: Path, mentions: list[dict], documents: list[dict]) -> Path:
    """Write a tiny Parquet warehouse laid out like the real one (mentions hive-partitioned by event_month)."""
    (root / "mentions" / "event_month=2020-03").mkdir(parents=True)
    (root / "documents").mkdir()
    mentions = [{k: str(v) if isinstance(v, dt.date) else v for k, v in m.items()} for m in mentions]
    pq.write_table(pa.Table.from_pylist(mentions), root / "mentions" / "event_month=2020-03" / "part-0.parquet")
    pq.write_table(pa.Table.from_pylist(documents), root / "documents" / "part-0.parquet")
    return root


def test_evaluation_score_command_writes_reports(tmp_path):
    warehouse = write_warehouse(tmp_path / "wh", good_seed_mentions() + plover_mentions(), DOCUMENTS + [
        d | {"title": None, "published": None, "text": "x"} for d in PLOVER_DOCS])
    out = tmp_path / "results"
    group = ev.score_command(warehouse, [SEEDS_GOLD, PLOVER_GOLD], out)
    console = Console(record=True, width=160)
    console.print(group)
    text = console.export_text()
    assert "Seeds: fields of must events" in text and "PLOVER: top root confusions" in text
    assert sorted(p.name for p in out.iterdir()) == [
        "score_plover.json", "score_plover.md", "score_seeds.json", "score_seeds.md"]
    assert json.loads((out / "score_seeds.json").read_text())["summary"]["must_recall"] == 1.0
    assert "| must recall | 1.000 |" in (out / "score_seeds.md").read_text()


def test_evaluation_gold_set_absent_from_warehouse_is_not_scored(tmp_path):
    warehouse = write_warehouse(tmp_path / "wh", good_seed_mentions(), DOCUMENTS)
    results = ev.score_gold_files(warehouse, [PLOVER_GOLD])
    assert results["plover"]["present"] is False
    assert ev.write_results(results, tmp_path / "out") == []


@pytest.mark.parametrize("make_warehouse,gold", [
    (True, [CASES / "evaluation_missing_gold.json"]),
    (False, [SEEDS_GOLD]),
])
def test_evaluation_setup_errors(tmp_path, make_warehouse, gold):
    warehouse = write_warehouse(tmp_path / "wh", good_seed_mentions(), DOCUMENTS) if make_warehouse else tmp_path
    with pytest.raises(SetupError, match="gold file not found|no documents"):
        ev.score_command(warehouse, gold, None)


@pytest.mark.parametrize("flag,expected", [("--seeds", ["score_seeds.json", "score_seeds.md"])])
def test_evaluation_bench_script_scores_given_warehouse(tmp_path, flag, expected):
    spec = importlib.util.spec_from_file_location("bench_score", REPO / "bench" / "score.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    warehouse = write_warehouse(tmp_path / "wh", good_seed_mentions(), DOCUMENTS)
    out = tmp_path / "out"
    argv = ["--warehouse", str(warehouse), "--gold", str(SEEDS_GOLD), flag, "--out", str(out)]
    assert script.main(argv) == 0
    assert sorted(p.name for p in out.iterdir()) == expected


@pytest.mark.parametrize("gold,kind", [(SEEDS_GOLD, "seeds"), (PLOVER_GOLD, "plover")])
def test_evaluation_fresh_runs_build_each_set(tmp_path, gold, kind):
    seen = []

    def build(inputs: Path, warehouse: Path) -> float:
        seen.append(inputs)
        if kind == "plover":
            assert [json.loads(line)["id"] for line in inputs.read_text().splitlines()] == ["FX-1", "FX-2", "FX-3"]
        mentions = good_seed_mentions() if kind == "seeds" else plover_mentions()
        write_warehouse(warehouse, mentions, DOCUMENTS if kind == "seeds" else PLOVER_DOCS)
        return 1.5

    seeds_dir = tmp_path / "seeds"
    seeds_dir.mkdir()
    results = ev.score_fresh_runs([gold], build, seeds_dir)
    assert results[kind]["present"] and results[kind]["pipeline_seconds"] == 1.5
    assert (seen == [seeds_dir]) if kind == "seeds" else (seen[0].suffix == ".jsonl")


def test_evaluation_score_command_needs_warehouse_or_builder():
    with pytest.raises(SetupError, match="no warehouse"):
        ev.score_command(None, [SEEDS_GOLD])


# --- dev_events (evaluation/events_gold.py) ---------------------------------------------------

EVENT_GOLD = [
    {"id": "e#1", "split": "dev", "stratum": "agentless", "published": "2020-01-02", "text": "x",
     "events": [{"source": None, "implied_source": "police", "root": "17", "code": "173", "modality": "asserted"}]},
    {"id": "e#2", "split": "test", "stratum": "violent", "published": "2020-01-02", "text": "y",
     "events": [{"source": "the rebels", "root": "19", "code": "190", "modality": "asserted"},
                {"source": "the army", "root": "19", "code": "190", "modality": "intended"}]},
    {"id": "e#3", "split": "test", "stratum": "disaster", "published": "2020-01-02", "text": "z", "events": []},
]
EVENT_DOCS = [{"doc_id": f"d{i}", "source_id": f"e#{i}"} for i in (1, 2, 3)]


def test_scoring_events_agentless_recall_and_no_event_share():
    from eventpipe.evaluation.events_gold import score_events

    mentions = [mention("m1", "d1", actor_text="", actor_implied=True, cameo="173"),
                mention("m2", "d2", actor_text="rebels", cameo="190"),
                mention("m3", "d2", actor_text="villagers", cameo="190"),
                mention("m4", "d3", actor_text="the storm", cameo="180")]
    result = score_events(EVENT_GOLD, mentions, EVENT_DOCS)
    dev, test = result["summary"]["dev"], result["summary"]["test"]
    assert dev["agentless_recall"] == 1.0 and dev["precision"] == 1.0
    assert test["recall"] == 1.0 and test["gold"] == 1 and test["recall_all"] == 0.5
    assert test["precision"] == pytest.approx(1 / 3)
    assert test["no_event_conflict_share"] == 1.0
    assert result["by_stratum"]["test"]["violent"]["found"] == 1


def test_scoring_events_named_source_never_matches_null_gold():
    from eventpipe.evaluation.events_gold import source_matches

    gold = {"source": None, "implied_source": "police"}
    assert source_matches(gold, {"actor_text": "the police"})
    assert not source_matches(gold, {"actor_text": "the protesters"})
    assert not source_matches({"source": "the rebels"}, {"actor_text": "", "actor_implied": True})
