"""vCards as address books read them: khard finds people by their native name and reading,
phones get the phonetic name they sort by, and `--vcard 3.0` cards read back as 4.0 ones do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import Run, Write

PEOPLE = """\
organisations:
  - {id: city, name: City of Kawasaki, native_name: 川崎市, country: JP}
people:
  - id: norihiko-fukuda
    name: Norihiko Fukuda
    family_name: Fukuda
    given_name: Norihiko
    native_name: 福田 紀彦
    reading: ふくだ のりひこ
    roles: [{title: Mayor, organisation: city}]
    phone: ["+81 44-200-2111"]
  - id: shiratori
    name: Shigeyuki Shiratori
    native_name: 白鳥
    reading: シラトリ
  - {id: domdey, name: Horst Domdey, family_name: Domdey, given_name: Horst}
"""

VERSIONS = pytest.mark.parametrize("version", ["4.0", "3.0"])


def _khard(cards: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """khard, with an address book of its own holding `cards`, one file per card."""
    book = tmp_path / "book"
    book.mkdir(exist_ok=True)
    for number, card in enumerate(cards.split("BEGIN:VCARD")[1:]):
        (book / f"{number}.vcf").write_text("BEGIN:VCARD" + card, encoding="utf-8", newline="")
    config = tmp_path / "khard.conf"
    config.write_text(
        f"[addressbooks]\n[[dossier]]\npath = {book}\n"
        "[vcard]\nprivate_objects = PHONETIC-LAST-NAME, PHONETIC-FIRST-NAME\n",
        encoding="utf-8",
    )
    khard = [sys.executable, "-m", "khard", "-c", str(config), *args]
    return subprocess.run(khard, capture_output=True, text=True, timeout=60, check=False)


@VERSIONS
def test_khard_finds_people_by_native_name_and_reading(
    run: Run, write: Write, tmp_path: Path, version: str
) -> None:
    cards = run("export", "--format", "vcf", "--vcard", version, data=write(PEOPLE)).stdout
    for term in ("福田", "Fukuda", "ふくだ", "白鳥", "シラトリ"):
        found = _khard(cards, tmp_path, "list", "--parsable", term)
        assert found.returncode == 0, found.stderr
        assert len(found.stdout.splitlines()) == 1, (term, found.stdout)
    shown = _khard(cards, tmp_path, "show", "福田").stdout
    assert "Name: Norihiko Fukuda" in shown and "Organisation: City of Kawasaki" in shown


@VERSIONS
def test_vobject_reads_the_names_of_either_version(run: Run, write: Write, version: str) -> None:
    cards = run("export", "--format", "vcf", "--vcard", version, data=write(PEOPLE)).stdout
    assert cards.splitlines()[:2] == ["BEGIN:VCARD", f"VERSION:{version}"]
    fukuda, shiratori, domdey = vobject.readComponents(cards)
    assert fukuda.fn.value == "Norihiko Fukuda"  # the display form comes first
    assert (fukuda.n.value.family, fukuda.n.value.given) == ("Fukuda", "Norihiko")
    assert fukuda.nickname.value == "福田 紀彦"
    assert fukuda.x_phonetic_last_name.value == "ふくだ"
    assert fukuda.x_phonetic_first_name.value == "のりひこ"
    assert shiratori.x_phonetic_last_name.value == "シラトリ"
    assert "x-phonetic-first-name" not in shiratori.contents
    assert "nickname" not in domdey.contents and "x-phonetic-last-name" not in domdey.contents


def test_version_4_binds_the_reading_to_the_native_name(run: Run, write: Write) -> None:
    (fukuda, shiratori, _) = vobject.readComponents(
        run("export", "--format", "vcf", data=write(PEOPLE)).stdout
    )
    names = [
        (n.params.get("PHONETIC"), n.params.get("SCRIPT"), n.value.family, n.value.given)
        for n in fukuda.contents["n"]
    ]
    assert names == [
        (None, None, "Fukuda", "Norihiko"),
        (None, None, "福田", "紀彦"),
        (["script"], ["Hira"], "ふくだ", "のりひこ"),
    ]
    assert {n.params["ALTID"][0] for n in fukuda.contents["n"]} == {"2"}
    # A native name without a space has no family and given parts to read: one N only.
    assert len(shiratori.contents["n"]) == 1


def test_version_3_writes_what_version_3_has(run: Run, write: Write) -> None:
    cards = run("export", "--format", "vcf", "--vcard", "3.0", data=write(PEOPLE)).stdout
    assert "ALTID" not in cards and "PHONETIC=" not in cards
    assert "TEL;TYPE=work,voice:+81 44-200-2111" in cards.splitlines()


def test_vcard_goes_with_vcf_only(run: Run) -> None:
    result = run("export", "--format", "json", "--vcard", "3.0")
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: --vcard goes with --format vcf, not json\n",
    )


NAME_TEXT = (
    st.text(st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1)
    .map(str.strip)
    .filter(bool)
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    native=NAME_TEXT,
    reading=st.none() | NAME_TEXT,
    version=st.sampled_from(["4.0", "3.0"]),
)
def test_any_native_name_and_reading_read_back(
    run: Run, write: Write, native: str, reading: str | None, version: str
) -> None:
    import json

    assume(native != "P")  # a native name that is the name itself is not repeated
    person = {"id": "p", "name": "P", "native_name": native, "reading": reading}
    data = write(
        "people:\n  - "
        + json.dumps({k: v for k, v in person.items() if v}, ensure_ascii=False)
        + "\n"
    )
    result = run("export", "--format", "vcf", "--vcard", version, data=data)
    assert result.exit_code == 0, result.stderr
    (card,) = vobject.readComponents(result.stdout)
    assert card.nickname.value == native
    if reading:
        phonetic = [card.x_phonetic_last_name.value]
        if "x-phonetic-first-name" in card.contents:
            phonetic.append(card.x_phonetic_first_name.value)
        assert " ".join(phonetic).split() == reading.split()
