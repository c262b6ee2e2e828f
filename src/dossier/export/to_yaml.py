"""YAML export: normalized data that `dossier` reads back to an equal dossier."""

from __future__ import annotations

from dossier.choices import RecordKind
from dossier.dossier import Dossier
from dossier.export import as_data
from dossier.yaml_source import dump_yaml

HEADER = "# yaml-language-server: $schema=../schema/dossier.schema.json\n"


def export_yaml(dossier: Dossier, kind: RecordKind | None = None) -> str:
    data = as_data(dossier, kind, compact=True)
    if kind is not None:
        data = {kind.value: data}
    return HEADER + dump_yaml(data)
