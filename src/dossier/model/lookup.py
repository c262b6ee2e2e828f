"""Finding records by what a user types: an id, a name, a native name or an alias."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from dossier.errors import NotFoundError
from dossier.model.dossier import Dossier
from dossier.model.records import (
    Agreement,
    AnyRecord,
    Cluster,
    Event,
    Organisation,
    Person,
    Source,
    kind_of,
)
from dossier.model.suggest import closest
from dossier.model.values import all_texts

_SEPARATORS = re.compile(r"[\s\-_·・/]+")
# Japanese voiced-sound marks decompose like accents but change the word: keep them.
_KEEP_MARKS = {"\u3099", "\u309a"}


_UMLAUT_SPELLINGS = re.compile(r"(?<=[a-z])([aou])e")
# Between two full-width characters a space is only spacing: 福田 紀彦 is 福田紀彦.
_WIDE = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
_SPACE_BETWEEN_WIDE = re.compile(rf"(?<={_WIDE}) (?={_WIDE})")


def normalize(text: str) -> str:
    """Fold case, width (ＫＡＷＡＳＡＫＩ), accents (München → munchen), the German spelling of
    umlauts without dots (Muenchen → munchen), separators, and spaces between Japanese
    characters. The one normalisation of names: lookups and duplicate checks share it."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    stripped = "".join(ch for ch in folded if ch in _KEEP_MARKS or not unicodedata.combining(ch))
    spaced = _SEPARATORS.sub(" ", unicodedata.normalize("NFC", stripped).casefold()).strip()
    return _SPACE_BETWEEN_WIDE.sub("", _UMLAUT_SPELLINGS.sub(r"\1", spaced))


def names_of(record: AnyRecord) -> Iterator[str]:
    """What a record is called: id, names in every language, native name, aliases."""
    yield record.id
    if isinstance(record, Person):
        yield from all_texts(record.name)
        yield from (n for n in (record.native_name, record.family_name) if n)
        if record.given_name and record.family_name:
            yield f"{record.family_name} {record.given_name}"
        yield from record.aliases
    elif isinstance(record, Agreement | Event | Source):
        return
    else:
        yield from all_texts(record.name)
        if record.native_name:
            yield record.native_name
        yield from record.aliases
        if isinstance(record, Organisation):
            for former in record.former_names:
                yield from all_texts(former.name)


def titles_of(record: AnyRecord) -> Iterator[str]:
    if isinstance(record, Agreement | Event | Source):
        yield from all_texts(record.title)


class Finder:
    """An index of every record's names, built once per dossier."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self._names: list[tuple[str, str]] = []  # (normalized name, record id)
        self._titles: list[tuple[str, str]] = []
        for record in dossier.records():
            self._names.extend((normalize(n), record.id) for n in names_of(record))
            self._titles.extend((normalize(t), record.id) for t in titles_of(record))

    def candidates(self, ref: str) -> list[AnyRecord]:
        """The best-matching records: all of one tier, from exact id to a part of a title."""
        exact = self.dossier.get(ref.strip()) or self.dossier.get(ref.strip().lower())
        if exact is not None:
            return [exact]
        query = normalize(ref)
        if not query:
            return []
        tiers = (
            [rid for name, rid in self._names if name == query],
            [rid for name, rid in self._names if _has_word_prefix(name, query)],
            [rid for name, rid in self._titles if _has_word_prefix(name, query)],
            [rid for name, rid in self._names + self._titles if query in name],
        )
        for ids in tiers:
            found = [self.dossier.by_id[i] for i in dict.fromkeys(ids)]
            # "osaka" means Osaka Bio Headquarters before the agreements named after it.
            actors: list[AnyRecord] = [
                r for r in found if isinstance(r, Cluster | Organisation | Person)
            ]
            if actors or found:
                return actors or found
        return []

    def find(self, ref: str) -> AnyRecord:
        """The one record `ref` names; `NotFoundError` lists candidates or a suggestion."""
        found = self.candidates(ref)
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFoundError(
                f"'{ref}' matches {len(found)} records; name one by its id",
                [f"{r.id} ({kind_of(r)}): {self.dossier.label(r.id)}" for r in found],
            )
        suggestion = self.suggest(ref)
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        raise NotFoundError(f"no record matches '{ref}'{hint}")

    def suggest(self, ref: str) -> str | None:
        by_name = dict(self._names)
        match = closest(normalize(ref), by_name)
        return by_name[match] if match else None


def _has_word_prefix(text: str, query: str) -> bool:
    """True when `query` starts at a word boundary of `text` (or anywhere, for CJK text)."""
    start = text.find(query)
    while start != -1:
        if start == 0 or text[start - 1] == " " or not text[start - 1].isascii():
            return True
        start = text.find(query, start + 1)
    return False
