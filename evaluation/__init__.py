"""Evaluation: score a warehouse against gold annotations (`eventpipe score` and bench/).

Owns `scoring` (the matching rules and the seeds and PLOVER scorers). Imports `extraction`'s
codebook and errors; the pipeline never imports this package.
"""
