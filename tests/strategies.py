"""Hypothesis strategies: valid dossiers with awkward text, for round trips and fuzzing."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from dossier.datafile.validation import validate
from dossier.model.dossier import Dossier
from dossier.model.records import Cluster, Event, Organisation, Person, Source
from dossier.model.values import PartialDate

TEXT = st.one_of(
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(
        ["NO", "yes", "on", "10:30", "2017", "2017-02-14", "null", "~", "0x1F", "#x", "- a", "a: b"]
    ),
)
LOCAL = TEXT | st.dictionaries(st.sampled_from(["en", "de", "ja"]), TEXT, min_size=1, max_size=3)
DATES = st.builds(
    lambda d, p: PartialDate(d.year, d.month if p > 0 else None, d.day if p > 1 else None),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.integers(0, 2),
)
DAYS = st.builds(
    PartialDate.parse, st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2025, 12, 31))
)

CITIES = [None, "Munich", "Kawasaki", "Cambridge"]
ZONES = [None, "Asia/Tokyo", "Europe/Berlin", "America/New_York", "UTC"]
CLOCK = st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))
AGENDA_ITEMS = st.fixed_dictionaries(
    {"time": CLOCK, "title": TEXT},
    optional={
        "end": CLOCK,
        # around the changes of daylight saving time, in both hemispheres' months
        "date": st.dates(min_value=dt.date(2024, 3, 1), max_value=dt.date(2024, 11, 30)),
    },
)


@st.composite
def dossiers(draw: st.DrawFn, *, visits: bool = False) -> Dossier:
    """Valid dossiers; `visits`: events known to the day, a home side with a time zone."""
    sources = [
        validate(Source, {"id": f"s{i}", "title": draw(LOCAL)})
        for i in range(draw(st.integers(1, 3)))
    ]
    source_ids = [s.id for s in sources]
    organisations = [
        validate(
            Organisation,
            {
                "id": f"o{i}",
                "name": draw(LOCAL),
                "country": draw(st.sampled_from(["NO", "JP", None])),
                "sources": source_ids[:1],
            },
        )
        for i in range(draw(st.integers(1, 3)))
    ]
    clusters = [
        validate(
            Cluster,
            {
                "id": f"c{i}",
                "name": draw(LOCAL),
                "managed_by": organisations[i % len(organisations)].id,
                "city": draw(st.sampled_from(CITIES)),
                "timezone": draw(st.sampled_from(ZONES[1:] if visits and i == 0 else ZONES)),
                "founded": draw(st.none() | DATES),
                "focus": draw(st.lists(TEXT, max_size=2)),
            },
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    people = [
        validate(
            Person,
            {
                "id": f"p{i}",
                "name": draw(TEXT),
                "native_name": draw(st.none() | TEXT),
                "roles": [
                    {
                        "title": draw(LOCAL),
                        "organisation": organisations[0].id,
                        "since": draw(DATES),
                    }
                ],
            },
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    events = [
        validate(
            Event,
            {
                "id": f"e{i}",
                "title": draw(LOCAL),
                "date": draw(DAYS if visits else DATES),
                "parties": [o.id for o in organisations],
                "people": [p.id for p in people[:1]],
                "place": draw(st.sampled_from(CITIES)),
                "timezone": draw(st.sampled_from(ZONES)),
                "agenda": draw(st.lists(AGENDA_ITEMS, min_size=1, max_size=3)),
                "follow_ups": [{"action": draw(LOCAL), "due": draw(DATES)}],
            },
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    use_home: bool = visits or draw(st.booleans())
    home = clusters[0].id if clusters and use_home else None
    return Dossier.build([*clusters, *organisations, *people, *events, *sources], home=home)
