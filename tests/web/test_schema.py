"""Property-based tests from the OpenAPI schema (schemathesis): whatever the parameters, the API
answers with a documented status and content type, a body that fits the schema, and never a 5xx.

Driven through schemathesis's Python API (one Hypothesis run per operation) rather than its pytest
plugin, whose lazy fixtures do not work with this pytest."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 12  # per operation: the whole run stays well under a minute


def test_api_follows_its_schema(app) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 11
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def check(case) -> None:
            response = case.call_and_validate(checks=CHECKS)
            assert response.status_code < 500, (case.path, case.query, response.text[:300])
            assert "Traceback" not in response.text

        check()
