"""Contact details and vCards: numbers and addresses checked where they are written, shown in
`show` and the internal briefing, exported as vCard 4.0 and read back by a vCard library."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
import pytest
import vobject

from tests.conftest import Run, Write

# A number valid by the phone plan's own data (the library's example for Japan), written as
# people write it: with spaces.
_EXAMPLE = phonenumbers.example_number("JP")
assert _EXAMPLE is not None
JP = phonenumbers.format_number(_EXAMPLE, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
CONTACTS = f"""\
home: here
clusters:
  - {{id: here, name: Home, city: Munich}}
  - {{id: there, name: There, managed_by: city}}
organisations:
  - id: city
    name: City of Kawasaki
    native_name: 川崎市
    country: JP
    phone: ["{JP}"]
people:
  - id: norihiko-fukuda
    name: Norihiko Fukuda
    family_name: Fukuda
    given_name: Norihiko
    native_name: 福田紀彦
    honorific: Mayor
    roles: [{{title: {{en: Mayor, de: Oberbürgermeister}}, organisation: city}}]
    email: [mayor@city.example.jp]
    phone: ["{JP}"]
    postal_address: "1 City Hall Street; Kawasaki, Japan"
    contact_via: assistant
    notes: Prefers mornings.
  - id: assistant
    name: Aiko Aide
    email: [aide@city.example.jp]
    contact_audience: partner
"""


@pytest.fixture
def contacts(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.yaml"
    path.write_text(CONTACTS, encoding="utf-8")
    return path


def test_a_person_with_email_and_phone_validates(run: Run, contacts: Path) -> None:
    result = run("validate", str(contacts), data=None)
    assert "0 errors" in result.stderr, result


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", '["044-200-2111"]', "'044-200-2111' is not a phone number in international form"),
        ("phone", '["+49 1234"]', "'+49 1234' is not a valid number of its country's phone plan"),
        ("email", "[not-an-address]", "'not-an-address' is not an e-mail address"),
    ],
)
def test_a_bad_number_or_address_is_an_error_at_its_line(
    run: Run, tmp_path: Path, field: str, value: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(f"people:\n  - id: p\n    name: P\n    {field}: {value}\n", encoding="utf-8")
    result = run("validate", str(path), data=None)
    assert result.exit_code == 1
    assert "bad.yaml:4:" in result.stdout and message in result.stdout, result.stdout


def test_show_prints_the_contact_details(run: Run, contacts: Path) -> None:
    shown = run("show", "fukuda", data=contacts).stdout
    assert "mayor@city.example.jp" in shown
    assert JP in shown
    assert "Aiko Aide" in shown  # contact via


def test_contact_details_are_internal_unless_marked(run: Run, contacts: Path) -> None:
    internal = run("brief", "there", "--format", "md", "-o", "-", data=contacts).stdout
    # (Markdown escapes `@`, which pandoc would read as a citation.)
    assert f"Contact: {JP}, mayor\\@city.example.jp, 1 City Hall Street" in internal
    partner = run(
        "brief", "there", "--audience", "partner", "--format", "md", "-o", "-", data=contacts
    ).stdout
    assert "city.example.jp" not in partner and JP not in partner
    # The assistant's address is marked for partners.
    cards = run("export", "--format", "vcf", "--audience", "partner", data=contacts).stdout
    assert "EMAIL;TYPE=work:aide@city.example.jp" in cards and "mayor@" not in cards


def test_the_vcards_read_back_with_both_scripts(run: Run, contacts: Path, tmp_path: Path) -> None:
    result = run("export", "--kind", "people", "--lang", "de", "-o", "people.vcf", data=contacts)
    assert result.exit_code == 0, result
    data = (tmp_path / "people.vcf").read_bytes()
    assert data.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")  # CRLF, as RFC 6350 says
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert len(cards) == 2
    fukuda = cards[0]
    names = [fn.value for fn in fukuda.contents["fn"]]
    assert names == ["Norihiko Fukuda", "福田紀彦"]
    assert fukuda.n.value.family == "Fukuda" and fukuda.n.value.given == "Norihiko"
    assert fukuda.title.value == "Oberbürgermeister"
    assert fukuda.org.value == ["City of Kawasaki"]
    assert fukuda.email.value == "mayor@city.example.jp"
    assert fukuda.tel.value.startswith("tel:+81-")
    assert fukuda.adr.value.street == "1 City Hall Street; Kawasaki, Japan"
    assert fukuda.note.value == "Prefers mornings."
    assert fukuda.uid.value.startswith("urn:uuid:")
    # The same person always gets the same card.
    run("export", "--kind", "people", "--lang", "de", "-o", "again.vcf", data=contacts)
    assert (tmp_path / "again.vcf").read_bytes() == data


def test_vcards_hold_people_only(run: Run) -> None:
    result = run("export", "--format", "vcf", "--kind", "events")
    assert result.exit_code == 2
    assert "--format vcf exports people only" in result.stderr


def test_long_lines_are_folded_within_75_octets(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(
        "people:\n  - id: p\n    name: P\n    notes: " + "川崎市" * 40 + "\n", encoding="utf-8"
    )
    run("export", "-o", "long.vcf", data=path)
    text = (tmp_path / "long.vcf").read_bytes().decode("utf-8")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    (card,) = vobject.readComponents(text)
    assert card.note.value == "川崎市" * 40


def test_the_native_name_is_marked_with_its_language_only_where_it_is_known(
    run: Run, write: Write
) -> None:
    path = write(
        "organisations:\n"
        "  - {id: seoul, name: Seoul City, country: KR}\n"
        "  - {id: beijing, name: Beijing Office, country: CN}\n"
        "people:\n"
        "  - {id: kana, name: Aiko Sato, native_name: さとう あいこ}\n"
        "  - {id: hangul, name: Kim Min-jun, native_name: 김민준}\n"
        "  - id: han-cn\n    name: Wang Wei\n    native_name: 王伟\n"
        "    roles: [{title: Director, organisation: beijing}]\n"
        "  - id: han-kr\n    name: Park Ji-hoon\n    native_name: 朴志勋\n"
        "    roles: [{title: Director, organisation: seoul}]\n"
        "  - {id: han, name: Li Na, native_name: 李娜}\n"
    )
    text = run("export", "--format", "vcf", data=path).stdout
    cards = list(vobject.readComponents(text))
    marked = {
        card.uid.value: [fn.params.get("LANGUAGE") for fn in card.contents["fn"]] for card in cards
    }
    assert list(marked.values()) == [
        [["en"], ["ja"]],
        [["en"], ["ko"]],
        [["en"], ["zh"]],
        [["en"], ["ko"]],
        [["en"], None],
    ]


def test_each_title_is_grouped_with_its_organisation(run: Run, write: Write) -> None:
    path = write(
        "organisations:\n  - {id: a, name: Alpha}\n  - {id: b, name: Beta}\n"
        "people:\n  - id: p\n    name: P\n    roles:\n"
        "      - {title: Advisor, organisation: a}\n"
        "      - {title: Chair, organisation: b}\n"
    )
    (card,) = vobject.readComponents(run("export", "--format", "vcf", data=path).stdout)
    pairs = {line.group: line.value for line in card.getChildren() if line.name == "TITLE"}
    organisations = {line.group: line.value for line in card.getChildren() if line.name == "ORG"}
    assert {pairs[group]: organisations[group] for group in pairs} == {
        "Advisor": ["Alpha"],
        "Chair": ["Beta"],
    }
