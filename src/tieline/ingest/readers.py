"""Readers for each input format; each yields Documents or Rejects, never raises on bad input."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from tieline.ingest.checks import (
    MAX_BYTES,
    InputError,
    check_english,
    check_size,
    check_text,
    decode,
    looks_binary,
    parse_published,
)
from tieline.records import Document, Reject

SUPPORTED = (".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".parquet", ".warc", ".warc.gz",
             ".rss", ".atom", ".xml")
WARC = (".warc", ".warc.gz")  # web archives: tieline.ingest.warc
FEEDS = (".rss", ".atom", ".xml")  # RSS 2.0 and Atom feeds: tieline.ingest.feeds
IGNORED = "ignored"  # Reject kind for non-article files met in a folder: reported, not an error
WARNING = "warning"  # Reject kind for a document stored all the same (a bad metadata field dropped)
_HEADER = re.compile(r"^(published|date|source|url)\s*:\s*(.+)$", re.IGNORECASE)

Item = Document | Reject
Warn = Callable[[str], None]


def _reject(path: str, err: InputError, doc_id: str | None = None) -> Reject:
    return Reject(path=path, reason=err.reason, kind=err.kind, doc_id=doc_id)


def _finish(doc: Document, check_language: bool) -> Document:
    check_text(doc.text)
    if check_language:
        check_english(doc.text)
    doc.lang = "en"
    return doc


finish_document = _finish  # for the archive and feed readers


def file_suffix(path: Path) -> str:
    """The suffix that picks the reader: ``.warc.gz`` counts as one."""
    return ".warc.gz" if path.name.lower().endswith(".warc.gz") else path.suffix.lower()


def _published(value: object, warn: Warn | None) -> str | None:
    """The publication date; one that cannot be read is dropped with a warning (the article is
    kept: a bad metadata field must not lose it), or raises when there is no one to warn."""
    try:
        return parse_published(value)
    except InputError as err:
        if warn is None:
            raise
        warn(f"{err.reason}; stored without a publication date")
        return None


def read_txt(text: str, doc_id: str, path: str, warn: Warn | None = None) -> Document:
    """First line is the title; optional ``Published:``/``Source:``/``URL:`` lines follow it, or
    come first, before the title (then blank lines may part them from it)."""
    lines = text.lstrip("\ufeff").split("\n")
    meta: dict[str, str] = {}

    def headers(i: int) -> int:
        while i < len(lines) and (m := _HEADER.match(lines[i].strip())):
            meta.setdefault(m.group(1).lower(), m.group(2).strip())
            i += 1
        return i

    def blanks(i: int) -> int:
        while i < len(lines) and not lines[i].strip():
            i += 1
        return i

    i = blanks(headers(blanks(0)))
    if i >= len(lines):
        if meta:
            raise InputError("empty", "only header lines (Published:, Source:, URL:), no text")
        raise InputError("empty", "no text")
    title = lines[i].strip()
    i = headers(i + 1)
    body = "\n".join(lines[i:]).strip("\n")
    published = _published(meta.get("published") or meta.get("date"), warn)
    full = f"{title}\n\n{body}" if meta else text.lstrip("\ufeff")
    return Document(id=doc_id, text=full, title=title or None, source=meta.get("source"),
                    url=meta.get("url"), published=published, path=path, format="txt")


def read_html(html: str, doc_id: str, path: str) -> Document:
    """The page's main text and metadata: plainly marked-up articles through the fast path
    (:mod:`tieline.ingest.htmltext`), every other page through trafilatura."""
    from tieline.ingest import htmltext

    fast = htmltext.extract(html)
    if fast is not None:
        published = fast.date or _page_date(html, fast.url)
        title, body = fast.title, fast.text
        text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
        return Document(id=doc_id, text=text, title=title, source=fast.sitename, url=fast.url,
                        published=published, path=path, format="html")
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                                include_tables=False)
        result = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else extracted
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError("html", f"cannot extract text from HTML: {exc}") from exc
    if not result or not (result.get("text") or "").strip():
        raise InputError("empty", "HTML page has no main text")
    body = result["text"].strip()
    title = (result.get("title") or "").strip() or None
    published = None
    if result.get("date"):
        try:
            published = parse_published(result["date"])
        except InputError:
            published = None
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return Document(id=doc_id, text=text, title=title, source=result.get("sitename") or result.get("hostname"),
                    url=result.get("url"), published=published, path=path, format="html")


def _page_date(html: str, url: str | None) -> str | None:
    """The date htmldate finds in a page without a published-time tag (what trafilatura would give)."""
    from datetime import datetime

    from htmldate import find_date

    try:
        found = find_date(html, url=url, original_date=True, extensive_search=True,
                          max_date=datetime.now().astimezone().strftime("%Y-%m-%d"))
        return parse_published(found) if found else None
    except Exception:  # htmldate raises several kinds on odd markup; a date is not worth a reject
        return None


def from_record(rec: Any, default_id: str, path: str, fmt: str, warn: Warn | None = None) -> Document:
    """A JSON object with fields id, title, text, published, url, source."""
    if not isinstance(rec, dict):
        raise InputError("json", f"expected a JSON object, got {type(rec).__name__}")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("empty", "record has no 'text'")
    doc_id = str(rec["id"]) if rec.get("id") not in (None, "") else default_id
    title = rec.get("title")
    return Document(id=doc_id, text=text, title=str(title) if title else None,
                    source=rec.get("source") or None, url=rec.get("url") or None,
                    published=_published(rec.get("published"), warn), path=path, format=fmt)


def _doc_id(path: Path, root: Path | None) -> str:
    try:
        rel = path.relative_to(root) if root is not None else Path(path.name)
    except ValueError:
        rel = Path(path.name)
    if rel.name.lower().endswith(".warc.gz"):
        rel = rel.with_suffix("")
    return str(rel.with_suffix("")).replace("\\", "/")


def read_path(path: Path, root: Path | None = None, *, check_language: bool = True,
              encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Documents (or Rejects) from one file."""
    spath = str(path)
    doc_id = _doc_id(path, root)
    suffix = file_suffix(path)
    if suffix in WARC:
        from tieline.ingest.warc import read_warc

        yield from read_warc(path, doc_id, check_language=check_language, max_bytes=max_bytes)
        return
    if suffix in FEEDS:
        from tieline.ingest.feeds import read_feed

        yield from read_feed(path, doc_id, check_language=check_language, max_bytes=max_bytes)
        return
    if suffix == ".parquet":
        yield from read_parquet(path, doc_id, check_language=check_language, max_bytes=max_bytes)
        return
    if suffix in (".jsonl", ".ndjson"):
        yield from stream_jsonl(path, doc_id, check_language=check_language, encoding=encoding,
                                max_bytes=max_bytes)
        return
    try:
        check_size(path.stat().st_size, max_bytes)
        data = path.read_bytes()
        text = decode(data, encoding)
    except InputError as err:
        yield _reject(spath, err, doc_id)
        return
    except OSError as exc:
        yield Reject(spath, f"cannot read: {exc.strerror or exc}", "error", doc_id)
        return
    yield from read_text(text, suffix, doc_id, spath, check_language=check_language)


