"""Checks that keep bad input out of the store, each with a one-line reason."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

from tieline.errors import InputError as InputError  # re-export: its old home

MAX_BYTES = 20 * 1024 * 1024
MAX_ID_CHARS = 300  # longer ids are rejected at ingest: the web app's addresses take ids up to this long
MIN_WORDS_FOR_LANGUAGE = 30
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))  # looks_binary deletes these



def check_size(n_bytes: int, limit: int = MAX_BYTES) -> None:
    if n_bytes == 0:
        raise InputError("empty", "empty file")
    if n_bytes > limit:
        raise InputError("too-large", f"file is {n_bytes / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit "
                                      "(split it, or raise --max-size)")


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM: NULs are expected
        return False
    if b"\x00" in head:
        return True
    control = len(head.translate(None, _NOT_CONTROL))  # the control bytes left (C speed, not a loop)
    return bool(head) and control / len(head) > 0.05


def decode(data: bytes, encoding: str | None = None) -> str:
    """Bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, or a named encoding."""
    if looks_binary(data):
        raise InputError("binary", "binary file, not text")
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError("encoding", f"cannot decode as {encoding}: {exc}") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "encoding",
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "give --encoding (e.g. cp1252) or convert the file to UTF-8",
        ) from exc


def check_text(text: str) -> str:
    if not text.strip():
        raise InputError("empty", "no text")
    return text


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    raw = resources.files("tieline.ingest").joinpath("data/english_function_words.txt").read_text("utf-8")
    return frozenset(w for line in raw.splitlines() if not line.startswith("#") for w in line.split())


def english_score(text: str, sample: int = 4000) -> tuple[float, int]:
    """(share of words that are English function words, number of words) over a sample."""
    words = _WORD.findall(text[:sample])
    if not words:
        return 0.0, 0
    fw = _function_words()
    hits = sum(1 for w in words if w.lower() in fw)
    return hits / len(words), len(words)


def check_english(text: str) -> None:
    letters = [c for c in text[:4000] if c.isalpha()]
    if letters and sum(1 for c in letters if c.isascii()) / len(letters) < 0.5:
        raise InputError("language", "not English (mostly non-Latin script); tieline analyses English text")
    score, n = english_score(text)
    if n >= MIN_WORDS_FOR_LANGUAGE and score < 0.12:
        raise InputError("language", f"not English (only {score:.0%} English function words); "
                                     "tieline analyses English text")


def parse_published(value: object) -> str | None:
    """A publication date as ISO-8601 (date, or datetime when a time is given); None if absent.

    Raises InputError(kind="date") when a value is present but cannot be read.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        try:
            return date.fromisoformat(s).isoformat()
        except ValueError as exc:
            raise InputError("date", f"unparsable publication date {s!r}: {exc}") from exc
    try:
        return datetime.fromisoformat(s.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", s) else s
                                      ).isoformat()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(s).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if re.search(r"[A-Za-z]{3,}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,}\.? \d{4}", s):
        import dateparser

        d = dateparser.parse(s, languages=["en"], settings={"STRICT_PARSING": True})
        if d is not None:
            return d.date().isoformat() if (d.hour, d.minute, d.second) == (0, 0, 0) else d.isoformat()
    raise InputError("date", f"unparsable publication date {s!r} (use ISO-8601, e.g. 2018-01-16)")
