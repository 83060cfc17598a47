"""Every kind of bad input ends as a document or a reject naming the file, and the run carries on."""

from __future__ import annotations

import gzip
import io
import json
import zipfile

import duckdb
import pytest
from typer.testing import CliRunner

from eventpipe.flows.cli import app
from eventpipe.flows.outcome import ExitCode
from eventpipe.warehouse.query import connect_readonly

pytestmark = pytest.mark.slow
GOOD = "Police arrested ten protesters in Cairo on Monday, officials said."
GERMAN = "Die Polizei hat am Montag in Kairo zehn Demonstranten festgenommen, wie Beamte mitteilten. " * 3
ARABIC = "اعتقلت الشرطة عشرة متظاهرين في القاهرة يوم الاثنين، حسبما قال مسؤولون. " * 3


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _tarball() -> bytes:
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, text in (("ok.txt", b"Gunmen kidnapped two engineers in Niger Delta on Monday."), ("../up.txt", GOOD.encode())):
            info = tarfile.TarInfo(name)
            info.size = len(text)
            archive.addfile(info, io.BytesIO(text))
    return buffer.getvalue()


# name -> (bytes, expected: "document" or a reject reason); None = either, only accounted for.
KINDS: dict[str, tuple[bytes | None, str | None]] = {
    "good.txt": (GOOD.encode(), "document"),
    "empty.txt": (b"", "empty"),
    "whitespace.txt": (b"  \n\t \r\n ", "empty"),
    "png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary"),
    "elf.txt": (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, "binary"),
    "pdf.txt": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01\x02\x03\nendstream", None),
    "latin1.txt": ("Rebels attacked Orléans and Tübingen, the ministère said.".encode("latin-1"), "document"),
    "utf16_bom.txt": ("Troops fired on protesters in Basra on Friday.".encode("utf-16"), "document"),
    "utf16_nobom.txt": ("Rebels shelled Idlib on Saturday.".encode("utf-16-le"), "document"),
    "mixed_endings.txt": (b"Title line\r\n\r\nPolice arrested ten protesters.\rTroops fired on rebels.\nOfficials said so.", "document"),
    "nul_inside.txt": (GOOD.encode()[:20] + b"\x00" + GOOD.encode()[20:], None),
    "long_line.txt": (b"word " * 500_000, "too_large"),
    "german.txt": (GERMAN.encode(), "language"),
    "arabic_rtl.txt": (ARABIC.encode(), "language"),
    "title_only.txt": (b"Rebels attack", "document"),
    "emoji_only.txt": ("🔥🔥🚀🎉😀 🙏🏽 🇮🇶".encode(), None),
    "control_chars.txt": (("\x07\x1b[31mThe army shelled rebel positions near Hama.\x0c\x0b").encode(), "document"),
    "duplicate_a.txt": (b"Rebels seized the port of Aden on Tuesday, residents said.", "document"),
    "duplicate_b.txt": (b"Rebels seized the port of Aden on Tuesday, residents said.", "duplicate"),
    "nested.html": (("<html><body>" + "<div>" * 5000 + f"<p>{GOOD}</p>" + "</div>" * 5000 + "</body></html>").encode(), None),
    "malformed.html": (f"<html><body><p>{GOOD}<div><span></p></html".encode(), None),
    "entity_bomb.html": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><html><body><p>&lol3;</p></body></html>', None),
    "truncated.txt.gz": (gzip.compress(GOOD.encode() * 50)[:40], None),
    "traversal.zip": (_zip({"../../evil.txt": GOOD.encode(), "fine.txt": b"Troops fired on rebels near Homs on Friday."}), None),
    "bomb.zip": (_zip({"zeros.txt": b"0" * (30 * 2**20)}), "too_large"),
    "broken.jsonl": (
        "\n".join([
            json.dumps({"id": "j1", "text": "Troops shelled rebel positions near Aleppo on Friday.", "published": "2016-05-06"}),
            "{broken json",
            json.dumps({"id": "j3", "title": "no text field"}),
            json.dumps({"id": "j4", "text": "Police detained a journalist in Ankara.", "published": 20160506}),
            json.dumps({"id": "j5", "text": "Rebels will attack the capital, officials warned.", "published": "2999-01-01"}),
            json.dumps({"id": "j6", "text": "Rebels attacked the capital, officials said.", "published": "1900-01-01"}),
        ]).encode(), None),
    "utf8_bom.txt": (b"\xef\xbb\xbfMilitants stormed a checkpoint near Kirkuk on Sunday.", "document"),
    "boilerplate_only.txt": (b"1. Skip to content\n2. Skip to main menu\nImage: Reuters\nab/cd (AFP, Reuters)", "empty"),
    "good.txt.gz": (gzip.compress(b"Soldiers clashed with smugglers near the border with Jordan."), "document"),
    "garbage.rss": (b"<rss><channel><item><title>unclosed", None),
    "empty_body.html": (b"<html><head><title>Nothing here</title></head><body><nav>Home</nav></body></html>", None),
    "no_text_column.csv": (b"id,body\nx1,Troops fired.\n", "missing_column"),
    "tarball.tar.gz": (None, None),
    "quoted_newline.csv": (b'id,text\nc1,"Protesters marched in Paris.\nPolice fired tear gas."\n', None),
}


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    inbox = folder / "in"
    inbox.mkdir()
    for name, (data, _) in KINDS.items():
        (inbox / name).write_bytes(_tarball() if data is None else data)
    (inbox / "loop").symlink_to(inbox, target_is_directory=True)  # a symlink loop must not hang discovery
    explicit = folder / "picture.png"
    explicit.write_bytes(b"\x89PNG\r\n\x1a\n")
    env = {"EVENTPIPE_MAX_UNCOMPRESSED_BYTES": str(10 * 2**20), "EVENTPIPE_MAX_DOCUMENT_CHARS": "1000000"}
    result = CliRunner().invoke(
        app, ["run", str(inbox), str(explicit), str(folder / "missing.txt"), "--warehouse", str(folder / "wh"), "-q"], env=env
    )
    # A named input that does not exist makes the run exit 3 (README, "Exit codes"); everything else still published.
    assert result.exit_code == ExitCode.INPUTS, result.output
    assert "Error: input not found" in result.output
    with connect_readonly(folder / "wh" / "events.duckdb") as con:
        documents = [r[0] for r in con.execute("select uri from documents").fetchall()]
        rejects = con.execute("select uri, line, reason, detail from rejects").fetchall()
        run = con.execute("select inputs, new, skipped, rejects from runs").fetchone()
    return inbox, documents, rejects, run


