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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import yaml
from lxml import etree


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
    if float(raw["max_outside"]) < 0:
        raise ValueError("html_article.yaml: max_outside is a share of text, not negative")
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


# Plain lxml elements, not lxml.html's: the same parse, without a class lookup per element touched
_PARSER = etree.HTMLParser()
_UTF8 = etree.HTMLParser(encoding="utf-8")
_COUNT_P = etree.XPath("count(//p)")  # paragraphs in the page
_COUNT_P_IN = etree.XPath("count(.//p)")  # paragraphs in an element


def parse(html: str) -> Any | None:
    """The page as an lxml tree, or None where lxml cannot read it."""
    try:
        return etree.fromstring(html, _PARSER)  # None for an empty document
    except ValueError:  # a str with an XML encoding declaration: give lxml the bytes, and their codec
        try:
            return etree.fromstring(html.encode("utf-8"), _UTF8)
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:
        return None


def extract(html: str) -> Extracted | None:
    """The article of a plainly marked-up page, or None: then trafilatura must read it."""
    tree = parse(html)
    if tree is None:
        return None
    r = rules()
    body = _container(tree, r)
    if body is None:
        return None  # no single body
    if _COUNT_P(tree) > _COUNT_P_IN(body):  # paragraphs outside it (else none: max_outside is not negative)
        inside = _chars(_paragraph_text(body))
        if _chars(_paragraph_text(tree)) - inside > r.max_outside * inside:
            return None  # more paragraphs outside the body than in it (a header-only <article>)
    try:
        lines = _lines(body, r)
    except _GiveWay:
        return None
    except ValueError:  # lxml will not set a text holding a control character (a vertical tab by a <br>)
        return None
    if lines is None:
        return None
    text = unicodedata.normalize("NFC", "\n".join(lines))
    url = _url(tree)
    return Extracted(text=text, title=_title(tree, body), date=_date(tree, r), sitename=_sitename(tree, url),
                     url=url)


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
    return len(_squeeze(text.replace(BR, " ")))


def _squeeze(text: str) -> str:
    """``" ".join(text.split())``, without splitting a text that has no white space to squeeze (most
    paragraphs): every white space character but the plain space is unprintable."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _strip_spaces(text: str) -> str:
    """``_squeeze`` of a text that has no white space but single spaces."""
    return text.strip(" ")


def _drop(el: Any) -> None:
    """Remove the element and what it holds; its tail (the text after it) stays (lxml.html's drop_tree)."""
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def _lines(body: Any, r: Rules) -> list[str] | None:
    """The body's lines (one per paragraph, heading, list item, and per <br> inside one), or None
    when they do not hold most of its text."""
    drop = [el for el in body.iterdescendants() if not isinstance(el.tag, str) or _skipped(el, r)]
    for el in drop:
        if el.getparent() is not None:
            _drop(el)  # its tail (text after it) stays
    if next(body.iterdescendants(*r.give_way_tags), None) is not None:
        raise _GiveWay
    for el in body.iterdescendants("br"):
        el.tail = BR + (el.tail or "")
    whole = _text(body)
    # Every text below is a stretch of the body's whole text: where that has no white space to
    # squeeze but single spaces (most pages, and no <br>), squeezing one is stripping its ends.
    clean = whole.isprintable() and "  " not in whole
    squeeze = _strip_spaces if clean else _squeeze
    total = len(squeeze(whole)) if clean else _chars(whole)
    lines: list[str] = []
    accounted = kept = 0
    for el in body.iterdescendants(*r.blocks):
        if not len(el):  # the common case: a paragraph of plain text
            line = squeeze(el.text or "")
            accounted += len(line)
            if line:
                lines.append(f"- {line}" if el.tag == "li" else line)  # list items as trafilatura writes them
                kept += len(line)
            continue
        if next(el.iterdescendants(*r.blocks), None) is not None:
            if _has_loose_text(el):
                raise _GiveWay  # text beside the blocks inside a block (a quote with a bare line)
            continue  # its inner blocks are the lines
        block = [line for part in _text(el).split(BR) if (line := squeeze(part))]
        n = sum(len(line) for line in block)
        accounted += n
        if not n or _link_chars(el, squeeze) > r.max_link_share * n:
            continue  # empty, or a list of links
        lines.extend(f"- {line}" if el.tag == "li" and i == 0 else line for i, line in enumerate(block))
        kept += n
    if kept < r.min_chars or accounted < r.min_coverage * total:
        return None
    return lines


def _link_chars(el: Any, squeeze: Callable[[str], str]) -> int:
    return sum(len(squeeze(_text(a))) for a in el.iter("a"))


def _text(el: Any) -> str:
    """The text of the element and all it holds (not its tail), as ``"".join(el.itertext())``."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def _has_loose_text(el: Any) -> bool:
    if (el.text or "").strip():
        return True
    return any((child.tail or "").strip() for child in el)


def _first(tree: Any, xpaths: tuple[etree.XPath, ...]) -> str | None:
    for value in (v for xpath in xpaths for v in xpath(tree)):
        text = value if isinstance(value, str) else _text(value)
        text = _squeeze(str(text))
        if text:
            return text
    return None


def _title(tree: Any, body: Any) -> str | None:
    """The body's heading, else the page's one <h1>, else og:title, else <title>."""
    h1 = body.find(".//h1")
    if h1 is None and len(h1s := tree.findall(".//h1")) == 1:
        h1 = h1s[0]
    if h1 is not None and (text := _squeeze(_text(h1))):
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


def _sitename(tree: Any, url: str | None) -> str | None:
    name = _first(tree, rules().site_meta)
    if name:
        return name
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
