import datetime as dt
import gzip
import json

import pytest

from eventpipe.extraction.errors import InputError
from eventpipe.extraction.reading.inputs import RawArticle, read_inputs


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


from eventpipe.extraction.reading.inputs import FieldMap  # noqa: E402

ARTICLE = "Rebels attacked the town of Kismayo on Sunday, officials said, and the army sent troops to the area."
GERMAN = "Die Regierung hat am Dienstag neue Maßnahmen angekündigt, nachdem sich die Proteste auf mehrere Städte ausgeweitet hatten."


def test_inputs_csv_manifest_with_field_map(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        'story_id,headline,body,pub,link\n'
        f'7,Attack,"{ARTICLE}\n\nSecond paragraph.",2021-01-03,http://x/7\n'
        '8,Empty,,2021-01-04,\n'
        f'9,Bad date,"{ARTICLE}",someday,\n'
        f'10,US date,"{ARTICLE}","January 5, 2021",\n',
        encoding="utf-8",
    )
    fields = FieldMap(text="body", date="pub", title="headline", id="story_id", url="link")
    articles, errors = _split(list(read_inputs([str(path)], fields=fields)))
    assert [(a.source_id, a.title, str(a.published), a.line) for a in articles] == [
        ("7", "Attack", "2021-01-03", 2), ("10", "US date", "2021-01-05", 7)  # row 7 spans lines 2-4
    ]
    assert articles[0].uri == "http://x/7" and "\n\nSecond paragraph." in articles[0].text
    assert [(e.reason, e.line) for e in errors] == [("missing_text", 5), ("bad_field", 6)]


def test_inputs_csv_without_text_column(tmp_path):
    path = tmp_path / "export.tsv"
    path.write_text("id\tbody\n1\tsome text\n", encoding="utf-8")
    _, errors = _split(list(read_inputs([str(path)])))
    assert [(e.reason, e.line) for e in errors] == [("missing_column", 1)] and "body" in errors[0].detail


@pytest.mark.parametrize("languages,kept", [(("en",), 1), (("en", "de"), 2), (None, 2)])
def test_inputs_language_rejects_non_english(tmp_path, languages, kept):
    (tmp_path / "en.txt").write_text(ARTICLE)
    (tmp_path / "de.txt").write_text(GERMAN)
    articles, errors = _split(list(read_inputs([str(tmp_path)], languages=languages)))
    assert len(articles) == kept and all(e.reason == "language" and "de.txt" in e.detail for e in errors)


def test_inputs_html_folder(tmp_path):
    body = "".join(f"<p>{ARTICLE} Paragraph {i}.</p>" for i in range(5))
    (tmp_path / "a.html").write_text(f"<html><head><title>Attack</title></head><body><article><p>Sunday, January 3, 2021</p>{body}</article></body></html>")
    (tmp_path / "b.htm").write_bytes(f'<html><head><meta charset="iso-8859-1"><title>Café</title></head><body><article>{body}<p>Café olé.</p></article></body></html>'.encode("latin-1"))
    articles, errors = _split(list(read_inputs([str(tmp_path)])))
    assert not errors and [a.title for a in articles] == ["Attack", "Café"]
    assert (str(articles[0].published), articles[0].published_basis) == ("2021-01-03", "dateline")
    assert "Café olé." in articles[1].text


@pytest.mark.parametrize(
    "name,content,reason",
    [("big.txt", ARTICLE * 100, "too_large"), ("sitemap.xml", "<?xml version='1.0'?><urlset></urlset>", "unsupported"), ("a.pdf", "%PDF", "unsupported")],
)
def test_inputs_limits_and_unsupported(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content)
    _, errors = _split(list(read_inputs([str(path)], max_bytes=5000)))
    assert [e.reason for e in errors] == [reason] and str(path) in errors[0].detail


def test_inputs_raw_hash_of_original_bytes(tmp_path):
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    articles, _ = _split(list(read_inputs([str(path)])))
    assert articles[0].raw_sha256 == hashlib.sha256(ARTICLE.encode("utf-16")).hexdigest()


def test_inputs_allowed_roots_refuse_files_outside_even_through_links(tmp_path):
    from eventpipe.extraction.errors import InputError as _Error

    inside, outside = tmp_path / "inbox", tmp_path / "secret"
    inside.mkdir(), outside.mkdir()
    (inside / "ok.txt").write_text("Rebels attacked the town.")
    (outside / "key.txt").write_text("Police arrested ten people.")
    (inside / "link.txt").symlink_to(outside / "key.txt")
    items = list(read_inputs([str(inside)], allowed_roots=[str(inside)]))
    articles = [i.uri.rsplit("/", 1)[1] for i in items if not isinstance(i, _Error)]
    refused = [i.uri.rsplit("/", 1)[1] for i in items if isinstance(i, _Error) and i.reason == "outside_root"]
    assert articles == ["ok.txt"] and refused == ["link.txt"]
    direct = list(read_inputs([str(outside / "key.txt")], allowed_roots=[str(inside)]))
    assert [i.reason for i in direct] == ["outside_root"] and "outside the allowed roots" in direct[0].detail


def test_inputs_manifest_changed_while_read_keeps_records_and_reports_the_change(tmp_path):
    manifest = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": f"Police arrested {i} protesters in Cairo."}) for i in range(3)]
    manifest.write_text("\n".join(lines) + "\n")
    items = read_inputs([str(manifest)], languages=None)
    first = next(items)
    with manifest.open("a") as handle:  # a writer appends while the reader is half way
        handle.write(json.dumps({"id": "late", "text": "Troops fired on rebels."}) + "\n")
    rest = list(items)
    assert isinstance(first, RawArticle)
    assert [type(i).__name__ for i in rest][-1] == "InputError" and rest[-1].reason == "changed"
    assert str(manifest) in str(rest[-1])


def test_inputs_file_rewritten_during_the_read_is_one_whole_version_or_a_changed_error(tmp_path):
    import threading

    path = tmp_path / "story.txt"
    # Same length: a same-size rewrite within one tick of the filesystem clock leaves size and
    # times alone; only the bytes tell.
    versions = [("Alpha troops fired on rebels. " * 150_000).encode(), ("Bravo police arrested rebels. " * 150_000).encode()]
    path.write_bytes(versions[0])
    stop = threading.Event()

    def rewrite() -> None:
        i = 0
        while not stop.is_set():
            i += 1
            with path.open("r+b") as handle:  # in place, as a careless editor or downloader does
                handle.write(versions[i % 2])
                handle.truncate()

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        outcomes = [item for _ in range(5) for item in read_inputs([str(path)], languages=None, max_bytes=10 * 2**20)]
    finally:
        stop.set()
        writer.join()
    for item in outcomes:
        if isinstance(item, InputError):
            assert item.reason == "changed" and item.uri == str(path)
        else:  # never a mix of two versions
            words = {w for w in item.text.split()[:1]} | {w for w in item.text.split()[-6:-5]}
            assert words in ({"Alpha"}, {"Bravo"}), words
