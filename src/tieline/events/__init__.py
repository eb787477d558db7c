"""Event stage: PLOVER-coded events from the parse and the resolved actor mentions.

:class:`EventCoder` is the pipeline component ``events`` (see :mod:`tieline.events.coder`);
:mod:`~tieline.events.amounts` and :mod:`~tieline.events.certainty`
are its parts, usable on their own.
"""

from tieline.events.coder import EventCoder

__all__ = ["EventCoder"]
