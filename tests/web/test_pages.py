"""The HTML pages: they render from the API's data, carry no inline script or style (the CSP
forbids both), show bad parameters as an HTML 4xx page, and show hostile article text as text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from tests.web.conftest import HOSTILE, IMG, SCRIPT

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


class LiveMarkup(HTMLParser):
    """What a browser would run or load from a page: inline scripts, images (other than the app's own
    plots), event handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k for k, _ in attrs}
        own_plot = tag == "img" and (dict(attrs).get("src") or "").startswith("/plots/")  # the app's PNG routes
        if (tag == "img" and not own_plot) or (tag == "script" and "src" not in names):
            self.found.append(tag)
        self.found += [f"{tag}[{k}]" for k in names if k.startswith("on")]
        self.found += [f"{tag}[{k}]" for k, v in attrs if k in ("href", "src") and (v or "").strip().lower()
                       .startswith("javascript:")]


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    return parser.found


def page(client, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    html = r.text
    assert "Traceback" not in html
    no_inline_code(html)
    return html


def no_inline_code(html: str) -> None:
    """Every script comes from a file; no event-handler or style attributes (the CSP would block them)."""
    for tag in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
        assert tag.strip() == ""
    assert all('src="/static/' in t for t in re.findall(r"<script\b[^>]*>", html))
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I)
    assert not re.search(r"<[a-z][^>]*\sstyle\s*=", html, re.I)
    assert not re.search(r"href=\"\s*javascript:", html, re.I)


def story_id(client, a: str, b: str, **query: str) -> str:
    items = client.get(f"/api/timeline/{a}/{b}", params=query).json()["items"]
    assert items
    return items[0]["story_id"]


def test_home_lists_stats_and_dyads(client) -> None:
    html = page(client, "/")
    assert 'href="/timeline/KAZ/USA"' in html
    assert "Kazakhstan" in html and "United States" in html


def test_timeline_page_marks_conflicts_and_colours_by_quad(client) -> None:
    html = page(client, "/timeline/KAZ/USA")
    assert html.count('class="entry') == 3
    assert 'class="entry has-conflict" data-event="CONSULT"' in html
    assert "quad-verbal_cooperation" in html and "sources disagree" in html
    assert "2018-01-16" in html and "2018-01-17" in html
    filtered = page(client, "/timeline/KAZ/USA?event=AGREE&start=2019")
    assert filtered.count('class="entry') == 1 and 'value="AGREE" checked' in filtered


def test_quad_colours_come_from_the_quads_data(client) -> None:
    from tieline.events.quads import quads

    css = client.get("/quads.css")
    assert css.headers["content-type"].startswith("text/css")
    for q in quads():
        assert f".quad-{q.key} {{ --quad: {q.colour}; }}" in css.text


