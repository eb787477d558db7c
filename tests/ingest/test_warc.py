from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import VOA, english, need
from tests.ingest.warc_pages import page, write_warc

from tieline.ingest import read_inputs
from tieline.records import Document, Reject


def items(*paths: Path) -> list[Document | Reject]:
    return list(read_inputs([str(p) for p in paths]))


def test_html_responses_become_documents_with_uri_and_dates(tmp_path: Path) -> None:
    arc = write_warc(tmp_path / "crawl.warc.gz", [
        dict(url="https://example.org/news/talks", body=page("Talks Held", english(4), "2023-01-05T10:00:00Z")),
        dict(url="https://example.org/news/modified", body=page("Border Reopened", english(5)),
             last_modified="Tue, 03 Jan 2023 10:00:00 GMT"),
        dict(url="https://example.org/news/crawled", body=page("Envoy Visits", english(6)),
             warc_date="2024-02-02T08:30:00Z"),
    ])
    docs = items(arc)
    assert all(isinstance(d, Document) for d in docs), docs
    a, b, c = docs  # type: ignore[misc]
    assert (a.id, a.url, a.title, a.format) == ("crawl/1", "https://example.org/news/talks", "Talks Held", "warc")
    assert a.published == "2023-01-05T10:00:00+00:00"  # the page's own date first, with its time
    assert b.published == "2023-01-03T10:00:00+00:00"  # then HTTP Last-Modified
    assert c.published == "2024-02-02T08:30:00+00:00"  # then the crawl date
    assert "foreign minister" in a.text and "Contact us" not in a.text and a.lang == "en"


def test_uncompressed_warc_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_warc(folder / "day1.warc", [dict(url="https://example.org/x", body=page("Talks Held", english(4)))],
               gzip=False)
    (docs,) = items(folder)
    assert isinstance(docs, Document) and docs.id == "day1/1"


def test_pages_that_are_not_articles_are_ignored_not_errors(tmp_path: Path) -> None:
    arc = write_warc(tmp_path / "mixed.warc.gz", [
        dict(url="https://example.org/logo.png", body=b"\x89PNG\r\n", content_type="image/png"),
        dict(url="https://example.org/gone", body="<html>gone</html>", status="404 Not Found"),
        dict(url="https://example.org/moved", body="", status="301 Moved Permanently"),
        dict(url="https://example.org/ok", body=page("Talks Held", english(4))),
    ])
    out = items(arc)
    assert [type(x).__name__ for x in out] == ["Reject", "Reject", "Reject", "Document"]
    kinds = [x.kind for x in out if isinstance(x, Reject)]
    assert kinds == ["ignored"] * 3
    assert "image/png" in out[0].reason and "HTTP 404" in out[1].reason  # type: ignore[union-attr]


def test_bad_records_are_one_line_rejects_and_the_rest_is_read(tmp_path: Path) -> None:
    arc = write_warc(tmp_path / "bad.warc.gz", [
        dict(url="https://example.org/empty", body="<html><head><title>x</title></head><body> </body></html>"),
        dict(url="https://example.org/latin1", body=b"<html><body><p>caf\xe9 \xe9t\xe9</p></body></html>",
             content_type="text/html"),
        dict(url="https://example.org/ok", body=page("Talks Held", english(4))),
    ])
    out = items(arc)
    assert isinstance(out[-1], Document)
    for r in out[:-1]:
        assert isinstance(r, Reject) and r.kind != "ignored" and "\n" not in r.reason
        assert r.reason.startswith("WARC record ")
    assert out[1].kind == "encoding"  # type: ignore[union-attr]


def test_not_a_warc_and_truncated_archives(tmp_path: Path) -> None:
    junk = tmp_path / "junk.warc"
    junk.write_text("this is not an archive\n" * 20)
    (r,) = items(junk)
    assert isinstance(r, Reject) and r.kind == "format" and "not a WARC" in r.reason and "\n" not in r.reason
    good = write_warc(tmp_path / "full.warc.gz", [
        dict(url=f"https://example.org/{i}", body=page(f"Talks Held {i}", english(4 + i))) for i in range(3)])
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size - 40])
    out = items(cut)
    assert isinstance(out[-1], Reject) and out[-1].kind == "format" and "\n" not in out[-1].reason
    assert sum(isinstance(x, Document) for x in out) == 2


