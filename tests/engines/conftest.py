"""One small local SparkSession for the whole test session (JVM start-up costs ~10 s)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SEEDS, need
from tests.engines.components import Boom

from tieline.pipeline import register, unregister


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        pytest.skip("no Java: the Spark engine needs Java 17+ (apt-get install openjdk-17-jre-headless)")
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from tieline.engines.spark import spark_session

    session = spark_session("local[2]", driver_memory="512m", app_name="tieline-tests")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def seeds_parquet(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles through the Spark engine (local[2]) into a Parquet folder (built once)."""
    from tieline.engines.spark import SparkEngine

    out = tmp_path_factory.mktemp("spark") / "seeds.parquet"
    report = SparkEngine(spark=spark).run([str(need(SEEDS))], out)
    assert report.ok and report.analyzed == 2
    return out


@pytest.fixture
def boom() -> Iterator[str]:
    """The component ``boom`` (:class:`Boom`, after the parse), registered for one test."""
    register("boom", Boom, requires=("nlp",))
    yield "boom"
    unregister("boom")
