"""Amounts in a sentence: money with its currency and scale, and counts with their noun.

Money is read from the text with one precompiled expression built from ``data/currencies.yaml``:
``$4.2 billion`` -> 4200000000 USD, ``€2 million`` -> 2000000 EUR, ``1.2 trillion rubles`` ->
1.2e12 RUB, ``$300m`` -> 300000000 USD, ``5 billion tenge`` -> 5e9 KZT, ``US$40`` and ``EUR 300``.
Counts come from the parse: a number that modifies a noun ("300 new armored
vehicles" -> 300 vehicles, "2 million people" -> 2000000 people); the unit is the noun as
written.  Percentages, years, ages, durations and measures are not amounts, nor are definite
phrases ("the two leaders").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tieline.records import Amount

__all__ = ["find_amounts", "find_money", "is_money", "parse_number"]

_DEFINITE = frozenset({"the", "these", "those", "both", "this", "that", "its", "his", "her", "their", "our",
                       "my", "your", "each", "every", "first", "last"})
_COUNT_POS = frozenset({"NOUN"})


@dataclass(frozen=True, slots=True)
class _Tables:
    money: re.Pattern[str]
    symbols: dict[str, str]
    words: dict[str, str]
    dollar_adjectives: dict[str, str]
    codes: frozenset[str]
    scales: dict[str, float]
    number_words: dict[str, int]
    not_count: frozenset[str]


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = yaml.safe_load((Path(__file__).parent / "data" / "currencies.yaml").read_text(encoding="utf-8"))
    symbols = {str(k): str(v) for k, v in data["symbols"].items()}
    words = {str(k).lower(): str(v) for k, v in data["words"].items()}
    adjs = {str(k).lower(): str(v) for k, v in data["dollar_adjectives"].items()}
    codes = frozenset(str(c) for c in data["codes"])
    scales = {str(k).lower(): float(v) for k, v in data["scales"].items()}
    numbers = {str(k).lower(): int(v) for k, v in data["number_words"].items()}
    long_scales = [s for s in scales if len(s) > 1]
    num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    scale = (rf"(?:\s*-?\s*(?P<{{p}}scale>(?i:{_alt(long_scales)}))\b"
             rf"|(?P<{{p}}suffix>(?i:{_alt(list(scales))}))\b)?")
    word_num = _alt(list(numbers))
    pattern = "|".join([
        # $4.2 billion, €2 million, US$40, $300m
        rf"(?P<a>(?<![\w$])(?P<a_sym>{_alt(list(symbols))})\s?(?P<a_num>{num}){scale.format(p='a_')}"
        rf"(?:\s+(?P<a_code>{_alt(sorted(codes))})\b)?)",
        # 1.2 trillion rubles, 5 billion tenge, 30 million Canadian dollars, 5bn USD
        rf"(?P<b>(?<![\w.,$€£¥])(?P<b_num>{num}|(?i:{word_num})){scale.format(p='b_')}\s+"
        rf"(?:(?P<b_adj>(?i:{_alt(list(adjs))}))\s+)?(?P<b_word>(?i:{_alt(list(words))})|{_alt(sorted(codes))})\b)",
        # EUR 300 million
        rf"(?P<c>(?<!\w)(?P<c_code>{_alt(sorted(codes))})\s?(?P<c_num>{num}){scale.format(p='c_')})",
    ])
    return _Tables(re.compile(pattern), symbols, words, adjs, codes, scales, numbers,
                   frozenset(str(w).lower() for w in data["not_count_nouns"]))


def parse_number(text: str) -> float | None:
    """A number written with digits ("1,200", "7.5") or as a word ("five", "dozen")."""
    t = text.strip().lower().replace(",", "")
    try:
        return float(t)
    except ValueError:
        n = _tables().number_words.get(t)
        return float(n) if n is not None else None


def _scale(m: re.Match[str], p: str, tables: _Tables) -> float:
    s = m.group(f"{p}scale") or m.group(f"{p}suffix")
    return tables.scales.get(s.lower(), 1.0) if s else 1.0


def find_money(text: str, offset: int = 0) -> list[tuple[Amount, int, int]]:
    """Money in ``text``: (amount, start, end) with offsets shifted by ``offset``."""
    tables = _tables()
    out: list[tuple[Amount, int, int]] = []
    for m in tables.money.finditer(text):
        if m.group("a"):
            value, unit = parse_number(m.group("a_num")), tables.symbols[m.group("a_sym")]
            if m.group("a_code"):
                unit = m.group("a_code")
            p = "a_"
        elif m.group("b"):
            value = parse_number(m.group("b_num"))
            word = m.group("b_word")
            unit = word if word in tables.codes else tables.words[word.lower()]
            adj = m.group("b_adj")
            if adj and unit == "USD":
                unit = tables.dollar_adjectives.get(adj.lower(), unit)
            p = "b_"
        else:
            value, unit, p = parse_number(m.group("c_num")), m.group("c_code"), "c_"
        if value is None:
            continue
        value *= _scale(m, p, tables)
        out.append((Amount(value=float(round(value, 6)), unit=unit, text=m.group(0).strip()),
                    offset + m.start(), offset + m.end()))
    return out


def is_money(amount: Amount) -> bool:
    """Whether an amount is money (its unit is a currency code) rather than a count."""
    t = _tables()
    return amount.unit in t.codes or amount.unit in t.symbols.values() or amount.unit in t.words.values()


def _is_year(tok: Any) -> bool:
    t = tok.text
    return len(t) == 4 and t.isdigit() and 1800 <= int(t) <= 2100


def _count(tok: Any, tables: _Tables) -> tuple[float, Any] | None:
    """(value, number token that starts it) when ``tok`` is the numeral of a count."""
    if tok.dep_ != "nummod" or tok.pos_ != "NUM" or tok.head.pos_ not in _COUNT_POS:
        return None
    noun = tok.head
    if noun.lower_ in tables.not_count or noun.lemma_.lower() in tables.not_count:
        return None
    if noun.lower_ in tables.words or noun.lemma_.lower() in tables.words:
        return None
    if any(ch.dep_ in ("det", "poss") and ch.lower_ in _DEFINITE for ch in noun.children):
        return None
    if _is_year(tok):
        return None
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.text in ("%", "-") or tok.text.endswith("%"):
        return None
    value = parse_number(tok.text)
    first = tok
    if value is not None and tok.lower_ in tables.scales:
        value = None
    if tok.lower_ in tables.scales:  # "2 million people": the number hangs off "million"
        parts = [ch for ch in tok.children if ch.dep_ in ("compound", "quantmod", "nummod") and ch.like_num]
        base = parse_number(parts[0].text) if parts else 1.0
        if base is None:
            return None
        value = base * tables.scales[tok.lower_]
        first = parts[0] if parts else tok
    else:
        for ch in tok.children:
            if ch.dep_ in ("compound", "quantmod") and ch.lower_ in tables.scales and value is not None:
                value *= tables.scales[ch.lower_]
    if value is None or value <= 0:
        return None
    return value, first


def find_amounts(span: Any, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[Amount, int]]:
    """Money and counts in a spaCy span, each with the index of a token it belongs to.

    ``skip`` holds character ranges (time expressions) that are never amounts.
    """
    tables = _tables()
    doc = span.doc
    found: list[tuple[Amount, int]] = []
    taken: list[tuple[int, int]] = list(skip)
    for amount, start, end in find_money(span.text, span.start_char):
        if any(s < end and start < e for s, e in skip):
            continue
        tok = doc.char_span(start, end, alignment_mode="expand")
        root = tok.root.i if tok is not None and len(tok) else span.start
        found.append((amount, root))
        taken.append((start, end))
    for tok in span:
        if tok.dep_ != "nummod":
            continue
        if any(s <= tok.idx < e for s, e in taken):
            continue
        got = _count(tok, tables)
        if got is None:
            continue
        value, first = got
        noun = tok.head
        text = doc[first.i:noun.i + 1].text  # a span: doc.text would rebuild the whole text
        found.append((Amount(value=float(value), unit=noun.lower_, text=text), noun.i))
    found.sort(key=lambda a: a[1])
    return found
