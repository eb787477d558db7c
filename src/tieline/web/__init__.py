"""The web app: ``tieline serve`` opens a store in a browser, read-only.

``create_app(db)`` builds the FastAPI app (HTML pages and the ``/api`` JSON endpoints they are
rendered from); ``serve(db, host, port)`` runs it with uvicorn, bound to 127.0.0.1 by default.
"""

from __future__ import annotations

from tieline.web.app import create_app, serve

__all__ = ["create_app", "serve"]
