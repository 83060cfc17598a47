import pytest

from eventpipe.extraction.reading.encodings import decode_bytes, declared_charset, repair_mojibake, sniff_stream_encoding
from eventpipe.extraction.errors import InputError

TEXT = "The café in Zürich reopened after the strike; señor Núñez said “we are back” on Monday. " * 4


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_utf_first(data, encoding):
    decoded = decode_bytes(data, "x.txt")
    assert decoded.text == TEXT and decoded.encoding == encoding and not decoded.repaired


def test_encodings_declared_charset_used_before_detection():
    data = f'<html><head><meta charset="windows-1252"></head><body>{TEXT}</body></html>'.encode("cp1252")
    assert declared_charset(data) == "cp1252"
    assert TEXT in decode_bytes(data, "p.html", declared_charset(data)).text


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_encodings_detection_when_not_utf8(encoding):
    data = ("Le café du coin a rouvert après la grève; les employés étaient très contents. " * 5).encode(encoding)
    assert "café" in decode_bytes(data, "x.txt").text


def test_encodings_mojibake_repaired():
    text = "The café in Zürich reopened; señor Núñez said so on Monday."
    broken = text.encode("utf-8").decode("cp1252")  # "cafÃ©": UTF-8 once read as cp1252
    decoded = decode_bytes(broken.encode("utf-8"), "x.txt")
    assert decoded.text == text and decoded.repaired
    assert repair_mojibake("“quoted” ﬁne") == "“quoted” ﬁne"  # quotes and ligatures left alone


def test_encodings_binary_refused():
    with pytest.raises(InputError) as caught:
        decode_bytes(b"\x00\x01\x02PK" * 10, "a.bin")
    assert caught.value.reason == "binary"


@pytest.mark.parametrize("head,expected", [("abc é".encode()[:-1], "utf-8"), (b"\xff\xfea\x00", "utf-16")])
def test_encodings_stream_sniffing(head, expected):
    assert sniff_stream_encoding(head) == expected


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_encodings_utf16_without_bom_is_recognised(encoding):
    decoded = decode_bytes("Rebels shelled Idlib on Saturday, monitors said.".encode(encoding), "x.txt")
    assert decoded.text == "Rebels shelled Idlib on Saturday, monitors said." and decoded.encoding == encoding


@pytest.mark.parametrize("data", [b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, b"A\x00B\x00" * 8 + b"\x00\x00\x01\x02"])
def test_encodings_nul_patterns_that_are_not_utf16_stay_binary(data):
    with pytest.raises(InputError) as error:
        decode_bytes(data, "x.bin")
    assert error.value.reason == "binary"
