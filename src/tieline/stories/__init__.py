"""Stories: event mentions of one real happening, across sentences and sources."""

from tieline.stories.linker import StoryLinker, compatible, summarize

__all__ = ["StoryLinker", "compatible", "summarize"]
