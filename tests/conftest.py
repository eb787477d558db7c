from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds" / "seeds.jsonl"
VOA = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
GOLD = SHARED / "gold" / "seeds.gold.json"
SPEC = SHARED / "spec" / "records.md"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not there (../shared beside the repo)")
    return path


@pytest.fixture
def voa_sample(tmp_path: Path) -> Path:
    """The first 12 VOA stories as a JSONL file."""
    lines = need(VOA).read_text("utf-8").splitlines()[:12]
    out = tmp_path / "voa12.jsonl"
    out.write_text("\n".join(lines) + "\n", "utf-8")
    return out


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the two seed articles run through the whole pipeline (built once)."""
    import tieline

    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with tieline.open(db) as t:
        t.run([str(need(SEEDS))])
    return db


def english(n: int = 3) -> str:
    para = ("The foreign minister said on Tuesday that the two countries would hold talks in the capital "
            "next month, and that the government was ready to discuss trade and security with its neighbors. ")
    return para * n


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


# -- the browser tests: Debian's chromium driven by Playwright -------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]


def artifacts() -> Path:
    """Where browser tests save screenshots: $TIELINE_ARTIFACTS, else test-artifacts/ in the repo."""
    out = Path(os.environ.get("TIELINE_ARTIFACTS", ROOT / "test-artifacts"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless chromium for the whole session; the tests skip, saying why, where it is missing."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium; "
                    ".ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
