"""Counts in words for people: "1 story", "2 stories", "1 source"."""

from __future__ import annotations


def plural(word: str) -> str:
    """The English plural of a regular noun: story -> stories, entry -> entries, source -> sources."""
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def count(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word`` in the number it takes: ``count(1, "story")`` is "1 story"."""
    return f"{n} {word if n == 1 else (many or plural(word))}"
