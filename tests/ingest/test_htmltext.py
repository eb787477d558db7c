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


# -- what the fast path gave before it was made faster (lxml's own text serialiser, no split per
# paragraph, a count of paragraphs before measuring those outside the body): the same, to the character
HARBOUR = [
    "The harbour board voted on Monday to extend the eastern pier by forty metres before the autumn storms.",
    "Fishing crews had asked for more berths since the old jetty was closed after a collision last spring.",
    "A spokeswoman for the board said the contract would go to tender within a month, with work starting in June.",
    "Shop owners along the quay welcomed the plan but warned that months of building would keep visitors away.",
    "The town council will hold a public meeting on the design at the library on the first Thursday of May.",
]
H0, H1, H2, H3, H4 = HARBOUR
HEADING = "Pier Extension Approved"


def coastal(main: str, head: str = "", footer: str = "") -> str:
    """A page laid out as a CMS writes it: indented, a line per element."""
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n'
            f"  <title>{HEADING} - Coastal Post</title>\n  {head}\n</head>\n<body>\n"
            '  <header><nav><a href="/">Front page</a> <a href="/local">Local</a></nav></header>\n'
            f"  <main>\n{main}\n  </main>\n  <footer>{footer}</footer>\n</body>\n</html>\n")


BEFORE: dict[str, tuple[str, tuple[str, str | None, str | None, str | None, str | None] | None]] = {
    "indented source": (
        coastal("    <article>\n      <h1>Pier Extension Approved</h1>\n"
                + "".join(f"      <p>\n        {x}\n      </p>\n" for x in HARBOUR) + "    </article>",
                '<meta property="article:published_time" content="2024-04-08T07:30:00+02:00">',
                "<p>Coastal Post, all rights reserved.</p>"),
        ("\n".join([HEADING, *HARBOUR]), HEADING, "2024-04-08T07:30:00+02:00", None, None)),
    "breaks, spaces and entities": (
        coastal(f"<article><h1>Pier&nbsp;Extension  Approved</h1><p>{H0}<br>{H1}</p>"
                f"<p>{H2.replace(' ', '&nbsp; ', 2)}</p><p>\t{H3} &amp; more.</p><p>{H4}<!-- editor: check --></p>"
                "</article>", '<link rel="canonical" href="https://coastal.example/2024/04/08/pier">', "Contact"),
        ("\n".join([HEADING, H0, H1, H2, f"{H3} & more.", H4]), HEADING, None, "coastal.example",
         "https://coastal.example/2024/04/08/pier")),
    "inline links and furniture": (
        coastal(f'<article><div class="social-share"><a href="#">Share</a></div><h1>{HEADING}</h1>'
                f'<p>{H0} <a href="/board">The board</a> met <em>twice</em>.</p><figure><img src="p.jpg">'
                f"<figcaption>The pier at low tide.</figcaption></figure><p>{H1}</p>"
                '<div class="related-stories"><p>Ferry times change</p></div><p hidden>Secret line</p>'
                "<ul><li><a href='/a'>More local news</a></li><li><a href='/b'>Weather</a></li></ul>"
                f"<h2>What happens next</h2><p>{H2}</p><ol><li>{H3}</li><li>{H4}</li></ol></article>",
                '<meta property="og:site_name" content="Coastal Post"><meta property="og:title" content="Pier plan">',
                "<p>Coastal Post</p>"),
        ("\n".join([HEADING, f"{H0} The board met twice.", H1, "What happens next", H2, f"- {H3}", f"- {H4}"]),
         HEADING, None, "Coastal Post", None)),
    "quote of paragraphs, date in JSON-LD, no heading": (
        coastal(f"<div itemprop='articleBody'><p>{H0}</p><blockquote><p>{H1}</p><p>{H2}</p></blockquote>"
                f"<p>{H3}</p><p>{H4}</p></div>",
                '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-04-09"}</script>'),
        ("\n".join(HARBOUR), f"{HEADING} - Coastal Post", "2024-04-09", None, None)),
    "accents and curly quotes": (
        coastal("<article><h1>Jetée prolongée</h1>" + "".join(f"<p>“{x}” — said the café owner.</p>" for x in HARBOUR)
                + "</article>", '<meta name="date" content="Mon, 08 Apr 2024 09:00:00 GMT">'),
        ("\n".join(["Jetée prolongée", *(f"“{x}” — said the café owner." for x in HARBOUR)]), "Jetée prolongée",
         "2024-04-08T09:00:00+00:00", None, None)),
    "paragraphs mostly outside the article": (
        coastal(f"<article><h1>{HEADING}</h1><p>{H0}</p></article><div class='story'>"
                + "".join(f"<p>{x}</p>" for x in HARBOUR[1:]) + "</div>"),
        None),
}


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_the_fast_path_reads_these_pages_as_it_did_before(name: str) -> None:
    html, expected = BEFORE[name]
    got = htmltext.extract(html)
    assert (got and (got.text, got.title, got.date, got.sitename, got.url)) == expected


def test_a_control_character_by_a_line_break_goes_to_trafilatura_not_an_exception() -> None:
    """lxml refuses to set a text holding a vertical tab: the fast path gives way (it raised before)."""
    html = coastal(f"<article><h1>{HEADING}</h1><p>{H0}<br>\x0b{H1}</p>"
                   + "".join(f"<p>{x}</p>" for x in HARBOUR[2:]) + "</article>")
    assert htmltext.extract(html) is None
    assert H3 in read_html(html, "d", "d.html").text
