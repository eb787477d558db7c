"""``/docs``: interactive API documentation built from the app's own OpenAPI schema.

FastAPI's Swagger UI and ReDoc load their script from a CDN and run inline script; the app's
Content-Security-Policy allows neither, and nothing may be fetched from the network.  This page is
plain HTML rendered here (every endpoint, its parameters and their descriptions, a link to
``/openapi.json``) with one form per endpoint; ``/static/app.js`` sends a form to the API and shows
the JSON answer, under the same CSP as every other page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Param:
    name: str
    where: str  # path | query
    required: bool
    kind: str  # string | integer | number | boolean | array
    description: str = ""
    default: Any = None
    choices: list[Any] = field(default_factory=list)
    minimum: float | None = None
    maximum: float | None = None


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    params: list[Param]

    @property
    def anchor(self) -> str:
        return "op-" + "".join(c if c.isalnum() else "-" for c in self.path).strip("-")


def _plain(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """The schema of a parameter without the ``null`` of an optional one, ``$ref`` followed."""
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    base = {**schema, **options[0]} if options else dict(schema)
    ref = base.get("$ref") or (base.get("items") or {}).get("$ref")
    if ref and ref.startswith("#/components/schemas/"):
        target = spec.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[1], {})
        if "$ref" in base:
            base = {**base, **target}
        else:
            base["items"] = target
    return base


def _param(raw: dict[str, Any], spec: dict[str, Any]) -> Param:
    schema = _plain(raw.get("schema", {}), spec)
    kind = schema.get("type", "string")
    choices = schema.get("enum") or (schema.get("items") or {}).get("enum") or []
    return Param(name=raw["name"], where=raw.get("in", "query"), required=bool(raw.get("required")), kind=kind,
                 description=raw.get("description") or schema.get("description") or "",
                 default=schema.get("default"), choices=list(choices),
                 minimum=schema.get("minimum"), maximum=schema.get("maximum"))


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of an OpenAPI document, in its order."""
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            if method.lower() not in ("get", "post", "put", "patch", "delete"):
                continue
            out.append(Operation(method.upper(), path, op.get("summary") or "", op.get("description") or "",
                                 [_param(p, spec) for p in op.get("parameters", [])]))
    return out
