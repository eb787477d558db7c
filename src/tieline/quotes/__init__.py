"""Quotes: what leaders said in their own words, and who said it (the ``quotes`` stage)."""

from tieline.quotes.extractor import Cues, QuoteExtractor, QuoteSpan, find_quote_spans, link_events, load_cues

__all__ = ["Cues", "QuoteExtractor", "QuoteSpan", "find_quote_spans", "link_events", "load_cues"]
