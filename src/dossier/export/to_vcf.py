"""People as vCards, 4.0 (RFC 6350) or 3.0 (RFC 2426), for phones and address books.

One card per person: the name in its display form (FN) and, in N, the family and given names
as the data has them; the native name as an alternative representation of FN (4.0's ALTID)
and as NICKNAME too, the field every address book shows and searches (khard, phones), marked
with its language where the script or the organisation's country tells it (kana: Japanese,
Hangul: Korean; Han characters alone by the country) and unmarked where neither does; the
reading of the native name as the phonetic name phones sort by (`X-PHONETIC-LAST-NAME`,
`X-PHONETIC-FIRST-NAME`) and, in 4.0 where the native name has its family and given parts,
as RFC 9554's phonetic N; organisation and title of each current role grouped (`item1.ORG`,
`item1.TITLE`), so that no client pairs a title with another role's organisation, in the
export's language; work e-mail, phone (a `tel:` URI in 4.0) and postal address; notes. What
the card holds is what the export's audience may read: contact details and notes are
internal unless the data marks them otherwise.

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


def card(
    dossier: Dossier, person: Person, lang: str, today: dt.date, version: str = "4.0"
) -> list[str]:
    name = dossier.label(person.id, lang)
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        f"UID:urn:uuid:{uuid.uuid5(UID_NAMESPACE, person.id)}",
    ]
    native = person.native_name if person.native_name != name else None
    language = native_language(dossier, person, today) if native else None
    marked = f";LANGUAGE={language}" if language else ""
    if native and version == "4.0":
        lines += [
            f"FN;ALTID=1;LANGUAGE={lang}:{escape(name)}",
            f"FN;ALTID=1{marked}:{escape(native)}",
        ]
    else:
        lines.append(f"FN:{escape(name)}")
    lines += _names(person, native, marked, version)
    for number, role in enumerate(person.current_roles(today), start=1):
        lines.append(f"item{number}.TITLE:{escape(text_in(role.title, lang))}")
        if role.organisation:
            lines.append(f"item{number}.ORG:{escape(dossier.label(role.organisation, lang))}")
    lines += [f"EMAIL;TYPE=work:{escape(address)}" for address in person.email]
    if version == "4.0":
        lines += [f"TEL;TYPE=work;VALUE=uri:{tel_uri(phone)}" for phone in person.phone]
    else:
        lines += [f"TEL;TYPE=work,voice:{escape(phone)}" for phone in person.phone]
    if person.postal_address:
        lines.append(f"ADR;TYPE=work:;;{escape(text_in(person.postal_address, lang))};;;;")
    if person.notes:
        lines.append(f"NOTE:{escape(text_in(person.notes, lang))}")
    lines.append("END:VCARD")
    return [fold(line) for line in lines]


def _names(person: Person, native: str | None, marked: str, version: str) -> list[str]:
    """N, the native name as NICKNAME, and the reading as the phonetic name."""
    prefix = escape(person.honorific or "")
    family, given = escape(person.family_name or ""), escape(person.given_name or "")
    reading = split_name(person.reading or "")
    native_parts = split_name(native or "")
    lines = [f"N:{family};{given};;{prefix};"]
    if version == "4.0" and native and reading and native_parts:
        # RFC 9554: the reading is a phonetic form of the native N, bound to it by ALTID.
        script = kana_script(person.reading or "")
        lines = [
            f"N;ALTID=2:{family};{given};;{prefix};",
            f"N;ALTID=2{marked}:{escape(native_parts[0])};{escape(native_parts[1])};;;",
            *(
                [
                    f"N;ALTID=2;PHONETIC=script;SCRIPT={script}{marked}:"
                    f"{escape(reading[0])};{escape(reading[1])};;;"
                ]
                if script
                else []
            ),
        ]
    if native:
        lines.append(f"NICKNAME{marked}:{escape(native)}")
    if person.reading:
        last, first = reading or (person.reading.strip(), "")
        lines.append(f"X-PHONETIC-LAST-NAME:{escape(last)}")
        if first:
            lines.append(f"X-PHONETIC-FIRST-NAME:{escape(first)}")
    return lines


def split_name(text: str) -> tuple[str, str] | None:
    """Family and given name of a name written family name first with a space between
    (`福田 紀彦`, `ふくだ　のりひこ`); None for a name written without one."""
    parts = text.split(maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else None


def kana_script(text: str) -> str | None:
    """ISO 15924 code of a reading in kana: `Hira` for hiragana, `Kana` for katakana, `Hrkt`
    for both; None for a reading in another script (RFC 9554 then leaves it unmarked)."""
    hiragana = any("\u3041" <= c <= "\u309f" for c in text)
    katakana = any("\u30a0" <= c <= "\u30ff" for c in text)
    if hiragana and katakana:
        return "Hrkt"
    return "Hira" if hiragana else "Kana" if katakana else None


def export_vcf(dossier: Dossier, lang: str, today: dt.date, version: str = "4.0") -> str:
    """Every person of the dossier as a vCard, in the order of the data."""
    lines = [
        line for person in dossier.people for line in card(dossier, person, lang, today, version)
    ]
    return "".join(f"{line}\r\n" for line in lines)
