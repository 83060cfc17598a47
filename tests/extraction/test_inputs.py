import datetime as dt
import gzip
import json

import pytest

from eventpipe.extraction.errors import InputError
from eventpipe.extraction.inputs import RawArticle, read_inputs


def _split(items):
    articles = [i for i in items if isinstance(i, RawArticle)]
    errors = [i for i in items if isinstance(i, InputError)]
    return articles, errors


def test_inputs_folder_reads_text_files_recursively(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels attacked the town.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Police arrested ten people.")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    articles, errors = _split(list(read_inputs([str(tmp_path)])))
    assert [a.uri.rsplit("/", 1)[1] for a in articles] == ["a.txt", "b.txt"] and not errors


def test_inputs_glob_and_missing_path(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels attacked the town.")
    articles, errors = _split(list(read_inputs([str(tmp_path / "*.txt"), str(tmp_path / "nope.txt")])))
    assert len(articles) == 1
    assert [e.reason for e in errors] == ["not_found"]


@pytest.mark.parametrize(
    "content,reason",
    [(b"", "empty"), (b"   \n\t ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary")],
)
def test_inputs_bad_text_files_become_errors(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    _, errors = _split(list(read_inputs([str(path)])))
    assert [e.reason for e in errors] == [reason] and str(path) in errors[0].detail


def test_inputs_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Rebels attacked the town.".encode("utf-16"))
    articles, _ = _split(list(read_inputs([str(path)])))
    assert articles[0].text == "Rebels attacked the town."


def test_inputs_manifest_lines_become_articles_or_errors_with_line_numbers(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "Rebels attacked the town.", "published": "2020-05-01", "title": "T", "url": "http://x/a"}),
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps({"id": "a4", "text": "Police arrested ten.", "published": 20200501}),
        "",
        json.dumps(["a list"]),
    ]
    path = tmp_path / "m.jsonl.gz"
    with gzip.open(path, "wt") as handle:
        handle.write("\n".join(lines) + "\n")
    articles, errors = _split(list(read_inputs([str(path)])))
    assert articles == [
        RawArticle(uri="http://x/a", text="Rebels attacked the town.", source_id="a1", title="T", published=dt.date(2020, 5, 1), line=1)
    ]
    assert [(e.reason, e.line) for e in errors] == [("invalid_json", 2), ("missing_text", 3), ("bad_field", 4), ("invalid_json", 6)]
    assert all(f"{path}:" in e.detail for e in errors)
