"""People as vCards 4.0 (RFC 6350), for the phones and address books of a delegation.

One card per person: the name in Latin script (FN, and N with family and given names) and,
as an alternative representation of the same name (ALTID), the native one, marked with its
language where the script or the organisation's country tells it (kana: Japanese, Hangul:
Korean; Han characters alone by the country) and unmarked where neither does; organisation
and title of each current role grouped (`item1.ORG`, `item1.TITLE`), so that no client pairs
a title with another role's organisation, in the export's language; work e-mail, phone (as a
`tel:` URI) and postal address; notes. What the card holds is what the export's audience
may read: contact details and notes are internal unless the data marks them otherwise.

The format is small and exactly specified, and written here by one function per rule
(escaping, folding); a library for it (vobject) reads vCard 4.0 but writes 3.0.
"""

from __future__ import annotations

import datetime as dt
import uuid

from dossier.model.dossier import Dossier
from dossier.model.reachable import tel_uri
from dossier.model.records import Person
from dossier.model.values import country_codes, text_in
from dossier.phrases import east_asian_script

UID_NAMESPACE = uuid.UUID("7d3c1f4e-8a52-4f3b-9a7e-2b6c1d9e0f11")
"""The namespace of the cards' UIDs: the same person id always gives the same UID."""
LINE_OCTETS = 75
HAN_LANGUAGE = {"JP": "ja", "KR": "ko", "CN": "zh", "TW": "zh", "HK": "zh", "MO": "zh", "SG": "zh"}
"""The language a name in Han characters alone is written in, by the country of the person's
organisation."""


def escape(text: str) -> str:
    """A text value: backslash, comma, semicolon and line breaks escaped (RFC 6350 3.4)."""
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space, never inside a UTF-8
    sequence (RFC 6350 3.2)."""
    pieces, current, size = [], "", 0
    for character in line:
        width = len(character.encode("utf-8"))
        if size + width > LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += character
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def native_language(dossier: Dossier, person: Person, today: dt.date) -> str | None:
    """The language of the native name, where its script or the organisation's country says
    it; None where neither does (the card then claims none)."""
    script = east_asian_script(person.native_name or "")
    if script != "han":
        return {"kana": "ja", "hangul": "ko"}.get(script or "")
    for role in person.current_roles(today) or person.roles:
        organisation = dossier.get(role.organisation) if role.organisation else None
        for code in country_codes(getattr(organisation, "country", None)):
            if code in HAN_LANGUAGE:
                return HAN_LANGUAGE[code]
    return None


def card(dossier: Dossier, person: Person, lang: str, today: dt.date) -> list[str]:
    name = text_in(person.name, lang)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"UID:urn:uuid:{uuid.uuid5(UID_NAMESPACE, person.id)}",
    ]
    if person.native_name and person.native_name != name:
        language = native_language(dossier, person, today)
        marked = f";LANGUAGE={language}" if language else ""
        lines += [
            f"FN;ALTID=1;LANGUAGE={lang}:{escape(name)}",
            f"FN;ALTID=1{marked}:{escape(person.native_name)}",
        ]
    else:
        lines.append(f"FN:{escape(name)}")
    family, given = person.family_name or "", person.given_name or ""
    prefix = person.honorific or ""
    lines.append(f"N:{escape(family)};{escape(given)};;{escape(prefix)};")
    for number, role in enumerate(person.current_roles(today), start=1):
        lines.append(f"item{number}.TITLE:{escape(text_in(role.title, lang))}")
        if role.organisation:
            lines.append(f"item{number}.ORG:{escape(dossier.label(role.organisation, lang))}")
    lines += [f"EMAIL;TYPE=work:{escape(address)}" for address in person.email]
    lines += [f"TEL;TYPE=work;VALUE=uri:{tel_uri(phone)}" for phone in person.phone]
    if person.postal_address:
        lines.append(f"ADR;TYPE=work:;;{escape(text_in(person.postal_address, lang))};;;;")
    if person.notes:
        lines.append(f"NOTE:{escape(text_in(person.notes, lang))}")
    lines.append("END:VCARD")
    return [fold(line) for line in lines]


def export_vcf(dossier: Dossier, lang: str, today: dt.date) -> str:
    """Every person of the dossier as a vCard, in the order of the data."""
    lines = [line for person in dossier.people for line in card(dossier, person, lang, today)]
    return "".join(f"{line}\r\n" for line in lines)
