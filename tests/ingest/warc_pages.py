"""Build small WARC archives for the tests (warcio's writer)."""

from __future__ import annotations

import html
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(title: str, text: str, published: str | None = None) -> str:
    """A simple news page: title, optional published meta, paragraphs in an <article>."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>{meta}"
            f"</head><body><nav><a href=\"/\">Home</a></nav><article><h1>{html.escape(title)}</h1>{paras}"
            "</article><footer>Contact us</footer></body></html>")


def write_warc(path: Path, records: list[dict], gzip: bool = True) -> Path:
    """records: {url, body (str|bytes), content_type?, status?, warc_date?, last_modified?, type?}."""
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        for r in records:
            body = r["body"].encode("utf-8") if isinstance(r["body"], str) else r["body"]
            headers = [("Content-Type", r.get("content_type", "text/html; charset=utf-8"))]
            if r.get("last_modified"):
                headers.append(("Last-Modified", r["last_modified"]))
            rec_type = r.get("type", "response")
            http = StatusAndHeaders(r.get("status", "200 OK"), headers, protocol="HTTP/1.1") \
                if rec_type == "response" else None
            rec = w.create_warc_record(r["url"], rec_type, payload=io.BytesIO(body), http_headers=http,
                                       warc_content_type=None if http else r.get("content_type", "text/html"),
                                       warc_headers_dict={"WARC-Date": r.get("warc_date", "2024-05-02T10:00:00Z")})
            w.write_record(rec)
    return path
