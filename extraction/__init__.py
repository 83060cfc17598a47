"""Pure NLP from raw input to coded event mentions, in the rooms of the data flow (no Prefect).

- `reading/`: inputs to `RawArticle`s and clean text (files, manifests, archives, feeds, HTML,
  encodings, language, boilerplate).
- `nlp.py`: the parse stage (the spaCy pipeline, loaded once, run over paragraphs).
- `events/`: event frames from the parse, CAMEO action codes, actor codes, modality, confidence.
- `places/`: toponyms to gazetteer entries; `dates/`: date expressions to intervals.
- `knowledge/`: the knowledge files (`data/`) and the build-time converters that write them.
- `batch.py`: one batch end to end (read, parse, extract); with flows/ the only code that sees every room.

Who imports whom: every room may import `errors` and `schemas`; `reading/` imports no other room;
`places/` and `dates/` import only `knowledge/`; `events/` imports `places/`, `dates/` and `knowledge/`
(a mention's place and date); nothing imports `knowledge/`'s converters at run time.
"""
