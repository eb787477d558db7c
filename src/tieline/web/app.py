"""The app factory: ``create_app("tieline.duckdb")`` → a FastAPI app over a read-only store.

Safe by default: the store is opened read-only; every response carries a Content-Security-Policy
that forbids inline script and framing, ``X-Content-Type-Options: nosniff`` and friends; bad
parameters get a 400 with a JSON body that says what was wrong; an unexpected error gets a generic
500 (the traceback goes to the log, never to the client).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tieline.cache import timeline_cache
from tieline.errors import BadParam, NotFound
from tieline.events.quads import quads
from tieline.web import api, docs, pages, plots
from tieline.web.cache import ResponseCache, Scoped, TTLCache
from tieline.web.pool import Busy, StorePool

log = logging.getLogger("tieline.web")

WARM_DYADS = 8  # the busiest country pairs whose timelines a server process makes before it takes requests
WARM_SECONDS = 10.0  # ... within this long (a pair under way is finished)
WARM_STORIES = 5_000  # ... of at most this many stories each (a bigger one is made when asked for)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class SecurityHeaders:
    """Pure ASGI middleware: the security headers on every response, whatever produced it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, param: str | None = None) -> Response:
    if _wants_json(request):
        response: Response = JSONResponse({"error": {"status": status, "message": message, "param": param}},
                                          status_code=status)
    else:
        response = pages.error_page(request, status, message)
    response.headers.update(SECURITY_HEADERS)  # a 500 is sent from outside the middleware stack
    return response


def _validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    parts, param = [], None
    for err in exc.errors()[:5]:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        name = ".".join(loc) or "request"
        param = param or name
        parts.append(f"{name}: {err.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request", param


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(BadParam)
    async def bad_param(request: Request, exc: BadParam) -> Response:
        return _error(request, 400, exc.message, exc.param)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        message, param = _validation_message(exc)
        return _error(request, 400, message, param)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path[:200]}"
        response = _error(request, exc.status_code, message)
        response.headers.update(exc.headers or {})  # a 405's Allow: the methods the address takes
        return response

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> Response:
        log.warning("store busy: %s", exc)
        return _error(request, 503, "the store is busy; try again in a moment")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error answering %s %s", request.method, request.url.path)
        return _error(request, 500, "internal error (details are in the server log)")


