"""A fast path for HTML pages whose article body is plainly marked up.

trafilatura reads any page, but it costs a few milliseconds a page even for a small one (it runs
several extractors and compares them), which is most of the time a WARC of news pages takes to
ingest.  Most news pages put the story in one ``<article>`` (or ``itemprop="articleBody"``)
element as paragraphs; such a page is read here straight from the lxml tree, in a tenth of the
time, with the same lines trafilatura gives (tests/ingest/test_htmltext.py holds the two side by
side).  Any page this path is not sure of (no single body, text outside paragraphs, code or
definition lists, too little text) returns None, and the caller hands it to trafilatura.

The rules (where the body is, which elements are lines, which are page furniture) are in
``data/html_article.yaml``.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import yaml
from lxml import etree
from lxml import html as lxml_html


@dataclass(frozen=True)
class Rules:
    containers: tuple[etree.XPath, ...]
    blocks: frozenset[str]
    skip_tags: frozenset[str]
    skip_class_words: frozenset[str]
    give_way_tags: frozenset[str]
    max_link_share: float
    min_coverage: float
    min_chars: int
    max_outside: float
    date_meta: tuple[etree.XPath, ...]
    title_meta: tuple[etree.XPath, ...]
    url_meta: tuple[etree.XPath, ...]
    site_meta: tuple[etree.XPath, ...]


@dataclass(frozen=True)
class Extracted:
    """What the fast path read: the article's lines, and the page's metadata where it has them."""

    text: str
    title: str | None
    date: str | None
    sitename: str | None
    url: str | None


@lru_cache(maxsize=1)
def rules() -> Rules:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("tieline.ingest").joinpath("data/html_article.yaml").read_text("utf-8"))
    return Rules(containers=_xpaths(raw["containers"]), blocks=frozenset(raw["blocks"]),
                 skip_tags=frozenset(raw["skip_tags"]), skip_class_words=frozenset(raw["skip_class_words"]),
                 give_way_tags=frozenset(raw["give_way_tags"]), max_link_share=float(raw["max_link_share"]),
                 min_coverage=float(raw["min_coverage"]), min_chars=int(raw["min_chars"]),
                 max_outside=float(raw["max_outside"]),
                 date_meta=_xpaths(raw["date_meta"]), title_meta=_xpaths(raw["title_meta"]),
                 url_meta=_xpaths(raw["url_meta"]), site_meta=_xpaths(raw["site_meta"]))


def _xpaths(texts: list[str]) -> tuple[etree.XPath, ...]:
    return tuple(etree.XPath(x) for x in texts)


class _GiveWay(Exception):
    """The page needs trafilatura."""


_UTF8 = lxml_html.HTMLParser(encoding="utf-8")


def parse(html: str) -> Any | None:
    """The page as an lxml tree, or None where lxml cannot read it."""
    try:
        return lxml_html.document_fromstring(html)
    except ValueError:  # a str with an XML encoding declaration: give lxml the bytes, and their codec
        try:
            return lxml_html.document_fromstring(html.encode("utf-8"), parser=_UTF8)
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:  # an empty document
        return None


def extract(html: str) -> Extracted | None:
    """The article of a plainly marked-up page, or None: then trafilatura must read it."""
    tree = parse(html)
    if tree is None:
        return None
    r = rules()
    body = _container(tree, r)
    if body is None or _outside(tree, body) > r.max_outside * _chars(_paragraph_text(body)):
        return None  # no single body, or more paragraphs outside it than in it (a header-only <article>)
    try:
        lines = _lines(body, r)
    except _GiveWay:
        return None
    if lines is None:
        return None
    text = unicodedata.normalize("NFC", "\n".join(lines))
    return Extracted(text=text, title=_title(tree, body), date=_date(tree, r), sitename=_sitename(tree),
                     url=_url(tree))


def _container(tree: Any, r: Rules) -> Any | None:
    for xpath in r.containers:
        found = xpath(tree)
        if len(found) == 1:
            return found[0]
        if found:
            return None  # several bodies (a list of stories, cards marked as articles): not plain
    return None


def _paragraph_text(el: Any) -> str:
    return " ".join(_text(p) for p in el.iter("p"))


def _outside(tree: Any, body: Any) -> int:
    """How much paragraph text the page has outside the body."""
    return _chars(_paragraph_text(tree)) - _chars(_paragraph_text(body))


def _skipped(el: Any, r: Rules) -> bool:
    if el.tag in r.skip_tags or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    if not names.strip():
        return False
    words = names.replace("-", " ").replace("_", " ").split()
    return any(w in r.skip_class_words for w in words)


BR = "\ue000"  # marks a <br> in the text (a private-use character: never in a page's own text)


def _chars(text: str) -> int:
    """Characters with white space runs as one space (how much text, however it is laid out)."""
    return len(" ".join(text.replace(BR, " ").split()))


def _lines(body: Any, r: Rules) -> list[str] | None:
    """The body's lines (one per paragraph, heading, list item, and per <br> inside one), or None
    when they do not hold most of its text."""
    drop = [el for el in body.iterdescendants() if not isinstance(el.tag, str) or _skipped(el, r)]
    for el in drop:
        if el.getparent() is not None:
            el.drop_tree()  # its tail (text after it) stays
    for el in body.iterdescendants():
        if el.tag in r.give_way_tags:
            raise _GiveWay
        if el.tag == "br":
            el.tail = BR + (el.tail or "")
    total = _chars(_text(body))
    lines: list[str] = []
    accounted = kept = 0
    for el in body.iterdescendants(*r.blocks):
        if not len(el):  # the common case: a paragraph of plain text
            line = " ".join((el.text or "").split())
            accounted += len(line)
            if line:
                lines.append(f"- {line}" if el.tag == "li" else line)  # list items as trafilatura writes them
                kept += len(line)
            continue
        if next(el.iterdescendants(*r.blocks), None) is not None:
            if _has_loose_text(el):
                raise _GiveWay  # text beside the blocks inside a block (a quote with a bare line)
            continue  # its inner blocks are the lines
        block = [" ".join(words) for part in _text(el).split(BR) if (words := part.split())]
        n = sum(len(line) for line in block)
        accounted += n
        if not n or _link_chars(el) > r.max_link_share * n:
            continue  # empty, or a list of links
        lines.extend(f"- {line}" if el.tag == "li" and i == 0 else line for i, line in enumerate(block))
        kept += n
    if kept < r.min_chars or accounted < r.min_coverage * total:
        return None
    return lines


def _link_chars(el: Any) -> int:
    return sum(len(" ".join(_text(a).split())) for a in el.iter("a"))


def _text(el: Any) -> str:
    return "".join(el.itertext())


def _has_loose_text(el: Any) -> bool:
    if (el.text or "").strip():
        return True
    return any((child.tail or "").strip() for child in el)


def _first(tree: Any, xpaths: tuple[etree.XPath, ...]) -> str | None:
    for value in (v for xpath in xpaths for v in xpath(tree)):
        text = value if isinstance(value, str) else _text(value)
        text = " ".join(str(text).split())
        if text:
            return text
    return None


def _title(tree: Any, body: Any) -> str | None:
    """The body's heading, else the page's one <h1>, else og:title, else <title>."""
    h1 = body.find(".//h1")
    if h1 is None and len(h1s := tree.findall(".//h1")) == 1:
        h1 = h1s[0]
    if h1 is not None and (text := " ".join(_text(h1).split())):
        return text
    return _first(tree, rules().title_meta)


def _date(tree: Any, r: Rules) -> str | None:
    from tieline.ingest.checks import InputError, parse_published

    for value in _date_candidates(tree, r):
        try:
            found = parse_published(str(value).strip())
        except InputError:
            continue
        if found:
            return found
    return None


def _date_candidates(tree: Any, r: Rules) -> Iterator[str]:
    for xpath in r.date_meta:
        yield from xpath(tree)
    yield from _json_ld_dates(tree)


def _json_ld_dates(tree: Any) -> list[str]:
    dates: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    dates.append(item["datePublished"])
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
    return dates


def _url(tree: Any) -> str | None:
    return _first(tree, rules().url_meta)


def _sitename(tree: Any) -> str | None:
    name = _first(tree, rules().site_meta)
    if name:
        return name
    url = _url(tree)
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
