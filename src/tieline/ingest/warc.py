"""Web archives: HTML pages out of ``.warc`` and ``.warc.gz`` files (read with warcio).

Each ``response`` (or ``resource``) record holding an HTML page goes through the HTML extractor
(:func:`tieline.ingest.readers.read_html`).  Its url is the record's ``WARC-Target-URI``; its
publication date is the page's own (what the extractor finds in its metadata), else the HTTP
``Last-Modified`` header, else the record's ``WARC-Date`` (when it was crawled).  Its id is the
archive's id (its path without extension) and the record's number in the file: ``crawl/17``.

Requests, metadata, warcinfo and revisit records carry no page and are passed over; responses that
are not HTML pages (images, scripts, redirects, 404s) are reported as ``ignored``, like a README
beside articles in a folder; a record that cannot be read or decoded, or an archive that is not a
WARC, becomes a Reject with a one-line reason and the rest of the archive is still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tieline.ingest.checks import MAX_BYTES, InputError, decode, parse_published
from tieline.records import Document, Reject

HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_RECORDS = ("response", "resource")
IGNORED = "ignored"  # the same kind as tieline.ingest.readers.IGNORED (not imported: no cycle)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_date(value: str | None) -> str | None:
    try:
        return parse_published(value)
    except InputError:
        return None


def read_warc(path: Path, base_id: str, *, check_language: bool = True,
              max_bytes: int = MAX_BYTES) -> Iterator[Document | Reject]:
    """Documents (or Rejects) from the HTML pages of one WARC file, gzipped or not."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from tieline.ingest.readers import finish_document, read_html

    spath = str(path)
    n = 0
    try:
        if not _starts_as_warc(path):
            yield Reject(spath, "not a WARC archive (it does not start with a WARC/1.x record header)", "format",
                         base_id)
            return
        with path.open("rb") as fh:
            for n, record in enumerate(ArchiveIterator(fh), 1):  # noqa: B007 - n after an error
                if record.rec_type not in PAGE_RECORDS:
                    continue
                where, doc_id = f"{spath}#{n}", f"{base_id}/{n}"
                uri = record.rec_headers.get_header("WARC-Target-URI") or None
                item = _page(record, n, uri, where, doc_id, max_bytes)
                if isinstance(item, Reject):
                    yield item
                    continue
                html, last_modified = item
                try:
                    doc = read_html(html, doc_id, where)
                    doc.url = uri or doc.url
                    doc.published = (doc.published or _warc_date(last_modified)
                                     or _warc_date(record.rec_headers.get_header("WARC-Date")))
                    doc.format = "warc"
                    yield finish_document(doc, check_language)
                except InputError as err:
                    yield Reject(where, f"WARC record {n} ({uri or 'no target URI'}): {err.reason}", err.kind,
                                 doc_id)
        if (problem := _gzip_problem(path)) is not None:
            yield Reject(spath, f"broken WARC after record {n}: {problem}", "format", base_id)
    except ArchiveLoadFailed as exc:
        what = "not a WARC archive" if n == 0 else f"broken WARC after record {n}"
        yield Reject(spath, f"{what}: {_one_line(exc)}", "format", base_id)
    except OSError as exc:  # gzip and zlib errors on a truncated or corrupt .warc.gz are OSErrors too
        what = "cannot read WARC" if n == 0 else f"broken WARC after record {n}"
        yield Reject(spath, f"{what}: {_one_line(exc)}", "format", base_id)
    except Exception as exc:  # warcio raises several kinds on malformed headers
        yield Reject(spath, f"broken WARC after record {n}: {type(exc).__name__}: {_one_line(exc)}", "format",
                     base_id)


def _gzip_problem(path: Path) -> str | None:
    """Why a gzipped archive is truncated or corrupt (warcio stops quietly at a cut gzip stream)."""
    import gzip
    import zlib

    with path.open("rb") as fh:
        if fh.read(2) != b"\x1f\x8b":
            return None
    try:
        with gzip.open(path, "rb") as g:
            while g.read(1 << 20):
                pass
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return f"the gzip stream is cut or corrupt ({_one_line(exc)})"
    return None


def _starts_as_warc(path: Path) -> bool:
    import gzip
    import zlib

    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except (zlib.error, gzip.BadGzipFile):
            return False
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def _page(record: object, n: int, uri: str | None, where: str, doc_id: str,
          max_bytes: int) -> tuple[str, str | None] | Reject:
    """The record's HTML as text and its Last-Modified header, or a Reject saying why not."""
    label = f"WARC record {n} ({uri or 'no target URI'})"
    http = getattr(record, "http_headers", None)
    if http is not None:
        status = http.get_statuscode()
        if status and not str(status).startswith("2"):
            return Reject(where, f"{label}: HTTP {status} response, not a page", IGNORED, doc_id)
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return Reject(where, f"{label}: not an HTML page ({mime})", IGNORED, doc_id)
    try:
        data = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    except Exception as exc:  # a bad chunked or gzip transfer encoding inside the record
        return Reject(where, f"{label}: cannot read the payload: {_one_line(exc)}", "format", doc_id)
    if len(data) <= max_bytes and getattr(record, "raw_stream", None) is not None \
            and getattr(record.raw_stream, "limit", 0) > 0:  # type: ignore[attr-defined]
        return Reject(where, f"{label}: the record is cut short (fewer bytes than its Content-Length)", "format",
                      doc_id)
    if len(data) > max_bytes:
        return Reject(where, f"{label}: page is over the {max_bytes / 2**20:.0f} MB limit (raise --max-size)",
                      "too-large", doc_id)
    if not data.strip():
        return Reject(where, f"{label}: empty page", "empty", doc_id)
    charset = _charset(content_type)
    try:
        try:
            html = decode(data, charset)
        except InputError:
            if charset is None:
                raise
            html = decode(data)  # a wrong charset label: UTF-8 may still read it
    except InputError as err:
        return Reject(where, f"{label}: {err.reason}", err.kind, doc_id)
    return html, (http.get_header("Last-Modified") if http is not None else None)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
