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
    r = CliRunner().invoke(main, ["serve", "--db", str(web_db), "--port", "8123"])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    assert any(m.cls is TrustedHostMiddleware for m in seen["app"].user_middleware)
    seen["app"].state.pool.close()
