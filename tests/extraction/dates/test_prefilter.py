"""The first-character lookahead: same matches, fewer attempts."""

from __future__ import annotations

import re

import pytest

from eventpipe.extraction.dates.prefilter import first_class, guarded

PATTERNS = [
    r"(?:(?P<wd>Mon|Tue)day,?\s+)?(?P<m>Jan|Feb)\s+\d{1,2}",
    r"(?<![\d/])\d{4}-\d\d",
    r"[Tt]he\s+(?:past|next)\s+weeks?",
    r"(?:early|late)?\s*spring",
    r"x*y+|[a-c]z",
]
TEXT = "On Monday, Jan 3 the next weeks of 2021-04 and late spring, xxy bz; \u0663\u0664 Feb 12, Tuesday Feb 9 spring"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_guarded_pattern_finds_the_same_matches(pattern):
    plain, guard = re.compile(pattern), re.compile(guarded(pattern))
    assert [m.span() for m in guard.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    assert [m.groupdict() for m in guard.finditer(TEXT)] == [m.groupdict() for m in plain.finditer(TEXT)]


def test_first_class_lists_what_a_match_can_start_with():
    assert set(re.findall(r"\\.|.", first_class(r"(?:(?:Mon|Tue)day\s+)?(?:Jan|Feb)"))) == {"M", "T", "J", "F"}
    assert first_class(r"(?<!x)\d+") == r"\d"  # a Unicode digit too, as \d matches it


@pytest.mark.parametrize("pattern", [r"a?", r"[^a]b", r"(?i:may)", r"(?i)may", r".b", r"(a)?\1"])
def test_first_class_is_none_where_it_cannot_be_told(pattern):
    assert first_class(pattern) is None
    assert guarded(pattern) == pattern
