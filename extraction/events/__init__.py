"""Events: frames from the dependency parse, coded as CAMEO actions with actors and targets (stages 4-5).

Owns triggers and their arguments (frames, complements, nominals, participants, coreference),
the precedence of specific CAMEO codes (`precedence/`),
modality, the CAMEO codebook and Phoenix verb patterns, actor dictionaries,
discards, confidence, and `mentions`, which assembles validated `EventMention`s.
Imports `places/` and `dates/` (a mention's location and date), `knowledge/` (data files),
`extraction.errors` and `schemas`; never `reading/`.
"""
