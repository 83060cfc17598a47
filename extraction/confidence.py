"""Mention confidence: a small logistic model over what the extractor knows about its own choice.

The features are cheap facts of one mention (is the target a coded country, did the actor come from a
pronoun or an inherited subject, does the code come from a specific verb pattern or a verb's default,
is it in a background clause, is it hedged). The coefficients below were fitted by L2-regularised
logistic regression (lambda 1.0, plain gradient descent) against event-level correctness on the 316
PLOVER gold sentences (scorer in evaluation.py, mentions of the round-4 extractor); refit them the same way
when the extractor changes.
"""

from __future__ import annotations

import math

FEATURES = (
    "actor_country", "actor_coded", "target_country", "target_coded", "no_target", "pronoun", "inherited",
    "secondary", "negated_or_hypothetical", "reported", "intended", "verb_pattern", "verb_default", "recoded",
    "noun_trigger", "material", "target_place",
)
# Fitted coefficients (intercept first, then FEATURES in order); see the module docstring.
# Fit on 303 mentions (base precision 0.673): 5-fold cross-validated top/bottom decile precision 0.87/0.29.
INTERCEPT = -0.174
WEIGHTS: dict[str, float] = {
    "actor_country": 0.703, "actor_coded": 0.671, "target_country": 1.056, "target_coded": -0.437, "no_target": -1.079,
    "pronoun": -0.471, "inherited": -0.852, "secondary": -1.067, "negated_or_hypothetical": -0.374, "reported": -0.088,
    "intended": 0.034, "verb_pattern": 0.238, "verb_default": -0.392, "recoded": 0.56, "noun_trigger": -0.424,
    "material": -0.561, "target_place": -1.017,
}


def confidence_features(*, actor_country: bool, actor_coded: bool, target_country: bool, target_coded: bool,
                        no_target: bool, pronoun: bool, inherited: bool, secondary: bool, modality: str,
                        pattern: str, recoded: bool, noun_trigger: bool, root: str,
                        target_place: bool = False) -> dict[str, float]:
    """The model's 0/1 feature values for one mention."""
    default = pattern.startswith("---")
    return {
        "actor_country": float(actor_country), "actor_coded": float(actor_coded and not actor_country),
        "target_country": float(target_country), "target_coded": float(target_coded and not target_country),
        "no_target": float(no_target), "pronoun": float(pronoun), "inherited": float(inherited),
        "secondary": float(secondary), "negated_or_hypothetical": float(modality in {"negated", "hypothetical"}),
        "reported": float(modality == "reported"), "intended": float(modality == "intended"),
        "verb_pattern": float(not default and not recoded and not noun_trigger),
        "verb_default": float(default and not recoded), "recoded": float(recoded),
        "noun_trigger": float(noun_trigger), "material": float(root >= "14"),
        "target_place": float(target_place),
    }


def confidence(features: dict[str, float]) -> float:
    """Estimated probability that the mention is right, in (0, 1), rounded to 3 places."""
    z = INTERCEPT + sum(WEIGHTS[name] * value for name, value in features.items())
    return round(min(max(1.0 / (1.0 + math.exp(-z)), 0.001), 0.999), 3)
