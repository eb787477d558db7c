"""One base for tieline's own errors, each still importable (and catchable) as before."""

from __future__ import annotations

import pickle

import pytest

from tieline import api, errors
from tieline.engines import parquet, spark
from tieline.ingest import InputError
from tieline.nlp import ModelNotInstalled
from tieline.store import StoreError
from tieline.web import params, pool


def test_every_error_is_a_tieline_error_with_its_old_name_and_base() -> None:
    assert api.BadParam is params.BadParam is errors.BadParam
    assert params.NotFound is errors.NotFound and pool.Busy is errors.Busy
    assert InputError is errors.InputError and StoreError is errors.StoreError
    assert ModelNotInstalled is errors.ModelNotInstalled
    assert spark.SparkEngineError is errors.SparkEngineError
    assert parquet.ParquetLayoutError is errors.ParquetLayoutError
    old_bases = {errors.BadParam: ValueError, errors.NotFound: LookupError, errors.StoreError: RuntimeError,
                 errors.Busy: RuntimeError, errors.ModelNotInstalled: RuntimeError,
                 errors.SparkEngineError: RuntimeError, errors.ParquetLayoutError: ValueError,
                 errors.InputError: Exception}
    for cls, base in old_bases.items():
        assert issubclass(cls, errors.TielineError) and issubclass(cls, base), cls


def test_messages_name_what_is_wrong() -> None:
    e = errors.BadParam("start", "'2025-13' is not a calendar date")
    assert (e.message, e.param, e.reason) == ("start: '2025-13' is not a calendar date", "start",
                                              "'2025-13' is not a calendar date")
    assert str(e) == e.message
    assert errors.NotFound("story", "s-9").message == "no story with id 's-9'"
    bad = errors.InputError("empty", "empty file")
    assert (bad.kind, bad.reason, bad.message) == ("empty", "empty file", "empty file")
    layout = errors.ParquetLayoutError("no manifest.json in out/")
    assert layout.kind == "parquet-layout" and layout.message == "no manifest.json in out/"


def test_a_bad_date_is_caught_as_the_base() -> None:
    with pytest.raises(errors.TielineError, match=r"^start: '2019-02-30' is not a calendar date$"):
        api.check_day("2019-02-30", "start")


@pytest.mark.parametrize("err", [
    errors.InputError("empty", "empty file"), errors.ParquetLayoutError("no manifest"),
    errors.BadParam("limit", "must be between 1 and 500"), errors.NotFound("actor", "person:x"),
    errors.StoreError("cannot connect"), errors.ModelNotInstalled("no model"), errors.PipelineError("order"),
])
def test_errors_cross_processes_intact(err: errors.TielineError) -> None:
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err) and back.message == err.message and vars(back) == vars(err)
