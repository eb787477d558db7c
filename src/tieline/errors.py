"""The errors tieline raises on purpose, under one base, :class:`TielineError`.

Every one carries ``message``: the one line a person is shown (the CLI prints it, the web API
answers with it).  Catch :class:`TielineError` for "a problem tieline explained"; anything else is a
bug.  Each keeps the built-in base it had before (``BadParam`` is still a ``ValueError``...), so
older ``except`` clauses still catch it, and each is importable from where it was defined before
(``tieline.api.BadParam``, ``tieline.store.StoreError``, ``tieline.ingest.InputError``...).

    TielineError
    ├── InputError          an input that cannot be stored (``kind`` names the problem)
    │   └── ParquetLayoutError  a folder that is not a finished Parquet output
    ├── BadParam            a parameter value that cannot be used (HTTP 400, CLI exit 2)
    ├── NotFound            a well-formed id that names nothing (HTTP 404)
    ├── StoreError          the store cannot be opened, read or written
    │   └── Busy            every pooled connection stayed in use (HTTP 503)
    ├── PipelineError       components in an order where one lacks an earlier stage's output
    └── SetupError          this machine cannot run the job: a missing language model, no Java...
        ├── ModelNotInstalled
        └── SparkEngineError
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BadParam", "Busy", "InputError", "ModelNotInstalled", "NotFound", "ParquetLayoutError", "PipelineError",
    "SetupError",
    "SparkEngineError", "StoreError", "TielineError",
]


class TielineError(Exception):
    """The base of tieline's own errors; ``message`` is the line shown to a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def _init_args(self) -> tuple[Any, ...]:
        """The arguments that build this error again (an error crosses to the parent process from
        a worker by pickling)."""
        return (self.message,)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), self._init_args()


class InputError(TielineError):
    """An input that cannot be stored; ``kind`` names the class of problem ("empty", "too-large",
    "html"...) and ``reason`` says what is wrong with it."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason

    def _init_args(self) -> tuple[Any, ...]:
        return self.kind, self.reason


class ParquetLayoutError(InputError, ValueError):
    """A folder that is not (or not yet) a finished tieline Parquet output."""

    def __init__(self, reason: str) -> None:
        super().__init__("parquet-layout", reason)

    def _init_args(self) -> tuple[Any, ...]:
        return (self.reason,)


class BadParam(TielineError, ValueError):
    """A parameter value that cannot be used: the web API answers 400, the CLI exits 2.  ``message``
    names the parameter ("start: '2025-13' is not a calendar date"); ``reason`` is the same without it."""

    def __init__(self, param: str, reason: str) -> None:
        super().__init__(f"{param}: {reason}")
        self.param = param
        self.reason = reason

    def _init_args(self) -> tuple[Any, ...]:
        return self.param, self.reason


class NotFound(TielineError, LookupError):
    """A well-formed id that names nothing in the store."""

    def __init__(self, what: str, ident: str) -> None:
        super().__init__(f"no {what} with id {ident!r}")
        self.what = what
        self.ident = ident

    def _init_args(self) -> tuple[Any, ...]:
        return self.what, self.ident


class StoreError(TielineError, RuntimeError):
    """The store cannot be opened, read or written (missing file, unreachable server, newer schema)."""


class Busy(StoreError):
    """Every pooled store connection stayed in use for the whole wait."""


class PipelineError(TielineError, ValueError):
    """A pipeline that cannot run as given: an unknown component, or one placed before a stage whose
    output it reads (the message names that stage)."""

    @classmethod
    def missing(cls, stage: str, by: str, doc_id: str) -> PipelineError:
        """The error a component raises when an earlier stage's output is missing, instead of
        running that stage itself."""
        return cls(f"component {by!r} needs the output of {stage!r}, which has not run on document "
                   f"{doc_id!r}: put {stage!r} before {by!r} in the pipeline")


class SetupError(TielineError, RuntimeError):
    """This machine cannot run the job as asked: fixed by installing or configuring, not by other input."""


class ModelNotInstalled(SetupError):
    """The spaCy language model is not installed (or cannot be loaded)."""


class SparkEngineError(SetupError):
    """Spark cannot run here (no Java, no pyspark) or the output folder is unusable."""
