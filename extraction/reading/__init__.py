"""Reading: list the inputs and turn each into a `RawArticle` and clean text (stages 1-2 of the data flow).

Owns files, folders, globs, JSONL/CSV manifests, zip/tar archives, RSS/Atom feeds, HTML main text,
encodings and mojibake, language identification, boilerplate, titles and datelines.
Imports only `extraction.errors` and `schemas`; never `events/`, `places/` or `dates/`.
"""
