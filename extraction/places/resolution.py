"""Place resolution: named places in raw text (or in given spans) resolved to gazetteer entries.

Candidates are capitalised token n-grams looked up in the gazetteer (`gazetteer.py`), plus state
abbreviations, datelines and places inside local bodies' names (`detection.py`); each is then ranked
(`disambiguation.py` with `ranking.py`: population, kind of place, containment, dateline, the countries,
provinces and towns the document names or resolves to) and every mention of a name takes one sense per document;
facilities, streets and venues the gazetteer lacks take the town their context names (`facilities.py`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...schemas import Place, Span
from .detection import DOTTED_HEADS, ORG_AFTER, POSTAL_WORDS, abbreviation_at, is_dateline
from .disambiguation import (
    MIN_ALTERNATE_POPULATION,
    MIN_POPULATION,
    Context,
    Mention,
    bare,
    candidate_features,
    choose,
    eligible,
)
from .facilities import facility_places
from .gazetteer import Entry, Gazetteer, Match, load_gazetteer, name_key, strip_article

MAX_TOKENS = 4
ENTITY_LABELS = frozenset({"GPE", "LOC"})  # tagger labels whose unmatched spans are looked up
WHOLE_NAME_LABELS = frozenset({"GPE"})  # ... whose whole name, when a place, wins over the shorter ones inside

# Lower-case words allowed inside a multi-word name ("Bosnia and Herzegovina", "Rio de Janeiro").
_CONNECTORS = frozenset(
    "of and the de del da do dos das du des la le les el al ad ar as at az ash ed es ez en au aux sur sous upon on "
    "am y e di bin ibn van von der den".split()
)
# Capitalised words after which a name is still a place ("In Baghdad", "Northern Iraq"), not a surname.
_LEADERS = frozenset(
    "the a an this that these those our their his her its every each some any no "
    "though although because unless until whereas whether why how what where who which yet so also then thus "
    "still even only just perhaps indeed meanwhile however "
    "one two three four five six seven eight nine ten eleven twelve dozens hundreds thousands many most several few "
    "all other another "
    "in on at from to for near into across outside inside of and or but by with via after before since "
    "while when as if both neighbouring neighboring rural urban north south east west northern southern "
    "eastern western central northeastern northwestern southeastern southwestern greater upper lower "
    "downtown metropolitan occupied coastal war-torn mount mt lake cape fort port saint st san santa new old "
    "city monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december".split()
)
_LOCATIVE = frozenset("in near at outside from into across to toward towards around of".split())
# Titles before a person's name, also where they open a sentence ("Justice Clarence Thomas swore ...").
_TITLES = frozenset(
    "mr mrs ms dr sir dame lord lady justice judge senator sen rep representative congressman congresswoman president "
    "governor gov mayor minister chancellor premier king queen prince princess pope bishop archbishop cardinal rev "
    "reverend father professor prof general gen colonel col captain capt lieutenant lt sergeant sgt detective "
    "inspector commissioner ambassador secretary chairman chairwoman coach".split()
)
# Planets: in news the bodies of the sky, not the small towns named after them ("Mars", "Earth", "Venus").
_PLANETS = frozenset("mercury venus earth mars jupiter saturn uranus neptune pluto".split())
# Locative words that a person's name follows as often as a place's ("spoke to Walker", "a letter from Walker").
_PERSON_LOCATIVES = frozenset("to from of toward towards".split())
# Nouns that name a territory ("Anbar province", "the town of X").
PLACE_NOUNS = frozenset("town city village province governorate district region state county capital".split())
# Capitalised words that may follow a place name without making it part of another name ("Gaza City").
_PLACE_NOUNS_AFTER = frozenset(
    "city province governorate state county district region oblast prefecture municipality area airport valley "
    "river mountains mountain strip bay island islands port harbour harbor border peninsula desert sea lake gulf "
    "coast bridge station palace stadium hospital cathedral mosque church temple camp prison market".split()
)
# "<Institution> of X": X names the body's field or place ("Department of Justice", "Ministry of Commerce"); a
# small town of that name is not meant.
_INSTITUTION_OF = re.compile(
    r"\b(?:Department|Ministry|Minister|Secretary|Office|Bureau|Court|University|Institute|Academy|College|School|Bank"
    r"|Museum|Council|Commission|Committee|Board|Agency|Corps|Order|House|Chamber|League|Society|Association|Federation"
    r"|Union|Church|Hospital|Party|Director|Chief|Head)\s+(?:of|for)\s+(?:the\s+)?$")
MIN_INSTITUTION_POPULATION = 100000
# "<town> University": below this population the name is more often a founder's ("Cornell", "Loyola").
_ACADEMY_AFTER = re.compile(r" (?:University|College|Academy|Institute)\b")
MIN_ACADEMY_POPULATION = 5000
_STREET_AFTER = re.compile(r" (?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.?|Lane|Drive)(?!\w)")
# Adjectives of provinces formed with -n/-an ("Catalonian", "Californian", "Hawaiian", "Tibetan"); not "Victorian" (the era).
_NOT_PROVINCE_ADJECTIVES = frozenset({"victorian"})
_ADMIN_SUFFIX = re.compile(r"\s+(province|governorate|state|region|district|oblast|county|prefecture)\b", re.I)
_CITY_BEFORE = re.compile(r"\b(city|town|village|suburb|port)\s+of\s+$", re.I)
_SPAN_TRIM = re.compile(
    r"^(the)\s+|(['\u2019]s)$|\s+(province|governorate|city|region|district|state|county|oblast|prefecture)$", re.I
)
_WORD = re.compile(r"[^\W_](?:\w|['\u2019.](?=\w))*")  # words; hyphens separate ("Baghdad-based")
_ACRONYM = re.compile(r"(?:[A-Z]\.)+[A-Z]$")
_POSTAL = re.compile(r"(?<![\w.&'-])[A-Z]{2}(?![\w.&'-])")


@dataclass
class _Token:
    text: str
    start: int
    end: int
    initial: bool  # first word of a sentence or line

    @property
    def capitalised(self) -> bool:
        """Upper-case first letter, or an elided article before one ("d'Ivoire", "l'Aquila")."""
        return self.text[:1].isupper() or (len(self.text) > 2 and self.text[1] in "'\u2019" and self.text[2:3].isupper())



def resolve_places(
    text: str, countries: Sequence[str] = (), entities: Sequence[tuple[int, int, str]] = ()
) -> list[Place]:
    """Every named place in `text`, resolved and in text order (non-overlapping spans).

    `entities`: named-entity spans (start, end, label) of a parse of `text`, e.g. spaCy's doc.ents; the GPE and LOC
    spans that the gazetteer matcher missed are added when they name a gazetteer place, and facilities, streets and
    venues the gazetteer lacks take the point of the town their context names (`facilities.py`, basis "context").
    Raw text works without."""
    gazetteer = load_gazetteer()
    mentions, people = _mentions_and_people(text, gazetteer)
    extra = _entity_mentions(text, entities, mentions, gazetteer, people)  # may take over mentions inside a longer name
    mentions = sorted(mentions + extra, key=lambda m: m.start)
    context = choose(text, mentions, countries, gazetteer)
    mentions = sorted(mentions + _postal_codes(text, mentions, context, gazetteer), key=lambda m: m.start)
    places = [_place(m) for m in mentions if m.chosen is not None]
    if not entities:
        return places
    return sorted(places + facility_places(text, entities, places), key=lambda p: p.span.start)


def _entity_mentions(
    text: str, entities: Sequence[tuple[int, int, str]], mentions: list[Mention], gazetteer: Gazetteer,
    people: set[str] = frozenset(),
) -> list[Mention]:
    """Mentions for the tagger's place entities that no gazetteer mention overlaps, looked up as whole spans; the
    gazetteer mentions inside such an entity get a locative cue: the tagger's label is the context that a small
    town's name lacks on its own (the population floor of a cued town applies). A single word that the document
    gives a person (`people`: "Doug Hurley" ... "a mission Hurley flew") is no place unless a place cue says so."""
    out: list[Mention] = []
    for start, end, label in entities:
        if label not in ENTITY_LABELS:
            continue
        for m in mentions:
            if start <= m.start and m.end <= end:
                m.vouched = m.cue  # "in X" and the tagger both: any gazetteer town of the name will do
                m.cue = True  # the tagger vouches for the name as a place, as "in X" would
        if any(m.start < end and start < m.end for m in out):
            continue
        overlapping = [m for m in mentions if m.start < end and start < m.end]
        inside = all(start <= m.start and m.end <= end for m in overlapping)
        if overlapping and not (inside and label in WHOLE_NAME_LABELS):
            continue
        mention = _span_mention(text, start, end, gazetteer)
        if mention is None or not mention.matches or mention.demonym or name_key(mention.text) in _PLANETS:
            continue
        if bare(mention.text) in people and _small_towns(mention.matches) and not _place_cue_at(text, mention.start, end):
            continue
        if overlapping:  # "Epicurean Santa Barbara": the tagger's whole name, not "Barbara" inside it
            if any(m.end - m.start >= mention.end - mention.start for m in overlapping):
                continue
            for m in overlapping:
                mentions.remove(m)
        out.append(mention)
    return out


def _postal_codes(text: str, mentions: list[Mention], context: Context, gazetteer: Gazetteer) -> list[Mention]:
    """Two-letter state codes that stand alone ("FrontCounter BC", "the NY office"), kept when the document's
    resolved places lie in that state."""
    out = []
    for match in _POSTAL.finditer(text):
        start, end = match.span()
        if any(m.start < end and start < m.end for m in mentions) or match.group().lower() in POSTAL_WORDS:
            continue
        states = [e for e in gazetteer.abbreviation(name_key(match.group())) if context.admin1.get((e.country, e.name))]
        if len(set(states)) == 1:
            out.append(Mention(start, end, match.group(), [Match(states[0], False)], chosen=states[0]))
    return out


def resolve_place_names(text: str, spans: Sequence[tuple[int, int]], countries: Sequence[str] = ()) -> list[Place | None]:
    """One resolved place (or None) per (start, end) span of `text`, e.g. spaCy GPE/LOC/FAC entities."""
    gazetteer = load_gazetteer()
    given = [_span_mention(text, start, end, gazetteer) for start, end in spans]
    context = [m for m in _find_mentions(text, gazetteer) if not any(_overlap(m, g) for g in given if g)]
    choose(text, [g for g in given if g] + context, countries, gazetteer)
    return [_place(m) if m and m.chosen else None for m in given]


def _tokens(text: str) -> list[_Token]:
    """Words with offsets; "U.S." keeps its final dot."""
    tokens = []
    for match in _WORD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if _ACRONYM.match(word) and text[end:end + 1] == ".":
            word, end = word + ".", end + 1
        before = text[max(0, start - 3):start].rstrip(" \"'\u201c\u2018([")
        initial = not before or before[-1] in ".!?:;\n" or "\n" in text[max(0, start - 3):start]
        tokens.append(_Token(word, start, end, initial))
    return tokens


def _find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Place-name candidates in text order, longest match first, people's names left out."""
    return _mentions_and_people(text, gazetteer)[0]


