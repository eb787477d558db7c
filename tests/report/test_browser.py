"""The HTML reports open in Debian's headless chromium (driven by Playwright) without
console errors, and show what the report promises.  CI installs chromium; elsewhere
these tests skip with the reason."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from tests.conftest import artifacts

from tieline.cli import main


def _open(browser, path: Path, shot: str) -> tuple[object, list[str]]:
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.screenshot(path=str(artifacts() / shot), full_page=True)
    return page, problems


def test_timeline_report_in_chromium(browser, seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "kaz-usa.html"
    r = CliRunner().invoke(main, ["timeline", "KAZ", "USA", "--format", "html", "-o", str(out),
                                  "--db", str(seeds_db)])
    assert r.exit_code == 0, r.output
    page, problems = _open(browser, out, "timeline-report.png")
    assert problems == []
    assert page.locator("li.entry").count() >= 3
    conflict = page.locator("li.has-conflict")
    assert conflict.count() == 1 and "2018-01-17" in conflict.inner_text()
    # the plots decoded: their natural width is the PNG's, not a broken-image 0
    widths = page.eval_on_selector_all("img.plot", "imgs => imgs.map(i => i.naturalWidth)")
    assert widths and all(w > 100 for w in widths)
    page.close()


def test_graph_report_in_chromium(browser, seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    r = CliRunner().invoke(main, ["graph", "--format", "html", "-o", str(out), "--db", str(seeds_db)])
    assert r.exit_code == 0, r.output
    page, problems = _open(browser, out, "graph-report.png")
    assert problems == []
    assert page.locator("#ties tbody tr").count() >= 3
    assert page.eval_on_selector("img.plot", "i => i.naturalWidth") == 800
    page.close()
