"""YAML export: normalized data that `dossier` reads back to an equal dossier."""

from __future__ import annotations

from dossier.datafile.yaml_core import dump_yaml
from dossier.export.plain import as_data
from dossier.model.dossier import Dossier
from dossier.model.vocabulary import RecordKind

HEADER = "# yaml-language-server: $schema=../schema/dossier.schema.json\n"


def export_yaml(dossier: Dossier, kind: RecordKind | None = None) -> str:
    data = as_data(dossier, kind, compact=True)
    if kind is not None:
        data = {kind.value: data}
    return HEADER + dump_yaml(data)