def _mentions_and_people(text: str, gazetteer: Gazetteer) -> tuple[list[Mention], set[str]]:
    """The place-name candidates (as `_find_mentions`) and the words the document uses in persons' names."""
    tokens = _tokens(text)
    lowered = {t.text.lower() for t in tokens if t.text.islower()}
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        mention = _mention_at(text, tokens, i, gazetteer, lowered, mentions)
        if mention is None:
            i += 1
            continue
        mentions.append(mention)
        while i < len(tokens) and tokens[i].start < mention.end:
            i += 1
    people = _person_words(text, tokens, mentions, gazetteer.common_words | lowered)
    towns = [m for m in mentions if m.matches and all(x.entry.feature in ("city", "admin2") for x in m.matches)]
    # "in London" once, or a dateline: the word is the town all along
    cued = {bare(m.text) for m in mentions if _place_cue(text, m) or is_dateline(text, m.start, m.end)}
    kept = [m for m in mentions if m not in towns or bare(m.text) not in people or bare(m.text) in cued]
    return kept, people


def _place_cue(text: str, mention: Mention) -> bool:
    """True when a cue says a name is a place even where the document names a person so (see `_place_cue_at`)."""
    return mention.admin_suffix or (mention.cue and _place_cue_at(text, mention.start, mention.end))


