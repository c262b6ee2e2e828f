"""The JSON Schema of the data file, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from dossier.model.records import DossierFile, field_docstrings

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_SHARED_FIELDS = {
    "id": "Unique across the whole dossier; lower-case letters, digits and hyphens.",
    "notes": (
        "Uncertainty, protocol hints, provenance; internal unless marked otherwise"
        " (`{en: …, audience: partner}`)."
    ),
    "sources": "Ids of `sources` records.",
    "verified": "When the record's facts were last checked against a source (`dossier stale`).",
    "audience": "Who may read it: internal, partner or public (the default).",
}


def build_schema() -> dict[str, Any]:
    """Draft 2020-12 schema for editors and `check-jsonschema`; unknown keys are refused."""
    from pydantic import TypeAdapter

    with field_docstrings():
        schema = TypeAdapter(DossierFile).json_schema(by_alias=True, mode="validation")
    # Fields every record inherits: Pydantic takes descriptions from docstrings in the class
    # that declares a field, so the record kinds need these copied in.
    for definition in schema.get("$defs", {}).values():
        for name, described in _SHARED_FIELDS.items():
            field = definition.get("properties", {}).get(name)
            if field is not None:
                field.setdefault("description", described)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "dossier data file",
        "description": (
            "Clusters, organisations, people, agreements, events and sources of a dossier. "
            "Every section is optional; ids are unique across all sections."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"
