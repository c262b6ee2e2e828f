"""Room for the numbers of a long numbered list.

A list style leaves room for "9." before an item's text; "10." runs into the text with no
gap at all. A list of ten items or more gets a numbering of its own, copied from the style's
(so a template's number format, font and indent stay), with the room widened for its longest
number. Its own numbering also starts the list at 1, whatever list came before it.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn

NUMBER_TWIPS = 360
"""The room for "9." and a gap (python-docx's template leaves a quarter inch)."""
DIGIT_TWIPS = 180
"""The room each further digit takes, with a gap to spare at the widest digit."""


def number_room(count: int) -> int | None:
    """The hanging indent `count` numbered items need, or None where one digit is enough."""
    digits = len(str(count))
    return NUMBER_TWIPS + DIGIT_TWIPS * (digits - 1) if digits > 1 else None


def widened_numbering(document: Document, style: str, room: int) -> int | None:
    """The id of a new numbering like `style`'s with at least `room` twips for the number,
    or None where the style numbers nothing (its list then stays as the template made it)."""
    ppr = document.styles[style].element.pPr
    numbers = None if ppr is None else ppr.numPr
    if numbers is None or numbers.numId is None:
        return None
    try:
        numbering = document.part.numbering_part.element
    except NotImplementedError:  # a template with no numbering at all: python-docx makes none
        return None
    abstract = _style_abstract(numbers.numId.val, numbering)
    if abstract is None:
        return None
    widened = copy.deepcopy(abstract)
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in _abstracts(numbering)]
    new_id = max(abstract_ids) + 1
    widened.set(qn("w:abstractNumId"), str(new_id))
    for unique in ("w:nsid", "w:tmpl"):  # ids Word keeps apart per numbering
        element = widened.find(qn(unique))
        if element is not None:
            widened.remove(element)
    level = widened.find(qn("w:lvl"))
    if level is None:
        return None
    _widen(level, room)
    _abstracts(numbering)[-1].addnext(widened)  # every abstractNum comes before any num
    return int(numbering.add_num(new_id).numId)


def _abstracts(numbering: Any) -> list[Any]:
    return list(numbering.findall(qn("w:abstractNum")))


def _style_abstract(num_id: int, numbering: Any) -> Any | None:
    """The abstract numbering a style's numbering id stands for, if the package holds it."""
    num = next((n for n in numbering.num_lst if n.numId == num_id), None)
    if num is None:
        return None
    wanted = num.abstractNumId.val
    return next(
        (a for a in _abstracts(numbering) if a.get(qn("w:abstractNumId")) == str(wanted)), None
    )


def _widen(level: Any, room: int) -> None:
    """The level's text starts `room` twips in, and its number's tab stop with it."""
    ppr = level.find(qn("w:pPr"))
    if ppr is None:
        ppr = level.makeelement(qn("w:pPr"), {})
        level.append(ppr)
    ind = ppr.find(qn("w:ind"))
    left = int(ind.get(qn("w:left"), "0")) if ind is not None else 0
    hanging = int(ind.get(qn("w:hanging"), "0")) if ind is not None else 0
    start = left - hanging  # where the number stands: kept
    if hanging >= room:
        return
    for tabs in ppr.findall(qn("w:tabs")):
        ppr.remove(tabs)
    if ind is not None:
        ppr.remove(ind)
    tabs = ppr.makeelement(qn("w:tabs"), {})
    tabs.append(tabs.makeelement(qn("w:tab"), {qn("w:val"): "num", qn("w:pos"): str(start + room)}))
    attributes = {qn("w:left"): str(start + room), qn("w:hanging"): str(room)}
    ppr.insert(0, tabs)
    ppr.append(ppr.makeelement(qn("w:ind"), attributes))
