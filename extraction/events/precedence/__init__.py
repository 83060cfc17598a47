"""CAMEO precedence: the specific code of an event over the generic one (`codes.specific_action`).

Imports the events modules it refines (codebook, frames, participants); never `mentions`, which calls it,
except for type hints.
"""
