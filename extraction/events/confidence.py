"""Mention confidence: a small logistic model over what the extractor knows about its own choice.

The features are cheap facts of one mention (is the target a coded country, did the actor come from a
pronoun or an inherited subject, does the code come from a specific verb pattern or a verb's default,
is it in a background clause, is it hedged, has it no named source). The coefficients below were fitted by
L2-regularised logistic regression (lambda 1.0, plain gradient descent) against event-level correctness on
the PLOVER gold sentences and the dev split of dev_events.jsonl, and checked 5-fold cross-validated:
`python bench/confidence_fit.py` refits them and reports; rerun it when the extractor changes.
"""

from __future__ import annotations

import math

FEATURES = (
    "actor_country", "actor_coded", "target_country", "target_coded", "no_target", "pronoun", "inherited",
    "secondary", "negated_or_hypothetical", "reported", "intended", "verb_pattern", "verb_default", "recoded",
    "noun_trigger", "material", "target_place", "agentless",
)
# Fitted coefficients (intercept first, then FEATURES in order); see the module docstring.
# Refit by bench/confidence_fit.py on 448 mentions (322 on the PLOVER sentences, the rest on the dev split of
# dev_events.jsonl; base precision 0.763): top/bottom decile precision 0.93/0.38 5-fold
# cross-validated (the previous coefficients, fitted on PLOVER only, give 0.96/0.38 on the same mentions).
INTERCEPT = 0.632
WEIGHTS: dict[str, float] = {
    "actor_country": 1.163, "actor_coded": 0.131, "target_country": 0.6, "target_coded": -0.46,
    "no_target": -0.312, "pronoun": -0.595, "inherited": -0.583, "secondary": -1.255,
    "negated_or_hypothetical": 0.547, "reported": 0.03, "intended": 0.235, "verb_pattern": 0.115,
    "verb_default": -0.898, "recoded": 0.135, "noun_trigger": 0.916, "material": 0.005, "target_place": -0.799,
    "agentless": 1.241,
}


def confidence_features(*, actor_country: bool, actor_coded: bool, target_country: bool, target_coded: bool,
                        no_target: bool, pronoun: bool, inherited: bool, secondary: bool, modality: str,
                        pattern: str, recoded: bool, noun_trigger: bool, root: str,
                        target_place: bool = False, agentless: bool = False) -> dict[str, float]:
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
        "target_place": float(target_place), "agentless": float(agentless),
    }


def confidence(features: dict[str, float]) -> float:
    """Estimated probability that the mention is right, in (0, 1), rounded to 3 places."""
    z = INTERCEPT + sum(WEIGHTS[name] * value for name, value in features.items())
    return round(min(max(1.0 / (1.0 + math.exp(-z)), 0.001), 0.999), 3)
