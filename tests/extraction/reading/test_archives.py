import gzip
import io
import json
import tarfile
import zipfile

import pytest

from eventpipe.extraction.reading.archives import unsafe_name
from eventpipe.extraction.errors import InputError
from eventpipe.extraction.reading.inputs import RawArticle, read_inputs

A = "Rebels attacked the town of Kismayo on Sunday, officials said, and the army sent troops to the area."
B = "Police arrested ten protesters outside parliament on Monday after clashes over the new fuel tax."


def _split(items):
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, InputError)]


def _tar(path, members, mode="w"):
    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def _zip(path, members):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


MEMBERS = {
    "news/a.txt": A.encode(),
    "news/b.html": f"<html><head><title>Arrests</title></head><body><article><p>{B}</p><p>{B}</p></article></body></html>".encode(),
    "news/m.jsonl": (json.dumps({"id": "m1", "text": A + " More.", "published": "2020-05-01"}) + "\n").encode(),
}


@pytest.mark.parametrize("name,write", [("in.zip", _zip), ("in.tar", _tar), ("in.tar.gz", lambda p, m: _tar(p, m, "w:gz"))])
def test_archives_members_read_as_articles(tmp_path, name, write):
    path = tmp_path / name
    write(path, MEMBERS)
    articles, errors = _split(list(read_inputs([str(path)])))
    assert not errors
    assert [a.uri.split("!/")[-1] for a in articles][:2] == ["news/a.txt", "news/b.html"]
    assert articles[0].raw_sha256 and articles[2].source_id == "m1" and f"{path}!/news/m.jsonl" in articles[2].uri


def test_archives_gzip_of_one_file(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(A.encode()))
    articles, _ = _split(list(read_inputs([str(path)])))
    assert [(a.uri, a.text) for a in articles] == [(str(path), A)]


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd.txt", "C:\\x.txt", "a/../../b.txt"])
def test_archives_path_traversal_refused(tmp_path, name):
    assert unsafe_name(name)
    path = tmp_path / "bad.zip"
    _zip(path, {name: A.encode(), "ok.txt": B.encode()})
    articles, errors = _split(list(read_inputs([str(path)])))
    assert [e.reason for e in errors] == ["unsafe_path"] and len(articles) == 1


@pytest.mark.parametrize("name,write", [("bomb.zip", _zip), ("bomb.tar.gz", lambda p, m: _tar(p, m, "w:gz"))])
def test_archives_uncompressed_limit_defeats_bombs(tmp_path, name, write):
    path = tmp_path / name
    write(path, {"big.txt": b"a " * 500_000})
    _, errors = _split(list(read_inputs([str(path)], max_uncompressed=100_000)))
    assert [e.reason for e in errors] == ["too_large"]


def test_archives_gzip_bomb_stops_mid_stream(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    line = json.dumps({"text": A}) + "\n"
    path.write_bytes(gzip.compress((line * 2000).encode()))
    articles, errors = _split(list(read_inputs([str(path)], max_uncompressed=50_000)))
    assert 0 < len(articles) < 2000 and [e.reason for e in errors] == ["too_large"]


def test_archives_corrupt_archive_is_one_error(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    _, errors = _split(list(read_inputs([str(path)])))
    assert [e.reason for e in errors] == ["unreadable"] and str(path) in errors[0].detail
