"""Write a realistic synthetic dossier for benchmarks: all six kinds, valid references,
German and Japanese text, partial dates; the same seed always gives the same bytes.

    python benchmarks/generate.py --records 10000 --seed 1 -o /tmp/d10k.yaml
    python benchmarks/generate.py --scenario brief -o /tmp/brief.yaml   # 500 events, 100 people
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

# Shares of each kind in a working dossier: mostly events and people.
SHARES = {
    "clusters": 0.04,
    "organisations": 0.10,
    "people": 0.25,
    "agreements": 0.05,
    "events": 0.40,
    "sources": 0.16,
}
CITIES = [
    ("Munich", "DE", "Europe/Berlin", "München"),
    ("Kawasaki", "JP", "Asia/Tokyo", "川崎"),
    ("Osaka", "JP", "Asia/Tokyo", "大阪"),
    ("Heidelberg", "DE", "Europe/Berlin", "Heidelberg"),
    ("Kobe", "JP", "Asia/Tokyo", "神戸"),
    ("Boston", "US", "America/New_York", "Boston"),
]
FOCUS = ["regenerative medicine", "nanomedicine", "oncology", "diagnostics", "digital health"]
FAMILY = ["Suzuki", "Tanaka", "Watanabe", "Müller", "Schmidt", "Weber", "Yamamoto", "Fischer"]
FAMILY_JA = {"Suzuki": "鈴木", "Tanaka": "田中", "Watanabe": "渡辺", "Yamamoto": "山本"}
GIVEN = ["Haruki", "Yuko", "Kenji", "Anna", "Lukas", "Sophie", "Takeshi", "Maria"]
GIVEN_JA = {"Haruki": "春樹", "Yuko": "裕子", "Kenji": "健二", "Takeshi": "武"}


def q(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def partial_date(rng: random.Random, start: int = 2005, end: int = 2030) -> str:
    year = rng.randint(start, end)
    precision = rng.random()
    if precision < 0.1:
        return str(year)
    if precision < 0.3:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def counts(records: int) -> dict[str, int]:
    return {kind: max(2, int(records * share)) for kind, share in SHARES.items()}


def generate(records: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    n = counts(records)
    orgs = [f"org-{i}" for i in range(n["organisations"])]
    people = [f"person-{i}" for i in range(n["people"])]
    agreements = [f"agreement-{i}" for i in range(n["agreements"])]
    sources = [f"source-{i}" for i in range(n["sources"])]
    yield "# yaml-language-server: $schema=../schema/dossier.schema.json\n"
    yield "version: 1\nhome: cluster-0\n\nclusters:\n"
    for i in range(n["clusters"]):
        city, country, zone, native = CITIES[i % len(CITIES)]
        yield (
            f"  - id: cluster-{i}\n    name: {q(f'{city} Life Science Cluster {i}')}\n"
            f"    native_name: {q(f'{native}ライフサイエンスクラスター{i}')}\n"
            f"    aliases: [{q(f'{city} {i}')}]\n    managed_by: {orgs[i]}\n"
            f"    city: {q(city)}\n    country: {country}\n    timezone: {zone}\n"
            f"    founded: {partial_date(rng, 1990, 2015)}\n"
            f"    website: https://cluster-{i}.example.org/\n"
            f"    focus: [{', '.join(q(f) for f in rng.sample(FOCUS, 2))}]\n"
            f"    institutions: [{q(f'Institute {i}-a')}, {q(f'Institut für Biotechnologie {i}')}]\n"
            f"    summary:\n      en: {q(f'Cluster {i} in {city}, focused on translational research.')}\n"
            f"      de: {q(f'Cluster {i} in {city} mit Schwerpunkt translationale Forschung.')}\n"
            f"      ja: {q(f'{native}のトランスレーショナル研究に重点を置くクラスター{i}。')}\n"
            f"    figures:\n      - {{label: Institutions, value: {rng.randint(10, 300)}, "
            f"as_of: {partial_date(rng, 2015, 2024)}, source: {rng.choice(sources)}}}\n"
            f"    sources: [{rng.choice(sources)}]\n"
        )
    yield "\norganisations:\n"
    kinds = ["cluster-management", "municipality", "ministry", "agency", "university", "company"]
    for i, org in enumerate(orgs):
        city, country, zone, native = CITIES[i % len(CITIES)]
        yield (
            f"  - id: {org}\n    name: {q(f'Organisation {i} of {city}')}\n"
            f"    native_name: {q(f'{native}機関{i}')}\n    kind: {rng.choice(kinds)}\n"
            f"    city: {q(city)}\n    country: {country}\n    timezone: {zone}\n"
            f"    website: https://org-{i}.example.org/\n"
            f"    former_names: [{{name: {q(f'Old Organisation {i}')}, until: {partial_date(rng, 2000, 2015)}}}]\n"
            f"    notes: {q('Zuständig für internationale Kooperationen; 国際協力を担当。')}\n"
            f"    sources: [{rng.choice(sources)}]\n"
        )
    yield "\npeople:\n"
    for person in people:
        family, given = rng.choice(FAMILY), rng.choice(GIVEN)
        native = ""
        if family in FAMILY_JA and given in GIVEN_JA:
            native = f"    native_name: {FAMILY_JA[family]}{GIVEN_JA[given]}\n"
        since = partial_date(rng, 2000, 2020)
        yield (
            f"  - id: {person}\n    name: {q(f'{given} {family}')}\n"
            f"    family_name: {q(family)}\n    given_name: {q(given)}\n{native}"
            f"    roles:\n      - {{title: {q('Director')}, organisation: {rng.choice(orgs)}, since: {since}}}\n"
            f"    notes: {q(f'Address as {family}.')}\n    sources: [{rng.choice(sources)}]\n"
        )
    yield "\nagreements:\n"
    statuses = ["signed", "active", "negotiating", "superseded"]
    for i, agreement in enumerate(agreements):
        parties = rng.sample(orgs, 2)
        renews = f"    renews: {agreements[i - 1]}\n" if i and rng.random() < 0.2 else ""
        yield (
            f"  - id: {agreement}\n    kind: mou\n"
            f"    title:\n      en: {q(f'Memorandum of Understanding {i}')}\n"
            f"      de: {q(f'Absichtserklärung {i}')}\n      ja: {q(f'覚書{i}')}\n"
            f"    parties: [{', '.join(parties)}]\n    status: {rng.choice(statuses)}\n{renews}"
            f"    scope: [{q('Exchange of information')}, {q('Joint SME missions')}]\n"
            f"    sources: [{rng.choice(sources)}]\n"
        )
    yield "\nevents:\n"
    for i in range(n["events"]):
        yield from event(rng, f"event-{i}", rng.sample(orgs, 2), people, agreements, sources)
    yield "\nsources:\n"
    for i, source in enumerate(sources):
        yield (
            f"  - id: {source}\n    title: {q(f'Press release {i}: Kooperation / 協力')}\n"
            f"    publisher: {q('Example Press')}\n    url: https://news.example.org/{i}\n"
            f"    published: {partial_date(rng, 2005, 2025)}\n    language: {rng.choice(['en', 'de', 'ja'])}\n"
        )


def event(
    rng: random.Random,
    event_id: str,
    parties: list[str],
    people: list[str],
    agreements: list[str],
    sources: list[str],
) -> Iterator[str]:
    date = partial_date(rng, 2008, 2028)
    agenda = ""
    if rng.random() < 0.2 and len(date) == 10:
        agenda = "    agenda:\n" + "".join(
            f'      - {{time: "{9 + k:02d}:30", title: {q(f"Session {k}")}, people: [{rng.choice(people)}]}}\n'
            for k in range(3)
        )
    attendees = rng.sample(people, min(3, len(people)))
    yield (
        f"  - id: {event_id}\n    kind: {rng.choice(['visit', 'meeting', 'call', 'conference'])}\n"
        f"    title:\n      en: {q(f'Meeting {event_id}')}\n      ja: {q(f'会議 {event_id}')}\n"
        f"    date: {date}\n    place: {q(rng.choice(CITIES)[0])}\n"
        f"    timezone: Asia/Tokyo\n"
        f"    agreement: {rng.choice(agreements)}\n    parties: [{', '.join(parties)}]\n"
        f"    people:\n"
        + "".join(
            f"      - {{person: {p}, role: participant, for: {parties[0]}}}\n" for p in attendees
        )
        + f"    summary: {q('Besprechung der nächsten Schritte. 次のステップについて協議。')}\n"
        f"    follow_ups:\n      - {{action: {q('Send the minutes')}, owner: {attendees[0]}, "
        f"due: {partial_date(rng, 2008, 2028)}, done: {str(rng.random() < 0.7).lower()}}}\n"
        f"{agenda}    sources: [{rng.choice(sources)}]\n"
    )


def brief_scenario(seed: int) -> Iterator[str]:
    """A home cluster and a partner with 500 shared events and 100 people on each side."""
    rng = random.Random(seed)
    yield "version: 1\nhome: home\n\nclusters:\n"
    yield (
        "  - {id: home, name: Home Cluster, managed_by: home-org, city: Munich, country: DE, "
        "timezone: Europe/Berlin, sources: [s0]}\n"
        "  - {id: partner, name: Partner Cluster, native_name: パートナークラスター, managed_by: partner-org, "
        "city: Kawasaki, country: JP, timezone: Asia/Tokyo, focus: [nanomedicine], sources: [s0]}\n"
    )
    yield "\norganisations:\n"
    yield "  - {id: home-org, name: Home Agency, kind: cluster-management, sources: [s0]}\n"
    yield "  - {id: partner-org, name: Partner City, native_name: パートナー市, kind: municipality, sources: [s0]}\n"
    yield "\npeople:\n"
    people = []
    for i in range(100):
        org = "partner-org" if i % 2 else "home-org"
        family, given = rng.choice(FAMILY), rng.choice(GIVEN)
        native = (
            f", native_name: {FAMILY_JA[family]}{GIVEN_JA.get(given, '')}"
            if family in FAMILY_JA
            else ""
        )
        people.append(f"p{i}")
        yield (
            f"  - {{id: p{i}, name: {q(f'{given} {family}')}, family_name: {family}, given_name: {given}{native}, "
            f"roles: [{{title: Director, organisation: {org}, since: 2015}}], sources: [s0]}}\n"
        )
    yield "\nagreements:\n"
    yield "  - {id: mou, kind: mou, title: Partnership MoU, parties: [home-org, partner-org], status: signed, sources: [s0]}\n"
    yield "\nevents:\n"
    for i in range(500):
        yield from event(rng, f"e{i}", ["home-org", "partner-org"], people, ["mou"], [f"s{i % 50}"])
    yield "\nsources:\n"
    for i in range(50):
        yield f"  - {{id: s{i}, title: {q(f'Source {i}')}, url: https://example.org/{i}}}\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scenario", choices=["dossier", "brief"], default="dossier")
    parser.add_argument(
        "-o", "--output", type=Path, help="file to write (default: standard output)"
    )
    args = parser.parse_args(argv)
    chunks = (
        brief_scenario(args.seed) if args.scenario == "brief" else generate(args.records, args.seed)
    )
    if args.output:
        with args.output.open("w", encoding="utf-8") as out:
            out.writelines(chunks)
    else:
        sys.stdout.writelines(chunks)


if __name__ == "__main__":
    main()
