"""Ingest: read articles from files, folders or stdin into :class:`~tieline.records.Document`.

Formats: ``.txt`` (first line = title, optional ``Published:``/``Source:``/``URL:``
header lines), ``.html`` (main text and metadata by trafilatura), ``.json`` (one
object or a list), ``.jsonl`` and ``.parquet`` (fields ``id``, ``title``, ``text``,
``published``, ``url``, ``source``), ``.warc``/``.warc.gz`` web archives (their HTML pages,
:mod:`tieline.ingest.warc`), ``.rss``/``.atom``/``.xml`` feeds (their items,
:mod:`tieline.ingest.feeds`), and ``-`` for stdin.  Bad input becomes a
:class:`~tieline.records.Reject` with a one-line reason; nothing raises.
"""

from tieline.ingest.checks import MAX_BYTES, MAX_ID_CHARS, InputError, parse_published
from tieline.ingest.readers import IGNORED, SUPPORTED, WARNING, read_inputs, read_path, read_text

__all__ = ["IGNORED", "MAX_BYTES", "MAX_ID_CHARS", "SUPPORTED", "WARNING", "InputError", "parse_published", "read_inputs", "read_path",
           "read_text"]
