"""tieline: an evidence-backed record of the ties between countries and their leaders.

>>> import tieline
>>> t = tieline.open("tieline.duckdb")          # doctest: +SKIP
>>> t.run(["examples/"])                         # doctest: +SKIP
>>> for entry in t.timeline("KAZ", "USA"):       # doctest: +SKIP
...     print(entry.shown, entry.summary)
"""

from tieline.api import RunReport, Tieline, open, show_actor, show_actors

__version__ = "0.1.0"
__all__ = ["RunReport", "Tieline", "__version__", "open", "show_actor", "show_actors"]
