from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import english

from tieline.ingest import parse_published, read_inputs
from tieline.records import Document, Reject


def items(*paths: Path, **kw: object) -> list[Document | Reject]:
    return list(read_inputs([str(p) for p in paths], **kw))  # type: ignore[arg-type]


def one_doc(path: Path) -> Document:
    out = items(path)
    assert len(out) == 1 and isinstance(out[0], Document), out
    return out[0]


def one_reject(path: Path, kind: str) -> Reject:
    out = items(path)
    assert len(out) == 1 and isinstance(out[0], Reject), out
    assert out[0].kind == kind, out[0]
    assert out[0].reason and "\n" not in out[0].reason
    return out[0]


def test_txt_title_and_headers(tmp_path: Path) -> None:
    p = tmp_path / "a" / "talks.txt"
    p.parent.mkdir()
    p.write_text(f"Leaders Meet\nPublished: 2019-06-25\nSource: Wire\nURL: https://example.org/x\n\n{english()}")
    d = one_doc(p)
    assert (d.title, d.published, d.source, d.url) == ("Leaders Meet", "2019-06-25", "Wire", "https://example.org/x")
    assert d.id == "talks" and d.format == "txt"
    assert d.text.startswith("Leaders Meet\n\n") and "Published:" not in d.text


def test_txt_plain_first_line_is_title(tmp_path: Path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text("A Title\n" + english())
    d = one_doc(p)
    assert d.title == "A Title" and d.published is None and d.text.startswith("A Title\n")


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    body = "".join(f"<p>{english(1)}</p>" for _ in range(4))
    p.write_text(f"""<html><head><title>Talks in the Capital</title>
<meta property="article:published_time" content="2023-02-28">
<meta property="og:site_name" content="Example Site">
<link rel="canonical" href="https://example.org/talks"></head>
<body><nav>Home | World | Sports</nav><article><h1>Talks in the Capital</h1>{body}</article>
<footer>Copyright Example Site</footer></body></html>""")
    d = one_doc(p)
    assert d.title == "Talks in the Capital"
    assert d.published == "2023-02-28"
    assert d.url == "https://example.org/talks"
    assert "foreign minister" in d.text and "Copyright" not in d.text and "Sports" not in d.text


def test_broken_html_still_reads_or_rejects_cleanly(tmp_path: Path) -> None:
    p = tmp_path / "broken.html"
    p.write_text("<html><body><div><p>" + english(3) + "<p><b>unclosed <i>tags </div>")
    out = items(p)
    assert len(out) == 1
    assert isinstance(out[0], Document) and "foreign minister" in out[0].text


def test_json_object_and_list(tmp_path: Path) -> None:
    rec = {"id": "x1", "title": "T", "text": english(), "published": "2018-01-16", "url": "u", "source": "s"}
    (tmp_path / "one.json").write_text(json.dumps(rec))
    (tmp_path / "many.json").write_text(json.dumps([{**rec, "id": "x2"}, {**rec, "id": None}]))
    docs = items(tmp_path)
    assert [d.id for d in docs] == ["x2", "many/2", "x1"]
    assert all(isinstance(d, Document) and d.published == "2018-01-16" for d in docs)


def test_jsonl_broken_line_is_rejected_and_the_rest_read(tmp_path: Path) -> None:
    good = json.dumps({"id": "g1", "title": "T", "text": english()})
    p = tmp_path / "feed.jsonl"
    p.write_text(f"{good}\n{{not json\n\n" + json.dumps({"id": "g2", "text": english()}) + "\n")
    out = items(p)
    assert [type(x).__name__ for x in out] == ["Document", "Reject", "Document"]
    bad = out[1]
    assert isinstance(bad, Reject) and bad.kind == "json" and "line 2" in bad.reason


def test_folder_is_recursive_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("Deep\n" + english())
    (tmp_path / ".hidden.txt").write_text("Hidden\n" + english())
    docs = items(tmp_path)
    assert [d.id for d in docs] == ["a/b/deep"]


def test_stdin(monkeypatch: object, tmp_path: Path) -> None:
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(("From Stdin\n" + english()).encode())

    monkeypatch.setattr(sys, "stdin", Stdin)  # type: ignore[attr-defined]
    out = list(read_inputs(["-"]))
    assert isinstance(out[0], Document) and out[0].title == "From Stdin" and out[0].id.startswith("stdin-")


def test_binary(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    assert "binary" in one_reject(p, "binary").reason


def test_empty(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    one_reject(tmp_path / "empty.txt", "empty")
    (tmp_path / "blank.txt").write_text("\n\n   \n")
    one_reject(tmp_path / "blank.txt", "empty")


def test_too_large(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:  # sparse: 21 MB on paper, nothing read
        f.truncate(21 * 1024 * 1024)
    r = one_reject(p, "too-large")
    assert "20 MB" in r.reason


def test_undecodable(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes(("Caf\u00e9 talks\n" + english()).encode("cp1252"))
    r = one_reject(p, "encoding")
    assert "UTF-8" in r.reason and "--encoding" in r.reason
    docs = list(read_inputs([str(p)], encoding="cp1252"))
    assert isinstance(docs[0], Document) and docs[0].title == "Caf\u00e9 talks"


def test_utf16_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes(("Title\n" + english()).encode("utf-16"))
    assert one_doc(p).title == "Title"


def test_unparsable_date_keeps_the_article_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    p.write_text(json.dumps({"id": "d1", "text": english(), "published": "the day after tomorrow-ish"}) + "\n"
                 + json.dumps({"id": "d2", "text": "Other\n" + english(), "published": "2018-13-45"}) + "\n")
    got = items(p)
    assert [type(x).__name__ for x in got] == ["Reject", "Document", "Reject", "Document"]
    for warning, doc in (got[0:2], got[2:4]):
        assert warning.kind == "warning" and "publication date" in warning.reason and warning.doc_id == doc.id
        assert doc.published is None
    assert "'2018-13-45'" in got[2].reason


def test_unparsable_published_line_in_a_txt_is_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text("A title\nPublished: sometime last spring\n\n" + english())
    warning, doc = items(p)
    assert isinstance(warning, Reject) and warning.kind == "warning" and "sometime last spring" in warning.reason
    assert isinstance(doc, Document) and doc.published is None and doc.title == "A title"


def test_non_english(tmp_path: Path) -> None:
    p = tmp_path / "es.txt"
    p.write_text("Reunión\n" + "El ministro de asuntos exteriores dijo el martes que los dos países celebrarán "
                 "conversaciones en la capital el próximo mes y que el gobierno está dispuesto a discutir "
                 "el comercio y la seguridad con sus vecinos. " * 3)
    assert "not English" in one_reject(p, "language").reason
    p2 = tmp_path / "ru.txt"
    p2.write_text("Переговоры\n" + "Министр иностранных дел заявил во вторник, что страны проведут переговоры. " * 5)
    one_reject(p2, "language")
    assert isinstance(list(read_inputs([str(p)], check_language=False))[0], Document)


def test_unsupported_and_missing(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    out = items(tmp_path)  # in a folder: ignored (a README or image beside the articles is normal)
    assert isinstance(out[0], Reject) and out[0].kind == "ignored"
    out = items(tmp_path / "notes.docx")  # named explicitly: rejected
    assert isinstance(out[0], Reject) and out[0].kind == "format"
    out = items(tmp_path / "nope")
    assert isinstance(out[0], Reject) and "no such file" in out[0].reason


def test_parse_published_forms() -> None:
    assert parse_published("2018-01-16") == "2018-01-16"
    assert parse_published("2025-03-10 14:02:00Z") == "2025-03-10T14:02:00+00:00"
    assert parse_published("Tue, 16 Jan 2018 10:00:00 GMT").startswith("2018-01-16T10:00")
    assert parse_published("January 16, 2018") == "2018-01-16"
    assert parse_published(None) is None and parse_published("") is None


def test_jsonl_is_streamed_record_by_record(tmp_path: Path) -> None:
    """A feed larger than --max-size is read line by line; the limit applies to each record."""
    from tieline.ingest.readers import read_path

    body = "The foreign minister said the two countries would hold talks next month on trade. " * 40
    p = tmp_path / "big.jsonl"
    with p.open("w", encoding="utf-8") as fh:
        for i in range(50):
            fh.write(json.dumps({"id": f"a{i}", "title": "T\u2028x", "text": body + str(i)}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": body * 40}) + "\n")
    items = list(read_path(p, max_bytes=64 * 1024))
    docs = [i for i in items if not isinstance(i, Reject)]
    assert len(docs) == 50 and docs[0].title == "T\u2028x"
    (big,) = [i for i in items if isinstance(i, Reject)]
    assert big.kind == "too-large" and big.path.endswith(":51")


def test_jsonl_decode_error_keeps_the_lines_before(tmp_path: Path) -> None:
    from tieline.ingest.readers import read_path

    good = json.dumps({"id": "ok", "text": "The president met the prime minister in the capital on Monday. " * 8})
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(good.encode() + b"\n" + b'{"id": "bad", "text": "caf\xe9"}\n')
    items = list(read_path(p))
    assert [i.id for i in items if not isinstance(i, Reject)] == ["ok"]
    assert [i.kind for i in items if isinstance(i, Reject)] == ["encoding"]


def test_txt_headers_may_come_before_the_title(tmp_path: Path) -> None:
    p = tmp_path / "first.txt"
    p.write_text(f"Published: 2021-03-04\nSource: Wire\n\nHarbor Talks Resume\n\n{english()}")
    d = one_doc(p)
    assert (d.title, d.published, d.source) == ("Harbor Talks Resume", "2021-03-04", "Wire")
    assert d.text.startswith("Harbor Talks Resume\n\n") and "Published:" not in d.text
    (tmp_path / "only.txt").write_text("Published: 2021-03-04\n\n")
    assert "header" in one_reject(tmp_path / "only.txt", "empty").reason


def test_a_dangling_symlink_is_a_reject_not_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("A Title\n" + english())
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    out = items(folder)
    links = [r for r in out if isinstance(r, Reject)]
    assert len(links) == 1 and links[0].kind == "link" and "broken link" in links[0].reason
    assert links[0].path.endswith("gone.txt")
    assert [d.id for d in out if isinstance(d, Document)] == ["good"]
    assert "broken link" in one_reject(folder / "gone.txt", "link").reason  # named explicitly too


def test_a_folder_without_articles_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    r = one_reject(tmp_path / "empty", "empty")
    assert r.reason.startswith(f"no articles found in {tmp_path / 'empty'}")
