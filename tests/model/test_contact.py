"""Relationship memory: the last and next contacts, expiries and anniversaries ahead, and the
warning before an agreement expires."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from dossier.datafile.load import load
from dossier.datafile.loaded import LoadResult
from dossier.model.contact import ahead, contacts
from tests.conftest import TODAY, Run

EXPIRING = """\
home: h
clusters: [{id: h, name: H, sources: [s]}]
organisations: [{id: o, name: O, sources: [s]}]
agreements:
  - {id: a, title: MoU, status: active, parties: [h, o], expires: 2027-01-09, sources: [s]}
events:
  - {id: sig, kind: signing, title: Signing, date: 2017-02-10, agreement: a, parties: [h, o], sources: [s]}
sources: [{id: s, title: S}]
"""


def test_the_last_contact_with_kawasaki_is_the_mou_signing(sample: LoadResult) -> None:
    last, upcoming = contacts(sample.dossier, "kawasaki", TODAY)
    assert last is not None and str(last.date) == "2017-11-24"
    assert upcoming is not None and upcoming.id == "munich-delegation-kawasaki-2027"


def test_our_own_side_has_no_contact(sample: LoadResult) -> None:
    assert contacts(sample.dossier, "biom", TODAY) == (None, None)
    assert contacts(sample.dossier, "horst-domdey", TODAY) == (None, None)


def test_the_tenth_anniversary_of_the_mou_is_ahead(sample: LoadResult) -> None:
    coming = ahead(sample.dossier, "kawasaki", TODAY)
    assert [(str(a.day), a.years) for a in coming] == [("2027-11-10", 10), ("2027-11-24", 10)]


def test_an_agreement_expiring_in_45_days_draws_a_warning(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "exp.yaml"
    data.write_text(EXPIRING, encoding="utf-8")
    result = run("validate", data=data)
    assert result.exit_code == 0
    assert result.stdout == (
        "exp.yaml:5:67: warning: a expires: expires on 2027-01-09, in 45 days [expires-soon]\n"
        "  hint: prepare the renewal, or record that it will end\n"
    )
    quiet = data.with_name("quiet.yaml")
    quiet.write_text(
        EXPIRING.replace("home: h\n", "home: h\nexpiry_notice: 30\n"), encoding="utf-8"
    )
    assert run("validate", data=quiet).stdout == ""


def test_show_lists_the_expiry_and_the_anniversary(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "exp.yaml"
    data.write_text(EXPIRING, encoding="utf-8")
    out = run("show", "o", data=data).stdout
    assert "Last contact  2017-02-10  Signing" in out
    assert "• 2027-01-09: MoU expires\n• 2027-02-10: 10 years since MoU was signed\n" in out


def test_the_calendar_has_the_expiry_as_an_all_day_entry(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "exp.yaml"
    data.write_text(EXPIRING, encoding="utf-8")
    calendar = icalendar.Calendar.from_ical(run("export", "--format", "ics", data=data).stdout)
    expiry = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == "a-expires@dossier")
    assert str(expiry["SUMMARY"]) == "Expires: MoU"
    assert expiry.decoded("DTSTART") == dt.date(2027, 1, 9)


def test_a_notice_period_out_of_range_is_an_error(tmp_path: Path) -> None:
    data = tmp_path / "bad.yaml"
    data.write_text("expiry_notice: -1\n", encoding="utf-8")
    problems = load([data], TODAY).problems
    assert [(p.field, p.message) for p in problems] == [
        ("expiry_notice", "-1 is not a number of days from 0 to 3650")
    ]


def test_an_agreements_view_shows_its_whole_renewal_chain(run: Run, sample: LoadResult) -> None:
    chain = [a.id for a in sample.dossier.renewal_chain("biom-osaka-2018")]
    assert chain == [
        "biom-osaka-2011",
        "biom-osaka-extension",
        "biom-osaka-2018",
        "biom-osaka-2022",
    ]
    assert [a.id for a in sample.dossier.renewal_chain("biom-osaka-2011")] == chain
    out = run("show", "biom-osaka-extension", env={"COLUMNS": "200"}).stdout
    links = out.split("\nRenewal chain\n", 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    assert [line.replace("→", " ").split()[0] for line in links] == chain
    assert links[1].startswith("→ biom-osaka-extension")


def test_a_renewal_loop_is_followed_once(tmp_path: Path) -> None:
    data = tmp_path / "loop.yaml"
    data.write_text(
        "agreements:\n  - {id: a, title: A, status: active, renews: b}\n"
        "  - {id: b, title: B, status: active, renews: a}\n",
        encoding="utf-8",
    )
    dossier = load([data], TODAY).dossier
    assert [a.id for a in dossier.renewal_chain("a")] == ["b", "a"]
