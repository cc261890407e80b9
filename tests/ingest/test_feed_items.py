"""Feed items keep their own title, date, author, guid and text; an item whose page
cannot be fetched is stored from that text, and says so (issue 19)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from dossier.api.app import create_app
from dossier.exc import SourceError
from dossier.ingest import FetchOptions, read_paths
from dossier.ingest.feeds import FEED_ITEM, markup_to_text, parse_feed
from dossier.model import Document, Extraction
from dossier.pipeline import Analyzer, IngestReport, ingest_paths
from dossier.settings import Settings
from dossier.store import open_store
from tests.ingest.conftest import Web, article

RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed</title>
<item><title>Open page</title><link>{a}</link><guid isPermaLink="false">item-a</guid>
  <pubDate>Wed, 09 Nov 2022 10:00:00 GMT</pubDate>
  <description>A short teaser about the open page.</description></item>
<item><title>Paywalled story</title><link>{b}</link><guid isPermaLink="false">item-b</guid>
  <dc:creator>Olena Writer</dc:creator><pubDate>Thu, 10 Nov 2022 08:30:00 GMT</pubDate>
  <description>Teaser only.</description>
  <content:encoded><![CDATA[<p>The EU listed three Iranian companies that build drones.</p>
  <p>Ministers said the drones were used against power stations.</p>
  <script>track()</script>]]></content:encoded></item>
<item><title>Dead link, no text</title><link>{c}</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom</title><entry><id>urn:uuid:1</id><title>Atom item</title>
<link rel="alternate" href="{a}"/><updated>2022-11-12T08:00:00Z</updated>
<author><name>Ivan Author</name></author>
<content type="html">&lt;p&gt;Russia received &lt;b&gt;Shahed-136&lt;/b&gt;
drones from Iran.&lt;/p&gt;</content>
</entry></feed>"""


def _feed(web: Web) -> str:
    a = web.route("/a.html", article("Open page", "Iran shipped drones to Russia."))
    b = web.route("/b.html", "<h1>Subscribe</h1>", status=403)
    c = web.url("/c.html")  # 404
    return web.route("/feed.xml", RSS.format(a=a, b=b, c=c), content_type="application/rss+xml")


def test_parse_feed_keeps_item_fields(web: Web) -> None:
    entries = parse_feed(RSS.format(a="http://x/a", b="http://x/b", c="http://x/c").encode(), "f")
    a, b, c = entries
    assert (a.guid, a.key, a.title) == ("item-a", "item-a", "Open page")
    assert b.author == "Olena Writer"
    assert b.text is not None
    assert b.text.startswith("The EU listed three Iranian companies")
    assert "track()" not in b.text
    assert "Teaser only" not in b.text  # content wins over the description
    assert c.text is None
    assert c.key == "http://x/c"


def test_atom_entry_html_content_and_author() -> None:
    (entry,) = parse_feed(ATOM.format(a="http://x/a").encode(), "f")
    assert (entry.guid, entry.author) == ("urn:uuid:1", "Ivan Author")
    assert entry.text == "Russia received Shahed-136 drones from Iran."


def test_markup_to_text_keeps_paragraphs() -> None:
    assert markup_to_text("<p>One &amp; two.</p><p>Three</p>") == "One & two.\n\nThree"
    assert markup_to_text("&lt;p&gt;Escaped&lt;/p&gt;") == "Escaped"


def test_unfetchable_item_stored_from_its_own_text(web: Web, fetch_options: FetchOptions) -> None:
    items = list(read_paths([_feed(web)], fetch=fetch_options))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i.detail for i in items if isinstance(i, SourceError)]
    assert [d.title for d in docs] == ["Open page", "Paywalled story"]
    page, own = docs
    assert page.text_source is None
    assert "Iran shipped drones" in page.body
    assert own.text_source == f"{FEED_ITEM} (page: HTTP 403)"
    assert (own.url, own.author, own.published) == (
        web.url("/b.html"),
        "Olena Writer",
        "2022-11-10",
    )
    assert "Ministers said the drones were used" in own.body
    assert own.text.startswith("Paywalled story\n\n")  # the title heads the item's text
    assert errors == [f"{web.url('/c.html')}: HTTP 404"]