def _outcomes(outcome, name):
    inbox, documents, rejects, _ = outcome
    path = str(inbox / name)
    docs = [u for u in documents if u == path or u.startswith(path + "!") or u.startswith(path + "#")]
    bad = [r for r in rejects if r[0] == path or r[0].startswith(path + "!")]
    return docs, bad


@pytest.mark.parametrize("name", list(KINDS))
def test_bad_inputs_each_kind_is_accounted_for(outcome, name):
    docs, bad = _outcomes(outcome, name)
    assert docs or bad, f"{name} left no trace"
    expected = KINDS[name][1]
    if expected == "document":
        assert docs and not bad
    elif expected is not None:
        assert expected in {r[2] for r in bad}
        assert all(name in r[3] for r in bad if r[2] == expected)  # the reason names the file


def test_bad_inputs_manifest_lines_are_named(outcome):
    _, bad = _outcomes(outcome, "broken.jsonl")
    assert {(r[1], r[2]) for r in bad} >= {(2, "invalid_json"), (3, "missing_text"), (4, "bad_field")}


def test_bad_inputs_explicit_unsupported_and_missing_paths_are_rejects(outcome):
    _, _, rejects, _ = outcome
    reasons = {r[0].rsplit("/", 1)[-1]: r[2] for r in rejects}
    assert reasons.get("missing.txt") == "not_found"
    assert "picture.png" in reasons


def test_bad_inputs_inputs_equal_documents_plus_rejects(outcome):
    _, documents, rejects, (inputs, new, skipped, rejected) = outcome
    assert inputs == new + skipped + rejected
    assert (new, rejected) == (len(documents), len(rejects))


def _without_file_permission_override() -> list[str]:
    """A command prefix under which file permissions bind (root ignores them unless its capabilities are dropped)."""
    import os
    import shutil

    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be made to bind")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def test_bad_inputs_unreadable_file_is_a_reject_and_the_rest_is_read(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "good.txt").write_text(GOOD)
    locked = inbox / "locked.txt"
    locked.write_text("Rebels shelled Idlib on Saturday.")
    locked.chmod(0)
    command = [*_without_file_permission_override(), str(Path(sys.executable).with_name("eventpipe")),
               "run", str(inbox), "--warehouse", str(tmp_path / "wh"), "-q"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    with connect_readonly(tmp_path / "wh" / "events.duckdb") as con:
        assert con.execute("select uri from documents").fetchall() == [(str(inbox / "good.txt"),)]
        assert con.execute("select uri, reason, detail from rejects").fetchall() == [
            (str(locked), "unreadable", f"{locked}: Permission denied")
        ]
        assert con.execute("select inputs, new, rejects from runs").fetchone() == (2, 1, 1)
