"""Fixtures for the web app: a store with the seed articles plus one hostile article, the app over
it, and a live uvicorn server on a free loopback port."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# An article whose title, source, url and text try to inject markup and script.
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = {
    "id": "xss-summit",
    "title": f"Summit {SCRIPT} {IMG}",
    "published": "2023-03-08",
    "source": f"Test Wire {SCRIPT}",
    "url": "javascript:alert(1)",
    "text": (f"French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday {SCRIPT} "
             "to discuss energy and security with the two governments.\n\n"
             f"\"We stand together {IMG} with our partners,\" Macron said after the talks in the German capital."
             "\n\nThe two leaders agreed to hold further talks in Paris next month, officials said, and France "
             f"praised Germany for its support {SCRIPT} of the plan."),
}


@pytest.fixture(scope="session")
def web_db(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds store plus the hostile article, run through the whole pipeline."""
    import tieline

    folder = tmp_path_factory.mktemp("web")
    db = folder / "web.duckdb"
    shutil.copyfile(seeds_db, db)
    article = folder / "hostile.jsonl"
    article.write_text(json.dumps(HOSTILE) + "\n", "utf-8")
    with tieline.open(db) as t:
        report = t.run([str(article)])
    assert report.ok, report.summary()
    return db


@pytest.fixture(scope="session")
def app(web_db: Path):
    from tieline.web import create_app

    return create_app(web_db)


@pytest.fixture(scope="session")
def client(app) -> Iterator[object]:
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(web_db: Path) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a background thread; yields its base URL."""
    import uvicorn

    from tieline.web import create_app

    port = free_port()
    app = create_app(web_db, allowed_hosts=["127.0.0.1", "localhost"])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
