"""Engines run the per-document pipeline over many documents.

* :mod:`tieline.engines.local` - in this process, or a pool of ``--workers N`` processes,
  straight into the store (``tieline run``).
* :mod:`tieline.engines.spark` - on a Spark cluster, into a Parquet folder
  (``tieline run --engine spark --out DIR``); layout in :mod:`tieline.engines.parquet`.
* :mod:`tieline.engines.load` - that Parquet folder into a store (``tieline load DIR``).

Only the local engine is imported here: pyspark loads when the Spark engine is used.
"""

from tieline.engines.local import LocalEngine

__all__ = ["LocalEngine"]
