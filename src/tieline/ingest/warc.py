"""Web archives: HTML pages out of ``.warc`` and ``.warc.gz`` files.

Plainly framed records are read here (:func:`_records`); from the first record that is anything
else (a chunked or compressed payload, continued header lines, a record cut short) warcio reads
the rest of the archive, so the records are what warcio gives either way.

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

import io
import zlib
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

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


Job = tuple[str, str, str, "str | None", "str | None", "str | None", bool]
"""One page to extract: html, doc id, where, target URI, Last-Modified, WARC-Date, check_language."""
CHUNK = 16  # pages per task sent to an extraction process
MIN_PARALLEL = 2 * CHUNK  # pages extracted here before the pool is considered (and smaller archives)
SLOW_PAGE_S = 0.003
"""CPU seconds a page's extraction and language check take here, on average over the last
MIN_PARALLEL pages, past which the rest go to the worker processes.  A page the HTML fast path
reads takes about a millisecond: sending it to a process (pickling both ways, the fork, a second
interpreter's memory) costs more CPU than it saves the main process, which spends three times as
long storing it.  A page trafilatura must read takes five or more, and is worth the round trip."""


def read_warc(path: Path, base_id: str, *, check_language: bool = True, max_bytes: int = MAX_BYTES,
              workers: int | None = None) -> Iterator[Document | Reject]:
    """Documents (or Rejects) from the HTML pages of one WARC file, gzipped or not, in record order.

    Text extraction and the language check are most of the cost (the archive itself reads fast).
    Pages are extracted in this process while they are cheap (plainly marked-up news pages go
    through the HTML fast path); when they turn out costly (pages trafilatura must read), the rest
    run in worker processes while this one reads the archive and the caller stores what comes
    back (default: one per core but one, at most 8; on two cores, one process, which already
    overlaps with this one).  ``workers=N`` sends all pages past the first few dozen to N
    processes at once; ``workers=0`` extracts every page in this process."""
    jobs = _scan(path, base_id, check_language, max_bytes)
    n_workers = _workers(workers, path)
    if n_workers < 1:
        for chunk in _chunks(jobs):
            yield from _extract_chunk(chunk)
        return
    if workers is None:
        jobs = yield from _while_cheap(jobs)
    yield from _parallel(jobs, n_workers)


def _chunks(jobs: Iterator[Job | Reject], pages: int = MIN_PARALLEL) -> Iterator[list[Job | Reject]]:
    """The jobs in runs of ``pages`` pages each (and the Rejects among them), the last run shorter."""
    chunk: list[Job | Reject] = []
    n = 0
    for job in jobs:
        chunk.append(job)
        if not isinstance(job, Reject):
            n += 1
            if n == pages:
                yield chunk
                chunk, n = [], 0
    if chunk:
        yield chunk


def _extract_chunk(chunk: list[Job | Reject]) -> list[Document | Reject]:
    done = iter(_extract_many([job for job in chunk if not isinstance(job, Reject)]))
    return [job if isinstance(job, Reject) else _as_item(next(done)) for job in chunk]


def _while_cheap(jobs: Iterator[Job | Reject]) -> Generator[Document | Reject, None, Iterator[Job | Reject]]:
    """Extract pages here, MIN_PARALLEL at a time, while they take under SLOW_PAGE_S of CPU each on
    average (this thread's CPU clock: the time other processes take is not counted, though on a
    machine run flat out every page costs more, a VOA page up to about 2 ms); then return the jobs
    not yet done, for the pool."""
    import time
    from itertools import chain

    chunks = _chunks(jobs)
    for chunk in chunks:
        start = time.thread_time()
        items = _extract_chunk(chunk)
        cpu = time.thread_time() - start
        yield from items
        pages = len(chunk) - sum(isinstance(job, Reject) for job in chunk)
        if pages == MIN_PARALLEL and cpu / pages > SLOW_PAGE_S:
            return chain.from_iterable(chunks)
    return iter(())


def _workers(workers: int | None, path: Path) -> int:
    import multiprocessing as mp
    import os

    if workers is not None:
        return workers
    import threading

    if mp.current_process().daemon or "fork" not in mp.get_all_start_methods():
        return 0  # a pool worker cannot have children; without fork each child would reload everything
    if threading.active_count() > 1:
        return 0  # forking a threaded process (a Spark driver, a server) can deadlock a child on a lock
    if path.stat().st_size < 256 * 1024:
        return 0
    return min(8, (os.cpu_count() or 1) - 1)


def _parallel(jobs: Iterator[Job | Reject], n_workers: int) -> Iterator[Document | Reject]:
    """Chunks of pages extracted in a process pool, a bounded window ahead, yielded in order."""
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from itertools import islice

    first = list(islice(jobs, MIN_PARALLEL))
    if len(first) < MIN_PARALLEL:  # a small archive (or its last pages): not worth the processes
        for chunk in _chunks(iter(first + list(jobs))):
            yield from _extract_chunk(chunk)
        return

    import trafilatura  # noqa: F401 - imported before the fork, so children do not import it again

    from tieline.ingest import htmltext

    htmltext.rules()  # read before the fork too
    stream = _chain(first, jobs)
    pool = ProcessPoolExecutor(n_workers, mp_context=mp.get_context("fork"))
    window: deque[tuple[list[Job | Reject], Future[list[Document | tuple[str, str, str, str]]]]] = deque()
    try:
        while True:
            while len(window) < 2 * n_workers:
                chunk = list(islice(stream, CHUNK))
                if not chunk:
                    break
                pages = [j for j in chunk if not isinstance(j, Reject)]
                window.append((chunk, pool.submit(_extract_many, pages)))
            if not window:
                pool.shutdown(wait=True)  # all done: the workers exit now, not at garbage collection
                return
            chunk, future = window.popleft()
            done = iter(future.result())
            for job in chunk:
                yield job if isinstance(job, Reject) else _as_item(next(done))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _chain(first: list[Job | Reject], rest: Iterator[Job | Reject]) -> Iterator[Job | Reject]:
    yield from first
    yield from rest


def _extract_many(jobs: list[Job]) -> list[Document | tuple[str, str, str, str]]:
    """The pages read, then checked: all the extraction first, then all the language checks (a tenth
    less CPU than page by page, where lxml's trees and the checker's words push each other out of
    the processor's caches)."""
    return [_check(job, read) for job, read in [(job, _read(job)) for job in jobs]]


def _extract(job: Job) -> Document | tuple[str, str, str, str]:
    """The page's Document, or (where, reason, kind, doc id) for a Reject (exceptions do not pickle)."""
    return _check(job, _read(job))


def _read(job: Job) -> Document | tuple[str, str, str, str]:
    from tieline.ingest.readers import read_html

    html, doc_id, where, uri, last_modified, warc_date, _ = job
    try:
        doc = read_html(html, doc_id, where)
    except InputError as err:
        return _failed(job, err)
    doc.url = uri or doc.url
    doc.published = doc.published or _warc_date(last_modified) or _warc_date(warc_date)
    doc.format = "warc"
    return doc


def _check(job: Job, read: Document | tuple[str, str, str, str]) -> Document | tuple[str, str, str, str]:
    from tieline.ingest.readers import finish_document

    if not isinstance(read, Document):
        return read
    try:
        return finish_document(read, job[6])
    except InputError as err:
        return _failed(job, err)


def _failed(job: Job, err: InputError) -> tuple[str, str, str, str]:
    where, uri = job[2], job[3]
    n = where.rsplit("#", 1)[-1]
    return where, f"WARC record {n} ({uri or 'no target URI'}): {err.reason}", err.kind, job[1]


def _as_item(result: Document | tuple[str, str, str, str]) -> Document | Reject:
    return result if isinstance(result, Document) else Reject(*result)


def _scan(path: Path, base_id: str, check_language: bool, max_bytes: int) -> Iterator[Job | Reject]:
    """The archive's pages to extract, and Rejects for its records that are not (or cannot be) read."""
    from warcio.exceptions import ArchiveLoadFailed

    spath = str(path)
    n = 0
    try:
        if not _starts_as_warc(path):
            yield Reject(spath, "not a WARC archive (it does not start with a WARC/1.x record header)", "format",
                         base_id)
            return
        with path.open("rb") as raw, _decompressed(raw) as fh:
            for n, record in enumerate(_records(fh), 1):  # noqa: B007 - n after an error
                if record.rec_type not in PAGE_RECORDS:
                    continue
                where, doc_id = f"{spath}#{n}", f"{base_id}/{n}"
                uri = record.rec_headers.get_header("WARC-Target-URI") or None
                item = _page(record, n, uri, where, doc_id, max_bytes)
                if isinstance(item, Reject):
                    yield item
                else:
                    yield (item[0], doc_id, where, uri, item[1], record.rec_headers.get_header("WARC-Date"),
                           check_language)
    except CutShort as exc:
        what = "cannot read WARC" if n == 0 else f"broken WARC after record {n}"
        yield Reject(spath, f"{what}: {exc}", "format", base_id)
    except ArchiveLoadFailed as exc:
        what = "not a WARC archive" if n == 0 else f"broken WARC after record {n}"
        yield Reject(spath, f"{what}: {_one_line(exc)}", "format", base_id)
    except OSError as exc:  # gzip and zlib errors on a truncated or corrupt .warc.gz are OSErrors too
        what = "cannot read WARC" if n == 0 else f"broken WARC after record {n}"
        yield Reject(spath, f"{what}: {_one_line(exc)}", "format", base_id)
    except Exception as exc:  # warcio raises several kinds on malformed headers
        yield Reject(spath, f"broken WARC after record {n}: {type(exc).__name__}: {_one_line(exc)}", "format",
                     base_id)


def _records(fh: BinaryIO | _Gunzipped) -> Iterator[Any]:
    """The archive's records, as warcio reads them.  Plainly framed records (WARC/1.0 or 1.1 headers,
    their Content-Length of bytes, the blank lines after; an HTTP response's headers and a payload
    sent as it is) are read here, which takes a fraction of warcio's time (its header parser reads a
    line at a time in Python); from the first record that is anything else (continued or undecodable
    header lines, a chunked or compressed payload, a record cut short, an ARC record) warcio reads
    the rest of the archive, that record included."""
    framer = _Framer(fh)
    while True:
        try:
            record = framer.next()
        except _Odd:
            from warcio.archiveiterator import ArchiveIterator

            yield from ArchiveIterator(framer.rest())
            return
        if record is None:
            return
        yield record


class _Odd(Exception):
    """A record the quick reader leaves to warcio."""


class _Headers:
    """Header fields as warcio's StatusAndHeaders gives them: the first of each name, any case."""

    __slots__ = ("fields", "statusline")

    def __init__(self, fields: dict[str, str], statusline: str = "") -> None:
        self.fields = fields
        self.statusline = statusline

    def get_header(self, name: str, default: str | None = None) -> str | None:
        return self.fields.get(name.lower(), default)

    def get_statuscode(self) -> str:
        return self.statusline.split(" ", 1)[0]


def _fields(lines: list[bytes]) -> dict[str, str]:
    """Header lines as warcio reads them (name before the first colon, value after it, stripped);
    _Odd for what warcio reads in its own way: a continued line, one without a colon, a line break
    that is not CRLF, bytes that are not UTF-8."""
    out: dict[str, str] = {}
    for line in lines:
        if line[:1] in (b" ", b"\t") or b":" not in line or b"\n" in line or b"\r" in line:
            raise _Odd
        try:
            name, _, value = line.decode("utf-8").rstrip().partition(":")
        except UnicodeDecodeError:
            raise _Odd from None
        out.setdefault(name.rstrip(" \t").lower(), value.lstrip())
    return out


class _Quick:
    """A record read by _Framer, with what _scan and _page ask of warcio's records."""

    __slots__ = ("rec_type", "rec_headers", "http_headers", "_payload")
    raw_stream = None  # the whole block is there: never cut short

    def __init__(self, fields: dict[str, str], block: bytes) -> None:
        self.rec_type = fields.get("warc-type")
        self.rec_headers = _Headers(fields)
        self.http_headers: _Headers | None = None
        self._payload = block
        if self.rec_type not in PAGE_RECORDS:
            return  # passed over: nothing more is read of it
        uri = fields.get("warc-target-uri")
        if uri is not None and (uri.startswith("<") or " " in uri):
            raise _Odd  # warcio rewrites such a target URI
        if self.rec_type == "response" and block:
            if uri is None:
                raise _Odd
            if uri.startswith(("http:", "https:")):
                self._http(block)

    def _http(self, block: bytes) -> None:
        end = block.find(b"\r\n\r\n")
        if end < 0 or not block.startswith(b"HTTP/"):
            raise _Odd
        status, *lines = block[:end].split(b"\r\n")
        if b"\n" in status or b"\r" in status:
            raise _Odd
        fields = _fields(lines)
        if "transfer-encoding" in fields or "content-encoding" in fields:
            raise _Odd  # warcio undoes chunking and compression
        try:
            parts = status.decode("utf-8").rstrip().split(" ", 1)
        except UnicodeDecodeError:
            raise _Odd from None
        self.http_headers = _Headers(fields, parts[1].strip() if len(parts) > 1 else "")
        self._payload = block[end + 4:]

    def content_stream(self) -> io.BytesIO:
        return io.BytesIO(self._payload)


class _Framer:
    """Plainly framed WARC records out of a stream, a block at a time."""

    BLOCK = 1 << 16
    MAX_HEAD = 1 << 16  # WARC headers longer than this are left to warcio
    MAX_RECORD = 1 << 23  # so are records longer than this (warcio streams them)

    def __init__(self, fh: BinaryIO | _Gunzipped) -> None:
        self._fh = fh
        self._buf = b""
        self._pos = 0  # where the next record starts in _buf
        self._eof = False
        self._error: CutShort | None = None  # the stream broke here, after the bytes in _buf

    def _more(self) -> bool:
        if self._eof:
            return False
        try:
            data = self._fh.read(self.BLOCK)
        except CutShort as exc:
            self._error, self._eof = exc, True  # raised when a record needs the bytes that are not there
            return False
        if not data:
            self._eof = True
            return False
        self._buf = self._buf[self._pos:] + data
        self._pos = 0
        return True

    def _have(self, n: int) -> bool:
        """n bytes from the record's start are in the buffer; False: the stream ends before."""
        while len(self._buf) - self._pos < n:
            if not self._more():
                return False
        return True

    def next(self) -> _Quick | None:
        """The next record; None at the end of the archive; _Odd for one to leave to warcio."""
        while True:  # the blank lines between records
            if not self._have(1):
                if self._error is not None:
                    raise self._error
                return None
            if self._buf[self._pos] not in b"\r\n":
                break
            self._pos += 1
        while (end := self._buf.find(b"\r\n\r\n", self._pos)) < 0:
            if len(self._buf) - self._pos > self.MAX_HEAD or not self._more():
                raise _Odd
        end -= self._pos
        head = self._buf[self._pos:self._pos + end].split(b"\r\n")
        if head[0] not in (b"WARC/1.0", b"WARC/1.1"):
            raise _Odd
        fields = _fields(head[1:])
        try:
            length = int(fields["content-length"])
        except (KeyError, ValueError):
            raise _Odd from None
        start, stop = end + 4, end + 4 + length
        if not 0 <= length <= self.MAX_RECORD or not self._have(stop + 4):
            raise _Odd  # a record cut short: warcio says what it can of it
        if self._buf[self._pos + stop:self._pos + stop + 4] != b"\r\n\r\n":
            raise _Odd  # not where its Content-Length says it ends
        record = _Quick(fields, self._buf[self._pos + start:self._pos + stop])
        self._pos += stop + 4
        return record

    def rest(self) -> _Rest:
        """The stream from the start of the record not read here, for warcio."""
        return _Rest(self._buf[self._pos:], self._fh, self._eof, self._error)


class _Rest:
    def __init__(self, head: bytes, fh: BinaryIO | _Gunzipped, eof: bool, error: CutShort | None) -> None:
        self._head, self._fh, self._eof, self._error = head, fh, eof, error
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        if self._head:
            out, self._head = self._head, b""
        elif self._eof:
            if self._error is not None:
                raise self._error
            return b""
        else:
            out = self._fh.read(size)
        self._pos += len(out)
        return out

    def tell(self) -> int:
        return self._pos


class CutShort(Exception):
    """A .warc.gz whose gzip stream ends early or is corrupt (not an EOFError: warcio takes those
    for the end of the archive and stops without a word)."""


class _Gunzipped:
    """A .warc.gz read for warcio as one stream of records: every gzip member inflated by zlib in
    turn, a block of the file at a time (a third faster than gzip.GzipFile, whose member headers
    are read in Python: one member per record, a few hundred per archive)."""

    BLOCK = 1 << 16

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)  # a gzip member, header and trailer checked
        self._input = b""  # compressed bytes read and not yet inflated
        self._in_member = False  # bytes of the current member have gone in
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        """The next inflated bytes, to the end of the block or member (warcio buffers them; ``size``
        is not a limit here: a limit would copy the rest of the block at every call).  Records
        before a cut or a corrupt member still come through."""
        while True:
            if not self._input:
                self._input = self._raw.read(self.BLOCK)
                if not self._input:
                    if self._in_member:  # worded as gzip.GzipFile words it
                        raise CutShort("the gzip stream is cut or corrupt (Compressed file ended before the "
                                       "end-of-stream marker was reached)")
                    return b""
            try:
                out = self._inflate.decompress(self._input)
            except zlib.error as exc:
                raise CutShort(f"the gzip stream is cut or corrupt ({_one_line(exc)})") from exc
            self._in_member = True
            self._input = b""
            if self._inflate.eof:  # the member ended: what follows is the next member
                self._input = self._inflate.unused_data
                self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._in_member = False
            if out:
                self._pos += len(out)
                return out

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._input = b""


@contextmanager
def _decompressed(raw: BinaryIO) -> Iterator[BinaryIO | _Gunzipped]:
    """The archive as one stream of WARC records: gunzipped once, or as it is."""
    head = raw.read(2)
    raw.seek(0)
    if head != b"\x1f\x8b":
        yield raw
        return
    stream = _Gunzipped(raw)
    try:
        yield stream
    finally:
        stream.close()


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
    except CutShort:
        raise  # the archive's problem, not this record's: one reject for the archive
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
