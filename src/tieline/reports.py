"""What a run did (:class:`RunReport`): shared by the API, the ingest step and the engines, so it sits
below all of them and each imports it from here."""

from __future__ import annotations

from dataclasses import dataclass, field

from tieline.records import Reject
from tieline.words import count

__all__ = ["RunReport"]


@dataclass
class RunReport:
    """What a run did: counts and the rejects, for the CLI's summary and exit status."""

    stored: int = 0
    changed: int = 0
    skipped: int = 0
    analyzed: int = 0
    failed: int = 0
    stories: int = 0
    ignored: int = 0
    retried: int = 0  # documents that had failed for a reason of the machine (no model), analysed again
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[Reject] = field(default_factory=list)  # stored all the same, a field dropped

    @property
    def ok(self) -> bool:
        return not self.rejects and not self.failed

    def summary(self) -> str:
        parts = [f"{self.stored} new", f"{self.changed} changed", f"{self.skipped} already stored",
                 f"{self.analyzed} analysed", f"{len(self.rejects)} rejected"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.retried:
            parts.append(f"{self.retried} earlier failures retried")
        if self.warnings:
            parts.append(f"{len(self.warnings)} with warnings")
        if self.ignored:
            parts.append(f"{self.ignored} non-article files ignored")
        if self.stories:
            parts.append(count(self.stories, "story"))
        return ", ".join(parts)