def create_app(db: str | Path, *, pool_size: int = 4, allowed_hosts: Sequence[str] | None = None,
               response_cache: int = 512, warm_dyads: int = WARM_DYADS) -> FastAPI:
    """The web app over the store at ``db`` (a DuckDB file or a PostgreSQL URL), opened read-only.

    ``allowed_hosts`` (e.g. ``["127.0.0.1", "localhost"]``) rejects requests for other host names,
    which stops DNS-rebinding pages from reading a server bound to loopback.  ``response_cache``
    answers of ``/api`` requests are kept and replayed until the store's generation changes
    (:class:`tieline.web.cache.ResponseCache`; 0 keeps none).  Before it takes requests, the app
    makes the timelines of the ``warm_dyads`` busiest country pairs (:func:`warm_up`; 0: none).
    Raises :class:`tieline.store.StoreError` when the store cannot be opened.
    """
    pool = StorePool(str(db), size=pool_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(warm_up, pool, app.state.timeline_cache, warm_dyads)
        yield
        pool.close()

    app = FastAPI(title="tieline", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Read-only access to a tieline store: timelines of the ties between countries, "
                              "stories with their sources and conflicts, actors, quotes, full-text search, "
                              "and the articles with what was extracted from them.")
    app.state.pool = pool
    # a timeline serves every page and filter of it, for as long as the store's generation holds
    app.state.timeline_cache = timeline_cache(size=64, ttl=3600.0)
    _install_errors(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(plots.router)
    static = Path(str(resources.files("tieline.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/quads.css", include_in_schema=False)
    def quads_css() -> Response:
        """The PLOVER quad colours as CSS classes (``quad-verbal_cooperation``), from the quads data."""
        rules = [f".quad-{q.key} {{ --quad: {q.colour}; }}" for q in quads()]
        return Response("\n".join(rules) + "\n", media_type="text/css")

    @app.get("/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        """Interactive API documentation from the OpenAPI schema, under the app's CSP (see tieline.web.docs)."""
        spec = app.openapi()
        info = spec.get("info", {})
        return pages.render(request, "docs.html", ops=docs.operations(spec), title=info.get("title", "tieline"),
                            version=info.get("version", ""), description=info.get("description", ""),
                            openapi=spec.get("openapi", ""))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    if response_cache:
        app.add_middleware(ResponseCache, generation=pool.generation, size=response_cache)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)  # added last: outermost, so even a rejected host gets the headers
    return app


def warm_up(pool: StorePool, cache: TTLCache | None = None, dyads: int = WARM_DYADS,
            seconds: float = WARM_SECONDS) -> None:
    """Pay a server process's one-off costs before it takes requests, not during its first ones:
    what the read path imports on first use (the actor registry, the standing groups: then frozen
    out of the garbage collector's way, :func:`gc.freeze`), the first
    query with parameters (DuckDB's Python binding imports pandas then: about a second), and, with
    a ``cache``, the whole timelines of the ``dyads`` busiest country pairs (the home page's list,
    what readers open first): every page and filter of those is then answered from memory
    (a 1,653-story timeline costs a process about half a second to make, while clients queue)."""
    import time

    from tieline.actors import groups  # noqa: F401  (imported for its side effect: loaded now)
    from tieline.api import Tieline

    try:
        with pool.store() as store:
            t = Tieline(store)
            t.subject("USA")
            if cache is None or dyads < 1:
                return
            until = time.monotonic() + seconds
            scoped = Scoped(cache, store.generation())
            for pair in store.top_dyads(dyads):
                if time.monotonic() > until:
                    break
                if int(pair["stories"]) <= WARM_STORIES:
                    t.timeline_page(t.subject(pair["a"], "a"), t.subject(pair["b"], "b"), cache=scoped)
    except Exception:  # a store without events, a busy one: the first request pays, as before
        log.debug("warm-up skipped", exc_info=True)
    # What is loaded now (the actor registry's ~100,000 objects, the warm timelines) lives as long
    # as the process: out of the collector's way, a full collection no longer walks it in the middle
    # of a request (40-70 ms pauses: a cold timeline's p95 at 1M events 150 ms, 97 ms frozen).
    gc.freeze()


_SERVE_ENV = "TIELINE_SERVE"  # how `serve` hands its settings to the worker processes it starts


def app_from_env() -> FastAPI:
    """The app a worker process of :func:`serve` runs (its settings come in ``$TIELINE_SERVE``)."""
    import json
    import os

    settings = json.loads(os.environ[_SERVE_ENV])
    return create_app(settings["db"], pool_size=settings["pool_size"], allowed_hosts=settings["hosts"])


def default_workers() -> int:
    """Worker processes for :func:`serve`: one per core, at most 4 (each holds its own store
    connections and caches)."""
    import os

    return max(1, min(4, os.cpu_count() or 1))


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, *, log_level: str = "info",
          pool_size: int = 4, workers: int = 1) -> None:
    """Run the app with uvicorn until interrupted (what ``tieline serve`` does).

    With ``workers`` > 1, uvicorn starts that many processes over the same read-only store, so
    that requests use every core (one Python process answers on one core at a time); the store is
    opened here first, so a bad ``db`` fails before any worker starts."""
    import json
    import os

    import uvicorn

    hosts: list[str] | None = None
    if host in ("127.0.0.1", "localhost"):
        hosts = ["127.0.0.1", "localhost"]
    elif host not in LOOPBACK_HOSTS:
        log.warning("serving on %s: anyone who can reach this address can read the store", host)
    kwargs: dict[str, Any] = {"host": host, "port": port, "log_level": log_level, "server_header": False}
    if workers <= 1:
        uvicorn.run(create_app(db, pool_size=pool_size, allowed_hosts=hosts), **kwargs)
        return
    StorePool(str(db), size=1).close()  # fail now, with the store's own message, not in every worker
    os.environ[_SERVE_ENV] = json.dumps({"db": str(db), "pool_size": pool_size, "hosts": hosts})
    uvicorn.run("tieline.web.app:app_from_env", factory=True, workers=workers, **kwargs)
