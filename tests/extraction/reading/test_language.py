import pytest

from eventpipe.extraction.reading.language import guess_language, unwanted_language

ENGLISH = "The government announced new measures on Tuesday after protests spread to several cities in the north."
GERMAN = "Die Regierung hat am Dienstag neue Maßnahmen angekündigt, nachdem sich die Proteste auf mehrere Städte ausgeweitet hatten."
FRENCH = "Le gouvernement a annoncé mardi de nouvelles mesures après que les manifestations se sont étendues à plusieurs villes."


@pytest.mark.parametrize("text,lang", [(ENGLISH, "en"), (GERMAN, "de"), (FRENCH, "fr")])
def test_language_guess(text, lang):
    assert guess_language(text).lang == lang


@pytest.mark.parametrize(
    "text,wanted,rejected",
    [(ENGLISH, ("en",), False), (GERMAN, ("en",), True), (GERMAN, ("en", "de"), False), ("Kim met Moon in Pyongyang.", ("en",), False)],
)
def test_language_unwanted_only_when_clear(text, wanted, rejected):
    assert (unwanted_language(text, wanted) is not None) is rejected
