"""End to end in Debian's headless chromium (Playwright): an analyst opens the KAZ–USA timeline,
follows the conflict-marked CONSULT entry to the White House visit story and sees both sources and
the date conflict; the hostile article's pages run no script.  No console errors (a CSP violation
is one).  CI installs chromium; elsewhere these tests skip with the reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.conftest import artifacts
from tests.web.conftest import HOSTILE, SCRIPT


@pytest.fixture
def watched(browser) -> Iterator[tuple[object, list[str], list[str]]]:
    """A page, with everything that went wrong on it and every dialog that opened."""
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    problems: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))

    def on_dialog(d) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    yield page, problems, dialogs
    page.close()


def test_timeline_to_the_conflicting_story(watched, live_server: str) -> None:
    page, problems, dialogs = watched
    page.goto(f"{live_server}/timeline/KAZ/USA")
    assert page.locator("li.entry").count() == 3
    entry = page.locator('li.entry.has-conflict[data-event="CONSULT"]')
    assert entry.count() == 1
    assert entry.locator(".conflict-mark").is_visible()
    page.screenshot(path=str(artifacts() / "web-timeline.png"), full_page=True)

    with page.expect_navigation():
        entry.locator("a.story-link").click()
    assert "/stories/" in page.url
    reports = page.locator("article.report")
    assert reports.count() == 2
    titles = " ".join(reports.locator("h3").all_inner_texts())
    assert "Nazarbaev Thanks Trump" in titles and "Tracing Ties" in titles
    values = page.locator(".conflict-section td.conflict-value").all_inner_texts()
    assert sorted(values) == ["2018-01-16", "2018-01-17"]
    assert page.locator("mark.m-event").count() >= 2
    page.screenshot(path=str(artifacts() / "web-story-conflict.png"), full_page=True)
    assert problems == [] and dialogs == []


def test_document_page_script_runs_under_the_csp(watched, live_server: str) -> None:
    page, problems, dialogs = watched
    page.goto(f"{live_server}/documents/tracing-ties")
    assert page.locator("#article .k-event").count() > 0
    page.locator('#toggles input[data-kind="mention"]').uncheck()
    assert "hide-mention" in (page.locator("body").get_attribute("class") or "")  # app.js ran
    page.locator("#article [data-actor]").first.hover()
    assert page.locator("#article .same-actor").count() >= 1
    assert problems == [] and dialogs == []


def test_hostile_article_runs_nothing(watched, live_server: str) -> None:
    page, problems, dialogs = watched
    story = page.request.get(f"{live_server}/api/timeline/FRA/DEU").json()["items"][0]["story_id"]
    for path in (f"/documents/{HOSTILE['id']}", f"/stories/{story}", "/search?q=alert",
                 "/search?q=partners&kind=quote", "/timeline/FRA/DEU"):
        page.goto(live_server + path)
        page.wait_for_load_state("load")
        plots = page.locator("img.plot")
        assert page.locator("img").count() == plots.count(), path  # the app's own plots only
        assert all(src.startswith("/plots/") for src in
                   plots.evaluate_all("imgs => imgs.map(i => i.getAttribute('src'))")), path
        assert page.evaluate("document.scripts.length") == 1, path  # /static/app.js only
    page.goto(f"{live_server}/documents/{HOSTILE['id']}")
    assert SCRIPT in page.locator("h1").inner_text()  # shown as text
    page.screenshot(path=str(artifacts() / "web-hostile-document.png"), full_page=True)
    assert dialogs == []
    assert problems == []


def test_plots_show_on_timeline_dyad_and_actor_pages(watched, live_server: str) -> None:
    """The offline report's plots, served as PNG routes, decode in the browser under the CSP."""
    page, problems, dialogs = watched
    for path, n in (("/timeline/Nazarbayev/USA", 2), ("/dyad/KAZ/USA", 2), ("/actors/person:donald-trump", 1)):
        page.goto(live_server + path)
        page.wait_for_load_state("load")
        widths = page.eval_on_selector_all("img.plot", "imgs => imgs.map(i => i.naturalWidth)")
        assert len(widths) == n and all(w > 300 for w in widths), (path, widths)
    page.screenshot(path=str(artifacts() / "web-actor-plot.png"), full_page=True)
    page.goto(f"{live_server}/dyad/KAZ/USA")
    page.screenshot(path=str(artifacts() / "web-dyad.png"), full_page=True)
    assert page.locator("#balance").inner_text() not in ("", "n/a")
    assert problems == [] and dialogs == []


def test_every_page_fits_a_phone(browser, live_server: str) -> None:
    """At 390 px wide nothing sticks out sideways (document.scrollWidth), and the header search is whole."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        story = page.request.get(f"{live_server}/api/timeline/KAZ/USA").json()["items"][0]["story_id"]
        paths = ["/", "/timeline/KAZ/USA", "/dyad/KAZ/USA", f"/stories/{story}", "/actors",
                 "/actors/person:nursultan-nazarbayev", "/search?q=nuclear", "/documents/tracing-ties",
                 f"/documents/{HOSTILE['id']}", "/no/such/page"]
        for path in paths:
            page.goto(live_server + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
            box = page.locator("header.top input[type=search]").bounding_box()
            assert box is not None and box["x"] + box["width"] <= 390, (path, box)
        page.goto(live_server + "/timeline/KAZ/USA")
        page.screenshot(path=str(artifacts() / "web-timeline-390.png"), full_page=True)
    finally:
        page.close()


def test_docs_page_sends_a_request_and_shows_the_answer(watched, live_server: str) -> None:
    page, problems, dialogs = watched
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(f"{live_server}/docs")
    form = page.locator('form.api-try[data-path="/api/timeline/{a}/{b}"]')
    form.locator('input[name="a"]').fill("KAZ")
    form.locator('input[name="b"]').fill("USA")
    form.locator('input[name="event"]').fill("CONSULT, PROTEST")
    form.locator("button[type=submit]").click()
    answer = page.locator('form.api-try[data-path="/api/timeline/{a}/{b}"] + pre.api-answer')
    answer.filter(has_text="200").wait_for(timeout=10000)
    text = answer.inner_text()
    assert "GET /api/timeline/KAZ/USA?event=CONSULT&event=PROTEST" in text and '"items"' in text
    doc = page.locator('form.api-try[data-path="/api/documents/{doc_id}"]')
    doc.locator('input[name="doc_id"]').fill("tracing-ties")
    doc.locator("button[type=submit]").click()
    page.locator('form.api-try[data-path="/api/documents/{doc_id}"] + pre.api-answer').filter(
        has_text='"doc_id": "tracing-ties"').wait_for(timeout=10000)
    assert all(u.startswith(live_server) for u in asked), asked  # nothing from the network
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems == [] and dialogs == []
