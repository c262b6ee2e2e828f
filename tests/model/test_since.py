"""What happened since the last contact: one computation, told by the visit briefing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dossier.briefing.build import build_briefing
from dossier.briefing.markdown import render_markdown
from dossier.datafile.load import load
from dossier.datafile.loaded import LoadResult
from dossier.i18n import Translator
from dossier.model.contact import contacts
from dossier.model.dossier import is_upcoming
from dossier.model.records import Event
from dossier.model.since import Happening, changes_since, previous_contact, shared_events
from dossier.model.values import PartialDate
from tests.conftest import TODAY, Run

HISTORY = """\
home: h
clusters:
  - {id: h, name: Home, sources: [s]}
  - {id: t, name: Them, managed_by: o, sources: [s]}
organisations:
  - {id: o, name: Their Office, kind: municipality, sources: [s]}
  - {id: x, name: Another Partner, sources: [s]}
people:
  - id: old
    name: Old Head
    roles: [{title: Head, organisation: o, since: 2015, until: 2023-03-31}]
    sources: [s]
  - id: new
    name: New Head
    roles: [{title: Head, organisation: o, since: 2023-04-01}]
    sources: [s]
  - id: before
    name: Long Gone
    roles: [{title: Clerk, organisation: o, since: 2010, until: 2019-12}]
    sources: [s]
agreements:
  - {id: mou, title: First MoU, parties: [h, o], status: expired, expires: 2024-06-30, sources: [s]}
  - {id: mou2, title: Second MoU, parties: [h, o], status: signed, renews: mou, sources: [s]}
  - {id: other, title: Their MoU with X, parties: [o, x], status: signed, sources: [s]}
events:
  - id: meeting
    kind: meeting
    title: Last meeting
    date: 2020-02-10
    parties: [h, o]
    follow_ups:
      - {action: Send the report, owner: h, done_on: 2021-05-01}
      - {action: Old promise, owner: o, done: true}
    sources: [s]
  - {id: fair, kind: other, title: Their trade fair, date: 2022-09, parties: [o], sources: [s]}
  - {id: theirs, kind: signing, title: Signing with X, date: 2023-01-15, agreement: other, parties: [o, x], sources: [s]}
  - {id: renewal, kind: signing, title: Renewal signed, date: 2025-06-01, agreement: mou2, parties: [h, o], sources: [s]}
  - id: visit
    kind: visit
    title: The visit
    date: 2027-04-14
    parties: [h, o]
    sources: [s]
