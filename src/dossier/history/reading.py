"""Two versions of the data read for a diff: whole, or only the records whose text differs.

Reading is nearly all of a diff's time, and two versions mostly hold the same records
written the same way. `changed_only` reads, of each file both versions hold, the records
whose text (cut by `pieces`) is not in the other version, at their own lines; a file the
same in both is not read at all. The snapshots then hold only what may differ, which is all
`compare` needs: a record whose text is the same in both versions is the same record.

Text the same in both versions is not read again, so a fault in it goes unsaid, as in `log`;
a fault in a changed record makes its file unreadable in that version, as a whole read does.
Where the shortcut cannot be sure (a file `pieces` cannot cut, a changed settings line, an
id that also stands in text not read), both versions are read whole.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from dossier.datafile.text_check import check_bytes
from dossier.errors import Problem
from dossier.history.pieces import Cut, cut
from dossier.history.snapshot import (
    RecordVersion,
    Snapshot,
    in_commit,
    read_snapshot,
    record_items,
)
from dossier.history.versions import Version

_Read = tuple[list[RecordVersion], list[Problem]]

# An id as a record writes it (`id: x`, `"id": 'x'`), in text that is not read: a changed
# record with the same id would be a repeated id, which only a whole read settles. (Text
# that only ends like a key, `paid: 5`, counts too: it can only send a diff to a whole read.)
_ID = re.compile(rb"""id['"]?[ \t]*:[ \t]*['"]?([^\s'"#,{}\[\]]+)""")
_PLAIN_ID = re.compile(r"""[^\s'"#,{}\[\]]+""")


def whole(version: Version) -> Snapshot:
    """Every record of the version."""
    snapshot = read_snapshot(version.label, version.files, commit=version.commit)
    snapshot.single_file = version.single_file
    return snapshot


def changed_only(old: Version, new: Version) -> tuple[Snapshot, Snapshot]:
    """Both versions, each holding only the records that may differ from the other's."""
    old_files, new_files = dict(old.files), dict(new.files)
    old_read: dict[str, _Read] = {}
    new_read: dict[str, _Read] = {}
    unread: set[bytes] = set()
    for old_name, new_name in _counterparts(old, new):
        before, after = old_files.get(old_name), new_files.get(new_name)
        if before is None:
            assert after is not None  # the name is one of the two versions' files
            new_read[new_name] = record_items(after, new_name)
        elif after is None:
            old_read[old_name] = record_items(before, old_name)
        elif before == after:
            unread |= _ids_outside(before, [])
        else:
            pair = _changed_records(before, after, old_name, new_name)
            if pair is None:
                old_read[old_name] = record_items(before, old_name)
                new_read[new_name] = record_items(after, new_name)
            else:
                old_read[old_name], new_read[new_name], ids = pair
                unread |= ids
    if _may_repeat(_ids(old_read) | _ids(new_read), unread):
        return whole(old), whole(new)
    return _snapshot(old, old_read), _snapshot(new, new_read)


def _counterparts(old: Version, new: Version) -> list[tuple[str, str]]:
    """The files of the two versions to compare with each other: two plain files are one
    file's two versions; in folders and commits a file's name says which is which."""
    if old.single_file and new.single_file:
        return [(old.files[0][0], new.files[0][0])]
    names = {name for name, _ in old.files} | {name for name, _ in new.files}
    return [(name, name) for name in sorted(names)]


def _changed_records(
    before: bytes, after: bytes, old_name: str, new_name: str
) -> tuple[_Read, _Read, set[bytes]] | None:
    """The records of each version whose text the other lacks, and the ids written in the
    text both hold; None where the file has to be read whole."""
    checked = check_bytes(before, old_name), check_bytes(after, new_name)
    if any(c.problems or c.data is None for c in checked):
        return None
    old_cut, new_cut = cut(checked[0].data or b""), cut(checked[1].data or b"")
    if old_cut is None or new_cut is None or old_cut.skeleton() != new_cut.skeleton():
        return None
    if old_cut.sections.keys() != new_cut.sections.keys():
        return None
    old_keep: dict[str, list[int]] = {}
    new_keep: dict[str, list[int]] = {}
    for section in old_cut.sections:
        old_texts, new_texts = old_cut.texts(section), new_cut.texts(section)
        old_keep[section] = _unmatched(old_texts, new_texts)
        new_keep[section] = _unmatched(new_texts, old_texts)
    read = [new_cut.sections[s].items[i] for s, indices in new_keep.items() for i in indices]
    unread = _ids_outside(new_cut.data, read)
    return _read(old_cut, old_keep, old_name), _read(new_cut, new_keep, new_name), unread


def _unmatched(texts: list[bytes], others: list[bytes]) -> list[int]:
    """The indices of `texts` that `others` does not hold (as many times as they repeat)."""
    left = Counter(others)
    unmatched = []
    for index, text in enumerate(texts):
        if left[text]:
            left[text] -= 1
        else:
            unmatched.append(index)
    return unmatched


def _read(file_cut: Cut, keep: dict[str, list[int]], name: str) -> _Read:
    keep = {section: indices for section, indices in keep.items() if indices}
    if not keep:
        return [], []
    return record_items(file_cut.with_only(keep), name)


def _ids(read: dict[str, _Read]) -> set[str]:
    return {record.key[1] for records, _ in read.values() for record in records}


def _ids_outside(data: bytes, spans: list[tuple[int, int]]) -> set[bytes]:
    """The ids written in `data` outside `spans` (sorted, not overlapping)."""
    starts = [start for start, _ in spans]
    ids = set()
    for match in _ID.finditer(data):
        at = bisect.bisect_right(starts, match.start()) - 1
        if at < 0 or match.start() >= spans[at][1]:
            ids.add(match[1])
    return ids


def _may_repeat(ids: set[str], unread: set[bytes]) -> bool:
    """Whether a record read may share its id with one in text not read."""
    return any(
        not _PLAIN_ID.fullmatch(record_id) or record_id.encode("utf-8") in unread
        for record_id in ids
    )


def _snapshot(version: Version, read: dict[str, _Read]) -> Snapshot:
    """The records read of a version, in the order of its files: where an id repeats, the
    first one counts, as in a whole read."""
    snapshot = Snapshot(version.label, single_file=version.single_file)
    for file, _ in version.files:
        if file not in read:
            continue
        records, problems = read[file]
        if problems:
            snapshot.unreadable.add(file)
            snapshot.problems += [
                in_commit(p, version.commit) if version.commit else p for p in problems
            ]
        for record in records:
            snapshot.records.setdefault(record.key, record)
    return snapshot