def _place_cue_at(text: str, start: int, end: int) -> bool:
    """True after "in", "near", "at", "town"... or before "county", "province"...: "in Walker", "Walker County";
    not after "to", "of" or "from", which people follow as often ("reached out to Walker"), nor in a possessive
    ("in Walker's view")."""
    if _ADMIN_SUFFIX.match(text, end):
        return True
    if text.startswith(("'s", "\u2019s"), end):
        return False
    words = text[max(0, start - 20):start].split()
    cue = bool(words) and (words[-1].lower() in _LOCATIVE or words[-1].lower() in PLACE_NOUNS)
    return cue and words[-1].lower() not in _PERSON_LOCATIVES


def _person_words(text: str, tokens: list[_Token], mentions: list[Mention], common: frozenset[str]) -> set[str]:
    """Words of capitalised names ending in two words ("Kamala Harris", "Brian T. Carroll", "Senator Harris"):
    in this document the word alone means the person too. The first word only when the second is no common
    word ("Washington Post"); title-case heading lines are skipped."""
    covered = [(m.start, m.end) for m in mentions if " " in m.text]
    alone_again = _words_alone(text, tokens)  # a sentence's first word is a first name when its surname recurs
    names = set()
    for i in range(1, len(tokens) - 1):
        word, after = tokens[i], tokens[i + 1]
        j = i - 2 if len(tokens[i - 1].text) == 1 and text[tokens[i - 1].end:word.start] == ". " and i > 1 else i - 1
        first = tokens[j]
        gap = text[first.end:tokens[j + 1].start]
        if not (first.capitalised and word.capitalised) or not (gap == " " or (gap == ". " and len(first.text) == 1)):
            continue
        if _in_heading(text, word.start):
            continue
        continued = after.capitalised and text[word.end:after.start] == " " and after.text not in ("Jr", "Sr")
        if continued or any(a <= word.start < b for a, b in covered):
            continue
        if first.text.lower() in _LEADERS or word.text.lower() in _PLACE_NOUNS_AFTER or word.text.lower() in ORG_AFTER:
            continue  # "Oxford University", "Dover Police": a body named for its place, no person
        if first.initial and first.text.lower() in common:
            continue  # "Later London grew": a sentence's first word, written in lower case elsewhere
        if first.text.isupper() and len(first.text) > 1 and not word.text.isupper():
            continue  # "CDC Atlanta": an acronym is no first name
        names.add(bare(word.text))
        alone = j == 0 or not tokens[j - 1].capitalised or text[tokens[j - 1].end:first.start] != " "
        named_thing = j > 0 and tokens[j - 1].text.lower() == "the"  # "the Melbourne Cup", "the Dallas Mavericks"
        opens = first.initial and alone_again[bare(word.text)] < 1  # "Nancy Pelosi said ..." ... "Pelosi added"
        if alone and not named_thing and bare(word.text) not in common and not opens \
                and _country_for(first.text) is None:
            names.add(bare(first.text))
    return names


