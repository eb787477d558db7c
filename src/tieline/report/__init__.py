"""Outputs: timelines, exports in the record contract, evaluation against gold annotations."""