def test_offline_feed_file_items_stored_from_their_text(tmp_path: Path) -> None:
    feed = tmp_path / "saved.atom"
    # The link cannot be reached (a loopback address nobody allowed: refused before any
    # connection), as when the analyst is offline: the item's own text stands in.
    feed.write_text(ATOM.format(a="http://127.0.0.1:9/a"), encoding="utf-8")
    options = FetchOptions(allow_hosts=frozenset(), timeout=2.0)
    (doc,) = [i for i in read_paths([feed], fetch=options) if isinstance(i, Document)]
    assert doc.text_source is not None
    assert doc.text_source.startswith(f"{FEED_ITEM} (page: refused to fetch from 127.0.0.1")
    assert "Shahed-136" in doc.body
    assert (doc.title, doc.published, doc.url) == (
        "Atom item",
        "2022-11-12",
        "http://127.0.0.1:9/a",
    )


def test_ingest_report_notes_items_stored_from_feed_text(
    web: Web, fetch_options: FetchOptions, tmp_path: Path
) -> None:
    store = open_store(str(tmp_path / "d.db"))
    report = IngestReport()
    for item in read_paths([_feed(web)], fetch=fetch_options):
        outcome = item if isinstance(item, SourceError) else Extraction(item, [], [])
        report.record(store, outcome)
    assert (report.added, report.failed) == (2, 1)
    assert report.as_json()["notes"] == [
        f"{web.url('/b.html')}: from its {FEED_ITEM} (page: HTTP 403)"
    ]
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT title, text_source FROM documents ORDER BY title")
        assert [tuple(r) for r in rows] == [
            ("Open page", None),
            ("Paywalled story", f"{FEED_ITEM} (page: HTTP 403)"),
        ]


def test_document_page_says_it_was_stored_from_the_feed_text(
    web: Web, fetch_options: FetchOptions, tmp_path: Path
) -> None:
    db = tmp_path / "d.db"
    store = open_store(str(db))
    report = IngestReport()
    for item in read_paths([_feed(web)], fetch=fetch_options):
        report.record(store, item if isinstance(item, SourceError) else Extraction(item, [], []))
    client = TestClient(create_app(str(db), Settings()))
    by_title = {d["title"]: d["id"] for d in _rows(client.get("/documents").json())}
    own = client.get(f"/documents/{by_title['Paywalled story']}").json()
    assert own["text_source"] == f"{FEED_ITEM} (page: HTTP 403)"
    page = client.get(f"/documents/{by_title['Paywalled story']}", headers={"accept": "text/html"})
    assert "Stored from the feed item (page: HTTP 403)" in page.text
    fetched = client.get(f"/documents/{by_title['Open page']}").json()
    assert fetched["text_source"] is None


def _rows(body: object) -> list[dict[str, str]]:
    """`/documents` answers a list, or a page object with `items`."""
    return list(body["items"] if isinstance(body, dict) else body)  # type: ignore[arg-type]


def test_ingest_skips_feed_entries_already_stored(
    web: Web, fetch_options: FetchOptions, tmp_path: Path, nlp: Any
) -> None:
    store = open_store(str(tmp_path / "d.db"))
    analyzer = Analyzer(nlp)
    feed = _feed(web)
    first = ingest_paths(store, analyzer, [feed], fetch=fetch_options)
    assert (first.added, first.failed) == (2, 1)
    web.route("/b.html", article("Paywalled story", "The EU listed three companies."))
    fetched = len(web.requests)
    again = ingest_paths(store, analyzer, [feed], fetch=fetch_options)
    # The two stored items are skipped by link without a fetch (the paywalled one would
    # now be a different text); the failed one is tried again.
    assert (again.added, again.duplicates, again.failed) == (0, 0, 1)
    later = web.requests[fetched:]
    assert "/feed.xml" in later
    assert "/c.html" in later
    assert "/a.html" not in later
    assert "/b.html" not in later