def stream_jsonl(path: Path, base_id: str, *, check_language: bool = True, encoding: str | None = None,
                 max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """JSON lines read one line at a time, so a feed of any size takes the memory of one record;
    ``max_bytes`` applies to each record rather than to the whole file."""
    spath = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
        if not head:
            raise InputError("empty", "empty file")
        if looks_binary(head):
            raise InputError("binary", "binary file, not text")
    except InputError as err:
        yield _reject(spath, err, base_id)
        return
    except OSError as exc:
        yield Reject(spath, f"cannot read: {exc.strerror or exc}", "error", base_id)
        return
    codec = encoding or ("utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig")
    for n, line in _numbered_lines(path, codec):
        if isinstance(line, InputError):
            yield _reject(f"{spath}:{n}", line, f"{base_id}/{n}")
            if line.kind == "encoding" and codec.startswith("utf-16"):
                return  # a UTF-16 stream cannot resync after a bad unit
            continue
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield Reject(f"{spath}:{n}", f"record on line {n} is over the {max_bytes / 2**20:.0f} MB "
                         "limit (raise --max-size)", "too-large", f"{base_id}/{n}")
            continue
        yield from _jsonl_record(line, base_id=base_id, n=n, path=spath, check_language=check_language)


def _numbered_lines(path: Path, codec: str) -> Iterator[tuple[int, str | InputError]]:
    """(line number, text) per line; a line that does not decode comes as an InputError, and the
    lines after it still come (byte-oriented codecs resync at the next newline)."""
    hint = "give --encoding (e.g. cp1252) or convert the file to UTF-8"
    if codec.lower().replace("_", "-").startswith("utf-16"):
        n = 0
        try:
            with path.open("r", encoding=codec, newline="\n") as fh:
                for n, text in enumerate(fh, 1):  # noqa: B007 - n names the line that failed
                    yield n, text
        except (UnicodeDecodeError, LookupError) as exc:
            yield n + 1, InputError("encoding", f"cannot decode line {n + 1} as {codec}: {exc}")
        return
    try:
        "".encode(codec)
    except LookupError as exc:
        yield 1, InputError("encoding", f"unknown encoding {codec!r}: {exc}")
        return
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            try:
                yield n, raw.decode(codec if n == 1 else codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                yield n, InputError("encoding", f"line {n} is not valid {codec.replace('-sig', '')} (byte "
                                    f"0x{raw[exc.start]:02x} at column {exc.start + 1}); {hint}")


def read_parquet(path: Path, base_id: str, *, check_language: bool = True,
                 max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Rows of a Parquet file as records (columns as in JSONL), read a few hundred rows at a time."""
    spath = str(path)
    try:
        check_size(path.stat().st_size, max_bytes)
        import pyarrow.parquet as pq

        batches = pq.ParquetFile(path).iter_batches(batch_size=256)
        n = 0
        for batch in batches:
            for rec in batch.to_pylist():
                n += 1
                rid = str(rec["id"]) if rec.get("id") not in (None, "") else f"{base_id}/{n}"
                yield from _guard(partial(from_record, rec, f"{base_id}/{n}", spath, "parquet"),
                                  f"{spath}:{n}", rid, check_language)
    except InputError as err:
        yield _reject(spath, err, base_id)
    except Exception as exc:  # pyarrow raises several kinds on a broken file
        yield Reject(spath, f"cannot read Parquet: {exc}", "format", base_id)


def read_text(text: str, suffix: str, doc_id: str, path: str, *,
              check_language: bool = True) -> Iterator[Item]:
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(text, doc_id, path, check_language)
        return
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Reject(path, f"broken JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", "json", doc_id)
            return
        records = data if isinstance(data, list) else [data]
        for i, rec in enumerate(records):
            rid = doc_id if len(records) == 1 else f"{doc_id}/{i + 1}"
            yield from _guard(partial(from_record, rec, rid, path, "json"), path, rid, check_language)
        return
    if suffix in (".html", ".htm"):
        yield from _guard(lambda warn: read_html(text, doc_id, path), path, doc_id, check_language)
        return
    yield from _guard(lambda warn: read_txt(text, doc_id, path, warn), path, doc_id, check_language)


def _guard(make: Callable[[Warn], Document], path: str, doc_id: str, check_language: bool) -> Iterator[Item]:
    """The document ``make`` reads, checked, after a WARNING reject for each field it dropped; or
    the reject that says why there is no document."""
    warnings: list[str] = []
    try:
        doc = _finish(make(warnings.append), check_language)
    except InputError as err:
        yield _reject(path, err, doc_id)
        return
    for w in warnings:
        yield Reject(path, w, WARNING, doc.id, doc.sha256)
    yield doc


def _read_jsonl(text: str, base_id: str, path: str, check_language: bool) -> Iterator[Item]:
    # split on newlines only: JSON strings may hold U+2028 and other breaks str.splitlines() knows
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield from _jsonl_record(line, n, base_id, path, check_language)


def _jsonl_record(line: str, n: int, base_id: str, path: str, check_language: bool) -> Iterator[Item]:
    where = f"{path}:{n}"
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        yield Reject(where, f"broken JSON on line {n}: {exc.msg} at column {exc.colno}", "json", f"{base_id}/{n}")
        return
    yield from _guard(lambda warn: from_record(rec, f"{base_id}/{n}", path, "jsonl", warn), where,
                      str(rec.get("id") if isinstance(rec, dict) and rec.get("id") else f"{base_id}/{n}"),
                      check_language)


def stdin_id(data: bytes) -> str:
    """The id of what came on standard input: ``stdin-`` and the start of its SHA-1, so two
    different texts piped one after the other are two documents, and the same text piped twice is
    the same document (records of a JSON-lines stream without ids are ``stdin-…/N``)."""
    return "stdin-" + hashlib.sha1(data).hexdigest()[:12]


def iter_files(root: Path) -> Iterator[Path]:
    """Supported files under a folder, recursively, in a stable order (hidden files skipped)."""
    for p in sorted(root.rglob("*")):
        if (p.is_file() or _broken_link(p)) and not any(part.startswith(".") for part in p.relative_to(root).parts):
            yield p


def _broken_link(p: Path) -> bool:
    return p.is_symlink() and not p.exists()


def _broken_link_reject(p: Path, doc_id: str | None) -> Reject:
    try:
        target = os.readlink(p)
    except OSError:
        target = "?"
    return Reject(str(p), f"broken link: it points to {target}, which does not exist", "link", doc_id)


def read_inputs(inputs: list[str], *, check_language: bool = True, encoding: str | None = None,
                max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Everything under the given paths: folders (recursive), files, or ``-`` for stdin."""
    for inp in inputs:
        if inp == "-":
            data = sys.stdin.buffer.read()
            doc_id = stdin_id(data)
            try:
                check_size(len(data), max_bytes)
                text = decode(data, encoding)
            except InputError as err:
                yield _reject("<stdin>", err, doc_id)
                continue
            suffix = ".jsonl" if text.lstrip().startswith("{") else ".txt"
            yield from read_text(text, suffix, doc_id, "<stdin>", check_language=check_language)
            continue
        p = Path(inp)
        if p.is_dir():
            articles = 0
            for f in iter_files(p):
                if file_suffix(f) not in SUPPORTED:  # a README or an image beside the articles
                    yield Reject(str(f), f"not an article file ({f.suffix or 'no extension'}); "
                                 f"tieline reads {', '.join(SUPPORTED)}", IGNORED, _doc_id(f, p))
                    continue
                articles += 1
                if _broken_link(f):
                    yield _broken_link_reject(f, _doc_id(f, p))
                    continue
                yield from read_path(f, p, check_language=check_language, encoding=encoding,
                                     max_bytes=max_bytes)
            if not articles:
                yield Reject(inp, f"no articles found in {inp} (tieline reads {', '.join(SUPPORTED)})", "empty")
        elif p.is_file() and file_suffix(p) not in SUPPORTED:
            yield Reject(str(p), f"unsupported file type {p.suffix or '(none)'}; "
                         f"tieline reads {', '.join(SUPPORTED)}", "format", _doc_id(p, p.parent))
        elif p.is_file():
            yield from read_path(p, p.parent, check_language=check_language, encoding=encoding,
                                 max_bytes=max_bytes)
        elif _broken_link(p):
            yield _broken_link_reject(p, _doc_id(p, p.parent))
        else:
            yield Reject(inp, "no such file or folder", "error")
