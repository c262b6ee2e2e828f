"""Raw data files → parsed, validated and cross-checked `Dossier`, with located problems."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from dossier.datafile import collector
from dossier.datafile.loaded import LoadResult, Place, RawFile
from dossier.datafile.repair import mended, overlaps
from dossier.datafile.text_check import check_bytes
from dossier.datafile.validation import field_errors, validate
from dossier.datafile.yaml_positions import YamlDocument
from dossier.datafile.yaml_reader import parse_yaml
from dossier.errors import FieldPath, Finding, Problem, Severity, format_field_path
from dossier.model.checks import Elsewhere, check_dossier
from dossier.model.dossier import Dossier
from dossier.model.records import SECTIONS, SETTINGS, TOP_LEVEL_KEYS, AnyRecord, DossierFile
from dossier.model.suggest import did_you_mean


@functools.cache
def setting_type(key: str) -> Any:
    """The annotated type of a top-level setting of `DossierFile` (`version`, `home`, `lang`)."""
    return typing.get_type_hints(DossierFile, include_extras=True)[key]


_TAKEN = object()
"""Stands in a section's list for a record handed over while the file was being read."""


@dataclass
class _FileRecords:
    """What one file contributed, with enough to locate any problem in it."""

    name: str
    document: YamlDocument | None = None
    records: list[tuple[AnyRecord, FieldPath]] = field(default_factory=list)
    labels: dict[tuple[str, int], str] = field(default_factory=dict)
    pending: list[Finding] = field(default_factory=list)
    """Problems found while the file is read, located once its positions are known."""

    def locate(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        assert self.document is not None
        return self.document.position(path, key=key)

    def in_records(self, problems: list[Problem]) -> list[Problem]:
        """Problems found by line (byte-level ones) with the record they stand in named."""
        if not problems or self.document is None:
            return problems
        document = self.document
        spans = [
            (document.in_editor(s.line + 1, 1)[0], document.in_editor(s.end_line + 1, 1)[0], key)
            for key, s in document.spans.items()
        ]
        named = []
        for problem in problems:
            inside = [key for first, last, key in spans if first <= problem.line <= last]
            if inside and not problem.record:
                label = self.labels.get(inside[0]) or f"{inside[0][0]}[{inside[0][1]}]"
                problem = dataclasses.replace(problem, record=label)
            named.append(problem)
        return named

    def record_and_field(self, path: FieldPath) -> tuple[str, str]:
        """The record label (its id, or `section[n]`) and the dotted field path inside it."""
        if len(path) >= 2 and path[0] in SECTIONS and isinstance(path[1], int):
            label = self.labels.get((str(path[0]), path[1])) or f"{path[0]}[{path[1]}]"
            return label, format_field_path(path[2:])
        return "", format_field_path(path)


class _Reader:
    """Reads files one by one and keeps what the cross-record checks need to locate findings."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.files: list[_FileRecords] = []
        self.home: tuple[str, _FileRecords] | None = None
        self.version = 1
        self.lang: str | None = None
        self.expiry_notice: int | None = None
        self.faulty: dict[str, list[FieldPath]] = {}
        """Record id → the places inside it that hold errors of their own."""
        self.elsewhere: dict[str, tuple[str, _FileRecords, FieldPath, bool]] = {}
        """Id → why no valid record has it, and where the error that causes this stands."""
        self.names: list[str] = []
        self.syntax_paths: set[FieldPath] = set()

    def read(self, raw: RawFile) -> None:
        name = raw.name
        self.names.append(name)
        if raw.data is None:
            self.problems.append(raw.problem or Problem(name, 0, 0, "cannot read the file"))
            return
        checked = check_bytes(raw.data, name)
        if checked.data is None:
            self.problems.extend(checked.problems)
            return
        data = checked.data
        current = _FileRecords(name)

        def take(section: str, index: int, value: Any) -> Any:
            if section not in SECTIONS:
                return value  # an unknown section: reported as a whole below
            self._record(current, section, index, value)
            return _TAKEN

        document = parse_yaml(data, on_item=take)
        current.document = document
        self.problems.extend(current.in_records(checked.problems))
        if document.data is None:
            current.records.clear()
            current.pending.clear()
        self.files.append(current)
        self.syntax_paths = {syntax.path for syntax in document.problems}
        for syntax in document.problems:
            record, field_path = current.record_and_field(syntax.path)
            line, column = document.in_editor(syntax.line, syntax.column)
            self.problems.append(
                Problem(
                    name,
                    line,
                    column,
                    syntax.message,
                    record,
                    field_path,
                    syntax.hint,
                )
            )
        if document.data is None:
            if not document.problems:
                self.problems.append(
                    Problem(
                        name,
                        1,
                        1,
                        "the file holds no data",
                        hint="add sections such as clusters:, people:, events:",
                    )
                )
            return
        self._top_level(current, document.data)
        for pending in current.pending:
            if pending.path not in self.syntax_paths:
                self._add(current, pending.path, pending.message, pending.hint, key=pending.at_key)
        current.pending.clear()

    def _add(
        self,
        current: _FileRecords,
        path: FieldPath,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: Severity = Severity.ERROR,
        kind: str = "",
        cause: str = "",
    ) -> None:
        line, column = current.locate(path, key=key)
        record, field_path = current.record_and_field(path)
        self.problems.append(
            Problem(
                current.name, line, column, message, record, field_path, hint, severity, kind, cause
            )
        )

    def _top_level(self, current: _FileRecords, data: Any) -> None:
        if not isinstance(data, dict):
            self._add(
                current, (), "the top level must be a mapping of sections (clusters:, people:, …)"
            )
            return
        for key, value in data.items():
            if key in SECTIONS:
                self._section(current, key, value)
            elif key in SETTINGS:
                self._setting(current, key, value)
            else:
                self._stray_records(current, str(key), value)
                self._add(
                    current,
                    (key,),
                    f"unknown section '{key}'",
                    _section_hint(str(key)),
                    key=True,
                )

    def _stray_records(self, current: _FileRecords, key: str, value: Any) -> None:
        """Ids of records under an unknown (say, misspelled) section: references to them
        follow from that one error, and are reported as its consequences."""
        if not isinstance(value, list):
            return
        why = f"it stands in the unknown section '{key}'"
        for item in value:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.elsewhere.setdefault(item["id"], (why, current, (key,), True))

    def _setting(self, current: _FileRecords, key: str, value: Any) -> None:
        """A top-level setting, checked by the same type the schema is made from."""
        try:
            checked = validate(setting_type(key), value)
        except ValidationError as error:
            for problem in field_errors(error, value, DossierFile):
                self._add(current, (key, *problem.path), problem.message, problem.hint)
            return
        if key == "home":
            self._home(current, checked)
        elif key == "lang" and checked is not None:
            self.lang = checked
        elif key == "version" and checked is not None:
            self.version = checked
        elif key == "expiry_notice" and checked is not None:
            self.expiry_notice = checked

    def _home(self, current: _FileRecords, value: str | None) -> None:
        if value is None:
            return
        if self.home is not None and self.home[0] != value:
            self._add(
                current,
                ("home",),
                f"home is '{value}' here but '{self.home[0]}' in {self.home[1].name}",
                "give home in one file only",
            )
        else:
            self.home = (value, current)

    def _section(self, current: _FileRecords, section: str, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            self._add(
                current,
                (section,),
                f"'{section}' must be a list of records (lines starting with '- ')",
            )
            return
        for index, raw in enumerate(value):
            if raw is not _TAKEN:  # a section read whole (it carries an anchor)
                self._record(current, section, index, raw)

    def _record(self, current: _FileRecords, section: str, index: int, raw: Any) -> None:
        """Validate one record; its problems wait in `pending` until positions can be found."""
        path: FieldPath = (section, index)
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            current.labels[section, index] = raw["id"]
        if not isinstance(raw, dict):
            what = "empty" if raw is None else "not a mapping of fields"
            current.pending.append(Finding("", path, f"record {index + 1} of {section} is {what}"))
            return
        model = SECTIONS[section]
        try:
            record = validate(model, raw)
        except ValidationError as error:
            problems = field_errors(error, raw, model)
            current.pending.extend(dataclasses.replace(p, path=(*path, *p.path)) for p in problems)
            faulty = [p.path for p in problems]
            repaired = mended(model, raw, faulty)
            if repaired is not None:
                self.faulty.setdefault(repaired.id, []).extend(faulty)
                current.records.append((repaired, path))
            elif isinstance(raw.get("id"), str):
                self.elsewhere[raw["id"]] = ("its record has errors", current, path, False)
            return
        current.records.append((record, path))

    def finish(self, today: dt.date, *, warnings: bool = True) -> LoadResult:
        records: list[AnyRecord] = []
        origin: dict[str, tuple[_FileRecords, FieldPath]] = {}
        for current in self.files:
            for record, path in current.records:
                if record.id in origin:
                    first_file, first_path = origin[record.id]
                    line, _ = first_file.locate((*first_path, "id"))
                    self._add(
                        current,
                        (*path, "id"),
                        f"duplicate id '{record.id}'",
                        f"first used at {first_file.name}:{line}; ids are unique across all kinds",
                    )
                    continue
                origin[record.id] = (current, path)
                records.append(record)
        dossier = Dossier.build(
            records,
            home=self.home[0] if self.home else None,
            version=self.version,
            lang=self.lang,
            expiry_notice=self.expiry_notice,
        )
        elsewhere = {
            record_id: Elsewhere(why, f"{current.name}:{current.locate(path, key=key)[0]}")
            for record_id, (why, current, path, key) in self.elsewhere.items()
            if record_id not in origin
        }
        for finding in check_dossier(dossier, today, elsewhere, warnings=warnings):
            faulty = self.faulty.get(finding.record)
            if faulty and overlaps(finding.derived_from(), faulty):
                continue  # derived from a value that has an error of its own
            self._locate(finding, origin)
        self.problems.sort(key=Problem.sort_key)
        return LoadResult(dossier, self.problems, self.names, _places(origin))

    def _locate(self, finding: Finding, origin: dict[str, tuple[_FileRecords, FieldPath]]) -> None:
        if finding.record and finding.record in origin:
            current, base = origin[finding.record]
            path: FieldPath = (*base, *finding.path)
        elif self.home is not None:
            current, path = self.home[1], finding.path
        else:  # pragma: no cover - every finding names a record or the home key
            return
        message = finding.message
        if finding.related in origin:
            other, other_path = origin[finding.related]
            message = message.replace("{where}", f"{other.name}:{other.locate(other_path)[0]}")
        self._add(
            current,
            path,
            message,
            finding.hint,
            severity=finding.severity,
            kind=finding.kind,
            cause=finding.cause,
        )


def _places(origin: dict[str, tuple[_FileRecords, FieldPath]]) -> dict[str, Place]:
    places = {}
    for record_id, (current, (section, index)) in origin.items():
        span = current.document.spans.get((str(section), int(index))) if current.document else None
        start, end = (span.start, span.end) if span is not None else (0, 0)
        places[record_id] = Place(current.name, str(section), int(index), start, end)
    return places


_SECTION_SYNONYMS = {
    "persons": "people",
    "person": "people",
    "contacts": "people",
    "organizations": "organisations",
    "organization": "organisations",
    "orgs": "organisations",
    "cluster": "clusters",
    "agreement": "agreements",
    "event": "events",
    "meetings": "events",
    "visits": "events",
    "source": "sources",
    "language": "lang",
}
"""Names people write for a section, where spelling alone does not lead to the right one."""


def _section_hint(key: str) -> str:
    synonym = _SECTION_SYNONYMS.get(key.lower())
    if synonym is not None:
        return f"did you mean '{synonym}'?"
    return did_you_mean(key, TOP_LEVEL_KEYS) or f"known sections: {', '.join(TOP_LEVEL_KEYS)}"


def read_dossier(raws: Sequence[RawFile], today: dt.date, *, warnings: bool = True) -> LoadResult:
    """Parse, validate and check every file; the dossier holds every valid record."""
    reader = _Reader()
    with collector.paused():
        for raw in raws:
            reader.read(raw)
        return reader.finish(today, warnings=warnings)
