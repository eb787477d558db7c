"""News feeds: items of RSS 2.0 (and RSS 1.0) and Atom files, read offline.

Each item becomes a Document: its title, its link as url, its date (``pubDate``, ``dc:date``,
Atom ``published`` else ``updated``), the feed's title as source, and as text the item's full
content (``content:encoded``, Atom ``content``) or else its summary (``description``, Atom
``summary``), with HTML markup stripped by the HTML extractor.  The id is the item's own
identifier (``guid``, Atom ``id``, else its link), so an item keeps its id when the feed file is
fetched again and its position changes, and the same item in two feeds is stored once; an item
with none gets the feed's id and its number (``world/3``).

Nothing is fetched: an item with no text is recorded as a reject ("feed item without text"), and
a feed that declares XML entities is refused (the parser never resolves entities nor reads the
network).  A ``.xml`` file that is not a feed (a sitemap beside the articles) is ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tieline.ingest.checks import MAX_BYTES, InputError, check_size, looks_binary, parse_published
from tieline.records import Document, Reject

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
NO_TEXT = "feed item without text (not fetched; no network at run time)"
IGNORED = "ignored"  # the same kind as tieline.ingest.readers.IGNORED (not imported: no cycle)


def _parser() -> Any:
    from lxml import etree

    # no entity substitution, no DTD, no network, no huge trees: what defusedxml guards against
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def read_feed(path: Path, base_id: str, *, check_language: bool = True,
              max_bytes: int = MAX_BYTES) -> Iterator[Document | Reject]:
    """Documents (or Rejects) from the items of one RSS or Atom file."""
    from lxml import etree

    spath = str(path)
    try:
        check_size(path.stat().st_size, max_bytes)
        data = path.read_bytes()
        if looks_binary(data):
            raise InputError("binary", "binary file, not text")
        if b"<!ENTITY" in data[:65536].upper():
            raise InputError("format", "the feed declares XML entities; refused (entities are never expanded)")
        root = etree.fromstring(data, _parser())
    except InputError as err:
        yield Reject(spath, err.reason, err.kind, base_id)
        return
    except OSError as exc:
        yield Reject(spath, f"cannot read: {exc.strerror or exc}", "error", base_id)
        return
    except etree.XMLSyntaxError as exc:
        yield Reject(spath, f"broken feed XML: {' '.join(str(exc).split())}", "format", base_id)
        return
    tag = etree.QName(root).localname.lower()
    if tag == "rss":
        channel = root.find("channel")
        source = _text(channel, "title") if channel is not None else None
        items = [(_rss_item(it), "rss") for it in (channel.findall("item") if channel is not None else [])]
    elif tag == "rdf":
        source = _text(root.find(f"{RSS1}channel"), f"{RSS1}title")
        items = [(_rss1_item(it), "rss") for it in root.findall(f"{RSS1}item")]
    elif root.tag == f"{ATOM}feed":
        source = _text(root, f"{ATOM}title")
        items = [(_atom_entry(it), "atom") for it in root.findall(f"{ATOM}entry")]
    else:
        kind = IGNORED if path.suffix.lower() == ".xml" else "format"
        yield Reject(spath, f"not an RSS or Atom feed (root element <{etree.QName(root).localname}>)", kind, base_id)
        return
    if not items:
        yield Reject(spath, "feed has no items", "empty", base_id)
        return
    for n, (item, fmt) in enumerate(items, 1):
        doc_id = item["id"] or item["link"] or f"{base_id}/{n}"
        where = f"{spath}#{n}"
        try:
            yield _document(item, doc_id, where, fmt, source, check_language)
        except InputError as err:
            yield Reject(where, f"feed item {n} ({item['title'] or item['link'] or 'untitled'}): {err.reason}",
                         err.kind, doc_id)


def _document(item: dict[str, Any], doc_id: str, where: str, fmt: str, source: str | None,
              check_language: bool) -> Document:
    from tieline.ingest.readers import finish_document

    title = item["title"]
    body = _plain(item["content"]) or _plain(item["summary"])
    if not body:
        raise InputError("empty", NO_TEXT)
    published = parse_published(item["published"])
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return finish_document(Document(id=doc_id, text=text, title=title, source=source, url=item["link"],
                                    published=published, path=where, format=fmt), check_language)


def _plain(value: tuple[str, bool] | None) -> str:
    """Text of a content or summary: (value, is_markup); markup goes through the HTML extractor,
    and a snippet too short for it through lxml's text content."""
    if not value or not value[0].strip():
        return ""
    raw, markup = value
    if not markup:
        return " ".join(raw.split())
    from tieline.ingest.readers import read_html

    try:
        text = read_html(f"<html><body><article>{raw}</article></body></html>", "item", "item").text.strip()
    except InputError:
        text = ""
    if not text:
        import lxml.html

        try:
            text = lxml.html.fromstring(f"<div>{raw}</div>").text_content()
        except Exception:  # lxml raises several kinds on odd markup
            text = raw
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _text(el: Any, tag: str) -> str | None:
    if el is None:
        return None
    child = el.find(tag)
    if child is None:
        return None
    value = "".join(child.itertext()).strip()
    return value or None


def _html_flag(raw: str | None) -> tuple[str, bool] | None:
    return (raw, "<" in raw) if raw else None


def _rss_item(it: Any) -> dict[str, Any]:
    guid = it.find("guid")
    return {"id": _text(it, "guid"), "title": _text(it, "title"),
            "link": _text(it, "link") or (_text(it, "guid") if guid is not None
                                          and guid.get("isPermaLink", "true") != "false" else None),
            "published": _text(it, "pubDate") or _text(it, DC_DATE),
            "content": _html_flag(_text(it, CONTENT)), "summary": _html_flag(_text(it, "description"))}


def _rss1_item(it: Any) -> dict[str, Any]:
    return {"id": it.get(RDF_ABOUT), "title": _text(it, f"{RSS1}title"), "link": _text(it, f"{RSS1}link"),
            "published": _text(it, DC_DATE), "content": _html_flag(_text(it, CONTENT)),
            "summary": _html_flag(_text(it, f"{RSS1}description"))}


def _atom_text(el: Any) -> tuple[str, bool] | None:
    if el is None:
        return None
    kind = (el.get("type") or "text").lower()
    if kind == "xhtml":
        from lxml import etree

        inner = "".join(etree.tostring(c, encoding="unicode") for c in el)
        return inner, True
    value = "".join(el.itertext())
    return (value, kind in ("html", "text/html")) if value.strip() else None


def _atom_entry(it: Any) -> dict[str, Any]:
    link = None
    for el in it.findall(f"{ATOM}link"):
        if el.get("rel", "alternate") == "alternate" and el.get("href"):
            link = el.get("href")
            break
    return {"id": _text(it, f"{ATOM}id"), "title": _text(it, f"{ATOM}title"), "link": link,
            "published": _text(it, f"{ATOM}published") or _text(it, f"{ATOM}updated"),
            "content": _atom_text(it.find(f"{ATOM}content")), "summary": _atom_text(it.find(f"{ATOM}summary"))}