sources: [{id: s, title: S, published: 2026-10}]
"""


@pytest.fixture
def history(tmp_path: Path) -> LoadResult:
    path = tmp_path / "history.yaml"
    path.write_text(HISTORY, encoding="utf-8")
    result = load([path], TODAY)
    assert not result.has_errors, result.problems
    return result


def test_everything_since_the_last_contact_and_nothing_before(history: LoadResult) -> None:
    dossier = history.dossier
    home, theirs = frozenset(dossier.side("h")), frozenset(dossier.side("t"))
    visit = dossier.by_id["visit"]
    assert isinstance(visit, Event)
    contacts_between = shared_events(dossier, home, theirs)
    last = previous_contact(contacts_between, visit)
    # The renewal of 2025 is a contact too: it is the last one before the visit.
    assert last is not None and last.id == "renewal"
    found = changes_since(dossier, home, theirs, PartialDate(2020, 2, 10), TODAY, leave_out=visit)
    told = [(str(c.day), c.what) for c in found]
    assert told == [
        ("2021-05-01", Happening.FOLLOW_UP_DONE),
        ("2022-09", Happening.EVENT),
        ("2023-01-15", Happening.SIGNED),  # told once, as the agreement, not again as an event
        ("2023-03-31", Happening.ROLE_ENDED),
        ("2023-04-01", Happening.ROLE_BEGAN),
        ("2024-06-30", Happening.EXPIRED),
        ("2025-06-01", Happening.RENEWED),
    ]


def test_a_partial_date_counts_from_its_end(history: LoadResult) -> None:
    dossier = history.dossier
    home, theirs = frozenset(dossier.side("h")), frozenset(dossier.side("t"))
    # Since "2022-09", the fair of September 2022 is not news; the signing of 2023 is.
    found = changes_since(dossier, home, theirs, PartialDate(2022, 9), TODAY)
    assert [c.what for c in found][:1] == [Happening.SIGNED]
    # Nothing after today is news, however it is dated.
    assert (
        changes_since(dossier, home, theirs, PartialDate(2020, 2, 10), dt.date(2021, 4, 30)) == []
    )


def test_the_visit_briefing_opens_with_what_happened_since(history: LoadResult) -> None:
    dossier = history.dossier
    text = render_markdown(build_briefing(dossier, dossier.by_id["visit"], today=TODAY))
    section = text.split("## Since the last visit\n\n")[1].split("\n## ")[0]
    assert section.startswith("Last contact: **Renewal signed** (1 June 2025)")
    assert "Nothing recorded has changed since then." in section


def test_with_no_earlier_contact_the_briefing_says_so(tmp_path: Path) -> None:
    before_events, _, events = HISTORY.partition("events:\n")
    only_the_visit = before_events + "events:\n  - id: visit" + events.split("  - id: visit")[1]
    path = tmp_path / "first.yaml"
    path.write_text(only_the_visit, encoding="utf-8")
    first = load([path], TODAY)
    text = render_markdown(build_briefing(first.dossier, first.dossier.by_id["visit"], today=TODAY))
    assert "## Since the last visit\n\nNo earlier contact with Them is recorded.\n" in text


def test_the_sample_visit_briefing_starts_with_the_mou_signing(sample: LoadResult) -> None:
    dossier = sample.dossier
    visit = dossier.by_id["munich-delegation-kawasaki-2027"]
    expected = {
        "en": (
            "## Since the last visit",
            "Last contact: **Mayor Fukuda signs the MoU in Kawasaki** (24 November 2017)",
        ),
        "de": (
            "## Seit dem letzten Besuch",
            "Letzter Kontakt: **Oberbürgermeister Fukuda unterzeichnet das MoU in Kawasaki**",
        ),
        "ja": ("## 前回の訪問以降", "前回の接触：**福田市長が川崎で覚書に署名**"),
    }
    linkj = {
        "en": "MoU on open innovation in the life sciences",
        "de": "Absichtserklärung zu Open Innovation in den Lebenswissenschaften",
        "ja": "ライフサイエンス分野のオープンイノベーションに関する覚書",
    }
    for lang, (heading, opening) in expected.items():
        text = render_markdown(
            build_briefing(dossier, visit, today=TODAY, translator=Translator(lang))
        )
        first_section = text.split("\n## ")[1]
        assert ("## " + first_section).startswith(f"{heading}\n\n{opening}"), lang
        assert linkj[lang] in first_section  # LINK-J's MoU with Kawasaki, 2018


def test_show_and_the_briefing_agree_on_the_last_contact(sample: LoadResult) -> None:
    dossier = sample.dossier
    home = frozenset(dossier.side("munich"))
    for record in [*dossier.clusters, *dossier.organisations]:
        if record.id in home:
            continue
        theirs = frozenset(dossier.side(record.id))
        past = [e for e in shared_events(dossier, home, theirs) if not is_upcoming(e, TODAY)]
        assert contacts(dossier, record.id, TODAY).last == (past[-1] if past else None), record.id


def test_brief_marks_old_facts_and_takes_the_limit(run: Run) -> None:
    marked = run("brief", "munich-delegation-kawasaki-2027", "--format", "md", "-o", "-")
    assert "\\[last checked 30 August 2018\\]" in marked.stdout  # Shiratori's title
    unmarked = run(
        "brief",
        "munich-delegation-kawasaki-2027",
        "--format",
        "md",
        "-o",
        "-",
        "--stale-after",
        "100y",
    )
    assert "last checked" not in unmarked.stdout
    wrong = run("brief", "kawasaki", "--stale-after", "soon")
    assert wrong.exit_code == 2
    assert "--stale-after: 'soon' is not an age such as 2y, 18m, 6w or 90d" in wrong.stderr