def test_voa_pages_read_as_from_json_lines(tmp_path: Path) -> None:
    """Every VOA story as a news page in a WARC gives the text, title, url and date its JSON line gives."""
    jsonl = need(VOA)
    recs = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines() if line.strip()]
    arc = write_warc(tmp_path / "voa.warc.gz", [
        dict(url=r["url"], body=page(r["title"], r["text"], r["published"].replace(" ", "T"))) for r in recs])
    pages, lines = items(arc), items(jsonl)
    assert all(isinstance(d, Document) for d in pages + lines)
    assert len(pages) == len(lines) == len(recs)
    for p, j in zip(pages, lines, strict=True):
        assert isinstance(p, Document) and isinstance(j, Document)
        assert (p.url, p.title, p.published) == (j.url, j.title, j.published)
        assert j.title and p.text == f"{j.title}\n{j.text}"  # the page's heading, then the same text


def test_extraction_in_worker_processes_keeps_order_and_results(tmp_path: Path) -> None:
    from tieline.ingest.warc import MIN_PARALLEL, read_warc

    recs = []
    for i in range(MIN_PARALLEL + 20):
        if i % 7 == 3:
            recs.append(dict(url=f"https://example.org/{i}.css", body="p {}", content_type="text/css"))
        else:
            recs.append(dict(url=f"https://example.org/{i}", body=page(f"Talks Held {i}", english(3 + i % 5) + f" {i}")))
    arc = write_warc(tmp_path / "many.warc.gz", recs)
    serial = list(read_warc(arc, "many", workers=0))
    parallel = list(read_warc(arc, "many", workers=2))
    assert parallel == serial
    assert len(serial) == len(recs) and sum(isinstance(x, Document) for x in serial) > MIN_PARALLEL


def test_a_corrupt_or_cut_member_is_one_reject_after_the_records_before_it(tmp_path: Path) -> None:
    good = write_warc(tmp_path / "full.warc.gz", [
        dict(url=f"https://example.org/{i}", body=page(f"Talks Held {i}", english(4 + i))) for i in range(3)])
    data = good.read_bytes()
    bad = bytearray(data)
    last = data.rindex(b"\x1f\x8b\x08")  # the last record's gzip member: flip a byte mid-way through its
    bad[last + 10 + (len(data) - last - 18) // 2] ^= 0xFF  # deflate data (not its header or trailer)
    corrupt = tmp_path / "corrupt.warc.gz"
    corrupt.write_bytes(bytes(bad))
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) // 2])
    for arc in (corrupt, cut):
        out = items(arc)
        rejects = [x for x in out if isinstance(x, Reject)]
        assert len(rejects) == 1 and rejects[0].kind == "format" and "gzip stream" in rejects[0].reason, out
        assert out[-1] is rejects[0] and all(isinstance(x, Document) for x in out[:-1]) and len(out) > 1


def test_cheap_pages_stay_in_this_process_and_costly_ones_go_to_the_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """By default pages are extracted here while they are cheap (the HTML fast path); once a batch
    of them costs more than SLOW_PAGE_S of CPU each, the rest go to worker processes; the
    documents are the same, in the same order, either way."""
    from tieline.ingest import warc

    recs = [dict(url=f"https://example.org/{i}", body=page(f"Harbour Works {i}", english(3 + i % 4) + f" {i}"))
            for i in range(3 * warc.MIN_PARALLEL + 5)]
    arc = write_warc(tmp_path / "harbour.warc.gz", recs)
    serial = list(warc.read_warc(arc, "harbour", workers=0))
    to_pool: list[int] = []
    real = warc._parallel

    def spy(jobs, n_workers):  # type: ignore[no-untyped-def]
        rest = list(jobs)
        to_pool.append(len(rest))
        return real(iter(rest), n_workers)

    monkeypatch.setattr(warc, "_parallel", spy)
    monkeypatch.setattr(warc, "_workers", lambda workers, path: 1 if workers is None else workers)
    monkeypatch.setattr(warc, "SLOW_PAGE_S", float("inf"))
    assert list(warc.read_warc(arc, "harbour")) == serial and to_pool == [0]  # all read here
    monkeypatch.setattr(warc, "SLOW_PAGE_S", 0.0)
    to_pool.clear()
    assert list(warc.read_warc(arc, "harbour")) == serial
    assert to_pool == [len(recs) - warc.MIN_PARALLEL]  # the first batch here, the rest in the pool


