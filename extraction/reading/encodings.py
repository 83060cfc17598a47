"""Turn raw bytes into text: UTF-8 first, then a declared charset, then detection; mojibake repaired.

Order of trust: a byte-order mark, valid UTF-8, the charset the container declares (HTTP header,
HTML <meta>), then charset-normalizer's guess. ftfy then repairs text that was decoded wrongly
somewhere upstream ("cafÃ©" -> "café") without touching anything else (quotes, widths, ligatures).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import InputError

_SNIFF_BYTES = 4096
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and whether ftfy changed it."""

    text: str
    encoding: str
    repaired: bool = False


def _bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None) or _bomless_utf16(data)


def _bomless_utf16(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for UTF-16 written without a BOM: mostly Latin text leaves a NUL in
    nearly every other byte (and none between), which no binary format does over its whole head."""
    head = data[:_SNIFF_BYTES]
    if len(head) < 16 or len(data) % 2:
        return None
    odd, even = head[1::2], head[0::2]
    for zeros, letters, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) == 0 and _try(data, name) is not None:
            return name
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML <meta> or XML declaration names in the head of `data`, if Python knows it."""
    head = data[:_SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def is_binary(data: bytes) -> bool:
    """True when NUL bytes in the head show a binary file (UTF-16/32 with a BOM excepted)."""
    return b"\x00" in data[:_SNIFF_BYTES] and _bom_encoding(data) is None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # imported here: only undecodable inputs pay for it

    best = from_bytes(data).best()
    return (str(best), best.encoding) if best is not None else None


@lru_cache(maxsize=1)
def _ftfy_config():
    from ftfy import TextFixerConfig

    # Only undo wrong decodings; leave quotes, widths, ligatures, HTML entities and line breaks alone.
    return TextFixerConfig(
        unescape_html=False, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
        fix_line_breaks=False, normalization=None, explain=False,
    )


def repair_mojibake(text: str) -> str:
    """`text` with mojibake (UTF-8 read as cp1252/latin-1, and the like) fixed by ftfy; else unchanged."""
    from ftfy import fix_text

    return fix_text(text, _ftfy_config())


def decode_bytes(data: bytes, uri: str, declared: str | None = None, repair: bool = True) -> Decoded:
    """Text of `data`; raises InputError (`binary`, `decode`) naming `uri` when it is not text."""
    if is_binary(data):
        raise InputError("binary", uri, "NUL bytes in the first 4 KB: this looks like a binary file")
    encoding = _bom_encoding(data) or "utf-8"
    text = _try(data, encoding)
    if text is None and declared and (text := _try(data, declared)) is not None:
        encoding = declared
    if text is None and (found := _detect(data)):
        text, encoding = found
    if text is None:
        raise InputError("decode", uri, "not UTF-8 and no encoding could be detected; convert the file to UTF-8")
    fixed = repair_mojibake(text) if repair else text
    return Decoded(text=fixed, encoding=encoding, repaired=fixed != text)


def sniff_stream_encoding(head: bytes) -> str:
    """The encoding to read a streamed manifest with, judged on its first bytes."""
    if bom := _bom_encoding(head):
        return bom
    # A multi-byte character may be cut at the end of the sample: drop up to 3 trailing bytes.
    for cut in range(4):
        if _try(head[: len(head) - cut] if cut else head, "utf-8") is not None:
            return "utf-8"
    found = _detect(head)
    return found[1] if found else "utf-8"
