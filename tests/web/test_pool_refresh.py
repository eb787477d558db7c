"""A DuckDB store file replaced under the server (tieline watch --copy) is read afresh."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.conftest import english

import tieline
from tieline.web.pool import StorePool


def _store(path: Path, n: int) -> Path:
    folder = path.parent / f"{path.stem}-in"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i}.txt").write_text(f"Talks {i}\n\n{english(3)} Round {i} of the talks.", "utf-8")
    with tieline.open(path) as t:
        t.ingest([str(folder)])
    return path


def _count(pool: StorePool) -> int:
    with pool.store() as store:
        return int(store.query("SELECT count(*) AS n FROM documents")[0]["n"])


def test_a_replaced_file_is_opened_again(tmp_path: Path) -> None:
    one, two = _store(tmp_path / "one.duckdb", 1), _store(tmp_path / "two.duckdb", 3)
    live = tmp_path / "live.duckdb"
    shutil.copyfile(one, live)
    pool = StorePool(str(live), size=2)
    try:
        assert _count(pool) == 1
        with pool.store() as held:  # a request in flight while the file is swapped keeps its connection
            tmp = tmp_path / ".live.tmp"
            shutil.copyfile(two, tmp)
            os.replace(tmp, live)
            assert int(held.query("SELECT count(*) AS n FROM documents")[0]["n"]) == 1
            _count(pool)  # (DuckDB may serve this one from the old file while `held` reads it)
        assert _count(pool) == 3  # once no request reads the old file, the new one is read
        assert _count(pool) == 3 and len(pool._all) <= 2  # the old connections were closed, not kept
    finally:
        pool.close()
