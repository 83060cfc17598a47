import http.server
import threading

import pytest

from eventpipe.extraction.errors import InputError
from eventpipe.extraction.reading.feeds import FetchLimits, fetch_url, looks_like_feed
from eventpipe.extraction.reading.inputs import RawArticle, read_inputs

LONG = " ".join(["Rebels attacked the town of Kismayo on Sunday and the army sent troops to the area."] * 12)
PAGE_TEXT = "Police arrested ten protesters outside parliament on Monday after clashes over the new fuel tax."
PAGE = (
    "<!DOCTYPE html><html><head><title>Arrests | Daily</title>"
    '<meta property="article:published_time" content="2021-02-02"></head><body><nav>Home News</nav><article>'
    + "".join(f"<p>{PAGE_TEXT} Paragraph {i} adds more detail about the arrests.</p>" for i in range(6))
    + "</article></body></html>"
)
RSS = f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Daily</title><link>http://HOST/</link><description>news</description>
<item><title>Attack</title><link>http://HOST/attack</link><pubDate>Sun, 03 Jan 2021 10:00:00 GMT</pubDate>
<description>Short.</description><content:encoded><![CDATA[<p>{LONG}</p>]]></content:encoded></item>
<item><title>Arrests</title><link>http://HOST/page.html</link><pubDate>Mon, 04 Jan 2021 10:00:00 GMT</pubDate>
<description>Police arrested ten.</description></item>
<item><title>Gone</title><link>http://HOST/missing.html</link><description>Gone.</description></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Daily</title>
<entry><title>Attack</title><link href="http://HOST/attack"/><id>urn:1</id><updated>2021-01-05T10:00:00Z</updated>
<content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content></entry></feed>"""


@pytest.fixture(scope="module")
def server():
    pages: dict[str, tuple[str, bytes]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            if self.path == "/redirect-file":
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.end_headers()
                return
            if self.path not in pages:
                self.send_error(404)
                return
            kind, body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    host = f"127.0.0.1:{httpd.server_port}"
    pages["/feed.xml"] = ("application/rss+xml", RSS.replace("HOST", host).encode())
    pages["/atom.xml"] = ("application/atom+xml", ATOM.replace("HOST", host).encode())
    pages["/page.html"] = ("text/html; charset=utf-8", PAGE.encode())
    pages["/big.html"] = ("text/html", b"x" * 20_000)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://{host}"
    httpd.shutdown()
    httpd.server_close()


def _split(items):
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, InputError)]


def test_feeds_rss_items_with_content_and_fetched_links(server):
    articles, errors = _split(list(read_inputs([f"{server}/feed.xml"])))
    assert [a.title for a in articles] == ["Attack", "Arrests"]
    assert articles[0].text == LONG and str(articles[0].published) == "2021-01-03" and articles[0].published_basis == "metadata"
    assert PAGE_TEXT in articles[1].text and "Home News" not in articles[1].text  # fetched page, main text only
    assert str(articles[1].published) == "2021-01-04" and articles[1].raw_sha256
    assert [(e.reason, e.line) for e in errors] == [("fetch", 3)] and f"{server}/feed.xml" in errors[0].detail


def test_feeds_atom_file_without_fetching(tmp_path, server):
    path = tmp_path / "daily.atom"
    path.write_text(ATOM.replace("HOST", "example.invalid"))
    articles, errors = _split(list(read_inputs([str(path)], fetch_links=False)))
    assert not errors and articles[0].text == LONG and str(articles[0].published) == "2021-01-05"


def test_feeds_page_url_read_as_html(server):
    articles, _ = _split(list(read_inputs([f"{server}/page.html"])))
    assert articles[0].title.startswith("Arrests") and str(articles[0].published) == "2021-02-02"


@pytest.mark.parametrize(
    "path,limits,reason",
    [("/big.html", FetchLimits(max_bytes=1000), "too_large"), ("/missing", FetchLimits(), "fetch"), ("/redirect-file", FetchLimits(), "fetch")],
)
def test_feeds_fetch_limits_and_failures(server, path, limits, reason):
    with pytest.raises(InputError) as caught:
        fetch_url(server + path, limits)
    assert caught.value.reason == reason


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "/local/path"])
def test_feeds_only_http_urls_fetched(url):
    with pytest.raises(InputError) as caught:
        fetch_url(url)
    assert caught.value.reason == "unsupported"


def test_feeds_sniffing():
    assert looks_like_feed(RSS.encode()) and looks_like_feed(ATOM.encode()) and not looks_like_feed(PAGE.encode())
