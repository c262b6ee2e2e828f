"""`dossier init`: a new data file with one commented example of each record kind."""

from __future__ import annotations

STARTER = """\
# yaml-language-server: $schema=dossier.schema.json
#
# A dossier: who is who, what was signed, what was promised, what happened since.
# Every section is optional and every id is unique across the whole file.
# Check it with `dossier validate`; see it with `dossier show example-cluster`.
version: 1
home: example-cluster      # the cluster this dossier is kept by; briefings take its side

clusters:
  - id: example-cluster
    name: Example Cluster
    managed_by: example-agency
    city: Munich
    country: DE            # ISO 3166-1 alpha-2 code
    timezone: Europe/Berlin
    focus: [biotechnology]
    sources: [example-source]

organisations:
  - id: example-agency
    name: Example Cluster Agency
    kind: cluster-management   # or municipality, ministry, agency, consulate, university, …
    country: DE
    sources: [example-source]

people:
  - id: example-person
    name: Erika Mustermann
    family_name: Mustermann
    given_name: Erika
    honorific: Dr.
    roles:
      - {title: Managing Director, organisation: example-agency, since: 2020}
    notes: Replace this example with a real person.
    sources: [example-source]

agreements:
  - id: example-agreement
    kind: mou              # or loi, cooperation, partnership, contract, other
    title: Example Memorandum of Understanding
    parties: [example-agency]
    status: draft          # or negotiating, signed, active, expired, terminated, superseded
    scope:
      - Exchange of information
    sources: [example-source]

events:
  - id: example-meeting
    kind: meeting          # or visit, signing, renewal, conference, call, other
    title: Example kick-off meeting
    date: 2020-02          # 2020, 2020-02 or 2020-02-14
    place: Munich
    parties: [example-agency]
    people:
      - {person: example-person, role: host, for: example-agency}
    sources: [example-source]

sources:
  - id: example-source
    title: Where the facts above come from
    url: https://example.org/
    language: en
"""