def _words_alone(text: str, tokens: list[_Token]) -> Counter[str]:
    """How often each capitalised word stands alone inside a sentence (no capitalised word next to it)."""
    counts: Counter[str] = Counter()
    for i, token in enumerate(tokens):
        if not token.capitalised or token.initial:
            continue
        before = i > 0 and tokens[i - 1].capitalised and text[tokens[i - 1].end:token.start] == " "
        after = i + 1 < len(tokens) and tokens[i + 1].capitalised and text[token.end:tokens[i + 1].start] == " "
        if not (before or after):
            counts[bare(token.text)] += 1
    return counts


def _in_heading(text: str, position: int) -> bool:
    """True on a title-case line ("Security Forces Retake Fallujah"), where capitals say nothing."""
    start, end = text.rfind("\n", 0, position) + 1, text.find("\n", position)
    words = text[start:end if end >= 0 else len(text)].split()
    return len(words) <= 15 and sum(w[:1].isupper() for w in words) > 0.6 * len(words)


def _mention_at(
    text: str, tokens: list[_Token], i: int, gazetteer: Gazetteer, lowered: set[str], found: list[Mention]
) -> Mention | None:
    """The longest place name starting at token i (up to MAX_TOKENS words), or None."""
    first = tokens[i]
    if not first.capitalised:
        return None
    after_place = bool(found) and text[found[-1].end:first.start].strip() in (",", "(") and first.start - found[-1].end <= 3
    stop, states = abbreviation_at(text, first.start, first.end, gazetteer, after_place)
    if states and (after_place or not _lookup(first.text, gazetteer) or first.text.isupper()):
        return Mention(first.start, stop, text[first.start:stop], [Match(e, False) for e in states], cue=True)
    if _tail_of_name(text, tokens, i, found, lowered) or _noun_of_place(text, first, found):
        return None
    for n in range(min(MAX_TOKENS, len(tokens) - i), 0, -1):
        last = tokens[i + n - 1]
        if not last.capitalised or not _joinable(text, tokens[i:i + n]):
            continue
        ends = _ends(text, first.start, last.end)
        for end in ends:
            phrase = text[first.start:end]
            matches = _lookup(phrase, gazetteer)
            if n == 1:
                matches = _single_word_filter(phrase, first, matches, gazetteer, lowered, text)
            if matches and _followed_by_name(text, tokens, i + n):  # "Texas Rangers", "Cambridge Analytica": kept
                matches = [m for m in matches if m.entry.feature in ("country", "admin1", "admin2", "region") or
                           (m.entry.feature == "city" and m.entry.population >= MIN_INSTITUTION_POPULATION)]
            if matches and _STREET_AFTER.match(text, end):  # "Atlantic Avenue": a street, placed by its town
                matches = []
            if matches and _ACADEMY_AFTER.match(text, end):  # "Cornell University": a founder, not the hamlet
                matches = [m for m in matches if m.entry.feature != "city" or m.entry.population >= MIN_ACADEMY_POPULATION]
            if matches and _INSTITUTION_OF.search(text, max(0, first.start - 40), first.start):
                matches = [m for m in matches if m.entry.feature != "city" or m.entry.population >= MIN_INSTITUTION_POPULATION]
            if matches and not (n <= 2 and _only_hamlets(matches) and _country_for(phrase)):
                return _new_mention(text, first.start, end, matches)
        phrase = text[first.start:ends[-1]]
        if n >= 2 and (regions := _region_adjective(phrase, gazetteer)):  # "Central American": not the US
            return _new_mention(text, first.start, ends[-1], regions)
        if n <= 2 and first.text.lower() != "the" and (iso3 := _country_for(phrase)):
            return Mention(first.start, ends[-1], phrase, [], demonym=iso3)
        if n == 1 and (provinces := _province_adjective(phrase, gazetteer)):
            return _new_mention(text, first.start, ends[-1], provinces)
    return None


