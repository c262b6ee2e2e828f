"""The JSON Schema of the data file, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from dossier.models import DossierFile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def build_schema() -> dict[str, Any]:
    """Draft 2020-12 schema for editors and `check-jsonschema`; unknown keys are refused."""
    schema = DossierFile.model_json_schema(by_alias=True, mode="validation")
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
