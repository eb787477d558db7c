"""The report's plots as PNG routes: drawn from the same library calls as the pages, parameters
checked as the API checks them."""

from __future__ import annotations

import pytest

from tieline.report.plots import png_size


def png(client, url: str) -> tuple[int, int]:
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"] == "image/png"
    assert "default-src 'self'" in r.headers["content-security-policy"]
    return png_size(r.content)


@pytest.mark.parametrize("url", [
    "/plots/timeline/KAZ/USA", "/plots/timeline/Nazarbayev/USA?start=2018&event=CONSULT",
    "/plots/dyad/KAZ/USA", "/plots/dyad/person:nursultan-nazarbayev/USA?include=planned",
    "/plots/actor/person:donald-trump", "/plots/timeline/KAZ/USA?start=2030",
])
def test_plots_are_pngs(client, url: str) -> None:
    width, height = png(client, url)
    assert width > 300 and height > 200


@pytest.mark.parametrize(("url", "status"), [
    ("/plots/timeline/Atlantis/USA", 400), ("/plots/dyad/KAZ/USA?include=negated", 400),
    ("/plots/timeline/KAZ/USA?start=someday", 400), ("/plots/actor/person:nobody", 404),
])
def test_bad_plot_requests(client, url: str, status: int) -> None:
    assert client.get(url).status_code == status
