"""The data format written down: a Markdown reference of every field, made from the schema.

`docs/format.md` is this text (`python docs/refresh_format.py` writes it, a test checks it),
so the reference, the JSON Schema and the validator are one description of the format.
"""

from __future__ import annotations

import re
from typing import Any

from dossier.datafile.schema import build_schema
from dossier.model.records import SECTIONS
from dossier.model.values import SLUG_PATTERN

NESTED = ("Figure", "FormerName", "Role", "Participant", "FollowUp", "AgendaItem", "Location")
"""Entries inside records, described after the record kinds."""

_INTRO = """\
# The data format

Generated from the models by `python docs/refresh_format.py`; the JSON Schema
(`dossier schema`) and `dossier validate` check exactly what is written here. Every section is
optional and their order is free; a folder of files is read as one dossier.

- **id**: lower-case letters, digits and single hyphens, unique across the whole dossier (one
  namespace: a reference never needs a kind).
- **partial date**: `2017`, `2017-02` or `2017-02-14`, known to the year, month or day; a
  partial `until` ends at the end of its month or year.
- **text, or text by language**: a plain string, or a mapping by language code
  (`{en: …, de: …, ja: …}`); views and briefings show the language asked for, else English,
  else the first given.
- A field may be left out or written as `null` unless it is marked required; lists may be
  empty. Unknown fields are errors.
- A signing is recorded as an event of kind `signing` (or `renewal`) with `agreement:` naming
  the agreement and the signatories as participants with `role: signatory`; its `date` is the
  date of signing.
"""


def _anchor(name: str) -> str:
    return name.lower()


def _is_partial_date(fragment: dict[str, Any]) -> bool:
    arms = fragment.get("anyOf", [])
    return (
        len(arms) == 2
        and {a.get("type") for a in arms} == {"integer", "string"}
        and any(str(a.get("pattern", "")).startswith("^\\d{4}") for a in arms)
    )


def _is_local_text(arms: list[dict[str, Any]]) -> bool:
    return len(arms) == 2 and arms[0] == {"type": "string"} and arms[1].get("type") == "object"


def type_name(fragment: dict[str, Any], definitions: dict[str, Any]) -> str:
    """How a reader names the type the schema `fragment` describes."""
    if "$ref" in fragment:
        name = fragment["$ref"].rsplit("/", 1)[-1]
        target = definitions[name]
        if "enum" in target:
            return "one of " + ", ".join(f"`{v}`" for v in target["enum"])
        return f"[{name}](#{_anchor(name)})"
    if _is_partial_date(fragment):
        return "partial date"
    if "anyOf" in fragment:
        arms = [a for a in fragment["anyOf"] if a != {"type": "null"}]
        if _is_local_text(arms):
            return "text, or text by language"
        if len(arms) == 1:
            return type_name(arms[0], definitions)
        names = list(dict.fromkeys(type_name(a, definitions) for a in arms))
        return " or ".join(names)
    kind = fragment.get("type")
    if kind == "array":
        return "list of " + type_name(fragment.get("items", {}), definitions)
    if kind == "boolean":
        return "true or false"
    if kind in ("integer", "number"):
        if "enum" in fragment:
            return " or ".join(f"`{v}`" for v in fragment["enum"])
        return "number"
    if kind == "string":
        return _string_name(fragment)
    return "mapping"


def _string_name(fragment: dict[str, Any]) -> str:
    pattern = fragment.get("pattern", "")
    if pattern == SLUG_PATTERN:
        return "id"
    if pattern == "^[A-Z]{2}$":
        return "country code (ISO 3166-1 alpha-2)"
    if fragment.get("format") == "uri":
        return "URL (http or https)"
    if pattern.startswith("^[0-2][0-9]:"):
        return 'time of day, quoted: `"09:30"`'
    if "Asia/Tokyo" in fragment.get("examples", []):
        return "IANA time zone (`Area/City`)"
    if "enum" in fragment:
        return "one of " + ", ".join(f"`{v}`" for v in fragment["enum"])
    return "text"


def _describe(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().replace("|", "\\|")


def _table(definition: dict[str, Any], definitions: dict[str, Any]) -> list[str]:
    required = set(definition.get("required", []))
    rows = ["| field | type | required | what it holds |", "|---|---|---|---|"]
    for name, fragment in definition.get("properties", {}).items():
        rows.append(
            f"| `{name}` | {type_name(fragment, definitions)} | "
            f"{'yes' if name in required else ''} | {_describe(fragment.get('description', ''))} |"
        )
    return rows


def format_reference() -> str:
    """The whole reference, as Markdown."""
    schema = build_schema()
    definitions: dict[str, Any] = schema["$defs"]
    lines = [_INTRO, "## Top level", ""]
    lines += _table(schema, definitions)
    for section, model in SECTIONS.items():
        name = model.__name__
        lines += [
            "",
            f"## {name}",
            "",
            f"A record of `{section}:`. {_describe(model.__doc__ or '')}",
            "",
        ]
        lines += _table(definitions[name], definitions)
    for name in NESTED:
        definition = definitions[name]
        lines += ["", f"## {name}", "", _describe(definition.get("description", "")), ""]
        lines += _table(definition, definitions)
    return "\n".join(lines) + "\n"