def _province_adjective(word: str, gazetteer: Gazetteer) -> list[Match]:
    """Provinces an adjective names by its main name: "Catalonian" -> Catalonia, "Hawaiian" -> Hawaii."""
    key = name_key(word)
    if key in _NOT_PROVINCE_ADJECTIVES or not word[:1].isupper():
        return []
    return _adjective_stem_matches(key, "admin1", gazetteer)


def _region_adjective(phrase: str, gazetteer: Gazetteer) -> list[Match]:
    """Regions a multi-word adjective names: "Central American" -> Central America, "East African" -> East Africa."""
    return _adjective_stem_matches(name_key(phrase), "region", gazetteer)


def _adjective_stem_matches(key: str, feature: str, gazetteer: Gazetteer) -> list[Match]:
    """Main-name entries of `feature` that an adjective ending in -n names without its -n or -an."""
    if not key.endswith("n"):
        return []
    for stem in (key[:-1], key[:-2]):
        found = [m for m in gazetteer.lookup(stem) if m.entry.feature == feature and not m.alternate]
        if found:
            return found
    return []


def _small_towns(matches: list[Match]) -> bool:
    """True when every match is a town or county under MIN_INSTITUTION_POPULATION: big cities are seldom a surname."""
    return all(m.entry.feature in ("city", "admin2") and m.entry.population < MIN_INSTITUTION_POPULATION for m in matches)


def _only_hamlets(matches: list[Match]) -> bool:
    """True when every match is a small town, so that a country adjective ("Canadian") wins over it."""
    return all(m.entry.feature == "city" and m.entry.population < MIN_POPULATION for m in matches)


def _ends(text: str, start: int, end: int) -> tuple[int, ...]:
    """Where the phrase may end: as written, and before a possessive "'s" ("Iran's" -> "Iran"); a single word is
    read as a possessive first ("Peru's" is Peru, not the town Perus), a longer name as written ("St. John's")."""
    if end - start > 2 and text[end - 2:end] in ("'s", "\u2019s"):
        single = not any(c in " .-" for c in text[start:end - 2])
        return (end - 2, end) if single else (end, end - 2)
    return (end,)


