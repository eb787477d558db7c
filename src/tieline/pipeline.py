"""The per-document pipeline: a list of small components over one :class:`Analysis`.

Like spaCy's ``Language``, a :class:`Pipeline` is built from configuration
(a list of component names, see :data:`DEFAULT_COMPONENTS`); each component is
one class with one job, callable on an :class:`Analysis`, and may offer
``pipe()`` to work on a batch at once.  Components are looked up in
:data:`FACTORIES`; :func:`register` adds or replaces one without touching the rest.

Stage contracts.  Each component names the components whose output it reads
(:data:`REQUIRES`: the actor resolver reads the parse and the times, the quote
extractor the parse...).  A :class:`Pipeline` checks the order when it is built
and refuses one where a component comes before what it needs, naming the
missing stage (:class:`~tieline.errors.PipelineError`); a component that finds an
earlier stage's output missing at run time raises the same error rather than
running that stage itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from tieline.errors import PipelineError
from tieline.records import Analysis, Document


class Component(Protocol):
    name: str

    def __call__(self, analysis: Analysis) -> Analysis: ...


def _parser(**cfg: Any) -> Component:
    from tieline.nlp import Parser

    return Parser(**cfg)


def _dates(**cfg: Any) -> Component:
    from tieline.nlp.dates import TimeTagger

    return TimeTagger(**cfg)


def _actors(**cfg: Any) -> Component:
    from tieline.actors import ActorResolver

    return ActorResolver(**cfg)


def _events(**cfg: Any) -> Component:
    from tieline.events import EventCoder

    return EventCoder(**cfg)


def _quotes(**cfg: Any) -> Component:
    from tieline.quotes import QuoteExtractor

    return QuoteExtractor(**cfg)


FACTORIES: dict[str, Callable[..., Component]] = {
    "nlp": _parser,
    "dates": _dates,
    "actors": _actors,
    "events": _events,
    "quotes": _quotes,
}
# The components each one reads the output of: they must come earlier in the pipeline.
REQUIRES: dict[str, tuple[str, ...]] = {
    "nlp": (),
    "dates": (),
    "actors": ("nlp", "dates"),
    "quotes": ("nlp",),
    "events": ("nlp", "dates", "actors"),
}
# quotes before events: the coder codes a quotation in its speaker's name ("We will retaliate")
DEFAULT_COMPONENTS: tuple[str, ...] = ("nlp", "dates", "actors", "quotes", "events")


def register(name: str, factory: Callable[..., Component], *, requires: Iterable[str] = (),
             replace: bool = False) -> None:
    """Make ``name`` a pipeline component built by ``factory(**config)``, which reads the output of
    the components in ``requires`` (they must come before it).  An existing name is replaced only
    with ``replace=True``.  Pipelines built before keep their components."""
    needs = tuple(requires)
    if not name or not name.isidentifier():
        raise PipelineError(f"a component name is a word (letters, digits, _), not {name!r}")
    if name in FACTORIES and not replace:
        raise PipelineError(f"a component named {name!r} exists; pass replace=True to replace it")
    unknown = [n for n in needs if n not in FACTORIES and n != name]
    if unknown:
        raise PipelineError(f"component {name!r} requires unknown component(s) {unknown}; "
                            f"known: {sorted(FACTORIES)}")
    FACTORIES[name] = factory
    REQUIRES[name] = needs
    for key in [k for k in _PIPELINES if name in k]:
        del _PIPELINES[key]


def unregister(name: str) -> None:
    """Remove a component added with :func:`register` (the built-in ones stay)."""
    if name in _BUILT_IN:
        raise PipelineError(f"{name!r} is a built-in component; register another under its name instead")
    FACTORIES.pop(name, None)
    REQUIRES.pop(name, None)
    for key in [k for k in _PIPELINES if name in k]:
        del _PIPELINES[key]


def check_order(names: Iterable[str]) -> None:
    """Raise :class:`~tieline.errors.PipelineError` unless every component is known and comes after
    the components it requires."""
    names = list(names)
    unknown = [n for n in names if n not in FACTORIES]
    if unknown:
        raise PipelineError(f"unknown pipeline component(s) {unknown}; known: {sorted(FACTORIES)}")
    for i, name in enumerate(names):
        missing = [r for r in REQUIRES.get(name, ()) if r not in names[:i]]
        if missing:
            have = ", ".join(names) or "none"
            raise PipelineError(f"component {name!r} needs the output of {', '.join(map(repr, missing))}, "
                                f"which must run before it (pipeline: {have})")


class Pipeline:
    """Runs the components in order over documents, in batches."""

    def __init__(self, components: Iterable[str] = DEFAULT_COMPONENTS,
                 config: dict[str, dict[str, Any]] | None = None) -> None:
        config = config or {}
        self.names = list(components)
        check_order(self.names)
        self.components: list[Component] = [FACTORIES[n](**config.get(n, {})) for n in self.names]

    def __call__(self, doc: Document) -> Analysis:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Analysis]:
        stream: Iterable[Analysis] = (Analysis(d) for d in docs)
        for comp in self.components:
            stream = _apply(comp, stream)
        for analysis in stream:
            analysis.spacy_doc = None  # the parse stays in the process; records travel
            yield analysis


def _apply(comp: Component, stream: Iterable[Analysis]) -> Iterator[Analysis]:
    pipe = getattr(comp, "pipe", None)
    if pipe is not None:
        yield from pipe(stream)
    else:
        for a in stream:
            yield comp(a)


def analyze(text: str, published: str | None = None, doc_id: str = "doc",
            components: Iterable[str] = DEFAULT_COMPONENTS) -> Analysis:
    """Run the pipeline on one text; keeps the spaCy doc (handy in tests and notebooks)."""
    pipeline = _cached(tuple(components))
    analysis = Analysis(Document(doc_id, text, published=published))
    for comp in pipeline.components:
        analysis = comp(analysis)
    return analysis


_PIPELINES: dict[tuple[str, ...], Pipeline] = {}


def _cached(names: tuple[str, ...]) -> Pipeline:
    if names not in _PIPELINES:
        _PIPELINES[names] = Pipeline(names)
    return _PIPELINES[names]


_BUILT_IN = frozenset(FACTORIES)
