"""Ids made from names, the one way `dossier add` and `dossier import` make them."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

MAX_ID_LENGTH = 60
"""An id stays short enough to type: longer ones are cut at a hyphen."""

# German spells a vowel with two dots as the vowel and an e (the sample's wolfgang-huebschle);
# letters with no decomposition get their usual Latin spelling.
_SPELLINGS = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "å": "aa",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
    }
)
_NOT_ID = re.compile(r"[^a-z0-9]+")


def id_from(text: str) -> str:
    """`text` as an id: Latin letters and digits, lower case, words joined by hyphens
    (`Wolfgang Hübschle` → `wolfgang-huebschle`); empty when `text` has no Latin letter or
    digit (`福田紀彦`), as no reading of other scripts is guessed."""
    folded = unicodedata.normalize("NFKC", text).lower().translate(_SPELLINGS)
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
    )
    slug = _NOT_ID.sub("-", plain).strip("-")
    if len(slug) > MAX_ID_LENGTH:
        cut = slug[: MAX_ID_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:MAX_ID_LENGTH]
    return slug


def new_record_id(section: str, fields: dict[str, Any]) -> str:
    """The id a new record gets from its fields: its name (or title) as an id; an event's
    ends with its year (`osaka-signing-2011`), as the dossier's own ids do. Empty when
    nothing in it can make one."""
    name = _latin_text(fields.get("name")) or _latin_text(fields.get("title"))
    if not name and section == "people":
        parts = [fields.get("given_name"), fields.get("family_name")]
        name = " ".join(p for p in parts if isinstance(p, str) and p)
    made = id_from(name)
    year = str(fields.get("date") or "")[:4]
    if made and section == "events" and year.isdigit() and year not in made:
        made = f"{made}-{year}"
    return made


def _latin_text(value: Any) -> str:
    """A text of a field (one text, or the first by language that makes an id)."""
    if isinstance(value, str):
        return value if id_from(value) else ""
    if isinstance(value, dict):
        return next((v for v in value.values() if isinstance(v, str) and id_from(v)), "")
    return ""
