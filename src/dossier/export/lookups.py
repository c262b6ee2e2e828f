"""What `show`, `search` and `timeline` find, as JSON for other programs (`--format json`).

The shapes, documented in the README:
- `show`: `{"kind": "cluster", "record": {...}}`, the record's fields as `export` writes them;
- `search`: `[{"record": id, "kind": ..., "field": path, "text": the matching text}, ...]`,
  best matches first;
- `timeline`: `[{...event fields...}, ...]` in date order, each with `"upcoming": true|false`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from dossier.export.plain import record_data
from dossier.model.dossier import Dossier, is_upcoming
from dossier.model.records import AnyRecord, Event, kind_of
from dossier.model.search import Hit


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def record_json(record: AnyRecord) -> str:
    return _json({"kind": kind_of(record), "record": record_data(record)})


def hits_json(dossier: Dossier, hits: Sequence[Hit]) -> str:
    return _json(
        [
            {
                "record": h.record.id,
                "kind": dossier.kind(h.record.id),
                "field": h.field,
                "text": h.text,
            }
            for h in hits
        ]
    )


def events_json(events: Sequence[Event], today: dt.date) -> str:
    return _json([{**record_data(e), "upcoming": is_upcoming(e, today)} for e in events])
