"""The characters a regex's match can start with, as a lookahead that lets a big alternation fail fast.

Imports only the standard library. `guarded(pattern)` prefixes `pattern` with `(?=[...])` listing
every character (or class) a match can begin with, read from Python's own parse of the pattern;
it changes no match, only how soon a position where none can start is given up. Where the first
character cannot be told (an optional whole, a negated class, case-insensitive parts, a back
reference) the pattern is returned unchanged.
"""

from __future__ import annotations

import re

try:  # the parser the re module itself uses (Python 3.11+)
    from re import _constants as _C, _parser as _P
except ImportError:  # pragma: no cover - another Python: no guard, same matches
    _C = _P = None

_CATEGORIES = {}
if _C is not None:
    _CATEGORIES = {_C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_NOT_DIGIT: r"\D", _C.CATEGORY_SPACE: r"\s",
                   _C.CATEGORY_NOT_SPACE: r"\S", _C.CATEGORY_WORD: r"\w", _C.CATEGORY_NOT_WORD: r"\W"}


class _Unknown(Exception):
    """The first character of some part cannot be told."""


def _chr(code: int) -> str:
    return re.escape(chr(code))


def _first_of_items(items, out: list[str]) -> bool:
    """Add the class items a sequence can start with to `out`; True when the whole sequence may match empty."""
    for op, av in items:
        if not _first_of_op(op, av, out):
            return False
    return True


def _first_of_op(op, av, out: list[str]) -> bool:
    """Add the class items one element can start with to `out`; True when it may match empty."""
    if op is _C.LITERAL:
        out.append(_chr(av))
        return False
    if op is _C.IN:
        for item, value in av:
            if item is _C.LITERAL:
                out.append(_chr(value))
            elif item is _C.RANGE:
                out.append(f"{_chr(value[0])}-{_chr(value[1])}")
            elif item is _C.CATEGORY and value in _CATEGORIES:
                out.append(_CATEGORIES[value])
            else:
                raise _Unknown(item)  # a negated class, a case-folded range...
        return False
    if op is _C.BRANCH:
        return any([_first_of_items(alternative, out) for alternative in av[1]])
    if op is _C.SUBPATTERN:
        _group, add_flags, del_flags, pattern = av
        if (add_flags | del_flags) & re.IGNORECASE:
            raise _Unknown(op)
        return _first_of_items(pattern, out)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
        low, _high, pattern = av
        return _first_of_items(pattern, out) or low == 0
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _first_of_items(av, out)
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return True  # zero-width: the next element starts the match
    raise _Unknown(op)


def first_class(pattern: str) -> str | None:
    """The body of a character class holding every character a match of `pattern` can start with, None
    when that cannot be told or a match may be empty."""
    if _P is None:
        return None
    try:
        parsed = _P.parse(pattern)
        if parsed.state.flags & re.IGNORECASE:
            return None
        out: list[str] = []
        return None if _first_of_items(parsed, out) or not out else "".join(dict.fromkeys(out))
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None


def guarded(pattern: str) -> str:
    """`pattern` behind a lookahead on its possible first characters (unchanged when they cannot be told)."""
    first = first_class(pattern)
    return pattern if first is None else f"(?=[{first}])(?:{pattern})"
