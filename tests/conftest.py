from __future__ import annotations

import json
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