def test_timeline_form_redirects_to_the_dyad(client) -> None:
    r = client.get("/timeline", params={"a": "kazakhstan", "b": "usa"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/timeline/KAZ/USA"
    assert "unknown country" in page(client, "/timeline?a=Atlantis&b=USA", 400)


def test_timeline_pager_keeps_the_filters() -> None:
    from tieline.web import pages

    class Req:  # _pager only reads the URL
        def __init__(self, url: str) -> None:
            from starlette.datastructures import URL

            self.url = URL(url)

    p = pages._pager(Req("http://x/timeline/KAZ/USA?event=AGREE&event=CONSULT&offset=50"), 120, 50, 50)
    assert p["prev"].endswith("offset=0") and "event=AGREE&event=CONSULT" in p["prev"]
    assert p["next"].endswith("offset=100") and (p["first"], p["last"]) == (51, 100)
    assert pages._pager(Req("http://x/a"), 0, 50, 0) == {"first": 0, "last": 0, "total": 0, "prev": None,
                                                         "next": None}


def test_story_page_shows_sources_side_by_side_with_the_conflict(client) -> None:
    sid = story_id(client, "KAZ", "USA", conflicts="true", event="CONSULT")
    html = page(client, f"/stories/{sid}")
    assert html.count('class="report"') == 2
    assert 'class="conflict-value">2018-01-16<' in html and 'class="conflict-value">2018-01-17<' in html
    assert '<mark class="m-event' in html and "m-date" in html


def test_actor_search_document_pages(client) -> None:
    assert "President of the United States" in page(client, "/actors/person:donald-trump")
    assert "Donald Trump" in page(client, "/actors?q=trump")
    html = page(client, "/search?q=White+House")
    assert "?hl=" in html and "White House" in html
    assert page(client, "/search").count('class="hit-row"') == 0
    doc = page(client, "/documents/tracing-ties?hl=264-300")
    assert 'id="hit"' in doc and "k-mention" in doc and "k-event" in doc and "k-quote" in doc


@pytest.mark.parametrize(("url", "status"), [
    ("/stories/no-such-story", 404), ("/actors/person:nobody", 404), ("/documents/nope", 404), ("/nowhere", 404),
    ("/timeline/KAZ/USA?start=someday", 400), ("/timeline/ZZ9/USA", 400), ("/timeline/KAZ/USA?offset=-1", 400),
    ("/search?q=x&kind=poem", 400), ("/documents/tracing-ties?hl=<b>", 400),
])
def test_bad_pages_are_html_errors(client, url: str, status: int) -> None:
    html = page(client, url, status)
    assert f"<h1>{status}</h1>" in html and 'class="error-message"' in html


def test_hostile_article_is_shown_as_text(client) -> None:
    """The payloads in the title, source, url and text are escaped on every page that shows them."""
    sid = story_id(client, "FRA", "DEU")
    pages = {
        "document": page(client, f"/documents/{HOSTILE['id']}"),
        "story": page(client, f"/stories/{sid}"),
        "search": page(client, "/search?q=alert"),
        "search quotes": page(client, "/search?q=partners&kind=quote"),
        "timeline": page(client, "/timeline/FRA/DEU"),
    }
    for name, html in pages.items():
        assert live_markup(html) == [], name
    escaped_img = "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
    for name in ("document", "story", "search", "timeline"):  # the title or the event sentence
        assert ESCAPED_SCRIPT in pages[name], name
    for name in ("document", "search", "search quotes"):  # the quote
        assert escaped_img in pages[name], name
    assert 'href="javascript:' not in pages["document"] and "javascript:alert(1)" in pages["document"]
    # the raw payloads themselves never appear
    for html in pages.values():
        assert SCRIPT not in html and IMG not in html


def test_timeline_form_takes_persons(client) -> None:
    r = client.get("/timeline", params={"a": "Nazarbayev", "b": "United States"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/timeline/person:nursultan-nazarbayev/USA"
    html = page(client, r.headers["location"])
    assert "Nursultan Nazarbayev" in html and 'class="entry' in html
    page(client, "/timeline?a=Nazarbayev&b=Atlantis", 400)


def test_timeline_dyad_and_actor_pages_show_the_plots(client) -> None:
    timeline = page(client, "/timeline/KAZ/USA?start=2018&event=CONSULT")
    assert 'src="/plots/timeline/KAZ/USA?start=2018&amp;event=CONSULT"' in timeline
    assert 'src="/plots/dyad/KAZ/USA?start=2018"' in timeline and 'href="/dyad/KAZ/USA?start=2018"' in timeline
    dyad = page(client, "/dyad/KAZ/USA")
    assert 'src="/plots/dyad/KAZ/USA"' in dyad and 'src="/plots/timeline/KAZ/USA"' in dyad
    assert "cooperation balance" in dyad and 'class="by-year"' in dyad
    actor = page(client, "/actors/person:donald-trump")
    assert 'src="/plots/actor/person:donald-trump"' in actor
    for html in (timeline, dyad, actor):
        for src in re.findall(r'<img[^>]*src="([^"]+)"', html):
            assert client.get(src.replace("&amp;", "&")).headers["content-type"] == "image/png"


def test_docs_page_lists_every_endpoint_under_the_same_csp(client) -> None:
    from tieline.web.app import CSP

    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP and "unsafe-inline" not in CSP
    html = r.text
    assert live_markup(html) == []  # no inline script, no handlers
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from another host (no CDN)
    for path in client.get("/openapi.json").json()["paths"]:
        assert f'data-path="{path}"' in html, path
    assert 'href="/openapi.json"' in html and 'href="/docs"' in html  # the header's API link