def _chunked(body: bytes) -> bytes:
    return b"".join(f"{len(body[i:i + 64]):x}\r\n".encode() + body[i:i + 64] + b"\r\n"
                    for i in range(0, len(body), 64)) + b"0\r\n\r\n"


def _record(uri: str, block: bytes, kind: str = "response", content_type: str = "application/http; msgtype=response",
            extra: str = "") -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-05-02T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: {content_type}\r\n{extra}Content-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _http(body: bytes, *headers: str) -> bytes:
    return ("HTTP/1.1 200 OK\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n").encode() + body


def test_the_quick_record_reader_gives_what_warcio_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plainly framed records are read without warcio; from the first one that is not (here a
    chunked payload) warcio reads the rest; either way the pages and rejects are the same."""
    import gzip

    from tieline.ingest import warc

    pages = [page(f"Ferry Timetable {i}", english(3 + i) + f" Crossing {i}.").encode() for i in range(5)]
    records = [
        _record("https://ferry.example/0", _http(pages[0], "Content-Type: text/html; charset=utf-8",
                                                "Last-Modified: Tue, 03 Jan 2023 10:00:00 GMT")),
        _record("https://ferry.example/0", b"GET /0 HTTP/1.1\r\nHost: ferry.example\r\n\r\n", "request",
                "application/http; msgtype=request"),
        _record("https://ferry.example/1", pages[1], "resource", "text/html", extra="WARC-Block-Digest: sha1:X\r\n"),
        _record("https://ferry.example/logo.png", _http(b"\x89PNG\r\n\x1a\n", "Content-Type: image/png")),
        _record("https://ferry.example/2", _http(b"gone", "Content-Type: text/html").replace(b"200 OK", b"404 Not Found")),
        _record("https://ferry.example/3", _http(pages[2], "Content-Type: text/html")),
        _record("https://ferry.example/4", _http(_chunked(pages[3]), "Content-Type: text/html", "Transfer-Encoding: chunked")),
        _record("https://ferry.example/5", _http(pages[4], "Content-Type: text/html")),
    ]
    for name, data in (("ferry.warc", b"".join(records)), ("ferry.warc.gz", b"".join(gzip.compress(r) for r in records))):
        arc = tmp_path / name
        arc.write_bytes(data)
        with arc.open("rb") as raw, warc._decompressed(raw) as fh:
            kinds = [type(r).__name__ for r in warc._records(fh)]
        assert kinds == ["_Quick"] * 6 + ["ArcWarcRecord"] * 2  # warcio from the chunked record on
        quick = list(warc.read_warc(arc, "ferry", workers=0))
        with monkeypatch.context() as m:
            m.setattr(warc._Framer, "next", lambda self: (_ for _ in ()).throw(warc._Odd()))
            with arc.open("rb") as raw, warc._decompressed(raw) as fh:
                assert [type(r).__name__ for r in warc._records(fh)] == ["ArcWarcRecord"] * 8
            assert list(warc.read_warc(arc, "ferry", workers=0)) == quick
        docs = [x for x in quick if isinstance(x, Document)]
        assert [d.url for d in docs] == [f"https://ferry.example/{i}" for i in (0, 1, 3, 4, 5)]
        assert docs[0].published == "2023-01-03T10:00:00+00:00" and "Crossing 3." in docs[3].text
        assert [x.kind for x in quick if isinstance(x, Reject)] == ["ignored", "ignored"]
