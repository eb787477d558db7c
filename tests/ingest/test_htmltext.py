"""The HTML fast path gives the lines trafilatura gives, and gives way to it when unsure."""

from __future__ import annotations

from typing import Any

import pytest

from tieline.ingest import htmltext
from tieline.ingest.readers import read_html

LINES = [
    "The river authority opened the northern sluice gates on Tuesday after three weeks of steady rain.",
    "Farmers downstream said the water reached their fields within hours, and several roads were closed.",
    "The regional governor promised that families who lost their harvest would receive support soon.",
    "Engineers will inspect the old embankment next week, according to a statement from the authority.",
    "Residents were asked to stay away from the banks until the level falls below the warning mark.",
]


def paras(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def page(inner: str, head: str = "", title: str = "Sluice Gates Opened | Valley Courier") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:site_name" content="Valley Courier">{head}</head><body>'
            '<header><nav><a href="/">Home</a> <a href="/region">Region</a></nav></header>'
            f"<main><article><h1>Sluice Gates Opened</h1>{inner}</article>"
            '<aside class="most-read"><h3>Most read</h3><ul><li><a href="/a">Roads closed again</a></li>'
            '<li><a href="/b">The mayor speaks</a></li></ul></aside></main>'
            "<footer><p>Copyright Valley Courier. All rights reserved.</p></footer></body></html>")


L0, L1, L2, L3, L4 = LINES
PLAIN_MARKUP = {
    "paragraphs": paras(LINES),
    "share bar and figure": ('<div class="share-tools"><a href="#">Share</a> <a href="#">Email</a></div>'
                             f"<p>{L0}</p><figure><img src='g.jpg'><figcaption>The gates on Tuesday.</figcaption>"
                             f"</figure>{paras(LINES[1:])}"),
    "subhead and quote": f"<p>{L0}</p><h2>Roads closed</h2><p>{L1}</p><blockquote><p>{L2}</p></blockquote>"
                         + paras(LINES[3:]),
    "line break": f"<p>{L0}<br>{L1}</p>{paras(LINES[2:])}",
    "inline link": f"<p>{L0} <a href='/s'>Read the statement</a> here.</p>{paras(LINES[1:])}",
    "links list after": paras(LINES) + '<ul><li><a href="/c">Storm warning</a></li><li><a href="/d">Bridge repairs'
                        "</a></li></ul>",
    "prose list": f"<p>{L0}</p><ul>" + "".join(f"<li>{x}</li>" for x in LINES[1:4]) + f"</ul><p>{L4}</p>",
    "numbered list": f"<p>{L0}</p><ol>" + "".join(f"<li>{x}</li>" for x in LINES[1:4]) + f"</ol><p>{L4}</p>",
    "newsletter box": paras(LINES[:3]) + '<div class="newsletter-signup"><p>Get the briefing by mail.</p><form>'
                      "<input type='email'><button>Sign up</button></form></div>" + paras(LINES[3:]),
    "wrapped source lines": "".join(f"<p>{x.replace(' the ', chr(10) + '   the ')}</p>" for x in LINES),
    "inline markup": "".join(f"<p><strong>VALLEY</strong> - {x} <em>(Courier)</em></p>" for x in LINES),
    "byline and time": '<div class="byline">By a staff writer</div><time datetime="2023-04-04">April 4</time>'
                       + paras(LINES),
    "table left out": paras(LINES) + "<table><tr><td>Level</td><td>4.2 m</td></tr></table>",
}


def trafilatura_text(html: str) -> tuple[str, str | None]:
    import trafilatura

    got: Any = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    result = got.as_dict()
    return result["text"].strip(), result["title"]


@pytest.mark.parametrize("name", sorted(PLAIN_MARKUP))
def test_plain_articles_read_as_trafilatura_reads_them(name: str) -> None:
    html = page(PLAIN_MARKUP[name])
    fast = htmltext.extract(html)
    assert fast is not None, "the fast path should take this page"
    assert (fast.text, fast.title) == trafilatura_text(html)
    assert fast.sitename == "Valley Courier"
    assert "Copyright" not in fast.text and "Most read" not in fast.text and "Home" not in fast.text


@pytest.mark.parametrize("inner", [
    "".join(f"<div>{x}</div>" for x in LINES),  # text outside paragraphs
    paras(LINES) + "<pre>level = 4.2</pre>",  # code
    paras(LINES[:1]),  # too little text to be sure of
])
def test_pages_it_is_not_sure_of_go_to_trafilatura(inner: str) -> None:
    html = page(inner)
    assert htmltext.extract(html) is None
    doc = read_html(html, "d", "d.html")  # trafilatura reads them all the same
    assert LINES[0] in doc.text


def test_several_articles_or_none_go_to_trafilatura() -> None:
    cards = "".join(f"<article><h2>Story {i}</h2><p>{x}</p></article>" for i, x in enumerate(LINES))
    assert htmltext.extract(f"<html><body><main>{cards}</main></body></html>") is None
    assert htmltext.extract(f"<html><body><div>{paras(LINES)}</div></body></html>") is None
    assert htmltext.extract("") is None


def test_heading_outside_the_article_is_still_the_title() -> None:
    html = page(paras(LINES)).replace("<article><h1>Sluice Gates Opened</h1>", "<h1>Sluice Gates Opened</h1><article>")
    fast = htmltext.extract(html)
    assert fast is not None and fast.title == "Sluice Gates Opened" == trafilatura_text(html)[1]
    assert read_html(html, "d", "d.html").text.startswith("Sluice Gates Opened\n\n" + LINES[0])


def test_dates_keep_their_time_and_come_from_tags_or_json_ld() -> None:
    tagged = page(paras(LINES), '<meta property="article:published_time" content="2023-04-04T09:15:00Z">')
    assert read_html(tagged, "d", "d.html").published == "2023-04-04T09:15:00+00:00"
    ld = page(paras(LINES), '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
                            '"datePublished": "2022-11-30T18:00:00+01:00"}]}</script>')
    assert read_html(ld, "d", "d.html").published == "2022-11-30T18:00:00+01:00"
    bad_then_good = page(paras(LINES), '<meta property="article:published_time" content="soon">'
                                       '<meta name="pubdate" content="2021-06-01">')
    assert read_html(bad_then_good, "d", "d.html").published == "2021-06-01"


def test_a_page_without_date_tags_gets_the_date_trafilatura_would_find() -> None:
    html = page(paras(LINES) + "<p>Published on 2020-02-03.</p>")
    doc = read_html(html, "d", "d.html")
    assert doc.published == "2020-02-03"
    assert (doc.source, doc.format) == ("Valley Courier", "html")


def test_an_article_holding_only_the_heading_goes_to_trafilatura() -> None:
    html = page(f"<p>{L0}</p>").replace("</main>", f'<div class="story-text">{paras(LINES[1:])}</div></main>')
    assert htmltext.extract(html) is None
    assert LINES[3] in read_html(html, "d", "d.html").text


def test_a_page_with_an_xml_declaration_keeps_its_accents() -> None:
    lines = [x.replace("river", "rivière") for x in LINES]
    html = '<?xml version="1.0" encoding="iso-8859-1"?>' + page(paras(lines)).replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    fast = htmltext.extract(html)
    assert fast is not None and "rivière" in fast.text


def test_a_date_in_the_canonical_url_is_found_as_trafilatura_finds_it() -> None:
    html = page(paras(LINES), '<link rel="canonical" href="https://courier.example/2019/08/14/sluice-gates">')
    assert read_html(html, "d", "d.html").published == "2019-08-14"
