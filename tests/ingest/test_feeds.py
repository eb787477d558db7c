from __future__ import annotations

from html import escape
from pathlib import Path

from tests.conftest import english

from tieline.ingest import read_inputs
from tieline.records import Document, Reject


def items(*paths: Path) -> list[Document | Reject]:
    return list(read_inputs([str(p) for p in paths]))


def rss(items_xml: str, extra_ns: str = "") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/" {extra_ns}><channel>'
            f"<title>Example Wire</title><link>https://example.org/</link>{items_xml}</channel></rss>")


def test_rss_items_with_dates_links_and_html_stripped(tmp_path: Path) -> None:
    feed = tmp_path / "world.rss"
    body = "".join(f"<p>{s}.</p>" for s in english(4).split(". ") if s.strip())
    feed.write_text(rss(
        f"<item><title>Talks Held</title><link>https://example.org/talks</link>"
        f"<guid>https://example.org/talks</guid><pubDate>Tue, 25 Jun 2019 09:30:00 GMT</pubDate>"
        f"<description>{escape(body)}</description></item>"
        f"<item><title>Envoy Visits</title><link>https://example.org/envoy</link>"
        f"<pubDate>Wed, 26 Jun 2019 10:00:00 +0200</pubDate><description>A short teaser.</description>"
        f"<content:encoded><![CDATA[{body}<p>The envoy left on Friday.</p>]]></content:encoded></item>"), "utf-8")
    a, b = items(feed)
    assert isinstance(a, Document) and isinstance(b, Document), (a, b)
    assert (a.id, a.url, a.title, a.source, a.format) == (
        "https://example.org/talks", "https://example.org/talks", "Talks Held", "Example Wire", "rss")
    assert a.published == "2019-06-25T09:30:00+00:00" and b.published == "2019-06-26T10:00:00+02:00"
    assert a.text.startswith("Talks Held\n\n") and "<p>" not in a.text and "foreign minister" in a.text
    assert "The envoy left on Friday." in b.text and "teaser" not in b.text  # full content over summary
    assert b.id == "https://example.org/envoy"  # no guid: the link


def test_atom_entries(tmp_path: Path) -> None:
    feed = tmp_path / "news.atom"
    feed.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>'
        "<entry><id>tag:example.org,2020:1</id><title>Border Reopened</title>"
        '<link rel="alternate" href="https://example.org/border"/><updated>2020-03-02T08:00:00Z</updated>'
        f'<published>2020-03-01T08:00:00Z</published><summary type="text">{english(3)}</summary></entry>'
        "<entry><id>tag:example.org,2020:2</id><title>Trade Deal</title>"
        '<link href="https://example.org/trade"/><updated>2020-03-05T08:00:00Z</updated>'
        f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{english(3)}</p></div></content>'
        "</entry></feed>", "utf-8")
    a, b = items(feed)
    assert isinstance(a, Document) and isinstance(b, Document), (a, b)
    assert (a.id, a.url, a.source, a.format) == ("tag:example.org,2020:1", "https://example.org/border",
                                                 "Example Atom", "atom")
    assert a.published == "2020-03-01T08:00:00+00:00"  # published before updated
    assert b.published == "2020-03-05T08:00:00+00:00" and "foreign minister" in b.text and "<p>" not in b.text


def test_item_without_text_is_recorded_not_fetched(tmp_path: Path) -> None:
    feed = tmp_path / "bare.rss"
    feed.write_text(rss("<item><title>Headline Only</title><link>https://example.org/h</link></item>"
                        f"<item><title>Full</title><link>https://example.org/f</link>"
                        f"<description>{english(3)}</description></item>"), "utf-8")
    r, d = items(feed)
    assert isinstance(r, Reject) and r.kind == "empty" and r.doc_id == "https://example.org/h"
    assert "feed item without text (not fetched; no network at run time)" in r.reason
    assert isinstance(d, Document)


def test_bad_feeds_are_one_line_rejects(tmp_path: Path) -> None:
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><item><title>x</item></channel>", "utf-8")
    bomb = tmp_path / "bomb.rss"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
                    "<rss><channel><item><description>&b;</description></item></channel></rss>", "utf-8")
    xxe = tmp_path / "xxe.atom"
    xxe.write_text('<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   '<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary>&x;</summary></entry></feed>')
    bad_date = tmp_path / "date.rss"
    bad_date.write_text(rss(f"<item><title>T</title><pubDate>someday</pubDate><description>{english(3)}"
                            "</description></item>"), "utf-8")
    not_feed = tmp_path / "page.rss"
    not_feed.write_text("<html><body>hi</body></html>", "utf-8")
    out = items(broken, bomb, xxe, bad_date, not_feed)
    assert [r.kind for r in out] == ["format", "format", "format", "date", "format"], out  # type: ignore[union-attr]
    assert all(isinstance(r, Reject) and "\n" not in r.reason for r in out)
    assert "passwd" not in " ".join(r.reason for r in out)  # type: ignore[union-attr]


def test_xml_that_is_not_a_feed_is_ignored_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>')
    (tmp_path / "feed.xml").write_text(rss(f"<item><title>T</title><description>{english(3)}</description>"
                                           "</item>"), "utf-8")
    out = items(tmp_path)
    kinds = sorted(type(x).__name__ + ":" + getattr(x, "kind", "") for x in out)
    assert kinds == ["Document:", "Reject:ignored"]
    doc = next(x for x in out if isinstance(x, Document))
    assert doc.id == "feed/1"  # no guid and no link: the feed's id and the item's number
