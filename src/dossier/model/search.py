"""`dossier search`: every record whose text matches, ranked, with where it matched."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dossier.model.dossier import Dossier
from dossier.model.lookup import normalize
from dossier.model.records import AnyRecord, field_alias
from dossier.model.values import PartialDate, all_texts

# Where a match counts most: a hit in a name says more than one in a note.
_WEIGHTS = {
    "name": 5,
    "native_name": 5,
    "reading": 4,
    "title": 5,
    "aliases": 4,
    "family_name": 4,
    "id": 3,
}
_DEFAULT_WEIGHT = 1
_SKIP = {"sources", "url", "website", "source", "timezone", "audience"}


@dataclass(frozen=True, slots=True)
class Hit:
    record: AnyRecord
    score: int
    field: str
    text: str


def texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every (field path, text) in a record, language versions and dates included.

    The record is walked as it is: a cached dossier is searched without importing Pydantic.
    """
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, PartialDate):
        yield path, str(value)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            key = field_alias(name)
            if key not in _SKIP:
                yield from texts(getattr(value, name), f"{path}.{key}" if path else key)
    elif isinstance(value, dict):  # text by language: the path stays the field's
        for item in all_texts(value):
            yield from texts(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}[{index}]")


def search(dossier: Dossier, query: str) -> list[Hit]:
    """Records containing every word of `query` (case-, accent- and width-insensitive)."""
    # Each word once, the longest first: a record lacking a rare word is passed over sooner.
    words = sorted(dict.fromkeys(normalize(query).split()), key=len, reverse=True)
    if not words:
        return []
    hits: list[Hit] = []
    for record in dossier.records():
        fields = [(path, text, normalize(text)) for path, text in texts(record)]
        whole = "\n".join(norm for _, _, norm in fields)
        if not all(word in whole for word in words):
            continue  # one pass of the record's text per word, in C, before any scoring
        score = 0
        best: tuple[int, str, str] | None = None
        for word in words:
            weights = [
                (_WEIGHTS.get(path.split("[")[0].split(".")[0], _DEFAULT_WEIGHT), path, text)
                for path, text, norm in fields
                if word in norm
            ]
            if not weights:
                break
            top = max(weights, key=lambda w: w[0])
            score += top[0]
            if best is None or top[0] > best[0]:
                best = top
        else:
            if best is not None:
                hits.append(Hit(record, score, best[1], best[2]))
    order = {record_id: index for index, record_id in enumerate(dossier.by_id)}
    hits.sort(key=lambda h: (-h.score, order[h.record.id]))
    return hits


def snippet(text: str, query: str, width: int = 70) -> str:
    """The part of `text` around the first word of `query`, on one line."""
    flat = " ".join(text.split())
    words = query.split()
    position = flat.casefold().find(words[0].casefold()) if words else -1
    if len(flat) <= width:
        return flat
    start = max(0, position - width // 3) if position >= 0 else 0
    piece = flat[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(flat) else "")
