"""Recognise the language of an article offline (py3langid, model inside the wheel).

Short texts are too short to judge (a line of names reads as anything): below `MIN_LETTERS`
letters, or below `MIN_CONFIDENCE`, the text is taken as wanted, so only clear cases are rejected.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

MIN_LETTERS = 40
MIN_CONFIDENCE = 0.9
SAMPLE_CHARS = 3000  # the head of the text is enough; langid's cost grows with length


@dataclass(frozen=True)
class LanguageGuess:
    """ISO 639-1 code and the normalised probability of the best language."""

    lang: str
    confidence: float


@lru_cache(maxsize=1)
def load_identifier():
    """py3langid's identifier with normalised probabilities (loaded once, about 0.5 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str) -> LanguageGuess | None:
    """The most likely language of `text`, or None when it has too few letters to judge."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    lang, confidence = load_identifier().classify(sample)
    return LanguageGuess(lang=lang, confidence=float(confidence))


LATIN_SCRIPT_LANGUAGES = {"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "pl", "cs", "ro", "tr", "id", "ms", "tl", "sw"}


def _latin_share(text: str) -> float:
    letters = [ch for ch in text[:SAMPLE_CHARS] if ch.isalpha()]
    return sum(ch < "\u0250" for ch in letters) / len(letters) if letters else 1.0


def unwanted_language(text: str, wanted: Collection[str] = ("en",)) -> LanguageGuess | None:
    """The guess when `text` is clearly in a language outside `wanted`, else None (keep the text).

    Clear means a confident guess, or a text mostly in a non-Latin script when only Latin-script
    languages are wanted (langid's probabilities run lower across scripts: Arabic news at 0.86).
    """
    guess = guess_language(text)
    if guess is None or guess.lang in wanted:
        return None
    other_script = set(wanted) <= LATIN_SCRIPT_LANGUAGES and _latin_share(text) < 0.3
    return guess if guess.confidence >= MIN_CONFIDENCE or other_script else None
