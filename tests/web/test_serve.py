"""``tieline serve``: a thin command over :func:`tieline.web.serve`, loopback by default."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tieline.cli import main


def test_help_has_examples() -> None:
    r = CliRunner().invoke(main, ["serve", "--help"])
    assert r.exit_code == 0
    assert "tieline serve --db" in r.output and "127.0.0.1" in r.output and "read-only" in r.output


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "no store at" in r.output and "Traceback" not in r.output


def test_serve_binds_loopback_and_checks_host_names(web_db: Path, monkeypatch) -> None:
    import uvicorn

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    r = CliRunner().invoke(main, ["serve", "--db", str(web_db), "--port", "8123", "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    assert any(m.cls is TrustedHostMiddleware for m in seen["app"].user_middleware)
    seen["app"].state.pool.close()


def test_several_workers_each_build_the_app_from_the_settings(web_db: Path, monkeypatch) -> None:
    import json
    import os

    import uvicorn

    from tieline.web import app as web_app

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.delenv(web_app._SERVE_ENV, raising=False)
    r = CliRunner().invoke(main, ["serve", "--db", str(web_db), "--port", "8124", "--workers", "3"])
    assert r.exit_code == 0, r.output
    assert seen["app"] == "tieline.web.app:app_from_env" and seen["factory"] and seen["workers"] == 3
    assert json.loads(os.environ[web_app._SERVE_ENV])["db"] == str(web_db)
    app = web_app.app_from_env()  # what each worker process runs
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    assert any(m.cls is TrustedHostMiddleware for m in app.user_middleware)
    app.state.pool.close()


def test_workers_fail_early_on_a_missing_store(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb"), "--workers", "2"])
    assert r.exit_code == 1 and "no store at" in r.output and "Traceback" not in r.output
