"""The words and regex pieces date expressions are built from (months, weekdays, days, years, counts)."""

from __future__ import annotations

MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "couple": 2, "few": (2, 5), "several": (3, 7), "some": (2, 9)}
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
LARGE_COUNTS = ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty")
HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
            "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14), "halloween": (10, 31), "hallowe'en": (10, 31),
            "bastille day": (7, 14), "st. patrick's day": (3, 17), "st patrick's day": (3, 17), "saint patrick's day": (3, 17),
            "armistice day": (11, 11), "fourth of july": (7, 4), "july fourth": (7, 4), "veterans day": (11, 11), "veterans' day": (11, 11), "international women's day": (3, 8)}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # northern, meteorological


def count_of(word: str) -> int | tuple[int, int]:
    """The number a count word names, with "twenty-five" as 25; a (least, most) pair for vague ones ("few")."""
    if "-" in word:
        tens, ones = word.split("-", 1)
        return COUNTS[tens] + COUNTS[ones]
    return COUNTS["couple" if word == "of" else word]


def cap(*words: str) -> str:
    """Alternation of keywords, each also with a capital first letter (sentence start)."""
    return "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}".replace(" ", r"\s+") for w in words) + ")"


MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
       r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
MONF = r"(?:January|February|March|April|June|July|August|September|October|November|December)\b"  # not May
WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
WDX = rf"(?:{WD}|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.)"
D = r"(?<![\d.,$])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|[.,:]\d)"
YR = r"(?:1[89]\d\d|20\d\d)"
Y = rf"(?<![\w$£€#.,/]){YR}(?![\w%/]|[.,:]\d|-[A-Za-z])"
RY = r"(?:\s+of)?\s+(?P<ry>last|this|next)\s+year\b"  # "March last year", "June of this year"
NUM = (rf"(?<![\d,.-])(?:\d{{1,3}}|{cap('a few', 'a couple of', 'a couple', 'several', 'few', 'an', 'a', 'one', 'two')}"
        rf"|{cap('twenty', 'thirty', 'forty', 'fifty')}-(?:{'|'.join(_ONES)})\b|{cap(*LARGE_COUNTS)}(?![\w-])"
        r"|three|four|five|six|seven|eight|nine|ten|eleven|twelve|Three|Four|Five|Six|Seven|Eight|Nine|Ten)")
REL = cap("last", "this past", "this coming", "this", "next", "past", "coming")
MODS = (rf"(?:{cap('early', 'mid', 'late', 'earlier in', 'earlier', 'later in', 'later')}|(?:[Tt]he\s+)?(?:very\s+)?"
         rf"{cap('end', 'beginning', 'start', 'middle', 'first half', 'second half', 'last half')}\s+of"
         rf"|(?:[Tt]he\s+)?{cap('first', 'second', 'third', 'fourth', 'last', 'final')}\s+(?:weekend|week|quarter)\s+of)")
CORE = rf"(?P<cm>{MON})(?:\s+(?:of\s+)?(?P<cy>{Y}))?|(?P<crel>last|this|next|the)\s+(?P<cu>week|month|year)\b|(?P<cyy>{Y})"
NOT_NAMES = r"Times|Telegraph|Mirror|Express|Post|Herald|Tribune|Independent|Mail|People|Sport|Star|Observer|Age|Night\s+Live|Review"