def _followed_by_name(text: str, tokens: list[_Token], j: int) -> bool:
    """True when a capitalised word that is no place noun follows ("George Floyd", "Houston Rockets")."""
    if j >= len(tokens) or text[tokens[j - 1].end:tokens[j].start] != " ":
        return False
    word = tokens[j]
    lowered = bare(word.text)
    return (word.capitalised and not word.initial and lowered not in _PLACE_NOUNS_AFTER and lowered not in ORG_AFTER
            and lowered not in _LEADERS)


def _joinable(text: str, tokens: list[_Token]) -> bool:
    """Whether tokens form one name: single spaces or hyphens between, lower-case only for connectors."""
    for left, right in zip(tokens, tokens[1:]):
        gap = text[left.end:right.start]
        if gap not in (" ", "-") and not (gap == ". " and left.text.lower() in DOTTED_HEADS):
            return False
    return all(t.capitalised or t.text.lower() in _CONNECTORS for t in tokens[1:-1])


def _tail_of_name(text: str, tokens: list[_Token], i: int, found: list[Mention], lowered: set[str] = frozenset()) -> bool:
    """True when the word follows another capitalised word that is not a place ("John Kerry", "President Obama")."""
    if i == 0 or text[tokens[i - 1].end:tokens[i].start] != " ":
        return False
    previous = tokens[i - 1]
    if not previous.capitalised or previous.text.lower() in _LEADERS:
        return False
    if tokens[i].text.isupper() and len(tokens[i].text) > 2 and not previous.text.isupper():
        return False  # "Associated Press WASHINGTON (AP)": a dateline after a byline
    if previous.text.isupper() and len(previous.text) > 1 and not tokens[i].text.isupper():
        return False  # "CDC Atlanta": an acronym is no first name
    if previous.initial and previous.text.lower() in lowered and previous.text.lower().rstrip(".") not in _TITLES:
        return False  # "Later London": an ordinary word that opens the sentence; not "Justice Clarence Thomas"
    if found and found[-1].end == previous.end:
        return False
    if _country_for(previous.text) is not None or _names_country(text, tokens, i):
        return False  # "Syrian Kurdish", "Air Zimbabwe": a country's name stands on its own
    return True


def _noun_of_place(text: str, token: _Token, found: list[Mention]) -> bool:
    """True for a place noun right after a place name: "Valley" in "Salinas Valley", "Island" in "Plum Island"
    is a part of the feature's name, no town of its own."""
    return bool(found) and found[-1].end <= token.start and text[found[-1].end:token.start] == " " \
        and token.text.lower() in _PLACE_NOUNS_AFTER


def _names_country(text: str, tokens: list[_Token], i: int) -> bool:
    """True when the words from token i on are a country's own name ("Zimbabwe", "South Sudan")."""
    for n in (3, 2, 1):
        if i + n <= len(tokens) and _joinable(text, tokens[i:i + n]):
            phrase = text[tokens[i].start:tokens[i + n - 1].end]
            if any(m.entry.feature == "country" and not m.alternate for m in load_gazetteer().lookup(name_key(phrase))):
                return True
    return False


def _lookup(phrase: str, gazetteer: Gazetteer) -> list[Match]:
    """Gazetteer matches of a phrase, retried without an Arabic article ("Al-Anbar" -> "anbar")."""
    if phrase.isupper() and len(phrase.replace(".", "")) <= 4:  # acronyms: only countries ("US", "UAE")
        return [m for m in gazetteer.lookup(name_key(phrase)) if m.entry.feature in ("country", "region")]
    key = name_key(phrase)
    matches = gazetteer.lookup(key)
    # only "al"/"el": "As Syria burned" must not become "Syria"
    if not matches and key[:3] in ("al ", "el ") and (bare := strip_article(key)):
        matches = gazetteer.lookup(bare)
    return matches


def _single_word_filter(
    word: str, token: _Token, matches: list[Match], gazetteer: Gazetteer, lowered: set[str], text: str
) -> list[Match]:
    """Drop single-word matches that are more likely common words than places."""
    key = word.lower()
    common = key in gazetteer.common_words or key in lowered
    if (common or key in _PLANETS) and word[:1].isupper() and _container_after(text, token.end, gazetteer):
        return matches  # "Buffalo, New York", "Mobile, Ala.": the state vouches for the town
    if key in _PLANETS:  # "on Mars", "back to Earth": the planet, not the town in Pennsylvania or Texas
        return []
    if token.initial:  # a sentence's first word: alternate names only of countries and big cities ("Acapulco")
        matches = [m for m in matches if not m.alternate or m.entry.feature == "country"
                   or m.entry.population >= MIN_ALTERNATE_POPULATION]
        if common:
            return [m for m in matches if m.entry.feature == "country"]
    if common and not _locative_before(text, token.start):
        return [m for m in matches if m.entry.feature == "country"]
    return matches


