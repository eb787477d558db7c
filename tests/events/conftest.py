"""Fixtures for the event-coder tests; puts ``event_helpers`` on the import path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from event_helpers import Coder, make_coder  # noqa: E402


@pytest.fixture(scope="session")
def code() -> Coder:
    return make_coder()
