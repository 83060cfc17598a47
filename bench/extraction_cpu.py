"""Extraction CPU: eventpipe's own per-document work (events, places, dates) on documents parsed once.

    python bench/extraction_cpu.py parse [--limit 150] [--cache /tmp/extraction_cpu]   # clean + parse once, store the Docs
    python bench/extraction_cpu.py time [--cache ...] [--rounds 3] [--dump out.json]    # CPU seconds of extraction only
    python bench/extraction_cpu.py profile [--cache ...] [--top 40]                     # cProfile of extraction only

`parse` reads the first documents of the Wikinews corpus bench/throughput.py uses, cleans them as
a run does (`read_batch`) and parses their paragraphs with the run's own pipeline, then stores the
Docs (spaCy DocBin) and the documents. `time` and `profile` load them and run only
`mentions_for_document` on every document: no parsing, no writing, so a change to extraction is
measured alone. `time` reports process CPU seconds (`time.process_time`, so other work on the
machine slows it less than wall time) per round and per document, and `--dump` writes every
mention and every document's places and dates as JSON: two dumps of the same cache from two code versions must be equal. Run by hand;
never in tests.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "news.jsonl.gz"
RUN_ID = "extraction-cpu"


def parse(corpus: Path, cache: Path, limit: int) -> None:
    """Clean and parse the first `limit` corpus documents once; store the Docs and documents in `cache`."""
    from spacy.tokens import DocBin

    from eventpipe.extraction.batch import _parsed_documents, read_batch
    from eventpipe.extraction.nlp import load_pipeline
    from eventpipe.extraction.reading.manifests import article_from_record

    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()][:limit]
    articles = [article_from_record(r, str(corpus), n + 1) for n, r in enumerate(records)]
    batch = read_batch(articles, RUN_ID)
    nlp = load_pipeline()
    docs, index = DocBin(store_user_data=False), []
    for i, parsed in _parsed_documents(nlp, batch.documents, 1, 64):
        index.append({"document": batch.documents[i].model_dump(mode="json"), "offsets": [o for o, _ in parsed]})
        for _, doc in parsed:
            docs.add(doc)
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "docs.spacy").write_bytes(docs.to_bytes())
    (cache / "documents.json").write_text(json.dumps(index))
    print(f"{len(index)} documents, {len(docs)} paragraphs stored in {cache}")


def load(cache: Path) -> list[tuple[object, list]]:
    """[(Document, [(offset, Doc)])] from a `parse` cache, with the run's pipeline vocabulary."""
    from spacy.tokens import DocBin

    from eventpipe.extraction.nlp import load_pipeline
    from eventpipe.schemas import Document

    nlp = load_pipeline()
    docs = iter(DocBin().from_bytes((cache / "docs.spacy").read_bytes()).get_docs(nlp.vocab))
    return [(Document.model_validate(entry["document"]), [(o, next(docs)) for o in entry["offsets"]])
            for entry in json.loads((cache / "documents.json").read_text())]


def extract_all(items: list, knowledge: object) -> list:
    from eventpipe.extraction.events.mentions import mentions_for_document

    return [m for document, parsed in items for m in mentions_for_document(document, parsed, knowledge, RUN_ID)]


def forget_answers(knowledge: object) -> None:
    """Empty the answer caches extraction keeps across documents (where this code version has them), so
    a round over documents seen in the round before gains nothing a run over new documents would not."""
    from eventpipe.extraction.events import codebook
    from eventpipe.extraction.places import gazetteer

    actors_cache = getattr(getattr(knowledge, "actors", None), "_coded", None)
    for cached in (actors_cache, gazetteer.name_key, codebook.token_key):
        getattr(cached, "cache_clear", lambda: None)()


def places_and_dates(items: list) -> list[dict]:
    """Every document's resolved places and dates, as `mentions_for_document` asks for them."""
    from eventpipe.extraction.dates.resolution import resolve_dates
    from eventpipe.extraction.places.resolution import resolve_places

    out = []
    for document, parsed in items:
        entities = [(o + e.start_char, o + e.end_char, e.label_) for o, d in parsed for e in d.ents]
        out.append({"doc_id": document.doc_id,
                    "places": [p.model_dump(mode="json") for p in resolve_places(document.text, entities=entities)],
                    "dates": [d.model_dump(mode="json") for d in resolve_dates(document.text, document.published, vague=False, parsed=parsed)]})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("parse", "time", "profile"))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/extraction_cpu"))
    parser.add_argument("--limit", type=int, default=150, help="documents to parse (parse)")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the documents (time)")
    parser.add_argument("--dump", type=Path, default=None, help="write the mentions as JSON (time)")
    parser.add_argument("--top", type=int, default=40, help="rows of the profile (profile)")
    args = parser.parse_args(argv)
    if args.command == "parse":
        parse(args.corpus, args.cache, args.limit)
        return 0
    from eventpipe.extraction.events.mentions import load_knowledge

    items, knowledge = load(args.cache), load_knowledge()
    extract_all(items[:5], knowledge)  # warm the lazy loaders (gazetteer, dictionaries)
    if args.command == "profile":
        profile = cProfile.Profile()
        profile.runcall(extract_all, items, knowledge)
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
        return 0
    seconds = []
    for _ in range(args.rounds):
        forget_answers(knowledge)
        clock = time.process_time()
        mentions = extract_all(items, knowledge)
        seconds.append(time.process_time() - clock)
    best = min(seconds)
    print(json.dumps({"documents": len(items), "mentions": len(mentions), "cpu_seconds": [round(s, 3) for s in seconds],
                      "best_ms_per_document": round(1000 * best / len(items), 2)}))
    if args.dump:
        dump = {"mentions": [m.model_dump(mode="json") for m in mentions], "documents": places_and_dates(items)}
        args.dump.write_text(json.dumps(dump, indent=0, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