_CONTAINER_AFTER = re.compile(r",\s+([A-Z][\w.]*(?: [A-Z][\w.]*)?)")


def _container_after(text: str, end: int, gazetteer: Gazetteer) -> bool:
    """True when ", <state or country>" follows the word ("Buffalo, New York", "Reading, Pa.")."""
    found = _CONTAINER_AFTER.match(text, end)
    if not found:
        return False
    words = found.group(1).split()
    for phrase in (" ".join(words), words[0]):
        key = name_key(phrase)
        if gazetteer.abbreviation(key) or any(m.entry.feature in ("admin1", "country") and not m.alternate
                                              for m in gazetteer.lookup(key)):
            return True
    return False


def _locative_before(text: str, start: int) -> bool:
    """True after "in", "near", "town of"...: the next capitalised word is a place; a bare "of" is no such cue for
    a common word ("the issue of Court packing", "the head of Police")."""
    before = text[max(0, start - 20):start]
    words = before.split()
    return (bool(words) and words[-1].lower() in _LOCATIVE - {"of"}) or bool(_CITY_BEFORE.search(before))


def _new_mention(text: str, start: int, end: int, matches: list[Match]) -> Mention:
    admin_suffix = bool(_ADMIN_SUFFIX.match(text, end))
    words = text[max(0, start - 20):start].split()
    cue = admin_suffix or (bool(words) and (words[-1].lower() in _LOCATIVE or words[-1].lower() in PLACE_NOUNS))
    return Mention(start, end, text[start:end], matches, cue=cue, admin_suffix=admin_suffix)


def _span_mention(text: str, start: int, end: int, gazetteer: Gazetteer) -> Mention | None:
    """A mention for a given span: as written, else without "the", a possessive or "province"/"city"..."""
    phrase = text[start:end].strip()
    offset = start + text[start:end].find(phrase)
    variants = [phrase]
    while (trimmed := _SPAN_TRIM.sub("", variants[-1]).strip()) not in variants and trimmed:
        variants.append(trimmed)
    for variant in variants:
        matches = _lookup(variant, gazetteer)
        iso3 = None if matches else _country_for(variant)
        if matches or iso3:
            begin = offset + phrase.find(variant)
            suffix = bool(_ADMIN_SUFFIX.match(phrase, phrase.find(variant) + len(variant)))
            return Mention(begin, begin + len(variant), variant, matches, cue=True, admin_suffix=suffix, demonym=iso3)
    return None


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


@lru_cache(maxsize=4096)
def _country_for(phrase: str) -> str | None:
    """ISO3 of a country name or adjective ("Turkish" -> "TUR"), from the countries module."""
    from .countries import country_for  # imported late: it loads its own table on first use

    key = name_key(phrase)
    if key.endswith("as") and not any(m.entry.feature == "country" for m in load_gazetteer().lookup(key)):
        return None  # a plural in "-as" is of a name, not of a demonym ("the Americas" is not the United States)
    return country_for(phrase)


def ranking_candidates(text: str) -> list[tuple[int, int, list[tuple[Entry, dict[str, float]]]]]:
    """For fitting the ranker: (start, end, [(entry, features)...]) of each gazetteer mention's eligible entries,
    with the features as the final pass computes them (its context and the mention's first-pass choice)."""
    gazetteer = load_gazetteer()
    out = []

    def observe(m: Mention, context: Context) -> None:
        if m.demonym or not m.matches:
            return
        single = " " not in m.text.strip() and "-" not in m.text
        rows = [(x.entry, candidate_features(x, m, context)) for x in m.matches if eligible(x, m, context, single)]
        out.append((m.start, m.end, rows))

    choose(text, _find_mentions(text, gazetteer), (), gazetteer, observe)
    return out


def _place(mention: Mention) -> Place:
    entry = mention.chosen
    assert entry is not None
    return Place(text=mention.text, name=entry.name, country=entry.country, admin1=entry.admin1, lat=entry.lat,
                 lon=entry.lon, geonameid=entry.geonameid, feature=entry.feature, span=Span(start=mention.start, end=mention.end))
